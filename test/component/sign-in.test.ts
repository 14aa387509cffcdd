import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness, fakeClerkError, fakeNetworkError, type FakeUser } from '../../src/testing/index.js';
import type { SignedInDetail, SignInErrorDetail, StepChangeDetail, TaskRequiredDetail } from '../../src/events.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = {
  email: 'ada@example.com',
  password: PASSWORD,
  totp: '123456',
  backupCodes: ['abcd-efgh', 'ijkl-mnop'],
  phone: '+15555550100',
};

async function setup(options: { users?: FakeUser[]; email?: string; clerk?: FakeClerk; attrs?: string } = {}) {
  const clerk = options.clerk ?? new FakeClerk({ users: options.users ?? [ADA], sentCode: '654321' });
  const el = await fixture<ClerkMfaSignInElement>(
    html`<clerk-mfa-sign-in .clerk=${clerk} email=${options.email ?? ''}></clerk-mfa-sign-in>`,
  );
  const ui = new SignInHarness(el);
  const events: { type: string; detail: unknown }[] = [];
  for (const type of ['signed-in', 'task-required', 'sign-in-error', 'step-change']) {
    el.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  }
  await ui.settle();
  return { el, ui, clerk, events };
}

async function toSecondFactor(users: FakeUser[] = [ADA]) {
  const ctx = await setup({ users });
  await ctx.ui.fillCredentials(users[0]!.email, users[0]!.password);
  await ctx.ui.submit();
  await ctx.ui.waitForStep('second-factor');
  await ctx.ui.waitForIdle();
  return ctx;
}

function secretsIn(el: Element, secrets: string[]): string[] {
  const found: string[] = [];
  const markup = el.outerHTML + (el.shadowRoot?.innerHTML ?? '');
  const attrs = [el, ...(el.shadowRoot?.querySelectorAll('*') ?? [])].flatMap((n) => [...n.attributes].map((a) => a.value));
  for (const s of secrets) if (markup.includes(s) || attrs.some((a) => a.includes(s))) found.push(s);
  return found;
}

describe('accessibility of every step', () => {
  it('credentials', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });
  it('credentials with an error', async () => {
    const { el, ui } = await setup();
    await ui.fillCredentials(ADA.email, 'wrong');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('password')).to.not.equal('');
    await expect(el).to.be.accessible();
  });
  it('second factor (authenticator app, with switcher)', async () => {
    const { el } = await toSecondFactor();
    await expect(el).to.be.accessible();
  });
  it('second factor (SMS)', async () => {
    const { el, ui } = await toSecondFactor();
    await ui.chooseMethod('phone_code');
    await ui.waitForIdle();
    await expect(el).to.be.accessible();
  });
  it('client trust', async () => {
    const { el, ui } = await setup({ users: [{ email: 'new@example.com', password: PASSWORD, needsClientTrust: true }] });
    await ui.fillCredentials('new@example.com', PASSWORD);
    await ui.submit();
    await ui.waitForStep('client-trust');
    await ui.waitForIdle();
    await expect(el).to.be.accessible();
  });
  it('new password', async () => {
    const { el, ui } = await setup({ users: [{ email: 'reset@example.com', password: PASSWORD, needsNewPassword: true }] });
    await ui.fillCredentials('reset@example.com', PASSWORD);
    await ui.submit();
    await ui.waitForStep('new-password');
    await expect(el).to.be.accessible();
  });
  it('signed in', async () => {
    const { el, ui } = await toSecondFactor();
    await ui.enterCode('123456');
    await ui.waitForStep('signed-in');
    await expect(el).to.be.accessible();
  });
});

