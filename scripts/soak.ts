#!/usr/bin/env node
/**
 * Soak test of the Clerk Frontend API emulator: many simulated browsers sign in at the same time
 * over HTTP on loopback, each doing what clerk-js does (load environment and client, password,
 * TOTP, touch, token), each with its own user (a TOTP code can be used only once per user).
 * Checks that every sign-in completes and every session is still active at the end, and reports
 * throughput and latency. The browsers run in a worker thread (`soak-clients.mjs`), as they would
 * outside the emulator's process, after 50 unrecorded sign-ins that warm the JIT up.
 *
 *   npm run soak                      # 200 clients, strong then fast password hashing, then start-up times
 *   npm run soak -- --clients 50 --hashing fast
 *   npm run soak -- --clients 500 --timeout 120
 */
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Secret } from 'otpauth';
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

/** What the simulated clients measured (`soak-clients.mjs`). */
interface ClientsReport {
  wallMs: number;
  requestTimes: number[];
  signInTimes: number[];
  errors: string[];
  sessionIds: string[];
  activeSessions: number;
  requests: number;
}

/** Signs `users` in at once from a worker thread, so the emulator's thread serves only. */
function signInFromWorker(url: string, users: EmulatorUser[], timeoutMs: number): Promise<ClientsReport> {
  const workerData = { url, password: PASSWORD, users: users.map(({ email, totp_secret }) => ({ email, totp_secret })), timeoutMs };
  const worker = new Worker(new URL('./soak-clients.mjs', import.meta.url), { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the clients' worker stopped (${code})`)));
  });
}

/** Sign-ins made before the measured ones, unrecorded: the JIT warms up, as over a test suite's first minute. */
const WARM_UP_SIGN_INS = 50;

export async function runSoak(options: SoakOptions = {}): Promise<SoakResult> {
  const clients = options.clients ?? 200;
  const passwordHashing = options.passwordHashing ?? 'strong';
  const timeoutMs = options.timeoutMs ?? 50_000;
  const run = `${Date.now().toString(36)}`;
  const setupStarted = performance.now();
  // One digest for every user: the run measures sign-ins, not loading users.
  const digest = await hashPasswordDigest(PASSWORD, passwordHashing);
  // Each user signs in once (a TOTP code can be used only once per user).
  const newUsers = (round: string, count: number): EmulatorUser[] =>
    Array.from({ length: count }, (_, i) => ({
      email: `soak-${run}-${round}-${i}@example.com`,
      password: PASSWORD,
      password_digest: digest,
      totp_secret: new Secret({ size: 20 }).base32,
    }));
  const warmUp = newUsers('warm-up', WARM_UP_SIGN_INS);
  const users = newUsers('measured', clients);
  const emulator = createEmulator({
    users: [],
    // Every simulated client comes from 127.0.0.1: the per-IP limit must allow all of them.
    limits: { ipLimit: Math.max(DEFAULT_LIMITS.ipLimit, (clients + WARM_UP_SIGN_INS) * 10) },
    passwordHashing,
    log: () => {},
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });
  await emulator.addUsers([...warmUp, ...users]);
  const setupMs = performance.now() - setupStarted;
  const server = await emulator.listen({ host: '127.0.0.1', port: 0 });
  let report: ClientsReport;
  try {
    const warm = await signInFromWorker(server.url, warmUp, timeoutMs);
    if (warm.errors.length) throw new Error(`warm-up: ${warm.errors[0]}`);
    report = await signInFromWorker(server.url, users, timeoutMs);
  } finally {
    await server.close();
  }
  const completed = report.signInTimes.length;
  return {
    clients,
    passwordHashing,
    completed,
    activeSessions: report.activeSessions,
    distinctSessions: new Set(report.sessionIds).size,
    errors: report.errors,
    requests: report.requests,
    setupMs,
    wallMs: report.wallMs,
    signInsPerSecond: completed / (report.wallMs / 1000),
    requestLatency: percentiles(report.requestTimes),
    signInLatency: percentiles(report.signInTimes),
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
