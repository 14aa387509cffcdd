// One measured sign-in: a fresh user, a fresh browser context, one page load,
// the sign-in typed as a user would, and what the page downloaded and asked
// the Frontend API for along the way.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { FLOWS } from './flows.mjs';

const IN_PAGE = readFileSync(new URL('./in-page.js', import.meta.url), 'utf8');
const FAPI = '/__clerk/v1/';
const SIGNED_IN_TIMEOUT = 20_000;
/** How long to keep watching after the session is active (late requests, the guide's reload). */
const SETTLE_MS = 1_000;

/** A user of its own for every page load: a TOTP code cannot be used twice. */
export async function createUser(baseUrl, label) {
  const user = {
    email: `bench-${label}-${randomBytes(4).toString('hex')}@example.com`,
    password: `bench ${randomBytes(9).toString('base64url')}`,
    first_name: 'Bench',
    totp_secret: new Secret({ size: 20 }).base32,
  };
  const response = await fetch(`${baseUrl}/__clerk/_emulator/users`, {
    method: 'POST',
    headers: { 'x-clerk-emulator': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ users: [user] }),
  });
  if (!response.ok) throw new Error(`could not add the bench user: ${response.status} ${await response.text()}`);
  return user;
}

function totpFor(user) {
  const totp = new TOTP({ secret: Secret.fromBase32(user.totp_secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return () => totp.generate();
}

/** `POST /v1/client/sign_ins/sia_123/attempt_second_factor?_method=...` → `POST /v1/client/sign_ins/:id/attempt_second_factor`. */
export function fapiCall(url, method) {
  const parsed = new URL(url);
  const override = parsed.searchParams.get('_method');
  const path = parsed.pathname
    .slice('/__clerk'.length)
    .split('/')
    .map((segment) => (/^[a-z]+_(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{8,}$/.test(segment) ? ':id' : segment))
    .join('/');
  return `${(override ?? method).toUpperCase()} ${path}`;
}

const isFapi = (url) => new URL(url).pathname.startsWith(FAPI);
const isJs = (url) => /\.m?js$/.test(new URL(url).pathname);

/**
 * Loads `/<pageName>/` in a fresh context and signs a fresh user in.
 * Times are milliseconds from navigation start; resources are what had
 * finished downloading at each moment.
 */
export async function measureOnce(browser, baseUrl, pageName) {
  const flow = FLOWS[pageName];
  const heights = {};
  const timings = {};
  const user = await createUser(baseUrl, pageName);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const marks = {};
  const documents = [];
  const requests = [];
  const errors = [];
  let signedIn;
  const sessionActive = new Promise((resolve) => (signedIn = resolve));
  let readyParts = 0;
  let ready;
  const formReady = new Promise((resolve) => (ready = resolve));
  try {
    await context.exposeBinding('__benchMark', (_source, name, at, detail) => {
      if (name === 'document') {
        if (detail.url.startsWith(baseUrl)) documents.push({ at, url: detail.url });
        return;
      }
      if (marks[name]) return;
      // Requests reach the harness in the order the page made them: those seen so far came first.
      marks[name] = { at, ...detail, requestsSoFar: requests.length };
      if (name === 'session-active') signedIn();
      if ((name === 'first-input' || name === 'clerk-loaded') && ++readyParts === 2) ready();
    });
    await context.addInitScript({ content: IN_PAGE });
    const page = await context.newPage();
    const origin = new URL(baseUrl).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('http')) return;
      requests.push({ request, url, method: request.method(), external: new URL(url).origin !== origin, status: null });
    });
    page.on('response', (response) => {
      const entry = requests.find((r) => r.request === response.request());
      if (entry) entry.status = response.status();
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon|Failed to load resource/.test(message.text())) errors.push(`console: ${message.text().slice(0, 300)}`);
    });

    await page.goto(`${baseUrl}/${flow.path ?? pageName}/`, { waitUntil: 'commit' });
    // A person reads the form before typing; typing starts once the form is usable.
    await withTimeout(formReady, SIGNED_IN_TIMEOUT, 'the form never became usable (field on screen and Clerk loaded)');
    await flow.signIn(page, user, totpFor(user), heights, timings);
    await withTimeout(sessionActive, SIGNED_IN_TIMEOUT, 'the session never became active');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  } catch (error) {
    errors.push(error instanceof Error ? error.message.split('\n')[0] : String(error));
  } finally {
    await context.close().catch(() => {});
  }
  return { ...summarize(pageName, { marks, documents, requests, errors }), heights, timings };
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}

/**
 * Where "final submit → signed in" goes, from the page's Resource Timing: the page's own
 * work before the code request, the Frontend API calls in between, and after the last one.
 */
