// @clerk/express's clerkMiddleware and getAuth against the emulator, in each key mode: a page load
// and an API call see the browser's user, signed in or out, and a page load with an expired
// token goes through the emulator's handshake and comes back signed in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clerkMiddleware, getAuth } from '@clerk/express';
import express from 'express';
import { KEY_MODES } from '../../../src/emulator/index.js';
import { startServer } from './support.js';

const env = await startServer((options) => {
  const app = express();
  for (const mode of KEY_MODES) {
    const router = express.Router();
    router.use(clerkMiddleware(options(mode)));
    router.get('/', (req, res) => {
      const { userId } = getAuth(req);
      res.type('text/plain').send(userId ? `signed in as ${userId}` : 'signed out');
    });
    router.get('/api/me', (req, res) => {
      const { userId } = getAuth(req);
      if (!userId) res.status(401).json({ error: 'signed out' });
      else res.json({ userId });
    });
    app.use(`/${mode}`, router);
  }
  return app;
});

const handshakes = (hops: string[]) => hops.filter((url) => new URL(url).pathname === '/__clerk/v1/client/handshake').length;

for (const mode of KEY_MODES) {
  describe(`@clerk/express with the ${mode} key`, () => {
    test('a page load and an API call see the signed-in user; after signing out, neither does', async () => {
      const browser = env.browser(mode);
      const first = await browser.page(`/${mode}/`);
      assert.equal(first.body, 'signed out');
      // Development instances need a dev browser on the page's domain: the first page load gets one.
      assert.equal(handshakes(first.hops), mode === 'production' ? 0 : 1);
      await browser.load();
      const email = await env.user();
      await browser.signIn(email);
      const userId = (await browser.fapi('GET', '/v1/client')).client.sessions[0].user.id;

      assert.deepEqual(await browser.api(`/${mode}/api/me`), { status: 200, body: { userId } });
      const page = await browser.page(`/${mode}/`);
      assert.equal(page.body, `signed in as ${userId}`);
      assert.equal(handshakes(page.hops), 0);

      await browser.signOut();
      assert.equal((await browser.api(`/${mode}/api/me`)).status, 401);
      assert.equal((await browser.page(`/${mode}/`)).body, 'signed out');
    });

    test('an expired token: an API call is signed out, a page load refreshes it through the handshake and is signed in', async () => {
      const browser = env.browser(mode);
      await browser.page(`/${mode}/`);
      await browser.load();
      env.clock.offset = -5 * 60_000;
      try {
        await browser.signIn(await env.user());
      } finally {
        env.clock.offset = 0;
      }
      const userId = (await browser.fapi('GET', '/v1/client')).client.sessions[0].user.id;
      const expired = browser.cookies.get('__session')!;

      assert.equal((await browser.api(`/${mode}/api/me`)).status, 401);
      const page = await browser.page(`/${mode}/`);
      assert.equal(handshakes(page.hops), 1);
      assert.equal(page.body, `signed in as ${userId}`);
      // Back on the page it asked for, without the handshake in its address.
      assert.equal(page.hops.at(-1), `${env.origin}/${mode}/`);
      assert.notEqual(browser.cookies.get('__session'), expired);
      assert.deepEqual(await browser.api(`/${mode}/api/me`), { status: 200, body: { userId } });
    });
  });
}
