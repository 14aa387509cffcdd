// Property-based tests of the emulator over HTTP: random methods, paths, query strings, headers,
// cookies and bodies (unicode, control characters, 100 KB strings, thousands of parameters,
// duplicate keys, bad percent-encoding, invalid UTF-8). Whatever arrives, the emulator answers
// with a Clerk-shaped JSON body below 500 (unless a fault was injected), never reflects input as
// markup, never crashes or leaves a promise rejected, and every Frontend API body still conforms
// to Clerk's spec (the conformance recorder of helpers.ts sees each one).
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { FAULT_KINDS, type FaultRule } from '../../../src/emulator/index.js';
import { ADA, FapiClient, PASSWORD, startEmulator } from './helpers.js';

/** At least this many generated inputs per run, across the properties below. */
const MIN_INPUTS = 10_000;
const RUNS = { anyRequest: 5_000, endpointBodies: 4_000, headers: 1_000, faults: 600 };

const problems: string[] = [];
process.on('unhandledRejection', (reason) => problems.push(`unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => problems.push(`uncaught exception: ${String(error)}`));
const internalErrors: string[] = [];

const env = await startEmulator({
  // Every request comes from 127.0.0.1; the per-IP limit would otherwise answer most of them with 429.
  limits: { ipLimit: 1_000_000_000 },
  log: (line) => {
    if (/internal error/.test(line)) internalErrors.push(line);
  },
});
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const target = new URL(env.url);
let inputs = 0;
let statuses = new Map<number, number>();
const started = performance.now();

after(async () => {
  agent.destroy();
  await env.close();
});

// ---- a raw HTTP client: sends exactly what it is given ------------------------------------------

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(req: RawRequest): Promise<RawResponse> {
  inputs += 1;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, agent, method: req.method, path: req.path, headers: req.headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${req.method} ${req.path}`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** What every answer must satisfy, with or without injected faults. */
function checkAnswer(req: RawRequest, res: RawResponse, faulted = false): void {
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const where = `${req.method} ${req.path.slice(0, 200)} -> ${res.status}: ${res.text.slice(0, 300)}`;
  assert.ok(res.status >= 100, where);
  if (!faulted) assert.ok(res.status < 500, where);
  assert.doesNotMatch(res.text, /\n\s+at |\.ts:\d+:\d+|node:internal/, `no stack trace: ${where}`);
  // Node's own HTTP parser refuses some requests (unknown methods, headers over 16 KB) before the emulator sees them.
  if ((res.status === 400 || res.status === 431) && res.text === '') return;
  if (req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
  const type = String(res.headers['content-type'] ?? '');
  if (req.path.startsWith('/__clerk/npm/@clerk/clerk-js@6/dist/') && res.status === 200) {
    assert.match(type, /javascript|json|css|text\/plain|octet|wasm|map/, where);
    return;
  }
  if (faulted) return;
  // The emulator's own page and its stylesheet (state-page.ts): HTML and CSS under their own policy, never framed.
  if (/^\/__clerk\/_emulator\/(page\.css)?(\?|$)/.test(req.path) && res.status === 200) {
    assert.match(type, /^text\/(html|css); charset=utf-8$/, where);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
    assert.equal(res.headers['x-frame-options'], 'DENY', where);
    assert.match(String(res.headers['content-security-policy']), /^default-src 'none'; style-src 'self';/, where);
    return;
  }
  // Redirects (the page's address to the one with a slash; a handshake back to an allowed page) carry no body.
  if (res.status === 307 || res.status === 308) {
    assert.ok(String(res.headers.location ?? '').length > 0, where);
    assert.equal(res.text, '', where);
    return;
  }
  assert.match(type, /^application\/json/, where);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
  // Input comes back only as escaped JSON: no raw markup characters at all.
  assert.doesNotMatch(res.text, /[<>]/, `markup reflected: ${where}`);
  const body = JSON.parse(res.text);
  assert.ok(body !== null && typeof body === 'object', where);
  if (res.status >= 400) {
    assert.ok(Array.isArray(body.errors) && body.errors.length > 0, where);
    assert.equal(typeof body.errors[0].code, 'string', where);
    assert.equal(typeof body.errors[0].message, 'string', where);
  }
}

// ---- clients in every state, so random requests reach real sign-ins and sessions ----------------

interface Actor {
  name: string;
  cookie: string;
  devBrowser: string | null;
  signInId: string;
  sessionId: string;
}
let actors: Actor[] = [];
let generation = 0;

async function prepareActors(): Promise<void> {
  generation += 1;
  const limits = { signInCreateLimit: 1_000_000, signInAttemptLimit: 1_000_000, identifierLimit: 1_000_000, lockoutAttempts: 1_000_000 };
  const mfa = `fuzz-mfa-${generation}@example.com`;
  const plain = `fuzz-plain-${generation}@example.com`;
  const pending = `fuzz-pending-${generation}@example.com`;
  await env.emulator.addUsers([
    { ...ADA, email: mfa, limits },
    { email: plain, password: PASSWORD, limits },
    { email: pending, password: PASSWORD, tasks: ['setup-mfa', 'choose-organization'], limits },
  ]);
  const actor = async (name: string, email: string | null, dev = false): Promise<Actor> => {
    const c = new FapiClient(env.base);
    if (dev) c.devBrowser = (await c.call('POST', '/v1/dev_browser')).body.id;
    let signInId = 'sia_unknown';
    let sessionId = 'sess_unknown';
    if (email) {
      const signIn = (await c.signIn(email, PASSWORD)).body.response;
      signInId = signIn.id;
      sessionId = signIn.created_session_id ?? sessionId;
    }
    return { name, cookie: c.cookie, devBrowser: c.devBrowser, signInId, sessionId };
  };
  actors = await Promise.all([
    actor('new', null),
    actor('signing in', mfa),
    actor('signed in', plain),
    actor('pending tasks', pending),
    actor('dev browser', plain, true),
  ]);
}
await prepareActors();

// ---- generators --------------------------------------------------------------------------------

const HTML = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</script><svg onload=alert(1)>', "javascript:alert('x')", '<!--', ']]>'];
const KNOWN_VALUES = ['ada@example.com', PASSWORD, '123456', '000000', 'k3n8-x2q9', 'totp', 'backup_code', 'phone_code', 'email_code', 'password', 'PATCH', 'DELETE', 'null', '', ' ', 'true', '0', '-1', '1e309', 'NaN'];
const FORM_KEYS = [
  'identifier', 'password', 'strategy', 'code', '_method', 'phone_number_id', 'email_address_id', 'active_organization_id',
  'organization_id', 'first_name', 'last_name', 'new_password', 'current_password', 'locale', 'timezone', 'redirect_url',
  '__proto__', 'constructor', 'identifier[]', 'password[0]',
];
const SEGMENTS = [
  'v1', 'client', 'sign_ins', 'sessions', 'environment', 'me', 'totp', 'attempt_verification', 'backup_codes', 'change_password',
  'attempt_first_factor', 'prepare_second_factor', 'attempt_second_factor', 'touch', 'tokens', 'end', 'remove', 'jwks',
  '.well-known', 'jwks.json', 'dev_browser', 'init', '_emulator', 'messages', 'requests', 'npm', '@clerk', 'clerk-js@6', 'dist',
  'clerk.browser.js', '..', '.', '%2e%2e', '%2F', '%00', '', 'sia_x', 'sess_x', '__proto__', 'constructor',
];

/** Unicode of every kind: graphemes, lone surrogates, control characters, bidi overrides, markup. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u202Eevil\u202C', 'مرحبا بالعالم', 'שלום', '\u200B\u200D\uFEFF', '\uD800', '\uDFFF\uD800', 'A\u0308\u0301', '👩‍👩‍👧‍👦'.repeat(50)) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML) },
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_VALUES) },
);
/** Long values, from 1 KB to 100 KB, once per body at most (they are slow to send). */
const longText = fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('x', 'é', '𝄞', '<', '%')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

/** One form part, encoded properly, raw, or with broken percent-escapes. */
const encodedPart = fc.oneof(
  { weight: 6, arbitrary: text.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))) },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom('%', '%2', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', '%%41', '+%+', '%u0041') },
);
const formKey = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FORM_KEYS) }, { weight: 1, arbitrary: text });
const formPairs = fc.array(fc.tuple(formKey, text), { maxLength: 12 });

