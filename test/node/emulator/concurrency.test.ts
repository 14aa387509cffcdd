// The lockout and the limits against bursts: many requests at once, each from a new client, as an
// attacker who rotates clients sends them. Password and code checks are asynchronous, so the
// lockout must hold for the checks in flight, not only one request at a time.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, type FapiClient, type Reply, PASSWORD, startEmulator } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock, passwordHashing: 'strong' });
after(() => env.close());

let n = 0;
async function freshUser(extra: Record<string, unknown> = {}): Promise<string> {
  const email = `burst${++n}@example.com`;
  await env.emulator.addUsers([{ email, password: PASSWORD, ...extra }]);
  return email;
}

/** How many answers had each outcome: `signed in` for a 200, else the error code. */
function tally(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const outcome = reply.status === 200 ? 'signed in' : String(errorCode(reply));
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** `total` password sign-ins sent at once, each from a new client; only the one at `rightAt` has the right password. */
function passwordBurst(email: string, total: number, rightAt: number): Promise<Reply[]> {
  return Promise.all(Array.from({ length: total }, (_, i) => env.client().signIn(email, i === rightAt ? PASSWORD : `wrong guess ${i}`)));
}

describe('a burst of wrong passwords from 200 new clients', () => {
  test('0 sign-ins past the lockout, with the right password as request 100 (lockout alone)', async () => {
    clock += 3_600_000;
    // The per-identifier limit raised, so the lockout alone is measured.
    const email = await freshUser({ limits: { identifierLimit: 1_000, lockoutAttempts: 10 } });
    const replies = await passwordBurst(email, 200, 100);
    const outcomes = tally(replies);
    console.log(`# lockout burst: 200 requests, ${JSON.stringify(outcomes)}`);
    assert.equal(outcomes['signed in'] ?? 0, 0, 'no sign-in past the lockout');
    assert.deepEqual(Object.keys(outcomes).sort(), ['form_password_incorrect', 'too_many_requests', 'user_locked']);
    // Exactly the 10 allowed tries were checked: 9 answered incorrect, the 10th locked the user.
    assert.equal(outcomes.form_password_incorrect, 9);
    const locked = await env.client().signIn(email, PASSWORD);
    assert.equal(errorCode(locked), 'user_locked', 'the right password is refused afterwards too');
    assert.equal(locked.body.errors[0].meta.lockout_expires_in_seconds, 3600);
  });

  test('0 sign-ins with the default limits: the per-identifier limit stops the burst first', async () => {
    clock += 3_600_000;
    const email = await freshUser();
    const outcomes = tally(await passwordBurst(email, 200, 100));
    console.log(`# default limits burst: 200 requests, ${JSON.stringify(outcomes)}`);
    assert.equal(outcomes['signed in'] ?? 0, 0);
    assert.ok(outcomes.too_many_requests! >= 180, `at most 20 tries per identifier in 10 s: ${JSON.stringify(outcomes)}`);
    assert.ok((outcomes.form_password_incorrect ?? 0) <= 9);
  });

  test('checks in flight never exceed what is left before the lockout', async () => {
    clock += 3_600_000;
    const email = await freshUser({ limits: { identifierLimit: 1_000, lockoutAttempts: 5 } });
    // Two failures first: three tries are left.
    for (let i = 0; i < 2; i++) assert.equal(errorCode(await env.client().signIn(email, `bad ${i}`)), 'form_password_incorrect');
    const outcomes = tally(await passwordBurst(email, 20, -1));
    assert.equal(outcomes.form_password_incorrect, 2);
    assert.equal(outcomes.user_locked! + outcomes.too_many_requests!, 18);
  });
});

describe('a burst of wrong codes', () => {
  test('0 sign-ins past the lockout when 40 clients who know the password guess TOTP codes at once', async () => {
    clock += 3_600_000;
    const email = await freshUser({ totp_secret: ADA.totp_secret, limits: { identifierLimit: 1_000, signInCreateLimit: 1_000, lockoutAttempts: 10 } });
    const clients = Array.from({ length: 40 }, () => env.client());
    const signIns: string[] = [];
    for (const client of clients) {
      const created = await client.signIn(email, PASSWORD);
      assert.equal(created.body.response.status, 'needs_second_factor');
      signIns.push(created.body.response.id);
    }
    const right = new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate({ timestamp: clock });
    const wrong = right === '000000' ? '111111' : '000000';
    const replies = await Promise.all(clients.map((client, i) => client.attempt(signIns[i]!, 'totp', i === 20 ? right : wrong)));
    const outcomes = tally(replies);
    assert.equal(outcomes['signed in'] ?? 0, 0, JSON.stringify(outcomes));
    assert.equal(outcomes.form_code_incorrect, 9);
    assert.equal(errorCode(await clients[0]!.attempt(signIns[0]!, 'totp', right)), 'user_locked');
  });
});

describe('a burst of wrong codes and passwords from a signed-in session', () => {
  const generous = { identifierLimit: 1_000, signInAttemptLimit: 1_000, codeMaxAttempts: 1_000, lockoutAttempts: 10 };
  const wrongOf = (right: string) => (right === '000000' ? '111111' : '000000');

  /** Signs a new user (no second factor, one unverified number) in on a new client: the client and the session id. */
  async function signedIn() {
    clock += 3_600_000;
    const email = await freshUser({ phone_numbers: [{ phone_number: '+15555550180', verified: false }], limits: generous });
    const c = env.client();
    const sid: string = (await c.signIn(email, PASSWORD)).body.response.created_session_id;
    return { c, sid };
  }

  // Each endpoint: where a try goes, its form for a given secret, and the right secret, once set up.
  const endpoints: Array<[string, (c: FapiClient, sid: string) => Promise<{ path: string; form: (secret: string) => Record<string, string>; right: string }>]> = [
    [
      'the session verify step (the password)',
      async (c, sid) => {
        await c.call('POST', `/v1/client/sessions/${sid}/verify`, { level: 'first_factor' });
        return { path: `/v1/client/sessions/${sid}/verify/attempt_first_factor`, form: (password) => ({ strategy: 'password', password }), right: PASSWORD };
      },
    ],
    [
      "a new phone number's SMS code",
      async (c) => {
        const id = (await c.call('GET', '/v1/me')).body.response.phone_numbers[0].id;
        await c.call('POST', `/v1/me/phone_numbers/${id}/prepare_verification`, { strategy: 'phone_code' });
        return { path: `/v1/me/phone_numbers/${id}/attempt_verification`, form: (code) => ({ code }), right: env.emulator.messages().at(-1)!.code };
      },
    ],
    [
      "a new authenticator app's code",
      async (c) => {
        const secret = new URL((await c.call('POST', '/v1/me/totp')).body.response.uri).searchParams.get('secret')!;
        return { path: '/v1/me/totp/attempt_verification', form: (code) => ({ code }), right: new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock }) };
      },
    ],
  ];

  for (const [name, setUp] of endpoints) {
    test(`${name}: 40 tries at once, the right one as try 20, check no more than the lockout allows and none passes`, async () => {
      const { c, sid } = await signedIn();
      const { path, form, right } = await setUp(c, sid);
      const wrong = right === PASSWORD ? 'a wrong guess' : wrongOf(right);
      const outcomes = tally(await Promise.all(Array.from({ length: 40 }, (_, i) => c.call('POST', path, form(i === 20 ? right : wrong)))));
      assert.equal(outcomes['signed in'] ?? 0, 0, JSON.stringify(outcomes));
      assert.equal(outcomes[right === PASSWORD ? 'form_password_incorrect' : 'form_code_incorrect'], 9, JSON.stringify(outcomes));
      assert.equal(errorCode(await c.call('POST', path, form(right))), 'user_locked');
    });
  }
});

