/**
 * Property-based tests of the element's fields and attributes with the fake Clerk: unicode,
 * control characters, 100 KB strings, whitespace, HTML and script fragments, RTL text. Never a
 * crash or an unhandled rejection, and no input ever becomes markup. Prints how many inputs ran.
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { clerkJsScriptUrl, frontendApiFromKey } from '../../src/clerk-script.js';
import { checkFields } from '../../src/field-rules.js';
import { initialState } from '../../src/sign-in-machine.js';
import { scriptUrl as allowedScriptUrl } from '../../src/safe-url.js';
import { EN, type Strings } from '../../src/strings.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';
import { navigationsAfterSignIn } from './navigation.js';

const CHROMIUM = /Chrome\//.test(navigator.userAgent);
/** Inputs per property: the big batch in Chromium, a smaller one in the other engines. */
const RUNS = CHROMIUM ? 1000 : 150;
let tried = 0;

const ADA: FakeUser = { email: 'ada@example.com', password: 'pw', totp: '123456', phone: '+15555550100' };

const FRAGMENTS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "'><iframe srcdoc='<b>x</b>'>",
  '<style>*{display:none}</style>',
  '{{identifier}}{{seconds}}{{time}}',
  '${document.cookie}',
  'javascript:window.__pwned=1',
  '&lt;b&gt;&amp;&#x3C;',
  '\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627',
  '\u0000\u0001\u0007\u001B[31m\u007F\u0085\u2028\u2029',
  '\uFEFF\u200B\u200D\u00A0\t\r\n ',
  '\uD83D\uDC69\u200D\uD83D\uDCBB\uD800',
  '<!--',
  ']]>',
];

/** Every kind of string the brief names, 100 KB ones included. */
const nasty: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS, 'a', '1', ' ', '@'), { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.stringMatching(/^[ \t\n\r\u00A0\u3000]*$/) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS, 'x', '\u05D0'), fc.integer({ min: 1_000, max: 100_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)) },
);

const ALLOWED_TAGS = new Set(['FORM', 'H2', 'P', 'DIV', 'LABEL', 'INPUT', 'BUTTON', 'SPAN', 'SLOT', 'FIELDSET', 'LEGEND', 'UL', 'LI']);

/** The element's own icons: an `svg.icon` hidden from assistive technology, made of paths and circles. */
const isOwnIcon = (node: Element) =>
  node.tagName === 'svg' ? node.classList.contains('icon') && node.getAttribute('aria-hidden') === 'true' : /^(path|circle)$/.test(node.tagName) && !!node.closest('svg.icon');

/** Elements or handler attributes that only markup injection could have produced. */
function markupProblems(el: HTMLElement): string[] {
  const problems: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(node.tagName) && !isOwnIcon(node)) problems.push(`<${node.tagName.toLowerCase()}>`);
    for (const attribute of node.attributes) if (/^on/i.test(attribute.name)) problems.push(`${node.tagName}[${attribute.name}]`);
  }
  if (el.children.length) problems.push('light DOM children');
  if (document.querySelector('img, iframe, object, embed, svg')) problems.push('markup in the document');
  if ((window as { __pwned?: number }).__pwned) problems.push('script ran');
  return problems;
}

/** What an `<input type=email>` keeps of a value: no line breaks, no surrounding ASCII whitespace. */
const asEmailField = (value: string) => value.replace(/[\r\n]/g, '').replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');

const failures: string[] = [];
const onRejection = (event: PromiseRejectionEvent) => failures.push(`unhandled rejection: ${String(event.reason)}`);
const onError = (event: ErrorEvent) => failures.push(`error: ${event.message}`);

async function mount(attrs: { email?: string } = {}) {
  const clerk = new FakeClerk({ users: [ADA] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk} email=${attrs.email ?? ''}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui, clerk };
}

/** Submits the form as the element receives it, bypassing the browser's own field validation. */
async function submitForm(el: ClerkMfaSignInElement, ui: SignInHarness): Promise<void> {
  el.shadowRoot!.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
  await ui.waitForIdle(5000);
}

async function check(el: ClerkMfaSignInElement): Promise<void> {
  await el.updateComplete;
  const problems = markupProblems(el);
  if (problems.length || failures.length) throw new Error([...problems, ...failures].join('; '));
}

