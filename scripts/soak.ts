#!/usr/bin/env node
/**
 * Soak test of the Clerk Frontend API emulator: many simulated browsers sign in at the same time
 * over HTTP on loopback, each doing what clerk-js does (load environment and client, password,
 * TOTP, touch, token), each with its own user (a TOTP code can be used only once per user).
 * Checks that every sign-in completes and every session is still active at the end, and reports
 * throughput and latency.
 *
 *   npm run soak                      # 200 clients, strong then fast password hashing, then start-up times
 *   npm run soak -- --clients 50 --hashing fast
 *   npm run soak -- --clients 500 --timeout 120
 */
import { setMaxListeners } from 'node:events';
import { Agent, request } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { createEmulator, DEFAULT_LIMITS, hashPasswordDigest, type EmulatorResponse, type EmulatorUser } from '../src/emulator/index.js';
import { describeStartup, measureStartup } from './startup-time.js';

type PasswordHashing = 'strong' | 'fast';
const HASHING = { strong: 'scrypt N=16384, r=8, p=1', fast: 'scrypt N=16, r=1, p=1' } as const;

export interface SoakOptions {
  /** Simulated clients signing in at once (each with its own user). */
  clients?: number;
  /** Bound on the whole run, users' set-up excluded. */
  timeoutMs?: number;
  /** Observer of every Frontend API response (e.g. a conformance recorder). */
  onResponse?: (response: EmulatorResponse) => void;
  /** The emulator's `passwordHashing` (default `strong`). */
  passwordHashing?: PasswordHashing;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface SoakResult {
  clients: number;
  passwordHashing: PasswordHashing;
  /** Sign-ins that went through every step with the expected answers. */
  completed: number;
  /** Sessions still active at the end, as their clients see them. */
  activeSessions: number;
  /** Distinct session ids created. */
  distinctSessions: number;
  errors: string[];
  requests: number;
  /** Loading the users before the run. */
  setupMs: number;
  /** From the first request to the last answer. */
  wallMs: number;
  signInsPerSecond: number;
  /** Per HTTP request, in milliseconds. */
  requestLatency: Percentiles;
  /** Per complete sign-in (all its requests), in milliseconds. */
  signInLatency: Percentiles;
}

const PASSWORD = 'soak test pass phrase';

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

export async function runSoak(options: SoakOptions = {}): Promise<SoakResult> {
  const clients = options.clients ?? 200;
  const passwordHashing = options.passwordHashing ?? 'strong';
  const timeoutMs = options.timeoutMs ?? 50_000;
  const run = `${Date.now().toString(36)}`;
  const setupStarted = performance.now();
  // One digest for every user: the run measures sign-ins, not loading users.
  const digest = await hashPasswordDigest(PASSWORD, passwordHashing);
  const users: EmulatorUser[] = Array.from({ length: clients }, (_, i) => ({
    email: `soak-${run}-${i}@example.com`,
    password: PASSWORD,
    password_digest: digest,
    totp_secret: new Secret({ size: 20 }).base32,
  }));
  const emulator = createEmulator({
    users: [],
    // Every simulated client comes from 127.0.0.1: the per-IP limit must allow all of them.
    limits: { ipLimit: Math.max(DEFAULT_LIMITS.ipLimit, clients * 10) },
    passwordHashing,
    log: () => {},
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });
  await emulator.addUsers(users);
  const setupMs = performance.now() - setupStarted;
  const server = await emulator.listen({ host: '127.0.0.1', port: 0 });
  const base = new URL(`${server.url}/__clerk`);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const deadline = AbortSignal.timeout(timeoutMs);
  setMaxListeners(Infinity, deadline);

  const requestTimes: number[] = [];
  const signInTimes: number[] = [];
  const errors: string[] = [];
  const sessionIds = new Set<string>();
  let completed = 0;
  let activeSessions = 0;
  let requests = 0;

  interface Reply {
    status: number;
    body: any;
    setCookie: string | undefined;
  }
  function call(method: string, path: string, cookie: string, form?: Record<string, string>): Promise<Reply> {
    const body = form ? new URLSearchParams(form).toString() : method === 'POST' ? '' : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: server.url };
    if (cookie) headers.cookie = cookie;
    requests += 1;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { host: base.hostname, port: base.port, method, path: `${base.pathname}${path}`, headers, agent, signal: deadline },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            requestTimes.push(performance.now() - started);
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), setCookie: res.headers['set-cookie']?.find((value) => value.startsWith('__client=')) });
            } catch {
              reject(new Error(`${method} ${path}: not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
            }
          });
          res.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
  const expect = (reply: Reply, what: string) => {
    if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply.body;
  };

  const jwks = createLocalJWKSet(expect(await call('GET', '/v1/jwks', ''), 'jwks'));

  async function signIn(user: EmulatorUser, index: number): Promise<void> {
    const started = performance.now();
    let cookie = '';
    const step = async (method: string, path: string, what: string, form?: Record<string, string>) => {
      const reply = await call(method, path, cookie, form);
      if (reply.setCookie) cookie = reply.setCookie.split(';')[0]!;
      return expect(reply, what);
    };
    try {
      await Promise.all([step('GET', '/v1/environment', 'environment'), step('GET', '/v1/client', 'client')]);
      const created = (await step('POST', '/v1/client/sign_ins', 'create sign-in', { identifier: user.email, password: PASSWORD })).response;
      if (created.status !== 'needs_second_factor') throw new Error(`sign-in status ${created.status}`);
      const code = new TOTP({ secret: Secret.fromBase32(user.totp_secret!) }).generate();
      const done = (await step('POST', `/v1/client/sign_ins/${created.id}/attempt_second_factor`, 'TOTP', { strategy: 'totp', code })).response;
      if (done.status !== 'complete' || !done.created_session_id) throw new Error(`second factor status ${done.status}`);
      const sessionId: string = done.created_session_id;
      const touched = (await step('POST', `/v1/client/sessions/${sessionId}/touch`, 'touch', {})).response;
      if (touched.id !== sessionId || touched.status !== 'active') throw new Error(`touch answered ${touched.id} ${touched.status}`);
      const { jwt } = await step('POST', `/v1/client/sessions/${sessionId}/tokens`, 'token', {});
      const { payload } = await jwtVerify(jwt, jwks);
      if (payload.sid !== sessionId || payload.sub !== touched.user.id) throw new Error('token names another session or user');
      signInTimes.push(performance.now() - started);
      sessionIds.add(sessionId);
      completed += 1;
    } catch (error) {
      errors.push(`client ${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Lost sessions: the client must still see its session, active and current.
    try {
      const client = expect(await call('GET', '/v1/client', cookie), 'client after sign-in').response;
      const session = client?.sessions?.find((s: { id: string }) => s.id === client.last_active_session_id);
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
    await server.close();
  }
  const wallMs = performance.now() - started;
  return {
    clients,
    passwordHashing,
    completed,
    activeSessions,
    distinctSessions: sessionIds.size,
    errors,
    requests,
    setupMs,
    wallMs,
    signInsPerSecond: completed / (wallMs / 1000),
    requestLatency: percentiles(requestTimes),
    signInLatency: percentiles(signInTimes),
  };
}

/** The figures, one line each. */
export function describeSoak(result: SoakResult): string[] {
  const ms = (value: number) => `${Math.round(value)} ms`;
  return [
    `soak: ${result.clients} clients signing in at once over HTTP on 127.0.0.1 (environment + client, password, TOTP, touch, token), each with its own user; passwordHashing '${result.passwordHashing}'`,
    `  completed ${result.completed}/${result.clients}, errors ${result.errors.length}, sessions active at the end ${result.activeSessions}/${result.clients} (${result.distinctSessions} distinct)`,
    `  throughput ${result.signInsPerSecond.toFixed(1)} sign-ins/s (${result.requests} requests in ${(result.wallMs / 1000).toFixed(2)} s)`,
    `  latency per request p50 ${ms(result.requestLatency.p50)}, p99 ${ms(result.requestLatency.p99)}, max ${ms(result.requestLatency.max)}`,
    `  latency per sign-in p50 ${ms(result.signInLatency.p50)}, p99 ${ms(result.signInLatency.p99)}, max ${ms(result.signInLatency.max)}`,
    `  machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
    `  set-up: ${result.clients} users loaded in ${(result.setupMs / 1000).toFixed(2)} s; every sign-in checks its password with ${HASHING[result.passwordHashing]}`,
  ];
}

/** One line per setting, side by side. */
export function compareSoaks(results: SoakResult[]): string[] {
  const ms = (value: number) => `${Math.round(value)} ms`;
  return [
    'passwordHashing  sign-ins/s  p50 sign-in  p99 sign-in  errors',
    ...results.map((r) =>
      `${`'${r.passwordHashing}'`.padEnd(16)} ${r.signInsPerSecond.toFixed(1).padStart(10)}  ${ms(r.signInLatency.p50).padStart(11)}  ${ms(r.signInLatency.p99).padStart(11)}  ${String(r.errors.length).padStart(6)}`,
    ),
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '200' },
      timeout: { type: 'string', default: '120' },
      hashing: { type: 'string', default: 'strong,fast' },
      'no-startup': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const clients = Number(values.clients);
  const timeoutSeconds = Number(values.timeout);
  const settings = values.hashing.split(',');
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`invalid --clients ${values.clients}`);
  if (!(timeoutSeconds > 0)) throw new Error(`invalid --timeout ${values.timeout}`);
  if (!settings.every((h): h is PasswordHashing => Object.hasOwn(HASHING, h))) throw new Error(`invalid --hashing ${values.hashing}`);
  let ok = true;
  const results: SoakResult[] = [];
  for (const passwordHashing of settings) {
    const result = await runSoak({ clients, timeoutMs: timeoutSeconds * 1000, passwordHashing });
    results.push(result);
    for (const line of describeSoak(result)) console.log(line);
    for (const error of result.errors.slice(0, 20)) console.error(`  ${error}`);
    ok &&= result.errors.length === 0 && result.completed === clients && result.activeSessions === clients && result.distinctSessions === clients;
  }
  if (results.length > 1) for (const line of compareSoaks(results)) console.log(line);
  if (!values['no-startup']) for (const line of describeStartup(await measureStartup())) console.log(line);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
