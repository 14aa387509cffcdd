/**
 * The simulated browsers of `npm run soak`, in a worker thread of their own (browsers do not run
 * in the emulator's process): each signs its own user in over HTTP as clerk-js does (environment
 * and client, password, TOTP, touch, token), verifies its token against the JWKS, then reads its
 * client again to see its session still active. Given `{ url, password, users, timeoutMs }`, posts
 * back what it measured.
 */
import { setMaxListeners } from 'node:events';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';

/** @type {{ url: string, password: string, users: Array<{ email: string, totp_secret: string }>, timeoutMs: number }} */
const { url, password, users, timeoutMs } = workerData;
const base = new URL(`${url}/__clerk`);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const deadline = AbortSignal.timeout(timeoutMs);
setMaxListeners(Infinity, deadline);

const requestTimes = [];
const signInTimes = [];
const errors = [];
const sessionIds = [];
let activeSessions = 0;
let requests = 0;

/** One Frontend API request, as clerk-js sends it (a form, the `__client` cookie). */
function call(method, path, cookie, form) {
  const body = form ? new URLSearchParams(form).toString() : method === 'POST' ? '' : undefined;
  const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: url };
  if (cookie) headers.cookie = cookie;
  requests += 1;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: base.hostname, port: base.port, method, path: `${base.pathname}${path}`, headers, agent, signal: deadline }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        requestTimes.push(performance.now() - started);
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), setCookie: res.headers['set-cookie']?.find((value) => value.startsWith('__client=')) });
        } catch {
          reject(new Error(`${method} ${path}: not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function expect(reply, what) {
  if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply.body;
}

const jwks = createLocalJWKSet(expect(await call('GET', '/v1/jwks', ''), 'jwks'));

async function signIn(user, index) {
  const started = performance.now();
  let cookie = '';
  const step = async (method, path, what, form) => {
    const reply = await call(method, path, cookie, form);
    if (reply.setCookie) cookie = reply.setCookie.split(';')[0];
    return expect(reply, what);
  };
  try {
    await Promise.all([step('GET', '/v1/environment', 'environment'), step('GET', '/v1/client', 'client')]);
    const created = (await step('POST', '/v1/client/sign_ins', 'create sign-in', { identifier: user.email, password })).response;
    if (created.status !== 'needs_second_factor') throw new Error(`sign-in status ${created.status}`);
    const code = new TOTP({ secret: Secret.fromBase32(user.totp_secret) }).generate();
    const done = (await step('POST', `/v1/client/sign_ins/${created.id}/attempt_second_factor`, 'TOTP', { strategy: 'totp', code })).response;
    if (done.status !== 'complete' || !done.created_session_id) throw new Error(`second factor status ${done.status}`);
    const sessionId = done.created_session_id;
    const touched = (await step('POST', `/v1/client/sessions/${sessionId}/touch`, 'touch', {})).response;
    if (touched.id !== sessionId || touched.status !== 'active') throw new Error(`touch answered ${touched.id} ${touched.status}`);
    const { jwt } = await step('POST', `/v1/client/sessions/${sessionId}/tokens`, 'token', {});
    const { payload } = await jwtVerify(jwt, jwks);
    if (payload.sid !== sessionId || payload.sub !== touched.user.id) throw new Error('token names another session or user');
    signInTimes.push(performance.now() - started);
    sessionIds.push(sessionId);
  } catch (error) {
    errors.push(`client ${index}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Lost sessions: the client must still see its session, active and current.
  try {
    const client = expect(await call('GET', '/v1/client', cookie), 'client after sign-in').response;
    const session = client?.sessions?.find((s) => s.id === client.last_active_session_id);
    if (session?.status === 'active') activeSessions += 1;
  } catch (error) {
    errors.push(`client ${index} afterwards: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const started = performance.now();
try {
  await Promise.all(users.map((user, index) => signIn(user, index)));
} finally {
  agent.destroy();
}
parentPort.postMessage({ wallMs: performance.now() - started, requestTimes, signInTimes, errors, sessionIds, activeSessions, requests });
