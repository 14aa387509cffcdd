// Who may talk to the emulator: the hosts it answers to (a DNS-rebinding page is refused), the
// page origins that may use the Frontend API (CORS, `origin_invalid`, `azp`), and the test
// controls, which only a test can use. Each attack is sent as a browser would send it.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { createEmulator } from '../../../src/emulator/index.js';
import { CONTROL_HEADERS, errorCode, FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

const site = mkdtempSync(join(tmpdir(), 'emulator-site-'));
writeFileSync(join(site, 'index.html'), '<!doctype html><title>the page</title>');
const logged: string[] = [];
const env = await startEmulator({ allowedOrigins: ['http://localhost:3000'], log: (line) => logged.push(line) });
const freshUser = userFactory(env.emulator, 'origins');
const port = new URL(env.url).port;
const own = `http://127.0.0.1:${port}`;
const foreign = `http://127.0.0.1:${Number(port) === 9999 ? 9998 : 9999}`;
after(() => env.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with exactly these headers (fetch would not let a test set Host or Origin freely). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string, to = env.url): Promise<Raw> {
  const url = new URL(to);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (res: Raw) => JSON.parse(res.text).errors?.[0]?.code;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A user signed in on a client, as a browser tab would be. */
async function signedIn() {
  const email = await freshUser({ totp_secret: undefined, backup_codes: undefined, phone_number: undefined });
  const c = env.client();
  const done = (await c.signIn(email, PASSWORD)).body.response;
  assert.equal(done.status, 'complete');
  return { email, c, sessionId: done.created_session_id as string };
}

describe('the Host header', () => {
  test('a foreign host is refused with 421 host_invalid naming the option, for every path', async () => {
    for (const path of ['/__clerk/v1/environment', '/__clerk/v1/client', '/__clerk/_emulator/messages', '/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js']) {
      const res = await raw('GET', path, { host: 'rebind.attacker.example', ...CONTROL_HEADERS });
      assert.equal(res.status, 421, path);
      const error = JSON.parse(res.text).errors[0];
      assert.equal(error.code, 'host_invalid');
      assert.match(error.long_message, /--allowed-host \(option allowedHosts\)/);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    }
  });

  test('simulated DNS rebinding: a page on the attacker\'s name that resolves to 127.0.0.1 reads neither the API nor the --static folder', async () => {
    const emulator = createEmulator({ users: [] });
    const server = await emulator.listen({ staticDir: site });
    try {
      const rebound = { host: `rebind.attacker.example:${new URL(server.url).port}`, origin: `http://rebind.attacker.example:${new URL(server.url).port}` };
      const page = await raw('GET', '/', rebound, undefined, server.url);
      assert.equal(page.status, 421);
      assert.doesNotMatch(page.text, /the page/);
      const environment = await raw('GET', '/__clerk/v1/environment', rebound, undefined, server.url);
      assert.equal(environment.status, 421);
      assert.doesNotMatch(environment.text, /rebind\.attacker\.example\/|home_url/);
      // The same folder is served to the emulator's own names.
      assert.match((await raw('GET', '/', { host: `localhost:${new URL(server.url).port}` }, undefined, server.url)).text, /the page/);
    } finally {
      await server.close();
    }
  });

  test('answers localhost, 127.0.0.1 and [::1] on any port (Vite and the test runner mount it elsewhere), the address it listens on, and allowedHosts', async () => {
    for (const host of ['localhost:5173', '127.0.0.1:8000', '[::1]:4123', 'LOCALHOST', `127.0.0.1:${port}`]) {
      assert.equal((await raw('GET', '/__clerk/v1/environment', { host })).status, 200, host);
    }
    const named = createEmulator({ users: [], allowedHosts: ['app.test'] });
    const server = await named.listen({ host: '127.0.0.2' });
    try {
      for (const host of ['app.test:8080', 'APP.test', '127.0.0.2:1']) assert.equal((await raw('GET', '/__clerk/v1/environment', { host }, undefined, server.url)).status, 200, host);
      for (const host of ['app.test.attacker.example', 'sub.app.test', '127.0.0.3']) assert.equal((await raw('GET', '/__clerk/v1/environment', { host }, undefined, server.url)).status, 421, host);
      const environment = JSON.parse((await raw('GET', '/__clerk/v1/environment', { host: 'app.test:8080' }, undefined, server.url)).text);
      assert.equal(environment.display_config.home_url, 'http://app.test:8080/');
    } finally {
      await server.close();
    }
    assert.throws(() => createEmulator({ users: [], allowedHosts: ['http://app.test/'] }), /allowedHosts/);
  });

  test('a request without Host (HTTP/1.0) is refused too', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /__clerk/v1/environment HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.\d 421/);
    assert.match(answer, /host_invalid/);
  });
});