const formBody = fc.oneof(
  { weight: 8, arbitrary: formPairs.map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k.replace(/[\uD800-\uDFFF]/g, '?'))}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '?'))}`).join('&')) },
  { weight: 3, arbitrary: fc.array(fc.tuple(encodedPart, encodedPart), { maxLength: 10 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')) },
  // Duplicate keys: the same name many times over.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FORM_KEYS), fc.array(encodedPart, { minLength: 2, maxLength: 20 })).map(([k, vs]) => vs.map((v) => `${k}=${v}`).join('&')) },
  // Huge counts of parameters (below and above the 64 KB body limit).
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `p${i}=${i}`).join('&')) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 30_000 }).map((n) => '&'.repeat(n) + '='.repeat(n)) },
  // Long values (up to 100 KB, over the 64 KB body limit).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FORM_KEYS), longText, formPairs).map(([k, v, pairs]) => [...pairs.map(([a, b]) => `${encodeURIComponent(a.replace(/[\uD800-\uDFFF]/g, '?'))}=${encodeURIComponent(b.replace(/[\uD800-\uDFFF]/g, '?'))}`), `${k}=${encodeURIComponent(v)}`].join('&')) },
  { weight: 1, arbitrary: fc.constantFrom('identifier=' + 'a'.repeat(100_000), 'password=' + '%41'.repeat(20_000), 'code=' + '9'.repeat(63_000)) },
);

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FORM_KEYS), fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 })), { maxKeys: 8 }).map((o) => JSON.stringify(o)),
  fc.json().map((s) => s.slice(0, Math.max(0, s.length - 1))),
);

const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8', 'application/json', 'text/plain', 'multipart/form-data; boundary=xyz', 'application/json; charset=utf-16', 'application/octet-stream'];

const body = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(formBody, fc.constantFrom(...CONTENT_TYPES.slice(0, 2), 'text/plain')).map(([b, type]) => ({ body: Buffer.from(b, 'utf8'), type })) },
  { weight: 2, arbitrary: jsonBody.map((b) => ({ body: Buffer.from(b, 'utf8'), type: 'application/json' })) },
  // Invalid UTF-8 and arbitrary bytes, under any content type.
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...CONTENT_TYPES)).map(([b, type]) => ({ body: Buffer.from(b), type })) },
  { weight: 1, arbitrary: fc.constant({ body: Buffer.alloc(0), type: '' }) },
);

/** Latin-1 printable text, the most a header value or raw path can carry. */
const latin1 = (min: number, max: number, maxLength = 30) =>
  fc.string({ unit: fc.integer({ min, max }).map((c) => String.fromCharCode(c === 0x7f ? 0xa0 : c)), maxLength });
const headerValue = fc.oneof(
  { weight: 4, arbitrary: latin1(0x20, 0x7e) },
  { weight: 4, arbitrary: latin1(0x20, 0xff) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 9_000 }).map((n) => 'x'.repeat(n)) },
);

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SEGMENTS) },
  { weight: 2, arbitrary: latin1(0x21, 0xff, 12).map((s) => s.replace(/[/?#]/g, '')) },
  { weight: 2, arbitrary: text.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')).slice(0, 300)) },
);
const query = fc.array(
  fc.tuple(fc.constantFrom('_method', '__clerk_db_jwt', '_clerk_session_id', '__clerk_api_version', '_clerk_js_version', 'x', 'identifier'), encodedPart),
  { maxLength: 5 },
).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => pathSafe(`${k}=${v}`).replace(/#/g, '%23')).join('&')}` : ''));
const path = fc.tuple(
  fc.constantFrom('/__clerk/', '/__clerk/', '/__clerk/', '/__clerk/v1/', '/__clerk/v1/client/', '/__clerk//', '/__clerk/..', '/__clerkx/', '/', '//'),
  fc.array(segment, { maxLength: 6 }),
  query,
).map(([prefix, segments, q]) => pathSafe(prefix + segments.join('/')) + q);

