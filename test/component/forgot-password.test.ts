// "Forgot password?" with the fake Clerk: the button on the first step, the element's own check of
// the email, one request per click, the code step and its errors, "Back" with the email kept, the
// new password with "Sign out of all other devices", and the password-reset event.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import type { PasswordResetDetail, SignInErrorDetail } from '../../src/events.js';
import { FakeClerk, SignInHarness, fakeClerkError, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a fresh passphrase for ada';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'] };

async function setup(users: FakeUser[] = [ADA]) {
  const clerk = new FakeClerk({ users, sentCode: '654321' });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  const errors: SignInErrorDetail[] = [];
  const resets: PasswordResetDetail[] = [];
  el.addEventListener('sign-in-error', (e) => errors.push(e.detail));
  el.addEventListener('password-reset', (e) => resets.push(e.detail));
  await ui.settle();
  return { el, ui, clerk, errors, resets };
}

/** Types the email and presses "Forgot password?". */
async function forgot(ui: SignInHarness, email = ADA.email) {
  await ui.fillCredentials(email, '');
  await ui.forgotPassword();
}

async function toResetCode(users?: FakeUser[]) {
  const ctx = await setup(users);
  await forgot(ctx.ui);
  await ctx.ui.waitForStep('reset-code');
  await ctx.ui.waitForIdle();
  return ctx;
}

describe('"Forgot password?"', () => {
  it('is a button on the first step, after "Continue", that submits nothing', async () => {
    const { el, ui, clerk } = await setup();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="forgot-password-button"]')!;
    expect(button.type).to.equal('button');
    expect(button.textContent!.trim()).to.equal('Forgot password?');
    const order = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('part'));
    expect(order.indexOf('forgot-password-button')).to.be.greaterThan(order.indexOf('submit-button'));
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.pressEnter('password');
    await ui.waitForStep('second-factor');
    expect(clerk.calls.prepareFirstFactor, 'Enter still signs in').to.equal(0);
  });

  it('checks the email first, with the message on the field and nothing sent', async () => {
    const { ui, clerk, errors } = await setup();
    await ui.forgotPassword();
    expect(ui.errorText('identifier')).to.equal('Enter your email address.');
    expect(ui.focused()?.id).to.equal('identifier');
    await forgot(ui, 'ada@example');
    expect(ui.errorText('identifier')).to.equal('Enter a valid email address.');
    expect(errors.map((e) => e.code)).to.deep.equal(['form_param_missing', 'form_param_format_invalid']);
    expect(clerk.calls.create).to.equal(0);
  });

  it('sends one code for a double click, and shows where it went', async () => {
    const { el, ui, clerk } = await setup();
    await ui.fillCredentials(ADA.email, '');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="forgot-password-button"]')!;
    button.click();
    button.click();
    await ui.waitForStep('reset-code');
    await ui.waitForIdle();
    expect(clerk.calls.create).to.equal(1);
    expect(clerk.calls.prepareFirstFactor).to.equal(1);
    expect(ui.heading()).to.equal('Check your email');
    expect(ui.messageText()).to.contain(`Code sent to ${ADA.email}`);
    expect(ui.identity()).to.contain(ADA.email);
    expect(ui.focused()?.id).to.equal('code');
    expect(ui.resendDisabled()).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the failure table\'s messages on the code step: wrong, expired, too many tries, rate limit', async () => {
    const { ui, clerk } = await toResetCode();
    await ui.enterCode('111111');
    await ui.waitFor(() => ui.errorText('code'), 'the wrong-code message');
    expect(ui.errorText('code')).to.equal('Incorrect code. Check it and try again.');
    expect(ui.input('code')!.value, 'the field is cleared for the next try').to.equal('');
    clerk.failNext('attemptFirstFactor', fakeClerkError('verification_expired', { paramName: 'code' }));
    await ui.enterCode('654321');
    await ui.waitFor(() => ui.errorText('code').includes('expired'), 'the expired message');
    clerk.failNext('attemptFirstFactor', fakeClerkError('verification_failed', { paramName: 'code' }));
    await ui.enterCode('654321');
    await ui.waitFor(() => ui.errorText('code').startsWith('Too many wrong codes'), 'the too-many message');
    clerk.failNext('attemptFirstFactor', fakeClerkError('too_many_requests', { status: 429, retryAfter: 20 }));
    await ui.enterCode('654321');
    await ui.waitFor(() => ui.errorText(), 'the rate limit');
    expect(ui.errorText()).to.match(/Try again in \d+ s/);
    expect(ui.step).to.equal('reset-code');
  });

  it('"Back" returns to the password with the email kept', async () => {
    const { ui } = await toResetCode();
    const back = [...ui.element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="back-button"]')].find((b) => b.textContent!.trim() === 'Back')!;
    back.click();
    await ui.waitForStep('credentials');
    expect(ui.input('identifier')!.value).to.equal(ADA.email);
    expect(ui.focused()?.id).to.equal('password');
  });

  it('says so when Clerk offers no reset for the account', async () => {
    const { ui, clerk } = await setup([{ ...ADA, noPasswordReset: true }]);
    await forgot(ui);
    await ui.waitFor(() => ui.errorText(), 'the message');
    expect(ui.errorText()).to.equal("This account can't reset its password here. Sign in another way or contact support.");
    expect(ui.step).to.equal('credentials');
    expect(clerk.calls.prepareFirstFactor).to.equal(0);
  });

  it('asks for the new password (no "required" note), ticks "Sign out of all other devices", reports the reset, then the second factor', async () => {
    const { el, ui, clerk, resets } = await toResetCode();
    await ui.enterCode('654321');
    await ui.waitForStep('new-password');
    expect(ui.heading()).to.equal('Set new password');
    expect(ui.subtitle()).to.equal('');
    expect(ui.signOutOfOtherDevices()).to.equal(true);
    await expect(el).to.be.accessible();
    await ui.fillNewPassword('short');
    await ui.submit();
    await ui.waitFor(() => ui.errorText('new-password'), 'the too-short message');
    expect(resets).to.deep.equal([]);
    await ui.toggleSignOutOfOtherDevices();
    await ui.fillNewPassword(NEW_PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    expect(resets).to.deep.equal([{ identifier: ADA.email, signedOutOfOtherSessions: false }]);
    expect(clerk.log.filter((l) => l.method === 'resetPassword').at(-1)!.params).to.deep.equal({ signOutOfOtherSessions: false });
    expect(ui.leakedSecrets([NEW_PASSWORD, '654321'], { fieldValues: true })).to.deep.equal([]);
  });
});
