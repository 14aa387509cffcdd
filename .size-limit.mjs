// Size budgets (brotli), checked by `npm run size` in `npm test` (after `npm run build`).
//
// What counts: all of our code a page needs to complete a sign-in in English with the
// authenticator app and without a mistake, whether it arrives in the first file or later.
// Loading something lazily does not take it out of the budget; only what such a sign-in never
// downloads is left out:
//   - other languages: their strings (src/locales/*) and the loader that finds them
//     (src/locale-loader.ts), downloaded only when the page asks for a language other than US English;
//   - src/mfa/enrolment.ts and what it imports (chunks/enrolment-*, with the `uqr` QR encoder):
//     enrolling a second factor, which only a user with Clerk's `setup-mfa` task meets;
//   - src/on-demand.ts and what it imports (one chunk, chunks/on-demand-*): the steps an
//     authenticator-app sign-in never shows (SMS, email and backup-code methods, new device, the
//     steps of "Forgot password?" with their transitions and calls, new password, a session task;
//     the calls that send another method's code and set a new password), the handling of failures (reading clerk-js's errors, the failure
//     table, the failure messages) and their English. It downloads the first time any of it is
//     needed: another method chosen, Clerk asking for another step, or the first failure;
//   - clerk-js, which the element fetches at run time from the Frontend API host, and Lit and
//     @clerk/* in the npm build, which are the host's dependencies there.
//
// The budgets stop growth; lower them as the code shrinks.
//   - Element code: 11.15 KB (measured 11.10 KB): a page's own Clerk instance (the `clerk` property)
//     noticed at its `ready` status instead of at the next 50 ms poll, so a submit made while it
//     loads goes out at once (+0.03 KB). 11.1 KB (measured 11.06 KB): an SMS or email code sent and Clerk's new password
//     set from the on-demand part (src/clerk-recovery.ts) instead of the built-in adapter, -0.02 KB;
//     the split of the shared look, adapter and localization below cost it nothing (11.08 before).
//     It was 11.05 KB (11.02) before the one countdown
//     shared by both elements and the enrolment (src/countdown.ts, +0.06 KB on the sign-in's path: the
//     clock and the resend wait, handed to the downloaded enrolment in its kit, replacing the ticker
//     each controller had) and the language loader option the setup element uses. It was 10.35 KB (10.34 measured) before
//     "Forgot password?" (+0.25 KB: its button and text on the first step, the controller handing it
//     to the on-demand part, which now also holds its steps, transitions, calls to Clerk and English,
//     the email check it shares with Continue, the CSS of the "Sign out of all other devices"
//     checkbox), the `setup-mfa` task run inline (+0.32 KB: downloading the enrolment part, the
//     `signed-in` with `mfaEnrolled`, the task's end in the machine and the controller; the
//     enrolment itself, src/mfa/enrolment.ts with the QR encoder, one chunk, chunks/enrolment-*,
//     10.2 KB, downloads only when a user meets the task) and clerk-js loading when the module runs,
//     for the elements already on the page, with the page's own clerk-js <script> from Clerk's
//     quickstart reused (+0.10 KB: clerk-js is most of what a sign-in downloads, so asking for it
//     before the first render is worth its bytes). It was 10.55 KB (10.54 measured) before the steps
//     an authenticator-app sign-in never shows and the handling of failures moved to the on-demand
//     part (3.06 KB, not counted), which also paid for the compact card, the element's own checks
//     of the fields, the show-password toggle, the Caps Lock warning, who is signing in on step 2,
//     the list of other methods, the greeting with "Continue" and the task screen. Before that:
//     9.95 KB until the English table grew to 71 strings (+0.20 KB), right-to-left direction and
//     the missing-language warning (+0.19 KB), and the URL checks with the 320-character email
//     limit (+0.21 KB); 9.7 KB until the sign-in controller, the strategy table and following the
//     page's `lang` (+0.36 KB). The 8 KB first aimed for is below what the features take (the
//     README's "Size budgets" lists the parts).
//   - CDN file: 16.4 KB (measured 16.34 KB): a page's own Clerk noticed at its `ready` status, as
//     above (+0.07 KB). 16.3 KB (measured 16.27 KB): the SMS or email code and the new password sent from
//     the on-demand part, as above (-0.03 KB). 16.35 KB (16.32 measured): one file again (src/index.ts, which starts clerk-js
//     as it registers the element): side by side in one bench run, the first field showed 25 ms
//     sooner than with a loader and the element it imports one after the other, clerk-js was
//     requested 9 ms later and the form was usable at the same time; one file compresses better
//     (-0.52 KB). It was 16.85 KB (16.80, two files summed)
//     with the shared countdown, as above, on 16.8 KB (16.78). It was 16.25 KB (16.23) in one file,
//     before the split into the CDN file that starts clerk-js (1.3 KB: the clerk-js loader, its URL
//     checks and the Trusted Types policy) and the element it imports (+0.53 KB: two files compress
//     less well than one, plus the names the element imports): clerk-js is requested before the
//     element has downloaded instead of after it has run, which the bench measures (bench/RESULTS.md,
//     "clerk.browser.js requested" and "form usable"). 0.23 KB over the 16 KB aimed for came from
//     "Forgot password?", the inline enrolment and the early clerk-js load. It was 15.6 KB (15.57)
//     before "Forgot password?", the inline enrolment and the early clerk-js load (as above), and
//     15.8 KB (15.77) before the on-demand part.
//   - Setup CDN file alone: 18.15 KB (measured 18.11 KB), what <clerk-mfa-setup> downloads before
//     its overview shows; and adding an authenticator app in English: 26.6 KB (measured 26.58 KB,
//     three files summed). Both 1.4 KB less since the setup stopped carrying the sign-in's parts:
//     the sign-in-only CSS (who is signing in, the password toggle) in src/clerk-mfa-sign-in.styles.ts,
//     the sign-in's calls to Clerk in src/sign-in-adapter.ts with the strategy table they read
//     (src/clerk-adapter.ts keeps clerk-js loading, the timeout and the reading of failures), and the
//     sign-in's English with its merging out of src/localization.ts (src/sign-in-strings.ts). They
//     were 19.55 KB (19.52) and 28.0 KB (27.98, three files summed: the CDN file, the enrolment, setup-chunks/setup-enrolment-* with the QR
//     encoder, 7.6 KB, and the chunk it shares with the downloaded views, setup-chunks/chunk-*:
//     copying and the calls of mfa-adapter.ts, 0.8 KB). Both were 26.25 KB (26.20 measured) in one
//     file, before the enrolment (its views, controller, machine, calls to Clerk and the `uqr` QR
//     encoder, 24.9 KB raw of the 88.1 KB) moved to a part downloaded when "Add" is pressed, begun
//     when a pointer or the focus is on it: -6.68 KB for the overview; +1.78 KB for adding an app,
//     as three files compress less well than one (each brotli stream starts without the others'
//     Lit templates and class names) and the enrolment takes its failure table and clock from the
//     setup. 26.15 KB (26.10 measured) before
//     the numbers shown as Clerk's list shows them, the red Remove, the overview's rows laid out
//     for a phone and the legible waiting "Resend" (+0.10 KB; the sentences that isolate their
//     numbers are in the downloaded views). 26.58 KB before the views a visit
//     may never show (the confirmation of a removal, the verified numbers to pick, the regenerated
//     codes, the reverification: 1.57 KB then, 1.85 KB now with copying the codes and reserving a
//     number, setup-chunks/setup-views-*) moved to a part downloaded the first time one shows.
//     Over the 16 KB aimed for "with its QR encoder": its dependencies alone are 9.1 KB (Lit 5.6 KB,
//     which each CDN file inlines, being self-contained; the `uqr` QR encoder 3.5 KB); the rest of
//     the first file, by raw size, is the overview with the setup's machine and controller, which
//     still hold the transitions and calls of the downloaded views (15.4 KB), the shared look
//     (4.5 KB), the sign-in's clerk-js loading and adapter (5.4 KB), the enrolment's English, which
//     the setup's own views and failures also show, and the sign-in's English and strategy table
//     that `localization.ts` and `clerk-adapter.ts` bring along (1.9 KB). The next gains: the
//     removal, regeneration and reverification transitions and calls with those views, the
//     enrolment's English with the enrolment, and the sign-in's English and strategies out of the
//     setup's path.
import { readFileSync } from 'node:fs';

