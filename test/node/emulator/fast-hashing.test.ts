// `passwordHashing: 'fast'` (the CLI's --fast-hashing): a cheap scrypt for test suites, with every
// other behaviour of the default: the lockout under a burst of concurrent guesses, the decoy
// check for unknown emails, digests that say their own cost.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { after, describe, test } from 'node:test';
import { createEmulator } from '../../../src/emulator/index.js';
import { decodePasswordHash, hashPasswordDigest, verifyPassword } from '../../../src/emulator/security.js';
import { ADA, errorCode, PASSWORD, type Reply, startEmulator } from './helpers.js';

// The scrypt cost (N) of every password check the emulator makes.
const costs: number[] = [];
const realScrypt = crypto.scrypt;
crypto.scrypt = ((...args: unknown[]) => {
  costs.push((args[3] as { N: number }).N);
  return (realScrypt as (...a: unknown[]) => void)(...args);
}) as typeof crypto.scrypt;
syncBuiltinESMExports();
after(() => {
  crypto.scrypt = realScrypt;
  syncBuiltinESMExports();
});

let clock = Date.now();
const env = await startEmulator({ now: () => clock, passwordHashing: 'fast' });
after(() => env.close());

let n = 0;
async function freshUser(extra: Record<string, unknown> = {}) {
  const email = `fast${++n}@example.com`;
  await env.emulator.addUsers([{ ...ADA, email, ...extra }]);
  return email;
}

describe("passwordHashing: 'fast'", () => {
  test('signs in with the right password and refuses a wrong one, each checked once at N=16; an unknown email costs the same decoy check', async () => {
    const email = await freshUser();
    costs.length = 0;
    assert.equal((await env.client().signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
    assert.equal(errorCode(await env.client().signIn(email, 'not the password')), 'form_password_incorrect');
    assert.equal(errorCode(await env.client().signIn('nobody@example.com', 'a guess')), 'form_identifier_not_found');
    assert.deepEqual(costs, [16, 16, 16]);
  });

  test('0 sign-ins past the lockout in a burst of 200 concurrent guesses with the right password as request 100', async () => {
    clock += 3_600_000;
    const email = await freshUser({ limits: { identifierLimit: 1_000, lockoutAttempts: 10 } });
    const replies: Reply[] = await Promise.all(Array.from({ length: 200 }, (_, i) => env.client().signIn(email, i === 100 ? PASSWORD : `wrong guess ${i}`)));
    const outcomes: Record<string, number> = {};
    for (const reply of replies) {
      const outcome = reply.status === 200 ? 'signed in' : String(errorCode(reply));
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    assert.equal(outcomes['signed in'] ?? 0, 0);
    assert.equal(outcomes.form_password_incorrect, 9, 'exactly the 10 allowed tries were checked');
    assert.equal(errorCode(await env.client().signIn(email, PASSWORD)), 'user_locked');
  });

  test('digests carry their cost: a fast one reads back as N=16, and a default one still checks at N=16384 on a fast emulator', async () => {
    const fast = decodePasswordHash(await hashPasswordDigest(PASSWORD, 'fast'))!;
    assert.deepEqual(fast.cost, { N: 16, r: 1, p: 1 });
    assert.equal(await verifyPassword(PASSWORD, fast), true);
    const strong = await hashPasswordDigest(PASSWORD);
    assert.match(strong, /^scrypt:16384:8:1\$/);
    const email = await freshUser({ password_digest: strong });
    costs.length = 0;
    assert.equal((await env.client().signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
    assert.deepEqual(costs, [16384]);
  });

  test('is said once at start to be unsafe outside tests, through the log', () => {
    const lines: string[] = [];
    createEmulator({ users: [], passwordHashing: 'fast', log: (line) => lines.push(line) });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /password hashing: fast .*UNSAFE outside tests/);
    assert.throws(() => createEmulator({ users: [], passwordHashing: 'weak' as never }), /passwordHashing must be 'strong' or 'fast'/);
  });
});