describe('the per-identifier limit', () => {
  test('does not depend on the client, and treats unknown and known identifiers alike', async () => {
    clock += 3_600_000;
    const email = await freshUser({ limits: { lockoutAttempts: 1_000 } });
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 21; i++) {
      known.push(String(errorCode(await env.client().signIn(email, 'wrong'))));
      unknown.push(String(errorCode(await env.client().signIn(`nobody${n}@example.com`, 'wrong'))));
    }
    assert.deepEqual(known, [...Array(20).fill('form_password_incorrect'), 'too_many_requests']);
    assert.deepEqual(unknown, [...Array(20).fill('form_identifier_not_found'), 'too_many_requests']);
    const limited = await env.client().signIn(email, PASSWORD);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '10');
    clock += 10_001;
    assert.equal((await env.client().signIn(email, PASSWORD)).body.response.status, 'complete');
  });

  test('is a limit like the others: an option, a user\'s own, and the limits test control', async () => {
    assert.equal(env.emulator.limits().identifierLimit, 20);
    const set = await env.control('POST', '/limits', { identifierLimit: 2 });
    assert.equal(set.body.limits.identifierLimit, 2);
    try {
      clock += 3_600_000;
      const email = await freshUser();
      const outcomes: unknown[] = [];
      for (let i = 0; i < 3; i++) outcomes.push(errorCode(await env.client().signIn(email, 'wrong')));
      assert.deepEqual(outcomes, ['form_password_incorrect', 'form_password_incorrect', 'too_many_requests']);
    } finally {
      await env.control('POST', '/limits', {});
    }
  });
});
