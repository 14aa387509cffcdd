/**
 * Emulator start-up: from spawning a fresh Node process to its first answered Frontend API request
 * (`GET /__clerk/v1/environment`, polled every 2 ms), for the CLI and for `createEmulator`, from
 * the built package in `dist/` (what users run). Printed by `npm run soak`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'dist/emulator/cli.js';

export interface StartupCase {
  name: string;
  /** Node arguments; `PORT` is replaced by the port to listen on. */
  args: string[];
}

export const STARTUP_CASES: StartupCase[] = [
  // The floor: Node itself and an HTTP server that answers at once.
  { name: 'node, a bare HTTP server (the floor)', args: ['-e', "require('node:http').createServer((q, s) => s.end('{}')).listen(PORT)"] },
  { name: 'CLI, no users', args: [CLI, '--port', 'PORT'] },
  { name: 'CLI, --users demo/users.json', args: [CLI, '--port', 'PORT', '--users', 'demo/users.json'] },
  { name: 'CLI, --users demo/users.json --fast-hashing', args: [CLI, '--port', 'PORT', '--users', 'demo/users.json', '--fast-hashing'] },
  {
    name: "createEmulator({ users: [] }).listen()",
    args: ['--input-type=module', '-e', "const { createEmulator } = await import('./dist/emulator/index.js'); await createEmulator({ users: [] }).listen({ port: PORT });"],
  },
];

export interface StartupResult {
  name: string;
  /** Milliseconds per run, sorted. */
  runs: number[];
  median: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function answered(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/__clerk/v1/environment' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    }).on('error', () => resolve(false));
  });
}

async function once(testCase: StartupCase, timeoutMs: number): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, testCase.args.map((arg) => arg.replaceAll('PORT', String(port))), { cwd: root, stdio: 'ignore' });
  try {
    while (!(await answered(port))) {
      if (child.exitCode !== null) throw new Error(`${testCase.name}: exited with ${child.exitCode}`);
      if (performance.now() - started > timeoutMs) throw new Error(`${testCase.name}: no answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  } finally {
    child.kill();
  }
}

/** Each case `runs` times, in turn (A B C A B C ...), so a busy moment slows every case alike. */
export async function measureStartup(runs = 7, timeoutMs = 10_000): Promise<StartupResult[] | null> {
  if (!existsSync(new URL(`../${CLI}`, import.meta.url))) return null;
  const times = STARTUP_CASES.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, testCase] of STARTUP_CASES.entries()) times[index]!.push(await once(testCase, timeoutMs));
  }
  return STARTUP_CASES.map(({ name }, index) => {
    const sorted = times[index]!.sort((a, b) => a - b);
    return { name, runs: sorted, median: sorted[Math.floor(sorted.length / 2)]! };
  });
}

export function describeStartup(results: StartupResult[] | null): string[] {
  if (!results) return [`start-up: not measured (${CLI} is missing: run npm run build)`];
  return [
    `start-up: process start to first answered GET /__clerk/v1/environment, ${results[0]?.runs.length ?? 0} runs each, median (min–max)`,
    ...results.map((r) => `  ${r.name.padEnd(48)} ${Math.round(r.median)} ms (${Math.round(r.runs[0]!)}–${Math.round(r.runs.at(-1)!)} ms)`),
  ];
}