describe('page origins', () => {
  test('the emulator\'s own origin and the allowed ones get CORS headers; no other origin gets any', async () => {
    for (const origin of [own, 'http://localhost:3000']) {
      const res = await raw('GET', '/__clerk/v1/environment', { origin });
      assert.equal(res.status, 200, origin);
      assert.equal(res.headers['access-control-allow-origin'], origin);
      assert.equal(res.headers['access-control-allow-credentials'], 'true');
    }
    for (const origin of [foreign, 'null', 'http://localhost:3001', 'https://localhost:3000', 'http://evil.example', 'not an origin']) {
      const res = await raw('GET', '/__clerk/v1/environment', { origin });
      assert.equal(res.status, 403, origin);
      assert.equal(codeOf(res), 'origin_invalid');
      assert.equal(res.headers['access-control-allow-origin'], undefined, origin);
      assert.equal(res.headers['access-control-allow-credentials'], undefined, origin);
      const preflight = await raw('OPTIONS', '/__clerk/v1/client', { origin, 'access-control-request-method': 'POST' });
      assert.equal(preflight.status, 403, origin);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    }
    assert.equal((await raw('OPTIONS', '/__clerk/v1/client', { origin: 'http://localhost:3000' })).status, 204);
  });

  test('another port on 127.0.0.1 cannot read a signed-in client or mint a token, even with its cookie', async () => {
    const { c, sessionId } = await signedIn();
    const before = (await c.call('GET', '/v1/client')).body.response.sessions[0].last_active_token.jwt;
    const asPage = { origin: foreign, cookie: c.cookie, ...FORM };
    const read = await raw('GET', '/__clerk/v1/client', asPage);
    assert.equal(read.status, 403);
    assert.doesNotMatch(read.text, /sess_|eyJ/);
    for (const path of [`/v1/client/sessions/${sessionId}/tokens`, `/v1/client/sessions/${sessionId}/touch`, '/v1/client/sessions?_method=DELETE', '/v1/me/change_password']) {
      const res = await raw('POST', `/__clerk${path}`, asPage, 'current_password=x&new_password=another+pass+phrase+9');
      assert.equal(res.status, 403, path);
      assert.doesNotMatch(res.text, /eyJ/);
    }
    const after = (await c.call('GET', '/v1/client')).body.response;
    assert.equal(after.sessions[0].status, 'active', 'still signed in');
    assert.equal(after.sessions[0].last_active_token.jwt, before, 'no token minted');
    assert.ok(logged.some((line) => line.includes(`"${foreign}"`) && line.includes('--allowed-origin')), 'the log names the refused origin');
  });

  test('a cross-origin form post cannot sign in (no sign-in is created)', async () => {
    const email = await freshUser();
    const res = await raw('POST', '/__clerk/v1/client/sign_ins', { origin: 'null', ...FORM }, new URLSearchParams({ identifier: email, password: PASSWORD }).toString());
    assert.equal(res.status, 403);
    assert.equal(res.headers['set-cookie'], undefined, 'no client is created');
    const last = (await env.control('GET', '/requests')).body.requests.at(-1);
    assert.deepEqual([last.path, last.status], ['/__clerk/v1/client/sign_ins', 403]);
  });

  test('azp is the page\'s origin only when that origin is allowed, else the emulator\'s own', async () => {
    const { c, sessionId } = await signedIn();
    const allowed = await c.call('POST', `/v1/client/sessions/${sessionId}/tokens`, {}, { headers: { origin: 'http://localhost:3000', cookie: c.cookie, ...FORM } });
    assert.equal(decodeJwt(allowed.body.jwt).azp, 'http://localhost:3000');
    const server = await c.call('POST', `/v1/client/sessions/${sessionId}/tokens`);
    assert.equal(decodeJwt(server.body.jwt).azp, own);
  });

  test('a handshake sends the browser back to an allowed origin, never to another port or host', async () => {
    const handshake = (redirect: string) => fetch(`${env.base}/v1/client/handshake?redirect_url=${encodeURIComponent(redirect)}`, { redirect: 'manual' });
    for (const allowed of ['http://localhost:3000/dashboard?tab=1', `${own}/page`]) {
      const back = await handshake(allowed);
      assert.equal(back.status, 307, allowed);
      assert.equal(back.headers.get('location'), allowed);
    }
    for (const refused of ['http://localhost:3001/', `${foreign}/page`, 'https://localhost:3000/', 'http://localhost:3000.evil.test/']) {
      const answer = await handshake(refused);
      assert.equal(answer.status, 400, refused);
      assert.equal(answer.headers.get('location'), null);
    }
  });

  test('allowedOrigins must be origins: never null, a wildcard or a URL with a path', () => {
    for (const bad of ['null', '*', 'http://localhost:3000/app', 'localhost:3000', 'ftp://example.com', 'http://user:pw@example.com']) {
      assert.throws(() => createEmulator({ users: [], allowedOrigins: [bad] }), /allowedOrigins/, bad);
    }
    assert.doesNotThrow(() => createEmulator({ users: [], allowedOrigins: ['https://app.example.com', 'http://localhost:3000/'] }));
  });
});

