// What a hostile page, query string or paste can hand the element: a 100,000-character email, an
// after-sign-in URL that leaves the site, a script URL clerk-js must not come from, and the
// element's Trusted Types policy asked for an arbitrary script URL.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { EN } from '../../src/strings.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';
import { navigationsAfterSignIn } from './navigation.js';

const ADA: FakeUser = { email: 'ada@example.com', password: 'correct horse battery staple', totp: '123456' };
// Shaped like an email, so its first 320 characters pass the element's own check and go to Clerk.
const LONG = `ada@example.${'a'.repeat(100_000 - 12)}`;

// The element's Trusted Types policy is created the first time it loads clerk-js: keep what it
// registers. Where the engine has no Trusted Types, a stand-in records the same.
type Rules = { createScriptURL(input: string): unknown };
const registered: { name: string; rules: Rules; policy: Rules }[] = [];
const tt = ((globalThis as { trustedTypes?: { createPolicy(name: string, rules: Rules): Rules } }).trustedTypes ??= {
  createPolicy: (_name, rules) => ({ createScriptURL: (input) => rules.createScriptURL(input) }),
});
const createPolicy = tt.createPolicy.bind(tt);
tt.createPolicy = (name, rules) => {
  const policy = createPolicy(name, rules);
  registered.push({ name, rules, policy });
  return policy;
};

async function mount(template = html`<clerk-mfa-sign-in .clerk=${new FakeClerk({ users: [ADA] })}></clerk-mfa-sign-in>`) {
  const el = await fixture<ClerkMfaSignInElement>(template);
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui };
}

describe('a 100,000-character email', () => {
  /** What became of the long email (said briefly: a failed assertion does not print 100,000 characters). */
  const cut = (value: unknown) => (value === LONG.slice(0, 320) ? 'the first 320 characters' : `${String(value).length} characters`);
  const sentToClerk = (clerk: FakeClerk) => clerk.log.find((call) => call.method === 'create')?.params['identifier'];

  /** Submits and waits for the form's answer; how long that took, in ms. */
  async function answerTime(ui: SignInHarness): Promise<number> {
    ui.input('password')!.value = 'x';
    const started = performance.now();
    await ui.submit();
    await ui.waitFor(() => ui.errorText('identifier') || ui.errorText(), 'an answer');
    return performance.now() - started;
  }

  it('from the email attribute or property: cut to 320 characters, and the form answers within 2 s', async () => {
    for (const via of ['attribute', 'property']) {
      const clerk = new FakeClerk({ users: [ADA] });
      const { ui } = await mount(via === 'attribute' ? html`<clerk-mfa-sign-in .clerk=${clerk} email=${LONG}></clerk-mfa-sign-in>` : html`<clerk-mfa-sign-in .clerk=${clerk} .email=${LONG}></clerk-mfa-sign-in>`);
      expect(cut(ui.input('identifier')!.value), via).to.equal('the first 320 characters');
      expect(await answerTime(ui), via).to.be.below(2000);
      expect(ui.errorText('identifier'), via).to.equal(EN.identifierNotFound);
      expect(cut(sentToClerk(clerk)), via).to.equal('the first 320 characters');
    }
  });

  it('typed or pasted: the field takes 320 characters, what a script puts there is cut when submitted, and the form answers within 2 s', async () => {
    const clerk = new FakeClerk({ users: [ADA] });
    const { ui } = await mount(html`<clerk-mfa-sign-in .clerk=${clerk}></clerk-mfa-sign-in>`);
    const field = ui.input('identifier')!;
    expect(field.maxLength).to.equal(320);
    expect(field.form!.noValidate, 'the browser does not validate the field itself').to.equal(true);
    // Past the field's own limit, as a script or an extension can.
    field.value = LONG;
    expect(await answerTime(ui)).to.be.below(2000);
    expect(cut(sentToClerk(clerk))).to.equal('the first 320 characters');
    // A paste is cut by the field itself.
    field.value = '';
    field.focus();
    document.execCommand('insertText', false, LONG);
    expect(field.value.length).to.be.at.most(320);
  });
});

