// Clerk's multi-session mode with the real clerk-js (its script build, as a page loads it) in
// Chromium, against an emulator started with multiSession: a second account's sign-in adds its
// session, setActive switches between them, signing one out leaves the other signed in.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chromium } from 'playwright';
import { createEmulator, type KeyMode } from '../../../src/emulator/index.js';
import { conformance, PASSWORD } from '../emulator/helpers.js';

const browsersModule: string = '../../../scripts/browsers.mjs';
const { browserPaths, chromiumArgs } = (await import(browsersModule)) as { browserPaths: { chromium: string }; chromiumArgs: string[] };

const site = mkdtempSync(join(tmpdir(), 'multi-session-'));
writeFileSync(join(site, 'index.html'), '<!doctype html><title>multi-session</title><script src="run.js"></script>');
// What the page does, as plain script (kept out of the TypeScript transform).
writeFileSync(
  join(site, 'run.js'),
  `window.run = async (key, emails, password) => {
    const script = document.createElement('script');
    script.setAttribute('data-clerk-publishable-key', key);
    script.setAttribute('data-clerk-proxy-url', '/__clerk');
    script.src = '/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js';
    document.head.append(script);
    await new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', () => reject(new Error('clerk-js did not load')));
    });
    const clerk = window.Clerk;
    await clerk.load({ telemetry: false });
    const ids = [];
    for (const identifier of emails) {
      const signIn = await clerk.client.signIn.create({ identifier, password });
      await clerk.setActive({ session: signIn.createdSessionId, navigate: async () => {} });
      ids.push(clerk.user.id);
    }
    const both = clerk.client.sessions.map((s) => s.user.id).sort();
    const activeAfterSecond = clerk.user.id;
    const first = clerk.client.sessions.find((s) => s.user.id === ids[0]);
    await clerk.setActive({ session: first.id, navigate: async () => {} });
    const activeAfterSwitch = clerk.user.id;
    const tokenSub = JSON.parse(atob((await clerk.session.getToken()).split('.')[1])).sub;
    // The other account signs out; the active one stays (signing out the active one would navigate).
    const second = clerk.client.sessions.find((s) => s.user.id === ids[1]);
    await clerk.signOut({ sessionId: second.id });
    const left = clerk.client.sessions.map((s) => s.user.id);
    const stillActive = clerk.user.id;
    await clerk.signOut(() => {});
    return { ids, both, activeAfterSecond, activeAfterSwitch, tokenSub, left, stillActive, after: clerk.client.sessions.length };
  };`,
);
const emails = ['ada', 'grace'].map((name) => `${name}-${process.pid}@example.com`);
const emulator = createEmulator({ users: emails.map((email) => ({ email, password: PASSWORD })), multiSession: true, onResponse: conformance.observe });
const server = await emulator.listen({ port: 0, staticDir: site });
const browser = await chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs });
after(async () => {
  await browser.close();
  await server.close();
});

for (const mode of ['production', 'dev-browser'] as KeyMode[]) {
  test(`multi-session (${mode} key): two accounts signed in at once, setActive switches, signing one out leaves the other`, { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/`);
      const result = await page.evaluate(({ key, emails, password }) => (window as any).run(key, emails, password), { key: emulator.publishableKey(mode), emails, password: PASSWORD });
      const [ada, grace] = result.ids;
      assert.deepEqual(result.both, [ada, grace].sort());
      assert.equal(result.activeAfterSecond, grace);
      assert.equal(result.activeAfterSwitch, ada);
      assert.equal(result.tokenSub, ada);
      assert.deepEqual(result.left, [ada]);
      assert.equal(result.stillActive, ada);
      assert.equal(result.after, 0);
    } finally {
      await page.close();
    }
  });
}
