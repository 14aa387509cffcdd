import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { createEmulator } from '../../../src/emulator/index.js';
import { constantTimeEqual, codesEqual, decodePasswordHash, digestCode, hashPassword, hashPasswordDigest, RateLimiter, verifyPassword } from '../../../src/emulator/security.js';
import { ADA, errorCode, PASSWORD, startEmulator } from './helpers.js';

// Count every constant-time comparison and every scrypt run the emulator makes. Node keeps the
// named exports of its built-in modules in step with the module object after
// syncBuiltinESMExports(), so the emulator's own imports see these wrappers.
const calls = { timingSafeEqual: 0, scrypt: 0 };
const realTimingSafeEqual = crypto.timingSafeEqual;
const realScrypt = crypto.scrypt;
crypto.timingSafeEqual = ((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
  calls.timingSafeEqual += 1;
  return realTimingSafeEqual(a, b);
}) as typeof crypto.timingSafeEqual;
crypto.scrypt = ((...args: unknown[]) => {
  calls.scrypt += 1;
  return (realScrypt as (...a: unknown[]) => void)(...args);
}) as typeof crypto.scrypt;
syncBuiltinESMExports();
after(() => {
  crypto.timingSafeEqual = realTimingSafeEqual;
  crypto.scrypt = realScrypt;
  syncBuiltinESMExports();
});

let clock = Date.now();
const env = await startEmulator({ now: () => clock, passwordHashing: 'strong' });
after(() => env.close());

let n = 0;
async function freshUser(extra: Record<string, unknown> = {}) {
  const email = `sec${++n}@example.com`;
  await env.emulator.addUsers([{ ...ADA, email, ...extra }]);
  return email;
}
const totpCode = (at = clock) => new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate({ timestamp: at });

/** Counts comparisons and hashes made while `action` runs. */
async function counting(action: () => Promise<unknown>) {
  const before = { ...calls };
  await action();
  return { timingSafeEqual: calls.timingSafeEqual - before.timingSafeEqual, scrypt: calls.scrypt - before.scrypt };
}

describe('listening', () => {
  test('refuses any address but loopback unless asked', async () => {
    const emulator = createEmulator({ users: [] });
    for (const host of ['0.0.0.0', '::', '', '192.0.2.10', '10.0.0.1', 'example.com', 'localhost.example.com', '::ffff:10.0.0.1']) {
      await assert.rejects(emulator.listen({ host }), /refusing to listen on non-loopback address/, `host ${JSON.stringify(host)}`);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost']) {
      const server = await emulator.listen({ host });
      assert.equal((await fetch(`${server.url}/__clerk/v1/environment`)).status, 200, host);
      await server.close();
    }
    const exposed = await emulator.listen({ host: '0.0.0.0', allowNonLoopback: true });
    assert.match(exposed.url, /^http:\/\/0\.0\.0\.0:\d+$/);
    await exposed.close();
  });
});

