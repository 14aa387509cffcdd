// A page that already has Clerk's script-tag quickstart (<script data-clerk-publishable-key
// src=".../clerk.browser.js">): the element waits for that clerk-js instead of adding its own.
import { expect } from '@open-wc/testing';
import { CLERK_JS_PATH, clerkJsDownloads, KEY, loadPage, signIn, tag } from './page.js';

const page = loadPage(
  tag('script', { async: '', crossorigin: 'anonymous', 'data-clerk-publishable-key': KEY, 'data-clerk-proxy-url': '/__clerk', src: CLERK_JS_PATH }),
);

describe('the page’s own clerk-js <script> (Clerk’s quickstart)', () => {
  it('is the only one: the element adds none, downloads nothing twice, and signs in with it', async function () {
    // A whole page load and sign-in: a generous bound for a machine shared with other test runs.
    this.timeout(60_000);
    const { el, seen } = await page;
    await signIn(el);
    expect(seen, 'no script added by the element').to.deep.equal([]);
    expect(document.querySelectorAll('script[src*="clerk.browser.js"]').length).to.equal(1);
    expect(clerkJsDownloads().length).to.equal(1);
  });
});