describe('after-sign-in-url', () => {
  async function followed(url: string, allowed?: string | string[]): Promise<string[]> {
    const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${new FakeClerk({ users: [ADA] })} email=${ADA.email} no-store-credentials></clerk-mfa-sign-in>`);
    el.setAttribute('after-sign-in-url', url);
    if (typeof allowed === 'string') el.setAttribute('allowed-redirect-origins', allowed);
    else if (allowed) el.allowedRedirectOrigins = allowed;
    return navigationsAfterSignIn(el, ADA);
  }

  it("follows a URL on the page's own origin", async () => {
    expect(await followed('/welcome?from=sign-in')).to.deep.equal([new URL('/welcome?from=sign-in', location.href).href]);
    expect(await followed(`${location.origin}/home`)).to.deep.equal([`${location.origin}/home`]);
  });

  for (const url of ['//evil.example/', '\\\\evil.example/', '/\\evil.example/', 'https:evil.example', 'https://evil.example/', ' javascript:alert(1)', 'data:text/html,<b>x</b>', `https://${location.host}.evil.example/`]) {
    it(`does not follow ${JSON.stringify(url)}`, async () => {
      expect(await followed(url)).to.deep.equal([]);
    });
  }

  it('follows another origin only when allowed-redirect-origins lists it (attribute or property)', async () => {
    expect(await followed('https://app.example/home', 'https://admin.example  https://app.example')).to.deep.equal(['https://app.example/home']);
    expect(await followed('https://app.example/home', ['https://app.example/'])).to.deep.equal(['https://app.example/home']);
    expect(await followed('https://app.example:8443/home', 'https://app.example')).to.deep.equal([]);
    expect(await followed('http://app.example/home', 'https://app.example')).to.deep.equal([]);
    expect(await followed('javascript:alert(1)', 'null javascript: https://app.example')).to.deep.equal([]);
  });
});

describe('where clerk-js may come from', () => {
  const key = `pk_test_${btoa('clerk.example.test$')}`;
  const scripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[data-clerk-js-script]')].map((s) => s.src);
  afterEach(() => document.querySelectorAll('script[data-clerk-js-script]').forEach((s) => s.remove()));

  /** Puts an element with `attrs` on the page, submits, and returns the scripts it added and what it said. */
  async function load(attrs: Record<string, string>) {
    const el = document.createElement('clerk-mfa-sign-in');
    el.setAttribute('publishable-key', key);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    const errors: { code: string; key: string }[] = [];
    el.addEventListener('sign-in-error', (e) => errors.push({ code: e.detail.code, key: e.detail.key }));
    document.body.append(el);
    try {
      await el.updateComplete;
      const added = scripts();
      const ui = new SignInHarness(el);
      await ui.fillCredentials(ADA.email, ADA.password);
      await ui.submit();
      return { added, shown: await ui.waitFor(() => ui.errorText(), 'an error'), errors };
    } finally {
      el.remove();
    }
  }

  for (const [name, value] of [
    ['clerk-js-url', 'data:text/javascript,window.__pwned=1'],
    ['clerk-js-url', 'javascript:window.__pwned=1'],
    ['clerk-js-url', 'blob:'],
    ['clerk-js-url', 'http://evil.example/clerk.js'],
    ['clerk-js-url', 'http://127.0.0.1.evil.example/clerk.js'],
    ['proxy-url', 'http://evil.example/__clerk'],
    ['proxy-url', 'data:text/javascript,window.__pwned=1//'],
  ]) {
    it(`refuses ${name}="${value}": no script, the loadFailed message and a clerk_load_failed event`, async () => {
      const url = value === 'blob:' ? URL.createObjectURL(new Blob(['window.__pwned=1'], { type: 'text/javascript' })) : value!;
      const { added, shown, errors } = await load({ [name!]: url });
      expect(added).to.deep.equal([]);
      expect(shown).to.equal(EN.loadFailed);
      expect(errors).to.deep.equal([{ code: 'clerk_load_failed', key: 'loadFailed' }]);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  }

  /** Adds an element loading clerk-js from `url`; the script it added. Resolves once that load failed (nothing is served there). */
  async function attempt(url: string): Promise<string[]> {
    const el = document.createElement('clerk-mfa-sign-in');
    el.setAttribute('publishable-key', key);
    el.setAttribute('clerk-js-url', url);
    document.body.append(el);
    await el.updateComplete;
    el.remove();
    const added = scripts();
    // A failed load removes its script, so the next element may add its own.
    await new SignInHarness(el).waitFor(() => scripts().length === 0, 'the load to fail', 15_000);
    return added;
  }

  for (const url of ['https://clerk.example.test/clerk.js', 'http://localhost:9/clerk.js', 'http://127.0.0.2:9/clerk.js', 'http://[::1]:9/clerk.js', '/vendor/missing-clerk.js']) {
    it(`loads clerk-js from ${url}`, async () => {
      expect(await attempt(url)).to.deep.equal([new URL(url, location.href).href]);
    });
  }

  it('the Trusted Types policy refuses to create any other script URL', async () => {
    if (!registered.length) await attempt('/vendor/missing-clerk.js');
    const ours = registered.filter((p) => p.name === 'clerk-mfa-sign-in');
    expect(ours.length, 'one policy, made when clerk-js was first loaded').to.equal(1);
    for (const make of [ours[0]!.rules, ours[0]!.policy]) {
      for (const url of ['data:text/javascript,1', 'javascript:1', 'http://evil.example/x.js', 'blob:https://evil.example/1']) {
        expect(() => make.createScriptURL(url), url).to.throw(TypeError);
      }
      expect(String(make.createScriptURL('https://clerk.example.test/clerk.js'))).to.equal('https://clerk.example.test/clerk.js');
    }
  });
});
