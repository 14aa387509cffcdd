// The account pages of the bench: `<clerk-mfa-setup>` beside Clerk's `<UserProfile />` on its
// Security page, each opened by a user already signed in (an SMS number and backup codes, no
// authenticator app yet), in interleaved rounds, one fresh browser context per page load. It
// measures the JavaScript each page downloads (raw, gzip -9, brotli -q 11, files), the time until
// the action to add an authenticator app is on screen and clickable, and the time from that click
// to the key to scan. `npm run bench` runs it after the sign-in pages; `npm run bench -- --only setup`
// runs it alone. Writes bench/setup-results.json and its section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fapiCall } from './measure.mjs';
import { renderMarkdown } from './report.mjs';
import { renderSetupSection } from './setup-report.mjs';

const here = new URL('.', import.meta.url).pathname;
export const SETUP_PAGES = ['setup-element', 'setup-profile'];
const IN_PAGE = ['in-page.js', 'setup-in-page.js'].map((file) => readFileSync(join(here, file), 'utf8'));
const TIMEOUT = 20_000;
const SETTLE_MS = 500;

/** What a user does on each page to reach the key of a new authenticator app. */
export const SETUP_FLOWS = {
  'setup-element': {
    title: '<clerk-mfa-setup>',
    path: 'setup-element/',
    clicks: 1,
    addAuthenticator: (page) => page.locator('clerk-mfa-setup [part~="add-totp-button"]').click(),
  },
  'setup-profile': {
    title: "Clerk's <UserProfile />, Security page",
    path: 'setup-profile/#/security',
    clicks: 2,
    async addAuthenticator(page) {
      await page.getByRole('button', { name: 'Add two-step verification' }).click();
      await page.getByText('Authenticator application', { exact: true }).click();
    },
  },
};

/**
 * A new user with an SMS number and backup codes (and `extra`), signed in on `context` (its
 * `__client` cookie) with one of the codes; answers the user.
 */
export async function signedInUser(context, baseUrl, extra = {}) {
  const user = {
    email: `bench-setup-${randomBytes(4).toString('hex')}@example.com`,
    password: `bench ${randomBytes(9).toString('base64url')}`,
    first_name: 'Bench',
    phone_number: `+1555${String(1_000_000 + (randomBytes(3).readUIntBE(0, 3) % 8_999_999))}`,
    backup_codes: ['bench-0001', 'bench-0002'],
    ...extra,
  };
  const control = { headers: { 'x-clerk-emulator': '1', 'content-type': 'application/json' } };
  const added = await fetch(`${baseUrl}/__clerk/_emulator/users`, { method: 'POST', ...control, body: JSON.stringify({ users: [user] }) });
  if (!added.ok) throw new Error(`could not add the bench user: ${added.status} ${await added.text()}`);
  const post = async (path, form) => {
    const response = await context.request.post(`${baseUrl}/__clerk/v1${path}`, { form, headers: { origin: new URL(baseUrl).origin } });
    if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()).response;
  };
  const signIn = await post('/client/sign_ins', { identifier: user.email, password: user.password });
  const done = await post(`/client/sign_ins/${signIn.id}/attempt_second_factor`, { strategy: 'backup_code', code: user.backup_codes[0] });
  if (done.status !== 'complete') throw new Error(`the bench user's sign-in ended ${done.status}`);
  return user;
}

/** One page load: a fresh context, a signed-in user, the page until the key is shown. */
async function measureSetupOnce(browser, baseUrl, pageName) {
  const flow = SETUP_FLOWS[pageName];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const marks = {};
  const requests = [];
  const errors = [];
  const waiters = new Map();
  const reached = (name) => new Promise((resolve) => (marks[name] ? resolve() : waiters.set(name, resolve)));
  try {
    await signedInUser(context, baseUrl);
    await context.exposeBinding('__benchMark', (_source, name, at, detail) => {
      if (marks[name] || (name === 'document' && marks.document)) return;
      marks[name] = { at, ...detail, requestsSoFar: requests.length };
      waiters.get(name)?.();
    });
    for (const content of IN_PAGE) await context.addInitScript({ content });
    const page = await context.newPage();
    page.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await page.goto(`${baseUrl}/${flow.path}`, { waitUntil: 'commit' });
    await withTimeout(reached('setup-usable'), `the add action never became clickable`);
    await flow.addAuthenticator(page);
    await withTimeout(reached('setup-key-shown'), 'the key to scan never showed');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  } catch (error) {
    errors.push(error instanceof Error ? error.message.split('\n')[0] : String(error));
  } finally {
    await context.close().catch(() => {});
  }
  return summarize(pageName, marks, requests, errors);
}

