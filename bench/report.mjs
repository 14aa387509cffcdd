// Turns bench/results.json into bench/RESULTS.md: medians, spread and ratios.

const OURS = 'element';
const PEERS = ['prebuilt', 'guide'];
/** Our page signed in with a wrong password first: only for the cost of the lazily loaded parts. */
const MISTAKE = 'element-mistake';
/** Our page with the README's preload link for clerk-js. */
const PRELOAD = 'element-preload';
/** Our module imported only after the page's clerk-js has started loading: what our first render costs on Clerk's path. */
const CLERK_FIRST = 'element-clerk-first';
const LABEL = {
  element: '`<clerk-mfa-sign-in>`',
  prebuilt: 'Clerk `<SignIn />`',
  guide: 'Guide flow',
  [MISTAKE]: '`<clerk-mfa-sign-in>`, wrong password first',
  [PRELOAD]: '`<clerk-mfa-sign-in>` + preload link',
  [CLERK_FIRST]: '`<clerk-mfa-sign-in>` after Clerk',
};
/** Card heights are reported for these steps, in this order. */
const STEPS = ['credentials', 'password', 'code', 'wrong password'];

export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Every figure the report shows, per page, from the successful runs. */
export function summarize(results) {
  const out = {};
  for (const page of [OURS, ...PEERS, PRELOAD, CLERK_FIRST, MISTAKE]) {
    const runs = results.runs.filter((r) => r.page === page);
    const ok = runs.filter((r) => r.ok);
    const pick = (fn) => stats(ok.map(fn));
    const bytes = (moment, kind) => pick((r) => r.bytes?.[moment]?.[kind]);
    const calls = ok.map((r) => r.fapi.signIn);
    const repeated = new Map();
    for (const list of calls) {
      const counts = new Map();
      for (const call of list) counts.set(call, (counts.get(call) ?? 0) + 1);
      for (const [call, count] of counts) if (count > 1) repeated.set(call, Math.max(repeated.get(call) ?? 0, count));
    }
    const sequences = new Map();
    for (const list of calls) sequences.set(list.join(' → '), (sequences.get(list.join(' → ')) ?? 0) + 1);
    const after = new Map();
    for (const r of ok) for (const call of r.fapi.afterSignedIn) after.set(call, (after.get(call) ?? 0) + 1);
    out[page] = {
      runs: runs.length,
      ok: ok.length,
      failures: runs.filter((r) => !r.ok).map((r) => ({ round: r.round, errors: r.errors })),
      ms: Object.fromEntries(
        ['firstInput', 'clerkJsRequested', 'clerkJsDownloaded', 'clerkLoaded', 'formReady', 'submitToSignedIn', 'submitToElementEvent', 'blockingToFormReady'].map((k) => [k, pick((r) => r.ms[k])]),
      ),
      shift: { cls: pick((r) => r.layoutShift?.cls), all: pick((r) => r.layoutShift?.all) },
      longTasks: pick((r) => r.longTasksToFormReady),
      heights: Object.fromEntries(STEPS.map((step) => [step, pick((r) => r.heights?.[step])])),
      mistakeToMessage: pick((r) => r.timings?.mistakeToMessage),
      lazy: lazyChunksOf(ok, results.sizes),
      bytes: Object.fromEntries(
        ['firstInput', 'formReady', 'signedIn'].map((moment) => [
          moment,
          { raw: bytes(moment, 'raw'), gzip: bytes(moment, 'gzip'), brotli: bytes(moment, 'brotli'), files: bytes(moment, 'files') },
        ]),
      ),
      fapi: {
        count: pick((r) => r.fapi.signIn.length),
        repeated: Object.fromEntries(repeated),
        sequences: Object.fromEntries(sequences),
        afterSignedIn: Object.fromEntries([...after].map(([call, n]) => [call, n / Math.max(ok.length, 1)])),
      },
      navigationsAfter: [...new Set(ok.flatMap((r) => r.navigationsAfter))],
      submit: Object.fromEntries(
        ['beforeFirstRequest', 'inRequests', 'betweenRequests', 'afterLastResponse'].map((k) => [k, pick((r) => r.submitBreakdown?.[k])]),
      ),
      files: filesOf(ok, results.sizes),
    };
  }
  return out;
}

