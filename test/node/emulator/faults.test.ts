import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { createEmulator, type FaultRule } from '../../../src/emulator/index.js';
import { ADA, CONTROL_HEADERS, errorCode, FapiClient, PASSWORD, startEmulator } from './helpers.js';

const env = await startEmulator();
after(() => env.close());

let n = 0;
async function freshUser(extra: Record<string, unknown> = {}) {
  const email = `fault${++n}@example.com`;
  await env.emulator.addUsers([{ ...ADA, email, ...extra }]);
  return email;
}
const totpCode = () => new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate();

/** Clears faults between tests even when one fails. */
function fresh(rules: FaultRule[]) {
  env.emulator.clearFaults();
  return env.emulator.setFaults(rules);
}

const SIGN_INS = 'POST /v1/client/sign_ins';

/** Waits for a request to reach the emulator (however loaded the machine). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('each fault kind, used up after `times`', () => {
  test('delay: the answer comes late but normal', async () => {
    const email = await freshUser();
    fresh([{ match: SIGN_INS, kind: 'delay', ms: 250, times: 1 }]);
    const c = env.client();
    const started = performance.now();
    const slow = await c.signIn(email, PASSWORD);
    assert.ok(performance.now() - started >= 240, 'the request was delayed');
    assert.equal(slow.body.response.status, 'needs_second_factor');
    assert.deepEqual(env.emulator.faults(), []);
  });

  test('server-error: 500 with a Clerk error body, then the retry succeeds', async () => {
    const email = await freshUser();
    const [rule] = fresh([{ match: SIGN_INS, kind: 'server-error', times: 1 }]);
    const c = env.client();
    const failed = await c.signIn(email, PASSWORD);
    assert.equal(failed.status, 500);
    assert.equal(errorCode(failed), 'internal_clerk_error');
    assert.equal(failed.body.errors[0].long_message, 'There was an internal error on our servers.');
    const logged = env.emulator.requests().at(-1)!;
    assert.equal(logged.status, 500);
    assert.equal(logged.fault, rule!.id);
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('server-error with another 5xx status', async () => {
    fresh([{ match: 'GET /v1/environment', kind: 'server-error', status: 503, times: 1 }]);
    const c = env.client();
    assert.equal((await c.call('GET', '/v1/environment')).status, 503);
    assert.equal((await c.call('GET', '/v1/environment')).status, 200);
  });

  test('bad-gateway: 502 with an HTML page, then the retry succeeds', async () => {
    const email = await freshUser();
    fresh([{ match: SIGN_INS, kind: 'bad-gateway', times: 1 }]);
    const c = env.client();
    const failed = await c.signIn(email, PASSWORD);
    assert.equal(failed.status, 502);
    assert.match(failed.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(String(failed.body), /<h1>502 Bad Gateway<\/h1>/);
    assert.equal(env.emulator.requests().at(-1)!.status, 502);
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('rate-limit: 429 too_many_requests with Retry-After, then the retry succeeds', async () => {
    const email = await freshUser();
    fresh([{ match: SIGN_INS, kind: 'rate-limit', retryAfter: 7, times: 1 }]);
    const c = env.client();
    const limited = await c.signIn(email, PASSWORD);
    assert.equal(limited.status, 429);
    assert.equal(errorCode(limited), 'too_many_requests');
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('malformed-json: a cut-off JSON body, then the retry succeeds', async () => {
    const email = await freshUser();
    fresh([{ match: SIGN_INS, kind: 'malformed-json', times: 1 }]);
    const c = env.client();
    const broken = await c.signIn(email, PASSWORD);
    assert.equal(broken.status, 200);
    assert.match(broken.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(typeof broken.body, 'string');
    assert.throws(() => JSON.parse(broken.body));
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('reset: the connection is reset without an answer, then the retry succeeds', async () => {
    const email = await freshUser();
    const [rule] = fresh([{ match: SIGN_INS, kind: 'reset', times: 1 }]);
    const c = env.client();
    await assert.rejects(c.signIn(email, PASSWORD), (error: Error & { cause?: { code?: string; message?: string } }) => {
      assert.equal(error.name, 'TypeError');
      assert.match(String(error.cause?.code ?? error.cause?.message), /ECONNRESET|UND_ERR_SOCKET|other side closed/);
      return true;
    });
    const logged = env.emulator.requests().at(-1)!;
    assert.equal(logged.status, 0);
    assert.equal(logged.fault, rule!.id);
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('hang: no answer until the client gives up, then the retry succeeds', async () => {
    const email = await freshUser();
    fresh([{ match: SIGN_INS, kind: 'hang', times: 1 }]);
    const c = env.client();
    const started = performance.now();
    const gaveUp = c.call('POST', '/v1/client/sign_ins', { identifier: email, password: PASSWORD }, { signal: AbortSignal.timeout(300) });
    await assert.rejects(gaveUp, (error: Error) => error.name === 'TimeoutError');
    assert.ok(performance.now() - started < 5000);
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('hang: a hung request is released when the faults are cleared or the emulator resets', async () => {
    const [rule] = fresh([{ match: 'GET /v1/client', kind: 'hang' }]);
    const c = env.client();
    const hung = c.call('GET', '/v1/client');
    await until(() => env.emulator.requests().some((r) => r.fault === rule!.id));
    env.emulator.clearFaults();
    await assert.rejects(hung, /fetch failed/);
    assert.equal((await c.call('GET', '/v1/client')).status, 200);

    // Removing one fault releases only the requests it hung.
    const [mine, other] = fresh([
      { match: 'GET /v1/client', kind: 'hang' },
      { match: 'GET /v1/environment', kind: 'hang' },
    ]);
    const hungByMine = c.call('GET', '/v1/client');
    const hungByOther = c.call('GET', '/v1/environment');
    let otherSettled = false;
    hungByOther.then(() => (otherSettled = true), () => (otherSettled = true));
    await until(() => env.emulator.faults().every((f) => f.hits === 1));
    env.emulator.clearFaults(mine!.id);
    await assert.rejects(hungByMine, /fetch failed/);
    assert.equal(otherSettled, false);
    assert.deepEqual(env.emulator.faults().map((f) => f.id), [other!.id]);
    env.emulator.clearFaults();
    await assert.rejects(hungByOther, /fetch failed/);

    const local = createEmulator({ users: [], faults: [{ match: '/v1/environment', kind: 'hang' }] });
    const server = await local.listen({});
    try {
      const waiting = fetch(`${server.url}/__clerk/v1/environment`);
      await until(() => local.faults()[0]!.hits === 1);
      local.reset();
      await assert.rejects(waiting, /fetch failed/);
      assert.deepEqual(local.faults(), []);
      assert.equal((await fetch(`${server.url}/__clerk/v1/environment`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('times: 2 fails twice; unlimited faults stay until cleared; remaining and hits are reported', async () => {
    const c = env.client();
    fresh([{ match: 'GET /v1/environment', kind: 'server-error', times: 2 }]);
    assert.equal((await c.call('GET', '/v1/environment')).status, 500);
    assert.equal(env.emulator.faults()[0]!.remaining, 1);
    assert.equal(env.emulator.faults()[0]!.hits, 1);
    assert.equal((await c.call('GET', '/v1/environment')).status, 500);
    assert.equal((await c.call('GET', '/v1/environment')).status, 200);

    fresh([{ match: 'GET /v1/environment', kind: 'server-error' }]);
    for (let i = 0; i < 3; i++) assert.equal((await c.call('GET', '/v1/environment')).status, 500);
    assert.equal(env.emulator.faults()[0]!.remaining, null);
    assert.equal(env.emulator.faults()[0]!.hits, 3);
    env.emulator.clearFaults();
    assert.equal((await c.call('GET', '/v1/environment')).status, 200);
  });
});

describe('matching requests', () => {
  test('path patterns: * is one segment, ** the rest; the method must match; _method counts', async () => {
    const email = await freshUser();
    const c = env.client();
    fresh([{ match: 'POST /v1/client/sign_ins/*/attempt_second_factor', kind: 'server-error', times: 1 }]);
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal(signIn.status, 'needs_second_factor', 'creating a sign-in is not matched');
    assert.equal((await c.call('GET', `/v1/client/sign_ins/${signIn.id}`)).status, 200, 'another method or path is not matched');
    assert.equal((await c.attempt(signIn.id, 'totp', totpCode())).status, 500);
    const done = await c.attempt(signIn.id, 'totp', totpCode());
    assert.equal(done.body.response.status, 'complete');

    fresh([{ match: 'DELETE /v1/client/sessions', kind: 'rate-limit', times: 1 }]);
    assert.equal((await c.call('DELETE', '/v1/client/sessions')).status, 429, 'POST ?_method=DELETE is a DELETE');

    fresh([{ match: '* /__clerk/v1/client/**', kind: 'server-error', times: 2 }]);
    assert.equal((await c.call('GET', '/v1/client')).status, 200, '/v1/client/** needs a segment after /client');
    assert.equal((await c.call('POST', '/v1/client/sign_ins', { identifier: email })).status, 500);
    assert.equal((await c.call('GET', '/v1/client/sign_ins/sia_x')).status, 500);
    assert.deepEqual(env.emulator.faults(), []);
  });

  test('scoped to a user: the identifier in the body, then the client whose sign-in or session is theirs', async () => {
    const alice = await freshUser();
    const bob = await freshUser();
    fresh([
      { match: SIGN_INS, kind: 'server-error', scope: { identifier: alice.toUpperCase() } },
      { match: 'POST /v1/client/sign_ins/*/attempt_second_factor', kind: 'server-error', scope: { identifier: alice } },
      { match: 'POST /v1/client/sessions/*/touch', kind: 'server-error', scope: { identifier: alice } },
    ]);
    const a = env.client();
    const b = env.client();
    assert.equal((await a.signIn(alice, PASSWORD)).status, 500);
    const bobSignIn = (await b.signIn(bob, PASSWORD)).body.response;
    const bobDone = (await b.attempt(bobSignIn.id, 'totp', totpCode())).body.response;
    assert.equal(bobDone.status, 'complete', 'another user is not affected');
    assert.equal((await b.call('POST', `/v1/client/sessions/${bobDone.created_session_id}/touch`, {})).status, 200);

    env.emulator.clearFaults(env.emulator.faults()[0]!.id);
    const aliceSignIn = (await a.signIn(alice, PASSWORD)).body.response;
    assert.equal((await a.attempt(aliceSignIn.id, 'totp', '123456')).status, 500, 'no identifier in the body: found through the client');
    env.emulator.clearFaults(env.emulator.faults()[0]!.id);
    const aliceDone = (await a.attempt(aliceSignIn.id, 'backup_code', ADA.backup_codes![0]!)).body.response;
    assert.equal(aliceDone.status, 'complete');
    assert.equal((await a.call('POST', `/v1/client/sessions/${aliceDone.created_session_id}/touch`, {})).status, 500, 'found through the session');
  });

  test('scoped to a client (cookie or dev browser token) or to a Referer', async () => {
    const email = await freshUser();
    const a = env.client();
    const b = env.client();
    await a.call('POST', '/v1/client', {});
    const cookie = a.cookies.get('__client')!;
    fresh([{ match: '/v1/environment', kind: 'server-error', scope: { client: cookie } }]);
    assert.equal((await a.call('GET', '/v1/environment')).status, 500);
    assert.equal((await b.call('GET', '/v1/environment')).status, 200);

    const dev = env.client();
    dev.devBrowser = (await dev.call('POST', '/v1/dev_browser')).body.id;
    fresh([{ match: SIGN_INS, kind: 'server-error', scope: { client: dev.devBrowser! } }]);
    assert.equal((await dev.signIn(email, PASSWORD)).status, 500);
    assert.equal((await b.signIn(email, PASSWORD)).status, 200);

    fresh([{ match: '/v1/environment', kind: 'rate-limit', scope: { referer: 'wtr-session-id=abc' } }]);
    const fromPage = (referer: string) => fetch(`${env.base}/v1/environment`, { headers: { referer } });
    assert.equal((await fromPage('http://localhost:8000/?wtr-session-id=abc')).status, 429);
    assert.equal((await fromPage('http://localhost:8000/?wtr-session-id=xyz')).status, 200);
    env.emulator.clearFaults();
  });

  test('the faults option applies from the start', async () => {
    const local = await startEmulator({ faults: [{ match: 'GET /v1/environment', kind: 'server-error', times: 1 }] });
    try {
      const c = local.client();
      assert.equal((await c.call('GET', '/v1/environment')).status, 500);
      assert.equal((await c.call('GET', '/v1/environment')).status, 200);
    } finally {
      await local.close();
    }
  });

  test('invalid rules are refused', () => {
    const bad: unknown[] = [
      { match: SIGN_INS, kind: 'explode' },
      { match: 'v1/client', kind: 'hang' },
      { match: 'POST GET /v1/client', kind: 'hang' },
      { match: 42, kind: 'hang' },
      { match: SIGN_INS, kind: 'server-error', status: 404 },
      { match: SIGN_INS, kind: 'hang', status: 500 },
      { match: SIGN_INS, kind: 'rate-limit', retryAfter: -1 },
      { match: SIGN_INS, kind: 'delay', retryAfter: 3 },
      { match: SIGN_INS, kind: 'delay', ms: Number.NaN },
      { match: SIGN_INS, kind: 'reset', times: 0 },
      { match: SIGN_INS, kind: 'reset', times: 1.5 },
      { match: SIGN_INS, kind: 'reset', scope: { email: 'x' } },
      { match: SIGN_INS, kind: 'reset', scope: { identifier: '' } },
      null,
    ];
    for (const rule of bad) assert.throws(() => env.emulator.setFaults([rule as FaultRule]), /invalid|must|not/, JSON.stringify(rule));
    assert.deepEqual(env.emulator.faults(), []);
  });
});