describe('constant-time comparisons', () => {
  test('constantTimeEqual: equal, different, different lengths and empty inputs, never throwing', () => {
    assert.equal(constantTimeEqual('123456', '123456'), true);
    assert.equal(constantTimeEqual(Buffer.from('k3n8-x2q9'), 'k3n8-x2q9'), true);
    assert.equal(constantTimeEqual('123456', '123457'), false);
    assert.equal(constantTimeEqual('123456', '1234567'), false);
    assert.equal(constantTimeEqual('', 'x'.repeat(100_000)), false);
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('ä', 'a\u0308'), false);
    assert.equal(constantTimeEqual(Buffer.alloc(32), Buffer.alloc(31)), false);
  });

  test('codes and passwords of any length compare without throwing', async () => {
    const digest = digestCode('k3n8-x2q9');
    for (const candidate of ['', 'k3n8', 'k3n8-x2q9-extra', 'x'.repeat(70_000), '\u0000']) assert.equal(codesEqual(candidate, digest), false);
    assert.equal(codesEqual('k3n8-x2q9', digest), true);
    const stored = await hashPassword('pass phrase');
    assert.equal(await verifyPassword('pass phrase', stored), true);
    assert.equal(await verifyPassword('pass phrase', { ...stored, hash: stored.hash.subarray(0, 16) }), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  test('every password, TOTP, backup code and SMS code check goes through timingSafeEqual, passwords through scrypt', async () => {
    const email = await freshUser({ limits: { signInAttemptLimit: 100, signInCreateLimit: 100 } });
    const c = env.client();
    const wrongPassword = await counting(() => c.signIn(email, 'not the password'));
    assert.equal(wrongPassword.scrypt, 1);
    assert.ok(wrongPassword.timingSafeEqual >= 1);

    let signIn: { id: string } = { id: '' };
    const rightPassword = await counting(async () => (signIn = (await c.signIn(email, PASSWORD)).body.response));
    assert.equal(rightPassword.scrypt, 1);
    assert.ok(rightPassword.timingSafeEqual >= 1);

    const totp = await counting(() => c.attempt(signIn.id, 'totp', totpCode() === '000000' ? '111111' : '000000'));
    assert.ok(totp.timingSafeEqual >= 3, `TOTP compares the previous, current and next step: ${totp.timingSafeEqual}`);
    const backup = await counting(() => c.attempt(signIn.id, 'backup_code', 'zzzz-zzzz'));
    assert.ok(backup.timingSafeEqual >= ADA.backup_codes!.length, 'every backup code is compared');

    await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'phone_code' });
    const sent = env.emulator.messages().at(-1)!.code;
    const sms = await counting(() => c.attempt(signIn.id, 'phone_code', sent === '000000' ? '111111' : '000000'));
    assert.ok(sms.timingSafeEqual >= 1);
    const right = await counting(async () => assert.equal((await c.attempt(signIn.id, 'phone_code', sent)).body.response.status, 'complete'));
    assert.ok(right.timingSafeEqual >= 1);
  });

  test('no secret is compared with == anywhere in the emulator', () => {
    const dir = new URL('../../../src/emulator/', import.meta.url);
    const secret = /password|passcode|code|secret|token|digest|jwt|hash/i;
    const literal = /^(['"`].*|null|undefined|true|false|\d+)$/;
    const offending: string[] = [];
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
      readFileSync(new URL(file, dir), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const [, left, , right] of line.matchAll(/([\w.$'"`\]\[?!]+)\s*(===|!==|==|!=)\s*([\w.$'"`\]\[]+)/g)) {
            const sides = [left!, right!];
            // Comparing a secret with a literal (presence checks) or a length is not a secret comparison.
            if (sides.some((side) => literal.test(side) || /\.length$/.test(side))) continue;
            if (sides.some((side) => secret.test(side))) offending.push(`${file}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    assert.deepEqual(offending, []);
  });
});

describe('no user enumeration beyond what Clerk reveals', () => {
  test('an unknown email costs one scrypt hash, like a known one with a wrong password', async () => {
    const c = env.client();
    const unknown = await counting(async () => assert.equal(errorCode(await c.signIn('nobody-at-all@example.com', 'some password')), 'form_identifier_not_found'));
    assert.equal(unknown.scrypt, 1);
    assert.ok(unknown.timingSafeEqual >= 1);
  });

  test('answer times for unknown and known emails are alike', async () => {
    const email = await freshUser({ limits: { signInCreateLimit: 1000, lockoutAttempts: 1000 } });
    const c = env.client();
    const time = async (identifier: string) => {
      const started = performance.now();
      await c.signIn(identifier, 'wrong password');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 9; i++) {
      known.push(await time(email));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    console.log(`# password check: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (median of 9)`);
    // Without the decoy hash an unknown email answers about 50x faster than a known one.
    assert.ok(ratio > 0.33 && ratio < 3, `unknown/known answer time ratio ${ratio.toFixed(2)}`);
  });

  test('the per-client sign-in limit treats unknown and known emails the same', async () => {
    clock += 60_000;
    const email = await freshUser();
    const c = env.client();
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(String(errorCode(await c.signIn(email, 'wrong password'))));
      unknown.push(String(errorCode(await c.signIn('phantom@example.com', 'wrong password'))));
    }
    assert.deepEqual(known, [...Array(5).fill('form_password_incorrect'), 'too_many_requests']);
    assert.deepEqual(unknown, [...Array(5).fill('form_identifier_not_found'), 'too_many_requests']);
    const a = await c.signIn(email, PASSWORD);
    const b = await c.signIn('phantom@example.com', PASSWORD);
    assert.equal(a.headers.get('retry-after'), b.headers.get('retry-after'));
  });

  test('case and surrounding spaces of an email do not matter', async () => {
    const email = await freshUser();
    const c = env.client();
    assert.equal((await c.signIn(`  ${email.toUpperCase()} `, PASSWORD)).body.response.status, 'needs_second_factor');
  });
});

describe('lockout', () => {
  test('locks the user on every client and every step, keeps the correct password out, and unlocks after the lockout', async () => {
    clock += 60_000;
    const email = await freshUser({ limits: { signInCreateLimit: 100, signInAttemptLimit: 100, lockoutAttempts: 4, lockoutSeconds: 120 } });
    const attacker = env.client();
    const owner = env.client();
    const ownerSignIn = (await owner.signIn(email, PASSWORD)).body.response;
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await attacker.signIn(email, `guess ${i}`)), 'form_password_incorrect');
    const locked = await attacker.signIn(email, 'guess 3');
    assert.equal(locked.status, 403);
    assert.equal(errorCode(locked), 'user_locked');
    assert.equal(locked.body.errors[0].meta.lockout_expires_in_seconds, 120);

    const hashes = await counting(async () => assert.equal(errorCode(await owner.signIn(email, PASSWORD)), 'user_locked'));
    assert.equal(hashes.scrypt, 0, 'a locked user is refused before any password check');
    assert.equal(errorCode(await owner.attempt(ownerSignIn.id, 'totp', totpCode())), 'user_locked', 'the sign-in begun before the lock is stopped too');
    assert.equal(errorCode(await owner.call('POST', `/v1/client/sign_ins/${ownerSignIn.id}/prepare_second_factor`, { strategy: 'phone_code' })), 'user_locked');

    clock += 60_000;
    assert.equal((await owner.signIn(email, PASSWORD)).body.errors[0].meta.lockout_expires_in_seconds, 60);
    clock += 60_001;
    const again = (await owner.signIn(email, PASSWORD)).body.response;
    assert.equal(again.status, 'needs_second_factor');
    assert.equal((await owner.attempt(again.id, 'totp', totpCode())).body.response.status, 'complete');
  });

  test('failures through the identifier-first password step count; the right password alone does not clear them', async () => {
    clock += 60_000;
    const email = await freshUser({ limits: { signInCreateLimit: 100, signInAttemptLimit: 100, lockoutAttempts: 3 } });
    const c = env.client();
    const first = (await c.call('POST', '/v1/client/sign_ins', { identifier: email })).body.response;
    const attempt = (password: string) => c.call('POST', `/v1/client/sign_ins/${first.id}/attempt_first_factor`, { strategy: 'password', password });
    assert.equal(errorCode(await attempt('bad 1')), 'form_password_incorrect');
    assert.equal(errorCode(await attempt('bad 2')), 'form_password_incorrect');
    assert.equal((await attempt(PASSWORD)).body.response.status, 'needs_second_factor');
    // Otherwise someone holding the password could guess second-factor codes without end.
    assert.equal(errorCode(await c.attempt(first.id, 'backup_code', 'guess')), 'user_locked');
  });

  test('a completed sign-in starts the count again', async () => {
    clock += 60_000;
    const email = await freshUser({ limits: { signInCreateLimit: 100, signInAttemptLimit: 100, lockoutAttempts: 3 } });
    const c = env.client();
    assert.equal(errorCode(await c.signIn(email, 'bad 1')), 'form_password_incorrect');
    assert.equal(errorCode(await c.signIn(email, 'bad 2')), 'form_password_incorrect');
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal((await c.attempt(signIn.id, 'totp', totpCode())).body.response.status, 'complete');
    const other = env.client();
    assert.equal(errorCode(await other.signIn(email, 'bad 3')), 'form_password_incorrect');
    assert.equal(errorCode(await other.signIn(email, 'bad 4')), 'form_password_incorrect');
    assert.equal(errorCode(await other.signIn(email, 'bad 5')), 'user_locked');
  });

  test('unknown emails never lock and never answer user_locked', async () => {
    clock += 60_000;
    const c = env.client();
    for (let i = 0; i < 12; i++) {
      clock += 2_001;
      assert.equal(errorCode(await c.signIn('never-there@example.com', 'wrong')), 'form_identifier_not_found');
    }
  });
});

describe('rate limits', () => {
  test('the identifier-first password step is limited per client: 3 per 10 s with Retry-After', async () => {
    clock += 60_000;
    const email = await freshUser();
    const c = env.client();
    const signIn = (await c.call('POST', '/v1/client/sign_ins', { identifier: email })).body.response;
    const attempt = () => c.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, { strategy: 'password', password: 'bad' });
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await attempt()), 'form_password_incorrect');
    const limited = await attempt();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '10');
    clock += 4_000;
    assert.equal((await attempt()).headers.get('retry-after'), '6', 'Retry-After counts down');
    clock += 6_001;
    assert.equal(errorCode(await attempt()), 'form_password_incorrect');
  });

  test('a rate-limited request does not count towards the lockout', async () => {
    clock += 60_000;
    const email = await freshUser({ limits: { lockoutAttempts: 5 } });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'bad')), 'form_code_incorrect');
    for (let i = 0; i < 5; i++) assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'bad')), 'too_many_requests');
    clock += 10_001;
    assert.equal((await c.attempt(signIn.id, 'backup_code', ADA.backup_codes![1]!)).body.response.status, 'complete');
  });
});