/** Our lazily loaded chunks, by name without the content hash: loads, size and download time. */
function lazyChunksOf(runs, sizes) {
  const byName = new Map();
  for (const run of runs) {
    for (const chunk of run.lazyChunks ?? []) {
      const name = chunk.path.replace(/^.*\/chunks\//, '').replace(/-[A-Z0-9]+\.js$/, '');
      const entry = byName.get(name) ?? { name, path: chunk.path, loads: 0, ms: [] };
      entry.loads += 1;
      entry.ms.push(chunk.ms);
      byName.set(name, entry);
    }
  }
  return [...byName.values()].map((e) => ({ ...e, ms: stats(e.ms), ...sizes[e.path] }));
}

function filesOf(runs, sizes) {
  const seen = new Map();
  for (const run of runs) {
    for (const r of run.js.signedIn ?? []) {
      const path = new URL(r.url).pathname;
      seen.set(path, (seen.get(path) ?? 0) + 1);
    }
  }
  return [...seen].map(([path, loads]) => ({ path, loads, ...sizes[path] }));
}

const px = (value) => (value === null || value === undefined ? '–' : `${Math.round(value)} px`);
const shift = (value) => (value === null || value === undefined ? '–' : value.toFixed(4));
export const kb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1000).toFixed(1)} kB`);
export const ms = (value) => (value === null || value === undefined ? '–' : `${Math.round(value)} ms`);
export const n = (value) => (value === null || value === undefined ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(1));

export function ratio(peer, ours) {
  if (peer === null || peer === undefined || ours === null || ours === undefined) return '–';
  if (ours === 0) return peer === 0 ? '1×' : '∞';
  const r = peer / ours;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** "median (min–max)" for bytes, "median (IQR p25–p75; min–max)" for times. */
export function cell(s, format, spread) {
  if (!s) return '–';
  if (spread === 'iqr') return `${format(s.median)} (IQR ${format(s.p25)}–${format(s.p75)}; ${format(s.min)}–${format(s.max)})`;
  return s.min === s.max ? format(s.median) : `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

