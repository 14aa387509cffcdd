// The README's snippet: a <link rel="preload"> in the page's head starts clerk-js before the
// element's module has even downloaded; the element's own <script> must then take that download,
// not make a second one.
import { expect } from '@open-wc/testing';
import { CLERK_JS_PATH, clerkJsDownloads, loadPage, signIn, tag } from './page.js';

const page = loadPage(tag('link', { rel: 'preload', as: 'script', crossorigin: '', href: CLERK_JS_PATH }));

describe('clerk-js preloaded by the page (<link rel="preload" as="script" crossorigin>)', () => {
  it('is downloaded once: the element’s script uses the preload, and the sign-in goes through', async function () {
    // A whole page load and sign-in: a generous bound for a machine shared with other test runs.
    this.timeout(60_000);
    const { el } = await page;
    await signIn(el);
    expect(document.querySelectorAll(`script[src$="${CLERK_JS_PATH}"]`).length, 'one clerk-js <script>').to.equal(1);
    expect(clerkJsDownloads().length, 'one clerk-js download').to.equal(1);
  });
});