function breakdown(active) {
  if (!active?.lastKeyAt) return null;
  const calls = active.resources
    .filter((r) => isFapi(r.name) && r.start >= active.lastKeyAt)
    .sort((a, b) => a.start - b.start);
  if (calls.length === 0) return null;
  const first = calls[0];
  const last = calls[calls.length - 1];
  return {
    beforeFirstRequest: first.start - active.lastKeyAt,
    requests: calls.map((r) => ({ path: fapiCall(r.name, '').trim(), ms: r.end - r.start })),
    inRequests: calls.reduce((sum, r) => sum + (r.end - r.start), 0),
    betweenRequests: last.end - first.start - calls.reduce((sum, r) => sum + (r.end - r.start), 0),
    afterLastResponse: active.at - last.end,
  };
}

/** Layout shift up to `mark`: every shift, and those not within 500 ms of an input (how CLS counts them). */
function layoutShift(mark) {
  if (!mark) return { all: null, cls: null };
  const sum = (list) => list.reduce((total, s) => total + s.value, 0);
  return { all: sum(mark.shifts), cls: sum(mark.shifts.filter((s) => !s.recentInput)) };
}

/** Total blocking time up to `mark`: each long task's time past 50 ms, for tasks begun before it. */
function blockingTime(mark) {
  if (!mark) return null;
  return mark.longTasks.filter((t) => t.start < mark.at).reduce((total, t) => total + Math.max(0, Math.min(t.duration, mark.at - t.start) - 50), 0);
}

/** Our lazily loaded parts the page downloaded (any `/cdn/chunks/*.js`: on-demand, languages, views added later). */
const LAZY_CHUNK = /\/cdn\/chunks\/[^/]+\.js$/;

function summarize(pageName, { marks, documents, requests, errors }) {
  const start = documents[0]?.at;
  const since = (mark) => (mark && start !== undefined ? mark.at - start : null);
  const active = marks['session-active'];
  const firstInput = marks['first-input'];
  const loaded = marks['clerk-loaded'];
  const readyMark = firstInput && loaded ? (firstInput.at >= loaded.at ? firstInput : loaded) : null;
  const js = (mark) =>
    mark ? mark.resources.filter((r) => isJs(r.name)).map((r) => ({ url: r.name, size: r.size, start: r.start - start, end: r.end - start })) : null;
  const clerkJs = active?.resources.find((r) => r.name.endsWith('/clerk.browser.js'));
  const before = active ? requests.slice(0, active.requestsSoFar) : [];
  const after = active ? requests.slice(active.requestsSoFar) : [];
  return {
    page: pageName,
    submitBreakdown: breakdown(active),
    ok: errors.length === 0 && !!active,
    errors,
    ms: {
      firstInput: since(firstInput),
      clerkLoaded: since(loaded),
      formReady: since(readyMark),
      signedIn: since(active),
      submitToSignedIn: active && active.lastKeyAt ? active.at - active.lastKeyAt : null,
      clerkJsRequested: clerkJs ? clerkJs.start - start : null,
      clerkJsDownloaded: clerkJs ? clerkJs.end - start : null,
      submitToElementEvent: marks['element-signed-in']?.lastKeyAt ? marks['element-signed-in'].at - marks['element-signed-in'].lastKeyAt : null,
      blockingToFormReady: blockingTime(readyMark),
    },
    layoutShift: layoutShift(active),
    // More than one would mean a preload was not reused.
    clerkJsDownloads: active ? active.resources.filter((r) => r.name.endsWith('/clerk.browser.js')).length : null,
    longTasksToFormReady: readyMark ? readyMark.longTasks.filter((t) => t.start < readyMark.at).length : null,
    lazyChunks: active
      ? active.resources.filter((r) => LAZY_CHUNK.test(new URL(r.name).pathname)).map((r) => ({ path: new URL(r.name).pathname, ms: r.end - r.start }))
      : [],
    js: {
      firstInput: js(firstInput),
      clerkLoaded: js(loaded),
      formReady: js(readyMark),
      signedIn: js(active),
    },
    fapi: {
      signIn: before.filter((r) => isFapi(r.url)).map((r) => fapiCall(r.url, r.method)),
      // Cross-check from the page's own Resource Timing: Frontend API responses finished before the session was active.
      signInFinished: active ? active.resources.filter((r) => isFapi(r.name)).length : null,
      afterSignedIn: after.filter((r) => isFapi(r.url)).map((r) => fapiCall(r.url, r.method)),
    },
    external: requests.filter((r) => r.external).map((r) => r.url),
    failed: requests.filter((r) => r.status !== null && r.status >= 400).map((r) => `${r.status} ${r.method} ${new URL(r.url).pathname}`),
    // Later documents: the guide reloads itself, <SignIn /> goes to the after-sign-in URL.
    navigationsAfter: documents.slice(1).map((d) => new URL(d.url).pathname),
  };
}