const external = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@clerk/shared', '@clerk/localizations', '@clerk/clerk-js'];

const CDN_ENTRY = 'dist/cdn/clerk-mfa-sign-in.js';

/**
 * `entry` (in dist/cdn/) and every file it references, statically or with `import()`, and so on
 * from those, except the chunks `notDownloaded` matches.
 */
function servedFiles(entry, notDownloaded) {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    let source = '';
    try {
      source = readFileSync(`dist/cdn/${file}`, 'utf8');
    } catch {
      return; // not built: size-limit reports the missing file
    }
    const dir = file.includes('/') ? `${file.slice(0, file.lastIndexOf('/'))}/` : '';
    for (const [, path] of source.matchAll(/["'`]\.\/([^"'`]+\.js)["'`]/g)) {
      const referenced = `${dir}${path}`;
      if (!notDownloaded.test(referenced)) visit(referenced);
    }
  };
  visit(entry.replace('dist/cdn/', ''));
  return [...files].map((file) => `dist/cdn/${file}`);
}

/**
 * The CDN file and every chunk it references (statically or with `import()`), except those an
 * English authenticator-app sign-in without a mistake never downloads: the language loader chunk (`chunks/locale-loader-*`),
 * one chunk per language (`chunks/de-DE-*`), the on-demand chunk (`chunks/on-demand-*`) and the
 * enrolment. A chunk imported statically always counts, and so would any other chunk loaded later.
 */
function cdnFiles() {
  return servedFiles(CDN_ENTRY, /^chunks\/(?:locale-loader|on-demand|enrolment|[a-z]{2,3}-[A-Z]{2})-[A-Z0-9]+\.js$/);
}

const SETUP_CDN_ENTRY = 'dist/cdn/clerk-mfa-setup.js';

/**
 * `<clerk-mfa-setup>`'s CDN file and every chunk adding an authenticator app in English without a
 * mistake downloads (in `setup-chunks/`): the enrolment (`setup-enrolment-*`, with the QR encoder)
 * and the chunks it imports (`chunk-*`: what it shares with the downloaded views). Not counted:
 * the language loader, the language tables' indexes (`mfa-*`, `setup-*`) and languages, the views
 * it never shows (`setup-views-*`: removal, the numbers to pick, regenerated codes,
 * reverification) and the on-demand part (the reading of failures).
 */
function setupCdnFiles() {
  return servedFiles(SETUP_CDN_ENTRY, /^setup-chunks\/(?:locale-loader|on-demand|setup-views|mfa|setup|[a-z]{2,3}-[A-Z]{2})-[A-Z0-9]+\.js$/);
}

export default [
  {
    // dist/index.js bundled with everything it imports, dynamic imports included (esbuild inlines
    // them), minus the language loader, which only a page in another language downloads, and the
    // on-demand part, which an authenticator-app sign-in without a mistake never downloads.
    name: "element code (the package's own modules, Lit and @clerk/* excluded)",
    path: 'dist/index.js',
    ignore: external,
    brotli: true,
    limit: '11.15 KB',
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: [...config.external, './locale-loader.js', './on-demand.js', './enrolment.js'] }),
  },
  {
    // The files as served, summed (chunks stay external: nothing is bundled twice).
    name: 'CDN file (dist/cdn/clerk-mfa-sign-in.js, Lit inlined, plus any chunk an English authenticator-app sign-in needs)',
    path: cdnFiles(),
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: ['./chunks/*'] }),
    brotli: true,
    limit: '16.4 KB',
  },
  {
    // Built apart from the sign-in's (its own Lit inside; the enrolment and the QR encoder download
    // when "Add" is pressed): what the overview downloads before it can show the user's second factors.
    name: 'Setup CDN file (dist/cdn/clerk-mfa-setup.js alone, Lit inlined)',
    path: [SETUP_CDN_ENTRY],
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: ['./setup-chunks/*'] }),
    brotli: true,
    limit: '18.15 KB',
  },
  {
    // The "within 16 KB with its QR encoder": everything adding an authenticator app
    // downloads, the enrolment with the QR encoder included (the files summed; the chunks stay
    // external, the one the enrolment imports too: nothing is bundled twice).
    name: 'Setup, adding an authenticator app in English (the setup CDN file plus the chunks it downloads: the enrolment, with the QR encoder)',
    path: setupCdnFiles(),
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: ['./setup-chunks/*', './chunk-*'] }),
    brotli: true,
    limit: '26.6 KB',
  },
];