const METHODS = ['GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE'];
const actor = fc.integer({ min: 0, max: 4 });

/** Headers: the actor's cookie (kept, changed or replaced), Origin, Referer, Host and anything else. */
const headers = fc.record(
  {
    cookie: fc.oneof(
      fc.constant('keep'),
      fc.constant(''),
      headerValue.map((v) => `__client=${v.replace(/;/g, '')}`),
      headerValue,
      fc.array(fc.tuple(latin1(0x21, 0x7e, 8), latin1(0x21, 0x7e, 20)), { maxLength: 50 }).map((cs) => cs.map(([k, v]) => `${k.replace(/[=;]/g, '')}=${v.replace(/;/g, '')}`).join('; ')),
    ),
    origin: fc.oneof(fc.constant('null'), fc.constant('http://evil.example'), headerValue),
    referer: headerValue,
    host: fc.oneof(fc.constant('localhost'), headerValue.map((v) => v.replace(/[\s]/g, '') || 'h')),
    'x-forwarded-for': headerValue,
    'access-control-request-headers': headerValue,
    accept: headerValue,
    extra: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), headerValue),
  },
  { requiredKeys: [] },
);

function buildHeaders(h: Record<string, unknown>, who: Actor, type: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (type) out['content-type'] = type;
  for (const [name, value] of Object.entries(h)) {
    if (name === 'extra') {
      const [extraName, extraValue] = value as [string, string];
      if (!['content-length', 'transfer-encoding', 'connection', 'host', 'expect', 'upgrade'].includes(extraName)) out[extraName] = extraValue;
    } else if (name === 'cookie') {
      if (value === 'keep') {
        if (who.cookie) out.cookie = who.cookie;
      } else out.cookie = String(value);
    } else out[name] = String(value);
  }
  if (!('cookie' in h) && who.cookie) out.cookie = who.cookie;
  return out;
}