describe('credentials step', () => {
  it('shows the form at once with real, named, autocompleting fields', async () => {
    const { ui, el } = await setup({ email: 'ada@example.com' });
    expect(ui.step).to.equal('credentials');
    const id = ui.input('identifier')!;
    const pw = ui.input('password')!;
    expect(id.id).to.equal('identifier');
    expect(id.autocomplete).to.equal('username');
    expect(id.value).to.equal('ada@example.com');
    expect(pw.type).to.equal('password');
    expect(pw.autocomplete).to.equal('current-password');
    expect(el.shadowRoot!.querySelector('form')).to.exist;
    expect(el.shadowRoot!.querySelector(`label[for="identifier"]`)).to.exist;
  });

  it('wrong password: message next to the password field, aria-invalid, sign-in-error event', async () => {
    const { ui, events } = await setup();
    await ui.fillCredentials(ADA.email, 'nope');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('password')).to.contain('Password is incorrect');
    expect(ui.input('password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(ui.input('password')!.getAttribute('aria-describedby')).to.equal('password-error');
    const error = events.find((e) => e.type === 'sign-in-error')!.detail as SignInErrorDetail;
    expect(error).to.deep.include({ code: 'form_password_incorrect', step: 'credentials' });
    expect(error.message).to.contain('Password is incorrect');
    expect(ui.focused()?.id).to.equal('password');
  });

  it('unknown email: message next to the email field', async () => {
    const { ui } = await setup();
    await ui.fillCredentials('nobody@example.com', 'x');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('identifier')).to.contain("Couldn't find an account with this email");
    expect(ui.input('identifier')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('a second submit while the first is in flight sends nothing', async () => {
    const { ui, clerk } = await setup();
    const release = clerk.pause();
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    expect(ui.isBusy()).to.equal(true);
    await ui.submit();
    await ui.pressEnter('password');
    expect(clerk.calls.create).to.equal(1);
    release();
    await ui.waitForStep('second-factor');
    expect(clerk.calls.create).to.equal(1);
  });

  it("a submit made while the page's own Clerk is loading goes out as soon as Clerk says it is ready", async () => {
    const clerk = new FakeClerk({ users: [ADA], loaded: false });
    const { ui } = await setup({ clerk });
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    expect(ui.isBusy(), 'waiting for Clerk').to.equal(true);
    expect(clerk.calls.create).to.equal(0);
    // The page's own load() finishes; the sign-in is sent before the page's next task, not at a later poll.
    await clerk.load();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(clerk.calls.create, 'sent once Clerk is ready').to.equal(1);
    await ui.waitForStep('second-factor');
  });

  it('locked account: countdown until unlock, submit disabled', async () => {
    const { ui } = await setup({ users: [{ ...ADA, lockedForSeconds: 125 }] });
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText()).to.match(/locked.*2:0[45]/);
    expect(ui.submitButton()!.disabled).to.equal(true);
  });

  it('too many requests: shows the Retry-After wait', async () => {
    const { ui, clerk } = await setup();
    clerk.failNext('create', fakeClerkError('too_many_requests', { status: 429, retryAfter: 42 }));
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText()).to.match(/4[12] s/);
  });

  it('network down: offline/network message at the form, then a retry succeeds', async () => {
    const { ui, clerk } = await setup();
    clerk.failNext('create', fakeNetworkError());
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText()).to.match(/offline|reach/i);
    await ui.submit();
    await ui.waitForStep('second-factor');
  });

  it('unknown error: shows Clerk long message', async () => {
    const { ui, clerk } = await setup();
    clerk.failNext('create', fakeClerkError('something_new', { longMessage: 'A brand new problem.' }));
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText()).to.equal('A brand new problem.');
  });
});

