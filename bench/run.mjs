#!/usr/bin/env node
// npm run bench [-- --rounds 15] [-- --no-build]
//
// Builds the CDN file, serves three sign-in pages with the Clerk Frontend API
// emulator (one origin), and signs a fresh user in with TOTP on each, in
// interleaved rounds, one fresh browser context per page load:
//   element   <clerk-mfa-sign-in> from dist/cdn/clerk-mfa-sign-in.js
//   prebuilt  Clerk's <SignIn /> (clerk-js + @clerk/ui, mountSignIn)
//   guide     the custom flow of Clerk's MFA guide, in plain JavaScript
// and, in the same rounds, our page with the README's preload link for clerk-js
// (element-preload) and our page signed in with a wrong password first (element-mistake: what a
// lazily loaded part costs when used).
// Writes bench/results.json (every run) and bench/RESULTS.md (medians, spread, ratios).
// Then the account pages (bench/setup-bench.mjs): <clerk-mfa-setup> against Clerk's
// <UserProfile />; `--only setup` runs those alone, `--only sign-in` the sign-in pages alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { measureOnce } from './measure.mjs';
import { browserPaths, chromiumArgs } from '../scripts/browsers.mjs';
import { FLOWS } from './flows.mjs';
import { clerkUi, KEY_MODE, PAGES, root, startServer } from './site.mjs';
import { renderMarkdown } from './report.mjs';
import { runSetupBench, writeReport } from './setup-bench.mjs';
import { createConformanceRecorder } from '../test/support/fapi-conformance.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    'no-build': { type: 'boolean', default: false },
    'time-limit': { type: 'string', default: '540' },
    only: { type: 'string' },
  },
});
if (values.only !== undefined && !['setup', 'sign-in'].includes(values.only)) throw new Error(`--only takes setup or sign-in, not ${values.only}`);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`invalid --rounds ${values.rounds}`);
const started = Date.now();
// Stop starting new rounds past this, so the whole run stays within 10 minutes.
const deadline = started + Number(values['time-limit']) * 1000;

if (!values['no-build']) {
  console.log('building dist/cdn/clerk-mfa-sign-in.js ...');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

// Every Frontend API body sent during the bench is checked against Clerk's spec, as in the tests.
const recorder = createConformanceRecorder();
const { server, url } = await startServer({ onResponse: recorder.observe });
const browser = await chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs });
console.log(`serving ${url} (${PAGES.map((p) => `/${p}/`).join(', ')}); Chromium ${browser.version()}`);
/** The account pages, on the same browser and server, in a time budget of their own (4 minutes). */
const setupPart = () =>
  runSetupBench({ browser, baseUrl: url, rounds, deadline: Date.now() + 240_000, environment: { chromium: browser.version() } });
if (values.only === 'setup') {
  const failed = await setupPart().finally(() => Promise.all([browser.close(), server.close()]));
  console.log(`wrote bench/setup-results.json and bench/RESULTS.md; ${recorder.summary()}`);
  process.exit(failed || recorder.failures.length ? 1 : 0);
}

const chromiumVersion = browser.version();
// The three pages, plus our page signed in with one mistake first (what a lazily loaded part costs when used).
const MEASURED = [...PAGES, 'element-mistake'];
const runs = [];
const sizes = new Map();
let setupFailures = 0;
try {
  // One unrecorded round first: the server's file cache and JIT warm up, for every page alike.
  for (const page of MEASURED) await measureOnce(browser, url, page);
  for (let round = 0; round < rounds; round++) {
    if (Date.now() > deadline) {
      console.log(`time limit reached after ${round} rounds`);
      break;
    }
    // Interleave, rotating the order so no page always goes first.
    const order = MEASURED.map((_, i) => MEASURED[(i + round) % MEASURED.length]);
    for (const page of order) {
      const load = loadavg()[0];
      const run = await measureOnce(browser, url, page);
      run.round = round;
      // Other work on the machine slows every page alike but widens the spread: kept with each run.
      run.loadAverage = load;
      runs.push(run);
      const t = run.ms;
      console.log(
        `round ${round + 1}/${rounds} ${page.padEnd(8)} ${run.ok ? 'ok  ' : 'FAIL'} first input ${fmt(t.firstInput)} ms, Clerk loaded ${fmt(t.clerkLoaded)} ms, submit→signed in ${fmt(t.submitToSignedIn)} ms${run.ok ? '' : `  ${run.errors.join('; ')}`}`,
      );
    }
  }
  if (values.only !== 'sign-in') setupFailures = await setupPart();
  await browser.close();
  // Every JavaScript file any page downloaded, fetched again: raw, gzip -9, brotli -q 11.
  for (const run of runs) {
    for (const list of Object.values(run.js)) for (const r of list ?? []) sizes.set(new URL(r.url).pathname, null);
  }
  for (const path of sizes.keys()) {
    const body = await download(url + path);
    sizes.set(path, {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }).length,
    });
  }
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
for (const run of runs) {
  run.bytes = {};
  for (const [moment, list] of Object.entries(run.js)) {
    if (!list) {
      run.bytes[moment] = null;
      continue;
    }
    const total = { raw: 0, gzip: 0, brotli: 0, files: list.length };
    for (const r of list) {
      const size = sizes.get(new URL(r.url).pathname);
      if (r.size && size.raw !== r.size) run.errors.push(`size mismatch for ${r.url}: page saw ${r.size}, server sent ${size.raw}`);
      total.raw += size.raw;
      total.gzip += size.gzip;
      total.brotli += size.brotli;
    }
    run.bytes[moment] = total;
  }
  // Totals are kept for every moment; the file list only for the whole sign-in.
  run.js = { signedIn: run.js.signedIn };
}

const pkg = (name) => JSON.parse(readFileSync(join(root, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};
const results = {
  generatedAt: new Date().toISOString(),
  command: 'npm run bench',
  durationSeconds: Math.round((Date.now() - started) / 1000),
  environment: {
    chromium: chromiumVersion,
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedSourceChanges: (git('status', '--porcelain', '--', 'src') ?? '').split('\n').filter(Boolean).length,
    clerkJs: pkg('@clerk/clerk-js'),
    clerkUi: clerkUi().version,
    keyMode: KEY_MODE,
  },
  method: {
    rounds,
    roundsCompleted: new Set(runs.map((r) => r.round)).size,
    pages: Object.fromEntries(MEASURED.map((p) => [p, FLOWS[p].title])),
    compression: 'gzip level 9, brotli quality 11 (text mode), of each JavaScript response body',
  },
  conformance: {
    summary: recorder.summary(),
    validated: recorder.validated,
    unchecked: recorder.unchecked,
    failures: recorder.failures,
  },
  sizes: Object.fromEntries(sizes),
  runs,
};
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, 'bench', 'RESULTS.md'), renderMarkdown(results));
writeReport();
console.log(`wrote bench/results.json and bench/RESULTS.md in ${results.durationSeconds} s`);
const failures = runs.filter((r) => !r.ok);
if (setupFailures) process.exitCode = 1;
if (failures.length) {
  console.error(`${failures.length} of ${runs.length} page loads failed; see bench/RESULTS.md`);
  process.exitCode = 1;
}

/** A file's body; tried again once, as a busy machine may drop a kept-alive connection. */
async function download(fileUrl) {
  try {
    return Buffer.from(await (await fetch(fileUrl)).arrayBuffer());
  } catch {
    return Buffer.from(await (await fetch(fileUrl, { headers: { connection: 'close' } })).arrayBuffer());
  }
}

function fmt(value) {
  return value === null || value === undefined ? '-' : Math.round(value);
}
