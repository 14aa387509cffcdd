// The password field: a show/hide toggle that is a real button (pressed state, translated name,
// never submits, never loses what was typed, and the password still leaves the field when the
// step changes), and a Caps Lock warning under the field, announced politely.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456' };

async function setup(locale = '') {
  const clerk = new FakeClerk({ users: [ADA] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in locale=${locale} .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui, clerk };
}

const toggle = (el: ClerkMfaSignInElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-password-button"]')!;

describe('show password', () => {
  it('is a real button beside the field: type=button, aria-pressed, named "Show password", controls the field', async () => {
    const { el } = await setup();
    const button = toggle(el);
    expect(button.localName).to.equal('button');
    expect(button.type).to.equal('button');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal('Show password');
    expect(button.getAttribute('aria-controls')).to.equal('password');
  });

  it('shows and hides what was typed, keeps it, and sends nothing', async () => {
    const { el, ui, clerk } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.togglePassword();
    expect(ui.input('password')!.type).to.equal('text');
    expect(ui.input('password')!.value).to.equal(PASSWORD);
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('true');
    await ui.togglePassword();
    expect(ui.input('password')!.type).to.equal('password');
    expect(ui.input('password')!.value).to.equal(PASSWORD);
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('false');
    expect(clerk.calls.create).to.equal(0);
    expect(ui.step).to.equal('credentials');
  });

  it('a password shown as text still leaves the field when the next step shows, and is hidden again on return', async () => {
    const { ui } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.togglePassword();
    const field = ui.input('password')!;
    await ui.submit();
    await ui.waitForStep('second-factor');
    expect(field.value).to.equal('');
    await ui.back();
    expect(ui.input('password')!.type).to.equal('password');
    expect(ui.input('password')!.value).to.equal('');
  });

  it('its name follows the language', async () => {
    const { el, ui } = await setup();
    el.localization = { showPassword: 'Passwort anzeigen' };
    await ui.settle();
    expect(toggle(el).getAttribute('aria-label')).to.equal('Passwort anzeigen');
  });
});

describe('Caps Lock', () => {
  it('a warning under the password while Caps Lock is on, in a polite live region; gone when it is off', async () => {
    const { el, ui } = await setup();
    const region = el.shadowRoot!.querySelector('[part~="caps-lock"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(ui.capsLockWarning()).to.equal('');
    await ui.pressKey('password', 'A', { capsLock: true });
    expect(ui.capsLockWarning()).to.equal('Caps Lock is on.');
    const field = ui.input('password')!.getBoundingClientRect();
    expect(region.getBoundingClientRect().top, 'under the field').to.be.at.least(field.bottom);
    await ui.pressKey('password', 'a', { capsLock: false });
    expect(ui.capsLockWarning()).to.equal('');
  });

  it('only for the password: the email field has no warning', async () => {
    const { ui } = await setup();
    await ui.pressKey('identifier', 'A', { capsLock: true });
    expect(ui.capsLockWarning()).to.equal('');
  });
});