describe('second factor', () => {
  it('authenticator app first, other methods in the switcher; password cleared', async () => {
    const { ui, events } = await toSecondFactor();
    expect(ui.heading()).to.equal('Two-step verification');
    expect(ui.methods()).to.deep.equal(['phone_code', 'backup_code']);
    expect(ui.input('password')).to.equal(null);
    const code = ui.input('code')!;
    // The attribute, not the `autocomplete` property: Firefox does not know the one-time-code
    // token and reflects it as '' while still serving the attribute to autofill and extensions.
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.inputMode).to.equal('numeric');
    expect(ui.focused()?.id).to.equal('code');
    const change = events.find((e) => e.type === 'step-change')!.detail as StepChangeDetail;
    expect(change).to.deep.equal({ step: 'second-factor', previousStep: 'credentials' });
  });

  it('a complete 6-digit code submits by itself and fires signed-in', async () => {
    const { ui, el, clerk } = await toSecondFactor();
    const signedIn = oneEvent(el, 'signed-in');
    await ui.enterCode('123456');
    const event = (await signedIn) as CustomEvent<SignedInDetail>;
    expect(event.detail).to.deep.equal({ sessionId: 'sess_1', userId: 'user_1', alreadySignedIn: false });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(clerk.calls.attemptSecondFactor).to.equal(1);
    expect(clerk.calls.setActive).to.equal(1);
  });

  it('pasted code with spaces or dashes is accepted', async () => {
    const { ui, clerk } = await toSecondFactor();
    await ui.pasteCode(' 123-456 ');
    await ui.waitForStep('signed-in');
    expect(clerk.log.find((l) => l.method === 'attemptSecondFactor')!.params).to.deep.equal({ strategy: 'totp' });
  });

  it('wrong code: message at the code field, then right code', async () => {
    const { ui } = await toSecondFactor();
    await ui.enterCode('000000');
    await ui.waitForIdle();
    expect(ui.errorText('code')).to.contain('Incorrect code');
    expect(ui.input('code')!.getAttribute('aria-invalid')).to.equal('true');
    await ui.enterCode('123456');
    await ui.waitForStep('signed-in');
  });

  it('SMS: prepared when chosen, shows where it went, resend counts down', async () => {
    const { ui, clerk } = await toSecondFactor();
    await ui.chooseMethod('phone_code');
    await ui.waitForIdle();
    expect(clerk.calls.prepareSecondFactor).to.equal(1);
    expect(ui.messageText()).to.match(/Code sent to \+1\*+0100/);
    expect(ui.resendText()).to.match(/Resend in (30|29) s/);
    await ui.resend();
    expect(clerk.calls.prepareSecondFactor).to.equal(1);
    await ui.enterCode('654321');
    await ui.waitForStep('signed-in');
  });

  it('backup code: text input mode, letters allowed, does not autosubmit', async () => {
    const { ui, clerk } = await toSecondFactor();
    await ui.chooseMethod('backup_code');
    expect(ui.heading()).to.equal('Enter a backup code');
    expect(ui.input('code')!.inputMode).to.equal('text');
    await ui.enterCode('abcd-efgh');
    expect(clerk.calls.attemptSecondFactor).to.equal(0);
    await ui.submit();
    await ui.waitForStep('signed-in');
  });

  it('each code field takes what its method needs: room for a pasted "123 456", a longer backup code written with an en dash', async () => {
    const { ui, clerk } = await toSecondFactor();
    expect(ui.input('code')!.maxLength).to.equal(12);
    await ui.chooseMethod('backup_code');
    const code = ui.input('code')!;
    expect(code.maxLength).to.equal(24);
    expect(code.getAttribute('inputmode')).to.equal('text');
    await ui.enterCode(' ABCD\u2013EFGH ');
    await ui.submit();
    await ui.waitForStep('signed-in');
    expect(clerk.usedBackupCodes.has('abcdefgh')).to.equal(true);
  });

  it('used backup code: specific message', async () => {
    const { ui, clerk } = await toSecondFactor();
    clerk.usedBackupCodes.add('abcdefgh');
    await ui.chooseMethod('backup_code');
    await ui.enterCode('abcdefgh');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('code')).to.contain('was already used');
  });

  it('back returns to the first step with the email kept and the password empty', async () => {
    const { ui } = await toSecondFactor();
    await ui.back();
    expect(ui.step).to.equal('credentials');
    expect(ui.input('identifier')!.value).to.equal(ADA.email);
    expect(ui.input('password')!.value).to.equal('');
    expect(ui.focused()?.id).to.equal('password');
  });

  it('expired code and too many attempts have their own messages', async () => {
    const { ui, clerk } = await toSecondFactor();
    clerk.failNext('attemptSecondFactor', fakeClerkError('verification_expired', { status: 400 }));
    await ui.enterCode('123456');
    await ui.waitForIdle();
    expect(ui.errorText('code')).to.contain('expired');
    clerk.failNext('attemptSecondFactor', fakeClerkError('verification_failed', { status: 400 }));
    await ui.enterCode('123456');
    await ui.waitForIdle();
    expect(ui.errorText('code')).to.contain('Too many wrong codes');
  });
});