function withDevBrowser(path: string, who: Actor): string {
  if (!who.devBrowser || !path.startsWith('/__clerk/v1/')) return path;
  return `${path}${path.includes('?') ? '&' : '?'}__clerk_db_jwt=${who.devBrowser}`;
}

/** Endpoints of the flow with the actor's real ids. */
function endpoints(who: Actor): Array<[string, string]> {
  return [
    ['POST', '/v1/client/sign_ins'],
    ['GET', `/v1/client/sign_ins/${who.signInId}`],
    ['POST', `/v1/client/sign_ins/${who.signInId}/prepare_first_factor`],
    ['POST', `/v1/client/sign_ins/${who.signInId}/attempt_first_factor`],
    ['POST', `/v1/client/sign_ins/${who.signInId}/prepare_second_factor`],
    ['POST', `/v1/client/sign_ins/${who.signInId}/attempt_second_factor`],
    ['POST', `/v1/client/sessions/${who.sessionId}/touch`],
    ['POST', `/v1/client/sessions/${who.sessionId}/tokens`],
    ['POST', `/v1/client/sessions/${who.sessionId}/end`],
    ['POST', `/v1/client/sessions/${who.sessionId}/verify`],
    ['POST', `/v1/client/sessions/${who.sessionId}/verify/attempt_first_factor`],
    ['POST', `/v1/client/sessions/${who.sessionId}/verify/prepare_second_factor`],
    ['POST', `/v1/client/sessions/${who.sessionId}/verify/attempt_second_factor`],
    ['POST', '/v1/environment?_method=PATCH'],
    ['POST', '/v1/client'],
    ['GET', '/v1/client'],
    ['POST', '/v1/me?_method=PATCH'],
    ['POST', '/v1/me/totp'],
    ['POST', '/v1/me/totp/attempt_verification'],
    ['POST', '/v1/me/change_password'],
    ['POST', '/v1/me/totp?_method=DELETE'],
    ['POST', '/v1/me/backup_codes/'],
    ['POST', '/v1/me/phone_numbers/'],
    ['POST', '/v1/me/phone_numbers/idn_unknown/attempt_verification'],
    ['POST', '/v1/me/phone_numbers/idn_unknown?_method=PATCH'],
    ['GET', '/v1/me/sessions/active'],
    ['POST', '/v1/client/sessions?_method=DELETE'],
  ];
}

/** Renews the actors now and then, as random requests sign them out or finish their sign-ins. */
async function refreshActors(): Promise<void> {
  if (inputs - lastRefresh >= 1_500) {
    lastRefresh = inputs;
    await prepareActors();
  }
}
let lastRefresh = 0;

/** Runs a property; on failure reports the seed, the error and a shortened counterexample. */
async function check<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const result = await fc.check(property, { numRuns, endOnFailure: true });
  if (!result.failed) return;
  const shown = fc.stringify(result.counterexample).replace(/(.)\1{40,}/g, (run, c) => `${c}…(${run.length} times)`);
  throw new Error(
    `property failed after ${result.numRuns} runs (seed ${result.seed}, path "${result.counterexamplePath}"):\n` +
      `${String(result.errorInstance).slice(0, 3_000)}\ncounterexample: ${shown.slice(0, 3_000)}`,
  );
}

/** What Node lets a request line carry: Latin-1 without spaces or controls; anything else percent-encoded. */
function pathSafe(value: string): string {
  return value.replace(/[^\x21-\xff]/g, (c) => (/[\uD800-\uDFFF]/.test(c) ? '%EF%BF%BD' : encodeURIComponent(c)));
}

