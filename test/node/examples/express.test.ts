// demo/express: the Express example (clerkMiddleware, getAuth) on the emulator, in a real browser.
// Sign in with the element; the page load it leads to and GET /api/me see the user; after
// clerk.signOut(), the API answers 401 and the next page load is signed out. Every key mode in
// Chromium, the default one in Firefox ESR.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { chromium, firefox, type Browser } from 'playwright';
import { KEY_MODES, type KeyMode } from '../../../src/emulator/index.js';
import { startDemo } from '../../../demo/express/server.js';
import { ensureBuilt, PASSWORD } from './support.js';

const browsersModule: string = '../../../scripts/browsers.mjs';
const { browserPaths, chromiumArgs } = (await import(browsersModule)) as { browserPaths: { chromium: string; firefox: string }; chromiumArgs: string[] };

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const engines = {
  chromium: () => chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs }),
  firefox: () => firefox.launch({ channel: 'moz-firefox', executablePath: browserPaths.firefox }),
};
const runs: Array<[keyof typeof engines, KeyMode]> = [...KEY_MODES.map((mode) => ['chromium', mode] as [keyof typeof engines, KeyMode]), ['firefox', 'development']];

describe('Express example (demo/express)', () => {
  const launched = new Map<string, Promise<Browser>>();
  before(ensureBuilt);
  after(async () => {
    for (const browser of launched.values()) await (await browser).close();
  });

  let count = 0;
  for (const [engine, mode] of runs) {
    test(`${engine}, ${mode} key: signed in with the element, the page load and GET /api/me see the user; signed out, 401`, async () => {
      if (!launched.has(engine)) launched.set(engine, engines[engine]());
      const demo = await startDemo({ mode });
      const email = `express-${process.pid}-${++count}@example.com`;
      await demo.emulator.addUsers([{ email, password: PASSWORD, totp_secret: TOTP_SECRET }]);
      const page = await (await launched.get(engine)!).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      try {
        await page.goto(`${demo.url}/`);
        const serverStatus = page.locator('#server-status');
        assert.equal(await serverStatus.textContent(), 'The server sees you signed out.');

        const element = page.locator('clerk-mfa-sign-in');
        await element.locator('input[name="identifier"]').fill(email);
        await element.locator('input[name="password"]').fill(PASSWORD);
        await element.locator('[part~="submit-button"]').click();
        await element.locator('input[name="code"]').fill(new TOTP({ secret: Secret.fromBase32(TOTP_SECRET) }).generate());
        // after-sign-in-url="/": a page load the server authenticates from the cookies alone.
        await serverStatus.filter({ hasText: /signed in as user_/ }).waitFor({ timeout: 20_000 });
        const userId = /(user_\S+)\.$/.exec((await serverStatus.textContent()) ?? '')?.[1];

        const result = page.locator('#api-result');
        await page.locator('#call-api').click();
        await result.filter({ hasText: /^200 / }).waitFor();
        assert.deepEqual(JSON.parse((await result.textContent())!.slice(4)), { userId });

        await page.locator('#sign-out').click();
        await result.filter({ hasText: 'signed out' }).waitFor();
        await page.locator('#call-api').click();
        await result.filter({ hasText: /^401 / }).waitFor();
        await page.reload();
        assert.equal(await serverStatus.textContent(), 'The server sees you signed out.');
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
        await demo.close();
      }
    });
  }
});