describe('<clerk-mfa-sign-in> fuzzed (fast-check, fake Clerk)', function () {
  // Thousands of generated inputs per test: their run time depends on the machine's load, not on a hang.
  this.timeout(120_000);
  before(() => {
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
  });
  after(() => {
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('error', onError);
    console.log(`element fuzzing: ${tried} generated inputs, ${failures.length} failures`);
  });
  afterEach(() => {
    expect(failures).to.deep.equal([]);
  });

  it('email and password fields, submitted: an error as text, the email kept as typed', async () => {
    const { el, ui, clerk } = await mount();
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (email, password) => {
        tried += 1;
        if (el.step !== 'credentials') await ui.back();
        await ui.fillCredentials(email, password);
        const before = clerk.calls.create;
        // The element's own check of the fields as they are now (an empty field, an email that cannot be one).
        const refused = checkFields(initialState(), { identifier: ui.input('identifier')!.value.trim().slice(0, 320), password: ui.input('password')!.value });
        await submitForm(el, ui);
        await check(el);
        expect(el.step).to.equal('credentials');
        // Clerk gets the email as typed (after the browser's clean-up of email fields), trimmed and
        // cut to 320 characters; unless the element's own check stops it, with its message on the field.
        const typed = asEmailField(email).trim();
        const sent = typed.slice(0, 320).trim();
        if (refused) {
          expect(clerk.calls.create, 'nothing sent').to.equal(before);
          expect(ui.errorText(refused.field as 'identifier' | 'password')).to.equal(EN[refused.key]);
        } else {
          expect(clerk.log.filter((call) => call.method === 'create').at(-1)?.params['identifier']).to.equal(sent);
        }
        // The field shows it as typed, or as sent (the field's own limit keeps a person from typing more).
        expect(ui.input('identifier')!.value.trim()).to.be.oneOf([typed, asEmailField(typed.slice(0, 320)).trim()]);
      }),
      { numRuns: RUNS },
    );
  });

  it('code field at the second step: typed, pasted and submitted', async () => {
    const { el, ui } = await mount({ email: ADA.email });
    await ui.fillPassword(ADA.password);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await fc.assert(
      fc.asyncProperty(nasty, fc.boolean(), async (code, paste) => {
        tried += 1;
        if (el.step !== 'second-factor') return; // a random "123456" may have signed in
        await (paste ? ui.pasteCode(code) : ui.enterCode(code));
        if (el.step === 'second-factor' && !ui.isBusy()) await submitForm(el, ui);
        await ui.waitForIdle(5000);
        await check(el);
      }),
      { numRuns: RUNS },
    );
  });

  it('email, locale, lang, proxy-url and after-sign-in-url attributes', async () => {
    const { el, ui } = await mount();
    const names = ['email', 'locale', 'lang', 'proxy-url', 'after-sign-in-url', 'publishable-key', 'request-timeout'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), nasty, async (name, value) => {
        tried += 1;
        try {
          el.setAttribute(name, value);
        } catch (error) {
          // Only names can be invalid; values never are.
          throw new Error(`setAttribute threw: ${String(error)}`);
        }
        await ui.settle();
        await check(el);
        // At most the 320 characters of the longest email address are taken.
        if (name === 'email') expect(ui.input('identifier')!.value).to.equal(asEmailField(value.slice(0, 320)));
      }),
      { numRuns: RUNS },
    );
    el.removeAttribute('locale');
    el.removeAttribute('lang');
    el.removeAttribute('request-timeout');
  });

  it('localization overrides are shown as text, placeholders and all', async () => {
    const { el, ui } = await mount();
    const keys = Object.keys(EN) as (keyof Strings)[];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: 4 }), nasty, async (overrides, title) => {
        tried += 1;
        el.localization = { ...overrides, title };
        await el.updateComplete;
        await check(el);
        // Shown as the text it is (placeholders aside).
        if (!title.includes('{{')) expect(ui.heading()).to.equal(title.trim());
      }),
      { numRuns: RUNS },
    );
    el.localization = null;
  });

  it("after-sign-in-url: only URLs on the page's own origin are ever followed", async () => {
    const runs = CHROMIUM ? 150 : 30;
    const forms = ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<b>', 'vbscript:x', '//evil.example/', '\\\\evil.example/', '/\\evil.example', 'https:evil.example', 'http:evil.example', '/welcome'];
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.webUrl(), fc.webPath(), fc.constantFrom(...forms)), async (url) => {
        tried += 1;
        const clerk = new FakeClerk({ users: [ADA] });
        const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk} email=${ADA.email}></clerk-mfa-sign-in>`);
        el.setAttribute('after-sign-in-url', url);
        const followed = await navigationsAfterSignIn(el, ADA);
        await check(el);
        for (const to of followed) expect(new URL(to).origin).to.equal(location.origin);
        el.remove();
      }),
      { numRuns: runs },
    );
  });

  it('publishable keys, proxy and clerk-js URLs never make a script URL outside http(s) or the proxy, nor one loaded from other than https, loopback or the page', () => {
    const loadable = (url: URL) => url.protocol === 'https:' || url.origin === location.origin || (url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname));
    fc.assert(
      fc.property(nasty, fc.option(fc.oneof(nasty, fc.webUrl())), fc.option(fc.oneof(nasty, fc.webUrl(), fc.constantFrom('data:text/javascript,1', 'blob:x', 'javascript:1'))), (key, proxy, scriptUrl) => {
        tried += 1;
        const host = frontendApiFromKey(key);
        if (host !== null) expect(host).to.be.a('string');
        const url = clerkJsScriptUrl({ publishableKey: key, proxyUrl: proxy });
        if (url !== null && !proxy?.trim()) expect(url.startsWith('https://')).to.equal(true);
        const loaded = allowedScriptUrl(clerkJsScriptUrl({ publishableKey: key, proxyUrl: proxy, scriptUrl }) ?? '');
        if (loaded !== null) expect(loadable(new URL(loaded)), loaded).to.equal(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
