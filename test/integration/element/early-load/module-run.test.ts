// An element already on the page when its module runs starts clerk-js at once, before its first
// render, instead of after it (clerk-js is most of what the page downloads).
import { expect } from '@open-wc/testing';
import { CLERK_JS_PATH, clerkJsDownloads, loadPage, signIn } from './page.js';

const page = loadPage(null);

describe('clerk-js requested when the element’s module runs', () => {
  it('its <script> is on the page before the element first renders, once, and the sign-in goes through', async function () {
    // A whole page load and sign-in: a generous bound for a machine shared with other test runs.
    this.timeout(60_000);
    const { el, seen } = await page;
    await signIn(el);
    expect(seen).to.deep.equal([{ elementHadRendered: false }]);
    expect(document.querySelectorAll(`script[src$="${CLERK_JS_PATH}"]`).length).to.equal(1);
    expect(clerkJsDownloads().length).to.equal(1);
  });
});
