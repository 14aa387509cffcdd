// The part an authenticator-app sign-in without a mistake never needs downloads on first use
// (src/on-demand.ts). Until it arrives the step shows where it will be; when it cannot be
// downloaded, the element says so, offers to try again, and the first step stays within reach.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'] };

const failDownloads = (fail: boolean) => {
  document.cookie = `fail-on-demand=${fail ? 1 : 0}; path=/`;
};

async function setup() {
  const clerk = new FakeClerk({ users: [ADA] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillCredentials(ADA.email, PASSWORD);
  await ui.submit();
  await ui.waitForStep('second-factor');
  await ui.waitForIdle();
  return { el, ui, clerk };
}

after(() => failDownloads(false));

// WebKit driven through WebDriver opens each test file in a page of the same web process, and
// serves a module an earlier test file already imported from its memory cache without asking the
// server: the download cannot be made to fail there. Chromium and Firefox prove these.
const webKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium/.test(navigator.userAgent);
beforeEach(function () {
  if (webKit) this.skip();
});

it('cannot be downloaded: the message, a button that tries again, and "Change" back to the first step', async () => {
  failDownloads(true);
  const { el, ui } = await setup();
  await ui.chooseMethod('backup_code');
  await ui.waitFor(() => ui.errorText(), 'the message');
  expect(ui.errorText()).to.equal('Sign-in is unavailable right now. Try again in a moment.');
  const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
  expect(retry.textContent!.trim()).to.equal('Continue');
  await expect(el).to.be.accessible();
  await ui.back();
  expect(ui.step).to.equal('credentials');
  expect(ui.input('identifier')!.value).to.equal(ADA.email);
});

it('a failure whose messages cannot be downloaded still tells the user, at the form', async () => {
  failDownloads(true);
  const clerk = new FakeClerk({ users: [ADA] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillCredentials(ADA.email, 'wrong password');
  await ui.submit();
  await ui.waitForIdle();
  expect(ui.errorText()).to.equal('Sign-in is unavailable right now. Try again in a moment.');
  expect(ui.step).to.equal('credentials');
});

it('"Continue" there loads the page again: the browser keeps a failed download for the page\'s life', async () => {
  failDownloads(true);
  const { el, ui } = await setup();
  let reloads = 0;
  (el as unknown as { reload(): void }).reload = () => void reloads++;
  await ui.chooseMethod('backup_code');
  await ui.waitFor(() => ui.errorText(), 'the message');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  expect(reloads).to.equal(1);
});

it('"Forgot password?" whose steps cannot be downloaded says so at the form, and sends nothing', async () => {
  failDownloads(true);
  const clerk = new FakeClerk({ users: [ADA] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillCredentials(ADA.email, '');
  await ui.forgotPassword();
  await ui.waitFor(() => ui.errorText(), 'the message');
  expect(ui.errorText()).to.equal('Sign-in is unavailable right now. Try again in a moment.');
  expect(ui.step).to.equal('credentials');
  expect(ui.input('identifier')!.value).to.equal(ADA.email);
  expect(clerk.calls.create).to.equal(0);
});
