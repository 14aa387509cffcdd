import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { createEmulator } from '../../../src/emulator/index.js';
import { errorCode, startEmulator } from './helpers.js';

const env = await startEmulator();
after(() => env.close());

/** A raw request, for paths and bodies fetch() would normalize. */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const url = new URL(env.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('malformed requests get Clerk-shaped 4xx errors', async () => {
  const c = env.client();
  const unknown = await c.call('GET', '/v1/not_a_thing');
  assert.equal(unknown.status, 404);
  assert.equal(errorCode(unknown), 'resource_not_found');
  assert.ok(unknown.body.errors[0].message && unknown.body.errors[0].long_message);

  const wrongMethod = await c.call('DELETE', '/v1/environment');
  assert.equal(wrongMethod.status, 405);
  assert.equal(errorCode(wrongMethod), 'method_not_allowed');

  const badEncoding = await raw('POST', '/__clerk/v1/client/sign_ins', 'identifier=%E0%A4%A&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(badEncoding.status, 400);
  assert.equal(JSON.parse(badEncoding.body).errors[0].code, 'malformed_request');

  const badJson = await raw('POST', '/__clerk/v1/client/sign_ins', '{"identifier":', { 'content-type': 'application/json' });
  assert.equal(badJson.status, 400);

  const huge = await raw('POST', '/__clerk/v1/client/sign_ins', Buffer.alloc(70 * 1024, 'a'), { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(huge.status, 413);
  assert.equal(JSON.parse(huge.body).errors[0].code, 'request_body_too_large');
  assert.doesNotMatch(huge.body, /at .*\.ts/);

  const badUrl = await raw('GET', '/__clerk/v1/client?x=%');
  assert.ok(badUrl.status < 500);

  // The emulator still works afterwards.
  assert.equal((await c.call('GET', '/v1/environment')).status, 200);
});

test('serves the clerk-js build with content types and caching, and refuses path traversal', async () => {
  const script = await fetch(`${env.base}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(script.headers.get('cache-control') ?? '', /max-age/);
  const etag = script.headers.get('etag')!;
  assert.ok((await script.text()).length > 100_000);
  const cached = await fetch(`${env.base}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`, { headers: { 'if-none-match': etag } });
  assert.equal(cached.status, 304);

  for (const path of [
    '/__clerk/npm/@clerk/clerk-js@6/dist/../package.json',
    '/__clerk/npm/@clerk/clerk-js@6/dist/%2e%2e/package.json',
    '/__clerk/npm/@clerk/clerk-js@6/dist/..%2fpackage.json',
    '/__clerk/npm/@clerk/clerk-js@6/dist/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/__clerk/npm/@clerk/clerk-js@6/dist/..%5c..%5cpackage.json',
    '/__clerk/npm/@clerk/clerk-js@6/dist/%00',
    '/__clerk/npm/@clerk/clerk-js@6/dist/nope.js',
    '/__clerk/npm/@clerk/clerk-js@5/dist/clerk.browser.js',
  ]) {
    const res = await raw('GET', path);
    assert.ok(res.status === 404 || res.status === 400, `${path} -> ${res.status}`);
    assert.doesNotMatch(res.body, /"name":\s*"@clerk\/clerk-js"/);
  }
  assert.equal((await raw('POST', '/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js')).status, 405);
});

test('test controls: users, messages, requests, limits, reset', async () => {
  const post = (path: string, body: unknown) => env.control('POST', `/${path}`, body);
  assert.equal((await post('users', { users: [{ email: 'ctl@example.com', password: 'pass phrase 1' }] })).status, 200);
  assert.equal((await post('users', { users: [{ email: 'no-password@example.com' }] })).status, 422);
  assert.equal((await post('users', {})).status, 422);
  const c = env.client();
  assert.equal((await c.signIn('ctl@example.com', 'pass phrase 1')).body.response.status, 'complete');

  const requests = (await env.control('GET', '/requests')).body.requests;
  const last = requests.at(-1);
  assert.equal(last.method, 'POST');
  assert.equal(last.path, '/__clerk/v1/client/sign_ins');
  assert.equal(last.status, 200);
  assert.equal(typeof last.at, 'number');
  const clientId = (await c.call('GET', '/v1/client')).body.response.id;
  assert.equal(last.client, clientId);

  const limits = (await post('limits', { signInCreateLimit: 1 })).body;
  assert.equal(limits.limits.signInCreateLimit, 1);
  assert.equal(limits.limits.lockoutAttempts, 10);
  assert.equal((await post('limits', { nope: 1 })).status, 422);
  assert.equal((await post('limits', { codeTtlSeconds: 'x' })).status, 422);
  assert.equal((await post('limits', {})).body.limits.signInCreateLimit, 5);

  assert.equal((await post('reset', {})).status, 200);
  assert.deepEqual((await env.control('GET', '/messages')).body, { messages: [] });
  assert.deepEqual((await c.call('GET', '/v1/client')).body, { response: null, client: null });
  assert.equal((await c.signIn('ctl@example.com', 'pass phrase 1')).body.response.status, 'complete');
  assert.equal((await env.control('GET', '/nothing')).status, 404);
  assert.equal((await env.control('DELETE', '/users')).status, 405);
  assert.ok((await env.control('GET', '/users')).body.users.some((user: { email: string }) => user.email === 'ctl@example.com'));
});

test('responses to an allowed cross-origin page carry CORS headers for credentials', async () => {
  const allowing = await startEmulator({ allowedOrigins: ['http://localhost:5173'] });
  try {
    const res = await fetch(`${allowing.base}/v1/environment`, { headers: { origin: 'http://localhost:5173' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    const preflight = await fetch(`${allowing.base}/v1/client`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    assert.equal(preflight.status, 204);
  } finally {
    await allowing.close();
  }
});

test('handle() leaves other paths alone; middleware calls next(); listen refuses non-loopback', async () => {
  const emulator = createEmulator({ users: [] });
  let touched = false;
  const res = new Proxy({}, { get: () => () => (touched = true) }) as never;
  assert.equal(await emulator.handle({ url: '/other', method: 'GET', headers: {} } as never, res), false);
  assert.equal(await emulator.handle({ url: '/__clerkish', method: 'GET', headers: {} } as never, res), false);
  assert.equal(touched, false);
  await new Promise<void>((done) => emulator.middleware({ url: '/app.js', method: 'GET', headers: {} } as never, res, () => done()));
  await assert.rejects(emulator.listen({ host: '0.0.0.0' }), /non-loopback/);
});

test('the per-IP limit is loose but exists', async () => {
  const tight = await startEmulator({ limits: { ipLimit: 3 } });
  try {
    const c = tight.client();
    for (let i = 0; i < 3; i++) assert.equal((await c.call('GET', '/v1/environment')).status, 200);
    const limited = await c.call('GET', '/v1/environment');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  } finally {
    await tight.close();
  }
});