describe('random input never breaks the emulator', () => {
  test('any method, path, query, headers and body', async () => {
    await check(
      fc.asyncProperty(fc.constantFrom(...METHODS), path, headers, body, actor, async (method, p, h, b, a) => {
        await refreshActors();
        const who = actors[a]!;
        const req: RawRequest = { method, path: p, headers: buildHeaders(h, who, b.type), ...(method === 'GET' || method === 'HEAD' ? {} : { body: b.body }) };
        checkAnswer(req, await send(req));
      }),
      RUNS.anyRequest,
    );
  });

  test('random bodies and query strings to every endpoint of the flow, from clients in every state', async () => {
    await check(
      fc.asyncProperty(actor, fc.nat(), body, query, async (a, e, b, q) => {
        await refreshActors();
        const who = actors[a]!;
        const list = endpoints(who);
        const [method, endpoint] = list[e % list.length]!;
        const extra = q ? (endpoint.includes('?') ? `&${q.slice(1)}` : q) : '';
        const req: RawRequest = {
          method,
          path: withDevBrowser(`/__clerk${endpoint}${extra}`, who),
          headers: buildHeaders({}, who, b.type),
          ...(method === 'GET' ? {} : { body: b.body }),
        };
        checkAnswer(req, await send(req));
      }),
      RUNS.endpointBodies,
    );
  });

  test('random headers and cookies on the calls clerk-js makes first', async () => {
    await check(
      fc.asyncProperty(actor, headers, fc.constantFrom('GET /v1/environment', 'GET /v1/client', 'POST /v1/client', 'POST /v1/dev_browser', 'OPTIONS /v1/client', 'GET /.well-known/jwks.json'), async (a, h, call) => {
        const who = actors[a]!;
        const [method, endpoint] = call.split(' ') as [string, string];
        const req: RawRequest = { method, path: withDevBrowser(`/__clerk${endpoint}`, who), headers: buildHeaders(h, who, ''), ...(method === 'POST' ? { body: Buffer.alloc(0) } : {}) };
        checkAnswer(req, await send(req));
      }),
      RUNS.headers,
    );
  });

  test('with random faults injected, only the faulted requests fail, and each fault is used up', async () => {
    const kinds = FAULT_KINDS.filter((kind) => kind !== 'hang' && kind !== 'reset' && kind !== 'delay');
    const rule = fc.record({
      match: fc.constantFrom('POST /v1/client/sign_ins', '/v1/client', 'GET /v1/client', '* /v1/**', 'POST /v1/client/sign_ins/*/attempt_second_factor', '/v1/environment', 'PATCH /v1/environment', 'POST /v1/client/sessions/*/touch'),
      kind: fc.constantFrom(...kinds),
      times: fc.integer({ min: 1, max: 3 }),
    });
    await check(
      fc.asyncProperty(rule, actor, fc.nat(), body, async (fault, a, e, b) => {
        const [added] = env.emulator.setFaults([fault as FaultRule]);
        try {
          const who = actors[a]!;
          const list = endpoints(who);
          const [method, endpoint] = list[e % list.length]!;
          const req: RawRequest = { method, path: withDevBrowser(`/__clerk${endpoint}`, who), headers: buildHeaders({}, who, b.type), ...(method === 'GET' ? {} : { body: b.body }) };
          const res = await send(req);
          const left = env.emulator.faults();
          const hit = left.length === 0 || left[0]!.hits > 0;
          checkAnswer(req, res, hit);
          if (!hit) return;
          assert.equal(left.length === 0 ? 0 : left[0]!.remaining, fault.times - 1);
          assert.equal(left[0]?.id ?? added!.id, added!.id);
          if (fault.kind === 'server-error') assert.equal(res.status, 500);
          if (fault.kind === 'bad-gateway') assert.match(res.text, /502 Bad Gateway/);
          if (fault.kind === 'rate-limit') assert.equal(res.status, 429);
          if (fault.kind === 'malformed-json') assert.throws(() => JSON.parse(res.text));
        } finally {
          env.emulator.clearFaults();
        }
      }),
      RUNS.faults,
    );
  });

  test(`at least ${MIN_INPUTS.toLocaleString('en')} inputs, no crash, no unhandled rejection, no internal error`, async () => {
    // The emulator still signs a user in after all of that.
    const c = new FapiClient(env.base);
    const email = `fuzz-after@example.com`;
    await env.emulator.addUsers([{ email, password: PASSWORD }]);
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'complete');

    const seconds = (performance.now() - started) / 1000;
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, count]) => `${s}: ${count}`).join(', ');
    console.log(`# fuzz: ${inputs.toLocaleString('en')} generated inputs in ${seconds.toFixed(1)} s (${Math.round(inputs / seconds)}/s); statuses ${byStatus}`);
    statuses = new Map();
    assert.ok(inputs >= MIN_INPUTS, `only ${inputs} inputs`);
    assert.deepEqual(problems, []);
    assert.deepEqual(internalErrors, []);
  });
});