describe('other steps and done states', () => {
  it('client trust: email code sent at once with Clerk explanation, then signed in', async () => {
    const { ui, clerk } = await setup({ users: [{ email: 'new@example.com', password: PASSWORD, needsClientTrust: true }] });
    await ui.fillCredentials('new@example.com', PASSWORD);
    await ui.submit();
    await ui.waitForStep('client-trust');
    await ui.waitForIdle();
    expect(clerk.sentCodes).to.have.length(1);
    expect(ui.element.shadowRoot!.textContent).to.contain("You're signing in from a new device");
    await ui.enterCode('654321');
    await ui.waitForStep('signed-in');
  });

  it('new password step leads on to sign-in', async () => {
    const { ui } = await setup({ users: [{ email: 'reset@example.com', password: PASSWORD, needsNewPassword: true }] });
    await ui.fillCredentials('reset@example.com', PASSWORD);
    await ui.submit();
    await ui.waitForStep('new-password');
    expect(ui.input('new-password')!.autocomplete).to.equal('new-password');
    await ui.fillNewPassword('short');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('new-password')).to.contain('too short');
    await ui.fillNewPassword('a much better passphrase');
    await ui.submit();
    await ui.waitForStep('signed-in');
  });

  it('pending session: task-required with the task key', async () => {
    const { ui, el } = await setup({ users: [{ ...ADA, task: 'choose-organization' }] });
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    const task = oneEvent(el, 'task-required');
    await ui.enterCode('123456');
    expect(((await task) as CustomEvent<TaskRequiredDetail>).detail).to.deep.equal({
      sessionId: 'sess_1',
      userId: 'user_1',
      task: { key: 'choose-organization' },
    });
    expect(ui.step).to.equal('task-required');
  });

  it('already signed in on load: says so and fires signed-in once', async () => {
    const clerk = new FakeClerk({ users: [ADA], signedInAs: ADA.email });
    const events: SignedInDetail[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent<SignedInDetail>).detail);
    document.addEventListener('signed-in', listener);
    const { ui } = await setup({ clerk });
    await ui.waitForStep('signed-in');
    await ui.settle();
    document.removeEventListener('signed-in', listener);
    expect(events).to.deep.equal([{ sessionId: 'sess_1', userId: 'user_1', alreadySignedIn: true }]);
    expect(ui.heading()).to.contain('already signed in');
  });
});

describe('secrets and the password manager', () => {
  it('no password or code in the DOM or attributes, before or after signing in', async () => {
    const { ui, el } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    expect(secretsIn(el, [PASSWORD])).to.deep.equal([]);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.enterCode('123456');
    await ui.waitForStep('signed-in');
    expect(secretsIn(el, [PASSWORD, '123456'])).to.deep.equal([]);
  });

  it('the password field is cleared when the element is removed', async () => {
    const { ui, el } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    const pw = ui.input('password')!;
    el.remove();
    expect(pw.value).to.equal('');
  });

  it('hands the credential to navigator.credentials.store after sign-in, not with no-store-credentials', async () => {
    if (!('PasswordCredential' in window) || !navigator.credentials) return; // Chromium only
    const stored: Credential[] = [];
    const original = navigator.credentials.store;
    navigator.credentials.store = async (c: Credential) => {
      stored.push(c);
    };
    try {
      const { ui } = await toSecondFactor();
      await ui.enterCode('123456');
      await ui.waitForStep('signed-in');
      await ui.settle();
      expect(stored).to.have.length(1);
      expect(stored[0]!.id).to.equal(ADA.email);

      const again = await toSecondFactor([{ ...ADA, email: 'grace@example.com' }]);
      again.el.noStoreCredentials = true;
      await again.ui.enterCode('123456');
      await again.ui.waitForStep('signed-in');
      await again.ui.settle();
      expect(stored).to.have.length(1);
    } finally {
      navigator.credentials.store = original;
    }
  });
});

describe('navigation after sign-in', () => {
  it('navigates to after-sign-in-url unless signed-in is cancelled', async () => {
    for (const cancel of [false, true]) {
      const { ui, el } = await toSecondFactor();
      el.noStoreCredentials = true;
      el.afterSignInUrl = '/welcome';
      const went: string[] = [];
      (el as unknown as { navigate: (u: string) => void }).navigate = (u) => went.push(u);
      if (cancel) el.addEventListener('signed-in', (e) => e.preventDefault());
      await ui.enterCode('123456');
      await ui.waitForStep('signed-in');
      await ui.settle();
      expect(went).to.deep.equal(cancel ? [] : [new URL('/welcome', location.href).href]);
    }
  });
});

