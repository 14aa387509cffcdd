// The CDN build where a site hosts it: the built dist/cdn/ folder copied to a path of the site's
// choosing signs in in German (the language files load beside the script, wherever it is), and
// the script copied without its chunks/ folder still signs in, in English, and says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, closeBrowser, ensureBuilt, signInThrough } from './support.js';
import { EN } from '../../../src/strings.js';
import GERMAN from '../../../src/locales/de-DE.js';

const page = (script: string, lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8" /><title>clerk-mfa-sign-in, self-hosted</title>
<script type="module" src="${script}"></script></head>
<body><p id="status"></p>
<clerk-mfa-sign-in publishable-key="pk_test_Y2xlcmsuZW11bGF0b3IudGVzdCQ=" proxy-url="/__clerk" no-store-credentials></clerk-mfa-sign-in>
<script type="module">
  document.querySelector('clerk-mfa-sign-in').addEventListener('signed-in', (event) => {
    event.preventDefault();
    document.querySelector('#status').textContent = 'Signed in as ' + event.detail.userId;
  });
</script></body></html>`;

/** The element's own warnings (clerk-js warns about development keys). */
const ours = (warnings: string[]) => warnings.filter((warning) => warning.startsWith('clerk-mfa-sign-in:'));

describe('the CDN build, hosted by a site', () => {
  let site: string;

  before(async () => {
    await ensureBuilt();
    site = mkdtempSync(join(tmpdir(), 'clerk-mfa-sign-in-cdn-'));
  });
  after(async () => {
    await closeBrowser();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test('dist/cdn/ copied to another path signs in in German', async () => {
    cpSync(join(ROOT, 'dist/cdn'), join(site, 'static/vendor/sign-in'), { recursive: true });
    mkdirSync(join(site, 'de'));
    writeFileSync(join(site, 'de/index.html'), page('/static/vendor/sign-in/clerk-mfa-sign-in.js', 'de'));
    const { text, userId, codeHeading, consoleErrors, consoleWarnings, scripts } = await signInThrough(site, { path: '/de/' });
    assert.equal(text, `Signed in as ${userId}`);
    assert.equal(codeHeading, GERMAN.totpTitle);
    assert.notEqual(GERMAN.totpTitle, EN.totpTitle);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(ours(consoleWarnings), []);
    assert.ok(scripts.some((path) => /^\/static\/vendor\/sign-in\/chunks\/de-DE-\w+\.js$/.test(path)), scripts.join(', '));
  });

  test('the CDN file without its chunks/ folder signs in in English, warns once naming the missing file, and loads German once it is there', async () => {
    const dir = join(site, 'lone');
    mkdirSync(dir);
    cpSync(join(ROOT, 'dist/cdn/clerk-mfa-sign-in.js'), join(dir, 'clerk-mfa-sign-in.js'));
    writeFileSync(join(dir, 'index.html'), page('/lone/clerk-mfa-sign-in.js', 'de'));
    const { text, userId, codeHeading, consoleErrors, consoleWarnings } = await signInThrough(site, {
      path: '/lone/',
      beforeSignIn: async (browserPage, seen) => {
        const label = browserPage.locator('clerk-mfa-sign-in label[for="identifier"]');
        for (let tries = 0; !ours(seen.consoleWarnings).length && tries < 100; tries++) await sleep(100);
        assert.equal(await label.textContent(), EN.identifierLabel);
        // The site adds the folder; the next change of language tries again.
        cpSync(join(ROOT, 'dist/cdn/chunks'), join(dir, 'chunks'), { recursive: true });
        await browserPage.evaluate(() => (document.documentElement.lang = 'fr'));
        await browserPage.evaluate(() => (document.documentElement.lang = 'de'));
        await browserPage.waitForFunction(
          (german) => document.querySelector('clerk-mfa-sign-in')?.shadowRoot?.querySelector('label[for="identifier"]')?.textContent === german,
          GERMAN.identifierLabel,
          { timeout: 10_000 },
        );
      },
    });
    assert.equal(text, `Signed in as ${userId}`);
    assert.equal(codeHeading, GERMAN.totpTitle);
    assert.equal(ours(consoleWarnings).length, 1, consoleWarnings.join('\n'));
    assert.match(ours(consoleWarnings)[0]!, /English shown, de did not load: .*\/lone\/chunks\/locale-loader-\w+\.js/);
    // The browser's own line for the missing file, and nothing else.
    assert.ok(consoleErrors.every((error) => /404/.test(error)), consoleErrors.join('\n'));
  });
});