function withTimeout(promise, message) {
  let timer;
  return Promise.race([promise.finally(() => clearTimeout(timer)), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), TIMEOUT)))]);
}

const isJs = (url) => /\.m?js$/.test(new URL(url).pathname);
const isFapi = (url) => new URL(url).pathname.startsWith('/__clerk/v1/');

function summarize(page, marks, requests, errors) {
  const start = marks.document?.at;
  const usable = marks['setup-usable'];
  const key = marks['setup-key-shown'];
  const since = (mark) => (mark && start !== undefined ? mark.at - start : null);
  const js = (mark) => (mark ? mark.resources.filter((r) => isJs(r.name)).map((r) => new URL(r.name).pathname) : null);
  const blocking = usable ? usable.longTasks.filter((t) => t.start < usable.at).reduce((sum, t) => sum + Math.max(0, Math.min(t.duration, usable.at - t.start) - 50), 0) : null;
  return {
    page,
    ok: errors.length === 0 && !!key,
    errors,
    ms: {
      clerkLoaded: since(marks['clerk-loaded']),
      usable: since(usable),
      addToKey: key?.clickAt ? key.at - key.clickAt : null,
      blockingToUsable: blocking,
    },
    js: { usable: js(usable), keyShown: js(key) },
    fapi: { beforeUsable: usable ? requests.slice(0, usable.requestsSoFar).filter((r) => isFapi(r.url)).map((r) => fapiCall(r.url, r.method)) : null },
  };
}

/** Raw, gzip -9 and brotli -q 11 sizes of one file of the site. */
async function sizesOf(baseUrl, path) {
  const body = Buffer.from(await (await fetch(baseUrl + path)).arrayBuffer());
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli.length };
}

/**
 * Runs the rounds on `browser` against the bench site at `baseUrl` (see site.mjs), stopping
 * before `deadline` (epoch ms); writes bench/setup-results.json and RESULTS.md.
 */
export async function runSetupBench({ browser, baseUrl, rounds, deadline, environment }) {
  const runs = [];
  for (const page of SETUP_PAGES) await measureSetupOnce(browser, baseUrl, page); // warm-up, not recorded
  for (let round = 0; round < rounds && Date.now() < deadline; round++) {
    const order = SETUP_PAGES.map((_, i) => SETUP_PAGES[(i + round) % SETUP_PAGES.length]);
    for (const page of order) {
      const load = loadavg()[0];
      const run = { ...(await measureSetupOnce(browser, baseUrl, page)), round, loadAverage: load };
      runs.push(run);
      const t = run.ms;
      console.log(`setup round ${round + 1}/${rounds} ${page.padEnd(13)} ${run.ok ? 'ok  ' : 'FAIL'} add clickable ${fmt(t.usable)} ms, add → key ${fmt(t.addToKey)} ms${run.ok ? '' : `  ${run.errors.join('; ')}`}`);
    }
  }
  const sizes = {};
  for (const path of new Set(runs.flatMap((r) => [...(r.js.usable ?? []), ...(r.js.keyShown ?? [])]))) sizes[path] = await sizesOf(baseUrl, path);
  const results = {
    generatedAt: new Date().toISOString(),
    environment: { ...environment, commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim() },
    method: { rounds, roundsCompleted: new Set(runs.map((r) => r.round)).size, pages: Object.fromEntries(SETUP_PAGES.map((p) => [p, { title: SETUP_FLOWS[p].title, path: SETUP_FLOWS[p].path, clicks: SETUP_FLOWS[p].clicks }])) },
    sizes,
    runs,
  };
  writeFileSync(join(here, 'setup-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeReport();
  return runs.filter((r) => !r.ok).length;
}

/** bench/RESULTS.md: the sign-in pages' report (results.json), then the account pages' section (setup-results.json). */
export function writeReport() {
  const read = (file) => (existsSync(join(here, file)) ? JSON.parse(readFileSync(join(here, file), 'utf8')) : null);
  const signIn = read('results.json');
  const setup = read('setup-results.json');
  const parts = [signIn ? renderMarkdown(signIn) : '# Benchmark\n', setup ? renderSetupSection(setup) : ''];
  writeFileSync(join(here, 'RESULTS.md'), parts.join('\n'));
}

function fmt(value) {
  return value === null || value === undefined ? '-' : Math.round(value);
}