describe('custom states and localization', () => {
  it('exposes the step as a custom state', async () => {
    const { el } = await toSecondFactor();
    const supports = (() => {
      try {
        return el.matches(':state(second-factor)');
      } catch {
        return null;
      }
    })();
    if (supports === null) return;
    expect(supports).to.equal(true);
  });

  it('lang loads Clerk strings; localization overrides any string', async () => {
    const clerk = new FakeClerk({ users: [ADA] });
    const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in lang="de" .clerk=${clerk}></clerk-mfa-sign-in>`);
    const ui = new SignInHarness(el);
    // The German strings are a lazy module: wait for it by time, not by a count of ticks.
    await ui.waitFor(() => el.shadowRoot!.textContent!.includes('E-Mail-Adresse'), 'the German strings', 10_000).catch(() => {});
    expect(el.shadowRoot!.textContent).to.contain('E-Mail-Adresse');
    el.localization = { identifierLabel: 'Courriel' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('label[for=identifier]')!.textContent).to.equal('Courriel');
  });
});

describe('the page language', () => {
  const root = document.documentElement;
  const pageLang = root.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) root.removeAttribute('lang');
    else root.setAttribute('lang', pageLang);
  });
  const label = (el: ClerkMfaSignInElement) => el.shadowRoot?.querySelector('label[for=identifier]')?.textContent;
  const shows = (el: ClerkMfaSignInElement, text: string, what: string) => new SignInHarness(el).waitFor(() => label(el) === text, what);
  const requested = (locale: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/${locale}.`));

  it('follows <html lang>, then the nearest ancestor, then its own lang, and locale above all, as they change', async () => {
    root.removeAttribute('lang');
    const wrapper = await fixture<HTMLDivElement>(html`<div><clerk-mfa-sign-in .clerk=${new FakeClerk({ users: [ADA] })}></clerk-mfa-sign-in></div>`);
    const el = wrapper.querySelector('clerk-mfa-sign-in')!;
    await el.updateComplete;
    expect(label(el)).to.equal('Email address');
    root.setAttribute('lang', 'de');
    await shows(el, 'E-Mail-Adresse', 'German from <html lang>');
    wrapper.setAttribute('lang', 'fr');
    await shows(el, 'Adresse e-mail', "French from the wrapper's lang");
    el.setAttribute('lang', 'it');
    await shows(el, 'Indirizzo email', 'Italian from its own lang');
    el.locale = 'es';
    await shows(el, 'Correo electrónico', 'Spanish from locale');
    el.locale = null;
    el.removeAttribute('lang');
    await shows(el, 'Adresse e-mail', 'French again, from the wrapper');
    wrapper.removeAttribute('lang');
    await shows(el, 'E-Mail-Adresse', 'German again, from <html lang>');
  });

  it("reads the lang of a shadow root's host, and follows it", async () => {
    const host = await fixture<HTMLElement>(html`<section lang="nl"></section>`);
    const el = document.createElement('clerk-mfa-sign-in');
    el.clerk = new FakeClerk({ users: [ADA] });
    host.attachShadow({ mode: 'open' }).append(el);
    await shows(el, 'E-mailadres', 'Dutch from the host of its shadow root');
    host.setAttribute('lang', 'sv');
    await shows(el, 'E-postadress', 'Swedish after the host changed');
  });

  it('downloads nothing when a lang change does not change its language', async () => {
    const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in lang="de" .clerk=${new FakeClerk({ users: [ADA] })}></clerk-mfa-sign-in>`);
    await shows(el, 'E-Mail-Adresse', 'German from its own lang');
    expect(requested('fi-FI'), 'Finnish not loaded before').to.equal(false);
    root.setAttribute('lang', 'fi');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requested('fi-FI'), 'Finnish not loaded: its own lang still decides').to.equal(false);
    expect(label(el)).to.equal('E-Mail-Adresse');
  });
});

describe('loading clerk-js', () => {
  const key = `pk_test_${btoa('clerk.example.test$')}`;
  const scripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[data-clerk-js-script]')];
  afterEach(() => {
    for (const script of scripts()) script.remove();
  });

  it('requests clerk-js together with the first render, not after it', async () => {
    const el = document.createElement('clerk-mfa-sign-in');
    el.setAttribute('publishable-key', key);
    el.setAttribute('clerk-js-url', 'http://127.0.0.1:9/clerk.js');
    document.body.append(el);
    await el.updateComplete;
    try {
      expect(el.shadowRoot!.querySelector('#identifier'), 'the form is on screen').to.not.equal(null);
      expect(scripts().map((s) => s.src)).to.deep.equal(['http://127.0.0.1:9/clerk.js']);
      expect(scripts()[0]!.getAttribute('data-clerk-publishable-key')).to.equal(key);
    } finally {
      el.remove();
    }
  });

  it('never loads clerk-js when the host gives its own instance, even right after adding the element', async () => {
    const el = document.createElement('clerk-mfa-sign-in');
    el.setAttribute('publishable-key', key);
    document.body.append(el);
    el.clerk = new FakeClerk({ users: [ADA] });
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      expect(scripts()).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });
});