export function renderMarkdown(results) {
  const sum = summarize(results);
  const env = results.environment;
  const lines = [];
  const row = (label, get, format, spread) => {
    const ours = get(sum[OURS]);
    const cells = [label, cell(ours, format, spread)];
    for (const peer of PEERS) {
      const theirs = get(sum[peer]);
      cells.push(cell(theirs, format, spread), ratio(theirs?.median, ours?.median));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  };

  lines.push('# Benchmark: `<clerk-mfa-sign-in>` against Clerk\'s prebuilt sign-in and the guide\'s custom flow');
  lines.push('');
  lines.push(
    `Generated by \`${results.command}\` on ${results.generatedAt.slice(0, 10)}: headless Chromium ${env.chromium}, Node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}), ` +
      `commit ${env.commit}${env.uncommittedSourceChanges ? ` plus ${env.uncommittedSourceChanges} uncommitted file(s) under src/` : ''}, ` +
      `@clerk/clerk-js ${env.clerkJs}, @clerk/ui ${env.clerkUi}, ${env.keyMode} key. ` +
      `${results.method.roundsCompleted} interleaved rounds (one fresh browser context and one fresh user per page load, after one unrecorded warm-up round); ${results.durationSeconds} s in all.`,
  );
  lines.push('');
  lines.push('Every page signs the same kind of user in (email, password, authenticator-app code) against the same emulator, served from one origin with clerk-js fetched from `/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js`:');
  lines.push('');
  for (const page of [OURS, ...PEERS]) {
    const s = sum[page];
    lines.push(`- **${LABEL[page]}**: ${results.method.pages[page]}; ${s.ok} of ${s.runs} page loads signed in.`);
  }
  lines.push('');
  const load = stats(results.runs.map((r) => r.loadAverage));
  if (load) {
    lines.push(
      `1-minute load average while measuring: median ${load.median.toFixed(1)} (${load.min.toFixed(1)}–${load.max.toFixed(1)}) on ${env.cpus} CPUs. ` +
        'Times stretch and spread when other work shares the machine (every page alike, as the rounds interleave); bytes and request counts do not depend on it.',
    );
    lines.push('');
  }
  lines.push('Figures are medians over the successful page loads, with (min–max) or (IQR; min–max). Ratio = the peer\'s median ÷ ours (above 1× means the peer costs more).');
  lines.push('');
  lines.push(`| | ${LABEL[OURS]} | ${LABEL.prebuilt} | ratio | ${LABEL.guide} | ratio |`);
  lines.push('| --- | --- | --- | --- | --- | --- |');
  /** A heading row, then the JavaScript downloaded by `moment`, one row per measure. */
  const byteRows = (title, moment, measures = ['raw', 'gzip', 'brotli', 'files']) => {
    lines.push(`| ${title} | | | | | |`);
    for (const measure of measures) row(measure, (s) => s.bytes[moment][measure], measure === 'files' ? n : kb);
  };
  byteRows('**JavaScript before the form is usable** (field on screen and Clerk loaded)', 'formReady');
  byteRows('**JavaScript before the first field is on screen**', 'firstInput', ['raw', 'brotli']);
  byteRows('**JavaScript by the end of sign-in** (session active)', 'signedIn');
  lines.push('| **Time from navigation start** | | | | | |');
  row('first field visible and typeable', (s) => s.ms.firstInput, ms, 'iqr');
  row('clerk.browser.js requested', (s) => s.ms.clerkJsRequested, ms, 'iqr');
  row('clerk.browser.js downloaded', (s) => s.ms.clerkJsDownloaded, ms, 'iqr');
  row('Clerk loaded', (s) => s.ms.clerkLoaded, ms, 'iqr');
  row('form usable (both)', (s) => s.ms.formReady, ms, 'iqr');
  lines.push('| **Final submit → signed in** (session active) | | | | | |');
  row('last key → session active', (s) => s.ms.submitToSignedIn, ms, 'iqr');
  row('last key → the element\'s `signed-in` event', (s) => s.ms.submitToElementEvent, ms, 'iqr');
  row('… before the first request', (s) => s.submit.beforeFirstRequest, ms);
  row('… in Frontend API requests', (s) => s.submit.inRequests, ms);
  row('… between requests', (s) => s.submit.betweenRequests, ms);
  row('… after the last response', (s) => s.submit.afterLastResponse, ms);
  lines.push('| **What the user feels** | | | | | |');
  row('layout shift over the whole sign-in (CLS: shifts within 500 ms of an input left out)', (s) => s.shift.cls, shift);
  row('layout shift over the whole sign-in, every shift', (s) => s.shift.all, shift);
  row('total blocking time, navigation → form usable (long tasks past 50 ms)', (s) => s.ms.blockingToFormReady, ms, 'iqr');
  row('long tasks, navigation → form usable', (s) => s.longTasks, n);
  lines.push('| **Card height at each step** | | | | | |');
  for (const step of STEPS.slice(0, 3)) row(step, (s) => s.heights[step], px);
  lines.push('| **Frontend API requests** | | | | | |');
  row('whole sign-in (page load → session active)', (s) => s.fapi.count, n);
  lines.push('');

  lines.push('## Frontend API calls');
  lines.push('');
  for (const page of [OURS, ...PEERS]) {
    const s = sum[page];
    lines.push(`**${LABEL[page]}**`);
    lines.push('');
    for (const [sequence, count] of Object.entries(s.fapi.sequences)) lines.push(`- ${count}×: ${sequence}`);
    const repeated = Object.entries(s.fapi.repeated);
    lines.push(`- repeated calls: ${repeated.length ? repeated.map(([call, c]) => `\`${call}\` up to ${c}×`).join(', ') : 'none'}`);
    const after = Object.entries(s.fapi.afterSignedIn);
    lines.push(
      `- within 1 s after the session is active: ${after.length ? after.map(([call, per]) => `\`${call}\` (${n(per)} per load)`).join(', ') : 'none'}` +
        (s.navigationsAfter.length ? `; the page then loads ${s.navigationsAfter.map((p) => `\`${p}\``).join(', ')}` : ''),
    );
    lines.push('');
  }

  lines.push('## With the README\'s preload link, and with Clerk first');
  lines.push('');
  lines.push(
    `The same element on a page whose \`<head>\` also has \`<link rel="preload" as="script" crossorigin href=".../clerk.browser.js">\` (\`bench/pages/element-preload/\`), ` +
      `and on a page that has Clerk's script tag, calls \`Clerk.load()\` as soon as clerk-js has run and only then imports the element (\`bench/pages/element-clerk-first/\`: not a way to ship it, ` +
      `it moves our module's download and first render after Clerk's path to show what they cost on it), measured in the same rounds; ratio = the guide's median ÷ that page's.`,
  );
  lines.push('');
  lines.push(`| | ${LABEL[PRELOAD]} | ratio | ${LABEL[CLERK_FIRST]} | ratio | ${LABEL.guide} | ${LABEL[OURS]} (no preload) |`);
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [label, key] of [['first field visible and typeable', 'firstInput'], ['clerk.browser.js requested', 'clerkJsRequested'], ['Clerk loaded', 'clerkLoaded'], ['form usable (both)', 'formReady']]) {
    const [pre, first, guide, ours] = [sum[PRELOAD], sum[CLERK_FIRST], sum.guide, sum[OURS]].map((s) => s?.ms[key]);
    lines.push(
      `| ${label} | ${cell(pre, ms, 'iqr')} | ${ratio(guide?.median, pre?.median)} | ${cell(first, ms, 'iqr')} | ${ratio(guide?.median, first?.median)} | ${cell(guide, ms, 'iqr')} | ${cell(ours, ms, 'iqr')} |`,
    );
  }
  const downloads = stats(results.runs.filter((r) => r.page === PRELOAD && r.ok).map((r) => r.clerkJsDownloads));
  lines.push(`| clerk.browser.js downloads per page load | ${cell(downloads, n)} | | | | | |`);
  lines.push('');

  lines.push('## Lazily loaded parts, when used');
  lines.push('');
  const mistake = sum[MISTAKE];
  const usedWithoutMistake = sum[OURS].lazy.map((c) => `\`${c.name}\` (${c.loads} of ${sum[OURS].ok} loads)`);
  lines.push(
    `Our chunks (\`/cdn/chunks/*.js\`, any name) downloaded during the sign-in: without a mistake, ${usedWithoutMistake.length ? usedWithoutMistake.join(', ') : 'none'}; ` +
      `with a wrong password first (${mistake.ok} of ${mistake.runs} page loads signed in), the wrong password's Enter → its message shown took ${cell(mistake.mistakeToMessage, ms, 'iqr')} (Playwright's round trips included), and the card was ${cell(mistake.heights['wrong password'], px)} tall with the message.`,
  );
  lines.push('');
  lines.push('| chunk | page loads that downloaded it | raw | gzip | brotli | request → downloaded |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const [page, s] of [[OURS, sum[OURS]], [MISTAKE, mistake]]) {
    for (const c of s.lazy) lines.push(`| \`${c.name}\` (${LABEL[page]}) | ${c.loads} of ${s.ok} | ${kb(c.raw)} | ${kb(c.gzip)} | ${kb(c.brotli)} | ${cell(c.ms, ms, 'iqr')} |`);
  }
  lines.push('');

  lines.push('## JavaScript files downloaded by the end of sign-in');
  lines.push('');
  lines.push('| page | file | raw | gzip | brotli |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const page of [OURS, ...PEERS]) {
    for (const f of sum[page].files) lines.push(`| ${LABEL[page]} | \`${f.path}\` | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  }
  lines.push('');

  const failures = [OURS, ...PEERS, PRELOAD, CLERK_FIRST, MISTAKE].flatMap((page) => sum[page].failures.map((f) => `- ${LABEL[page]}, round ${f.round + 1}: ${f.errors.join('; ')}`));
  if (failures.length) {
    lines.push('## Failed page loads');
    lines.push('');
    lines.push(...failures);
    lines.push('');
  }

  lines.push('## The emulator during the bench');
  lines.push('');
  lines.push(`${results.conformance.summary}.`);
  for (const f of results.conformance.failures.slice(0, 20)) lines.push(`- ${f.method} ${f.path} ${f.status}: ${f.errors}`);
  lines.push('');

  lines.push('## How it is measured');
  lines.push('');
  lines.push(...METHOD_NOTES);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

const METHOD_NOTES = [
  '- **Pages** (`bench/pages/`): `element` is the CDN module and the tag; `prebuilt` follows Clerk\'s script-tag quickstart for clerk-js 6: clerk-js and `@clerk/ui` (`ui.browser.js`) as async script tags, then `Clerk.load({ ui: { ClerkUI: window.__internal_ClerkUICtor } })` and `Clerk.mountSignIn()`; `guide` is the plain-JavaScript version of Clerk\'s "custom sign-in flow with multi-factor authentication" guide on the same clerk-js script tag, with the bugs that stop it fixed (listed at the top of `bench/pages/guide/main.js`).',
  '- **The user** types the same way everywhere: email and password (Clerk\'s `<SignIn />` asks for them on two steps), then the 6-digit code; `<clerk-mfa-sign-in>` and `<SignIn />` submit the code on its last digit, the guide\'s form needs Enter. Typing starts once the form is usable.',
  '- **First field visible and typeable**: the first animation frame in which a text `<input>` (light or shadow DOM) has a box, passes `checkVisibility()` with opacity and `visibility`, is enabled, not read-only, focusable and not under `aria-hidden`/`inert`.',
  '- **Clerk loaded**: clerk-js emits status `ready`. **Form usable**: the later of the two. The guide\'s fields show before clerk-js has loaded, but its form only works after (submitting earlier posts the password in the URL); `<clerk-mfa-sign-in>` accepts a submit before clerk-js has loaded and sends it once loaded, so "first field" is already usable for it; both figures are shown.',
  '- **Session active**: clerk-js notifies its listeners of an active session; when `setActive()` redirects instead (`<SignIn />` goes to the after-sign-in URL and skips that notification), the moment the redirect starts, with the session already active in clerk-js. **Final submit**: the last key pressed (Enter, or the last digit of a code that submits itself).',
  '- **JavaScript bytes**: every `.js` response finished by each moment (the page\'s own Resource Timing), each body compressed here with zlib (gzip level 9, brotli quality 11). The emulator sends files uncompressed, so raw is what crossed the wire locally; gzip/brotli are what a CDN would send. Inline scripts in the HTML are not counted (only the prebuilt page has one: its 0.5 kB start-up script).',
  '- **Frontend API requests**: requests to `/__clerk/v1/*` from navigation start until the session is active; PATCH/DELETE are shown with clerk-js\'s `_method` override resolved. Requests in the following second are listed separately (the guide reloads the page after signing in).',
  '- **`<SignIn />`\'s code step**: after a correct code, @clerk/ui 1.34.0 shows a success state and waits 750 ms before it calls `setActive()` (its OTP field: `setSuccess("success")`, then a 750 ms sleep); that pause is most of its "between requests" time.',
  '- **Layout shift**: the `layout-shift` entries from navigation until the session is active; CLS leaves out shifts within 500 ms of an input (as the metric does), so a step that replaces the last one right after Enter shows only in "every shift". **Total blocking time**: the `longtask` entries (50 ms or more) begun before the form is usable, each counted past its first 50 ms. **Card height**: the bounding box of the card (`<clerk-mfa-sign-in>`, `<SignIn />`\'s `.cl-cardBox`, the guide\'s visible form) as each step shows.',
  '- **Lazily loaded parts**: every `/cdn/chunks/*.js` the page downloaded, grouped by name without its content hash, so a chunk added later (another view, a language) is counted once it is used. The extra page load with a wrong password first measures what the on-demand part costs when a sign-in needs it.',
  '- **Not measured**: network latency (everything is on loopback, so download time is mostly parse and compile time), rendering quality, accessibility.',
];