describe('the test controls', () => {
  test('refuse anything without the X-Clerk-Emulator header, reads included (the inbox holds codes)', async () => {
    for (const [method, path] of [['GET', '/messages'], ['GET', '/requests'], ['GET', '/limits'], ['GET', '/faults'], ['POST', '/reset'], ['POST', '/sessions/sess_any/age']] as const) {
      const res = await raw(method, `/__clerk/_emulator${path}`, { 'content-type': 'application/json' }, method === 'POST' ? '{}' : undefined);
      assert.equal(res.status, 403, path);
      assert.equal(codeOf(res), 'emulator_control_header_missing');
      assert.match(JSON.parse(res.text).errors[0].long_message, /X-Clerk-Emulator: 1/);
    }
  });

  test('send no CORS headers, to any origin, and answer no preflight', async () => {
    for (const origin of [own, 'http://localhost:3000']) {
      const res = await raw('GET', '/__clerk/_emulator/messages', { ...CONTROL_HEADERS, origin });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      const preflight = await raw('OPTIONS', '/__clerk/_emulator/users', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-clerk-emulator, content-type' });
      assert.ok(preflight.status >= 400, `preflight ${preflight.status}`);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      assert.equal(preflight.headers['access-control-allow-headers'], undefined);
    }
  });

  test('what a hostile page can send (text/plain, no custom header, a foreign origin) changes nothing', async () => {
    const email = await freshUser();
    const limitsBefore = env.emulator.limits();
    const page = { origin: foreign, 'content-type': 'text/plain' };
    const attacks: Array<[string, unknown]> = [
      ['/users', { users: [{ email, password: 'attacker pass phrase' }] }],
      ['/limits', { lockoutAttempts: 1e12, signInAttemptLimit: 1e12 }],
      ['/faults', { faults: [{ match: '*', kind: 'hang' }] }],
      ['/reset', {}],
    ];
    for (const [path, body] of attacks) {
      for (const headers of [page, { ...page, 'x-clerk-emulator': '1' }, { ...CONTROL_HEADERS, origin: foreign }, { 'x-clerk-emulator': '1', 'content-type': 'text/plain' }]) {
        const res = await raw('POST', `/__clerk/_emulator${path}`, headers, JSON.stringify(body));
        assert.ok([403, 415].includes(res.status), `${path} ${JSON.stringify(headers)} -> ${res.status}`);
      }
    }
    assert.deepEqual(env.emulator.limits(), limitsBefore);
    assert.deepEqual(env.emulator.faults(), []);
    assert.equal((await env.client().signIn(email, PASSWORD)).body.response.status, 'needs_second_factor', 'the password is unchanged');
    assert.equal(errorCode(await env.client().signIn(email, 'attacker pass phrase')), 'form_password_incorrect');
    const inbox = await raw('GET', '/__clerk/_emulator/messages', { origin: foreign });
    assert.equal(inbox.status, 403);
    assert.doesNotMatch(inbox.text, /"code":"\d{6}"/);
  });

  test('a test with the header and JSON uses them as before', async () => {
    const c = new FapiClient(env.base);
    assert.equal((await env.control('GET', '/messages')).status, 200);
    assert.equal((await env.control('POST', '/reset')).status, 200);
    assert.deepEqual((await c.call('GET', '/v1/client')).body, { response: null, client: null });
    const json = await raw('POST', '/__clerk/_emulator/limits', { ...CONTROL_HEADERS, 'content-type': 'application/json; charset=utf-8' }, '{}');
    assert.equal(json.status, 200);
  });
});
