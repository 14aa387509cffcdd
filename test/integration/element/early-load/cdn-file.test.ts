// The CDN file (src/cdn.ts) starts clerk-js before the element's own code has even downloaded:
// its <script> is on the page while the element is still undefined, and the element it imports
// then reuses that script.
import { expect } from '@open-wc/testing';
import { CLERK_JS_PATH, clerkJsDownloads, loadPage, signIn } from './page.js';

let definedWhenAdded: boolean | null = null;
new MutationObserver((records) => {
  const added = records.flatMap((r) => [...r.addedNodes]).some((n) => n instanceof HTMLScriptElement && n.src.includes('clerk.browser.js'));
  if (added) definedWhenAdded ??= customElements.get('clerk-mfa-sign-in') !== undefined;
}).observe(document.head, { childList: true });

const page = loadPage(null, () => import('../../../../src/cdn.js'));

describe('clerk-js requested by the CDN file', () => {
  it('its <script> is on the page before the element is defined, once, and the sign-in goes through', async function () {
    // A whole page load and sign-in: a generous bound for a machine shared with other test runs.
    this.timeout(60_000);
    const { el, seen } = await page;
    expect(definedWhenAdded).to.equal(false);
    await customElements.whenDefined('clerk-mfa-sign-in');
    await signIn(el);
    expect(seen).to.deep.equal([{ elementHadRendered: false }]);
    expect(document.querySelectorAll(`script[src$="${CLERK_JS_PATH}"]`).length).to.equal(1);
    expect(clerkJsDownloads().length).to.equal(1);
  });
});
