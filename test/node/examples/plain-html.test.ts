// demo/plain-html: the one-script-tag page (dist/cdn/clerk-mfa-sign-in.js, no build step) signs in
// against the emulator in Chromium.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OUT, ROOT, closeBrowser, ensureBuilt, signInThrough } from './support.js';

describe('plain HTML example (demo/plain-html)', () => {
  before(ensureBuilt);
  after(closeBrowser);

  test('signs in with the CDN file and one script tag, served from a folder of its own; the page shows the user from signed-in', async () => {
    // As the page's comment says: the page and dist/cdn copied into a folder that holds nothing else.
    const site = join(OUT, 'plain-html');
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    cpSync(join(ROOT, 'demo/plain-html/index.html'), join(site, 'index.html'));
    cpSync(join(ROOT, 'dist/cdn'), join(site, 'cdn'), { recursive: true });
    const { text, userId, consoleErrors } = await signInThrough(site);
    assert.equal(text, `Signed in as ${userId}`);
    assert.deepEqual(consoleErrors, []);
  });
});
