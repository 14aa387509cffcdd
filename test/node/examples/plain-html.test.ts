// demo/plain-html: the one-script-tag page (dist/cdn/clerk-mfa-sign-in.js, no build step) signs in
// against the emulator in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, closeBrowser, ensureBuilt, signInThrough } from './support.js';

describe('plain HTML example (demo/plain-html)', () => {
  before(ensureBuilt);
  after(closeBrowser);

  test('signs in with the CDN file and one script tag; the page shows the user from signed-in', async () => {
    // The page loads ../../dist/cdn/clerk-mfa-sign-in.js, so the repository root is served.
    const { text, userId, consoleErrors } = await signInThrough(ROOT, { path: '/demo/plain-html/' });
    assert.equal(text, `Signed in as ${userId}`);
    assert.deepEqual(consoleErrors, []);
  });
});