describe('the rate limiter itself', () => {
  test('counts per key in a sliding window, stores long keys as digests and forgets idle keys', () => {
    const limiter = new RateLimiter();
    const t = 1_000_000;
    assert.equal(limiter.hit('a', 2, 10_000, t), 0);
    assert.equal(limiter.hit('a', 2, 10_000, t + 1_000), 0);
    assert.equal(limiter.hit('a', 2, 10_000, t + 2_000), 8);
    assert.equal(limiter.hit('a', 2, 10_000, t + 10_001), 0, 'the first hit left the window');
    const long = 'x'.repeat(65_000);
    assert.equal(limiter.hit(long, 1, 10_000, t), 0);
    assert.equal(limiter.hit(long, 1, 10_000, t), 10);
    assert.equal(limiter.hit(`${long}y`, 1, 10_000, t), 0, 'digests keep long keys apart');
    for (let i = 0; i < 10_000; i++) limiter.hit(`identifier ${i}`, 5, 10_000, t);
    assert.ok(limiter.size <= 10_003);
    for (let i = 0; i < 10_000; i++) limiter.hit('busy', 1_000_000, 10_000, t + 60_000);
    assert.equal(limiter.size, 1, 'keys idle for longer than their window are forgotten');
  });
});

describe('password digests', () => {
  test('a user loaded from a digest signs in with the password; malformed digests are refused', async () => {
    const digest = await hashPasswordDigest('digest pass phrase');
    assert.match(digest, /^scrypt:16384:8:1\$[\w-]{22}\$[\w-]{43}$/);
    assert.ok(decodePasswordHash(digest));
    const email = `digest${++n}@example.com`;
    const hashes = await counting(() => env.emulator.addUsers([{ email, password: 'digest pass phrase', password_digest: digest }]));
    assert.equal(hashes.scrypt, 0, 'no hash spent on loading');
    const c = env.client();
    assert.equal((await c.signIn(email, 'digest pass phrase')).body.response.status, 'complete');
    assert.equal(errorCode(await env.client().signIn(email, 'another phrase')), 'form_password_incorrect');
    for (const bad of ['', 'plain text', digest.replace('16384', '1024'), `${digest}$x`, digest.slice(0, -4)]) {
      await assert.rejects(env.emulator.addUsers([{ email: `bad${++n}@example.com`, password: 'x', password_digest: bad }]), /password_digest/, bad);
    }
  });
});