describe('the HTTP test control /__clerk/_emulator/faults', () => {
  const control = (method: string, path = '', body?: unknown) =>
    fetch(`${env.base}/_emulator/faults${path}`, {
      method,
      headers: CONTROL_HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test('adds, lists, removes one, clears all; reset clears too', async () => {
    env.emulator.clearFaults();
    const email = await freshUser();
    const added = await control('POST', '', {
      faults: [
        { match: SIGN_INS, kind: 'server-error', times: 1, scope: { identifier: email } },
        { match: 'GET /v1/environment', kind: 'delay', ms: 1 },
      ],
    });
    assert.equal(added.status, 200);
    const { faults } = await added.json();
    assert.equal(faults.length, 2);
    assert.match(faults[0].id, /^flt_\d+$/);
    assert.equal(faults[0].remaining, 1);

    const c = env.client();
    assert.equal((await c.signIn(email, PASSWORD)).status, 500);
    const listed = (await (await control('GET')).json()).faults;
    assert.deepEqual(listed.map((f: { id: string }) => f.id), [faults[1].id]);
    assert.equal((await c.signIn(email, PASSWORD)).status, 200);

    assert.equal((await control('DELETE', `/${faults[1].id}`)).status, 200);
    assert.equal((await control('DELETE', `/${faults[1].id}`)).status, 404);
    assert.equal((await control('DELETE', '/%E0%A4%A')).status, 400);

    await control('POST', '', { faults: [{ match: '/v1/environment', kind: 'server-error' }] });
    assert.equal((await c.call('GET', '/v1/environment')).status, 500);
    assert.deepEqual(await (await control('DELETE')).json(), { faults: [] });
    assert.equal((await c.call('GET', '/v1/environment')).status, 200);

    await control('POST', '', { faults: [{ match: '/v1/environment', kind: 'server-error' }] });
    await fetch(`${env.base}/_emulator/reset`, { method: 'POST', headers: CONTROL_HEADERS });
    assert.deepEqual((await (await control('GET')).json()).faults, []);
  });

  test('bad requests get Clerk-shaped 4xx errors', async () => {
    const missing = await control('POST', '', {});
    assert.equal(missing.status, 422);
    assert.equal((await missing.json()).errors[0].code, 'form_param_missing');
    const wrongKind = await control('POST', '', { faults: [{ match: SIGN_INS, kind: 'melt' }] });
    assert.equal(wrongKind.status, 422);
    assert.equal((await wrongKind.json()).errors[0].meta.param_name, 'kind');
    assert.equal((await control('POST', '', { faults: 'all' })).status, 422);
    assert.equal((await control('PUT', '', { faults: [] })).status, 405);
    assert.equal((await control('GET', '/flt_1')).status, 405);
    const badJson = await fetch(`${env.base}/_emulator/faults`, { method: 'POST', headers: CONTROL_HEADERS, body: '{"faults":' });
    assert.equal(badJson.status, 400);
    assert.deepEqual(env.emulator.faults(), []);
  });
});

test('a FapiClient keeps working after every kind of fault', async () => {
  const email = await freshUser();
  const c = new FapiClient(env.base);
  const kinds: FaultRule['kind'][] = ['server-error', 'bad-gateway', 'rate-limit', 'malformed-json', 'reset'];
  for (const kind of kinds) {
    fresh([{ match: 'GET /v1/client', kind, times: 1 }]);
    await c.call('GET', '/v1/client').catch(() => null);
  }
  assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
});
