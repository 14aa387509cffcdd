// Right-to-left languages: the element lays itself out right to left for them, unless the page
// decides the direction (a `dir` on the element, or on an ancestor nearer than the language).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness } from '../../src/testing/index.js';

const clerk = () => new FakeClerk({ users: [{ email: 'ada@example.com', password: 'correct horse battery staple', totp: '123456' }] });
const root = (el: ClerkMfaSignInElement) => el.shadowRoot!;
const direction = (el: ClerkMfaSignInElement) => getComputedStyle(root(el).querySelector('form')!).direction;
const lays = (el: ClerkMfaSignInElement, dir: 'ltr' | 'rtl', what: string) => new SignInHarness(el).waitFor(() => direction(el) === dir, what);

/** Where the email label's text is, against its field: at the field's left edge, or at its right edge. */
function labelSide(el: ClerkMfaSignInElement): 'left' | 'right' {
  const label = root(el).querySelector('label[for=identifier]')!;
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getBoundingClientRect();
  const input = root(el).querySelector('#identifier')!.getBoundingClientRect();
  expect(text.width, 'the label has text').to.be.greaterThan(0);
  expect(text.width, 'the label is shorter than the field').to.be.lessThan(input.width - 20);
  if (Math.abs(text.left - input.left) < 2) return 'left';
  expect(Math.abs(text.right - input.right), 'the label starts at one edge of the field').to.be.lessThan(2);
  return 'right';
}

describe('direction', () => {
  it('locale="ar": right to left, the label at the right edge of its field, in Arabic', async () => {
    const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in locale="ar" .clerk=${clerk()}></clerk-mfa-sign-in>`);
    await lays(el, 'rtl', 'right to left');
    expect(el.getAttribute('dir')).to.equal('rtl');
    await new SignInHarness(el).waitFor(() => /[\u0600-\u06ff]/.test(root(el).querySelector('label')!.textContent!), 'the Arabic strings');
    expect(labelSide(el)).to.equal('right');
  });

  it('left to right in English and German, with no dir added', async () => {
    for (const locale of ['en', 'de']) {
      const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in locale=${locale} .clerk=${clerk()}></clerk-mfa-sign-in>`);
      await el.updateComplete;
      expect(direction(el), locale).to.equal('ltr');
      expect(labelSide(el), locale).to.equal('left');
      expect(el.hasAttribute('dir'), locale).to.equal(false);
    }
  });

  it('a dir on the element wins over its language, and stays the page’s', async () => {
    const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in locale="ar" dir="ltr" .clerk=${clerk()}></clerk-mfa-sign-in>`);
    await new SignInHarness(el).waitFor(() => /[\u0600-\u06ff]/.test(root(el).textContent!), 'the Arabic strings');
    expect(direction(el)).to.equal('ltr');
    expect(labelSide(el)).to.equal('left');
    el.locale = 'he';
    await el.updateComplete;
    expect(el.getAttribute('dir'), 'the page’s dir is left alone').to.equal('ltr');
    el.removeAttribute('dir');
    await lays(el, 'rtl', 'right to left once the page’s dir is gone');
  });

  it('follows the language and the page’s dir as they change: the nearest lang or dir, then locale', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><clerk-mfa-sign-in .clerk=${clerk()}></clerk-mfa-sign-in></div>`);
    const el = wrapper.querySelector('clerk-mfa-sign-in')!;
    await el.updateComplete;
    expect(direction(el)).to.equal('ltr');
    wrapper.setAttribute('lang', 'fa');
    await lays(el, 'rtl', 'Persian from the wrapper');
    wrapper.setAttribute('dir', 'ltr');
    await lays(el, 'ltr', "the wrapper's own dir");
    expect(el.hasAttribute('dir'), 'inherited from the wrapper').to.equal(false);
    wrapper.removeAttribute('dir');
    await lays(el, 'rtl', "Persian again once the wrapper's dir is gone");
    el.locale = 'fr';
    await lays(el, 'ltr', 'French from locale');
    expect(el.hasAttribute('dir'), 'left to right is what it inherits: no dir needed').to.equal(false);
    el.locale = 'he-IL';
    await lays(el, 'rtl', 'Hebrew from locale');
  });

  it("an ancestor's dir nearer than the language is inherited; a language nearer than it decides", async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="ar" dir="rtl">
        <section dir="ltr"><clerk-mfa-sign-in id="inherits" .clerk=${clerk()}></clerk-mfa-sign-in></section>
        <section lang="de"><clerk-mfa-sign-in id="german" .clerk=${clerk()}></clerk-mfa-sign-in></section>
        <clerk-mfa-sign-in id="arabic" .clerk=${clerk()}></clerk-mfa-sign-in>
      </div>`,
    );
    const [inherits, german, arabic] = ['inherits', 'german', 'arabic'].map((id) => page.querySelector<ClerkMfaSignInElement>(`#${id}`)!);
    await Promise.all([inherits, german, arabic].map((el) => el!.updateComplete));
    expect(direction(inherits!), 'the section’s dir="ltr"').to.equal('ltr');
    expect(inherits!.hasAttribute('dir')).to.equal(false);
    expect(direction(german!), 'German, nearer than the rtl page').to.equal('ltr');
    expect(german!.getAttribute('dir')).to.equal('ltr');
    expect(direction(arabic!), 'Arabic, right to left by inheritance').to.equal('rtl');
    expect(arabic!.hasAttribute('dir')).to.equal(false);
  });
});
