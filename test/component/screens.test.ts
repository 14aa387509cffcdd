// What each screen says and offers: who is signing in on step 2 and "Change"; the other methods as
// a list of choices; a rejected code cleared for the next; the signed-in greeting and "Continue";
// the task screen with its slot and "Sign out"; and error texts that say what can be done now.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import type { StepChangeDetail } from '../../src/events.js';
import { FakeClerk, SignInHarness, fakeClerkError, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, firstName: 'Ada', totp: '123456', backupCodes: ['abcd-efgh'], phone: '+15555550100' };

async function setup(options: { users?: FakeUser[]; afterSignInUrl?: string } = {}) {
  const clerk = new FakeClerk({ users: options.users ?? [ADA], sentCode: '654321' });
  const el = await fixture<ClerkMfaSignInElement>(
    html`<clerk-mfa-sign-in .clerk=${clerk} .afterSignInUrl=${options.afterSignInUrl ?? null}><p slot="task">Pick an organization here.</p></clerk-mfa-sign-in>`,
  );
  const went: string[] = [];
  (el as unknown as { navigate(url: string): void }).navigate = (url) => went.push(url);
  el.noStoreCredentials = true;
  const ui = new SignInHarness(el);
  const steps: StepChangeDetail[] = [];
  el.addEventListener('step-change', (e) => steps.push(e.detail));
  await ui.settle();
  return { el, ui, clerk, went, steps };
}

async function signInTo(ui: SignInHarness, user: FakeUser, step: 'second-factor' | 'signed-in' | 'task-required' = 'second-factor') {
  await ui.fillCredentials(user.email, user.password);
  await ui.submit();
  await ui.waitForStep('second-factor');
  await ui.waitForIdle();
  if (step === 'second-factor') return;
  await ui.enterCode('123456');
  await ui.waitForStep(step);
  await ui.waitFor(() => ui.heading(), 'the screen');
}

describe('step 2 says who is signing in', () => {
  it('the email, and "Change", which goes back to the first step with the email kept', async () => {
    const { el, ui } = await setup();
    await signInTo(ui, ADA);
    expect(ui.identity()).to.equal('ada@example.com Change');
    const change = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="back-button"]')!;
    expect(change.type).to.equal('button');
    // Its accessible description names what changes.
    expect(el.shadowRoot!.getElementById(change.getAttribute('aria-describedby')!)!.textContent).to.equal('ada@example.com');
    await ui.back();
    expect(ui.step).to.equal('credentials');
    expect(ui.input('identifier')!.value).to.equal('ada@example.com');
  });
});

describe('the other methods', () => {
  it('are a labelled list of buttons, none of them a field', async () => {
    const { el, ui } = await setup();
    await signInTo(ui, ADA);
    const group = el.shadowRoot!.querySelector('[part~="methods"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('Use another method');
    const items = [...group.querySelectorAll('li > button[part~="method-button"]')];
    expect(items.map((b) => b.textContent!.trim())).to.deep.equal(['Send SMS code to +1*******0100', 'Use a backup code']);
    expect(group.querySelectorAll('input')).to.have.length(0);
  });
});

describe('codes', () => {
  it('a rejected code leaves the field, which keeps the focus: the next code goes in at once', async () => {
    const { ui, clerk } = await setup();
    await signInTo(ui, ADA);
    await ui.enterCode('000000');
    await ui.waitFor(() => ui.errorText('code'), 'the code error');
    expect(ui.input('code')!.value).to.equal('');
    expect(ui.focused()?.id).to.equal('code');
    await ui.pasteCode('123456');
    await ui.waitForStep('signed-in');
    expect(clerk.calls.attemptSecondFactor).to.equal(2);
  });

  it('each method its keyboard and length: six digits (room for separators), a backup code as text', async () => {
    const { ui } = await setup();
    await signInTo(ui, ADA);
    expect([ui.input('code')!.inputMode, ui.input('code')!.maxLength]).to.deep.equal(['numeric', 12]);
    await ui.enterCode('12');
    await ui.chooseMethod('backup_code');
    await ui.waitFor(() => ui.heading() === 'Enter a backup code', 'the backup-code step');
    expect([ui.input('code')!.inputMode, ui.input('code')!.maxLength]).to.deep.equal(['text', 24]);
    expect(ui.input('code')!.value, 'what was typed for another method').to.equal('');
  });
});

describe('signed in', () => {
  it('greets by first name, says with which email, and offers "Continue" when the host gave somewhere to go', async () => {
    const { ui, went } = await setup({ afterSignInUrl: '/welcome' });
    const events: Event[] = [];
    ui.element.addEventListener('signed-in', (e) => (events.push(e), e.preventDefault()));
    await signInTo(ui, ADA, 'signed-in');
    expect(ui.heading()).to.equal('Welcome back, Ada!');
    expect(ui.messageText()).to.equal('Signed in as ada@example.com');
    expect(went, 'the host said no to the navigation').to.deep.equal([]);
    await ui.continue();
    expect(went).to.deep.equal([new URL('/welcome', location.href).href]);
  });

  it('without a first name: "You\'re signed in."; without after-sign-in-url: no "Continue"', async () => {
    const { el, ui } = await setup({ users: [{ ...ADA, firstName: undefined }] });
    await signInTo(ui, ADA, 'signed-in');
    expect(ui.heading()).to.equal("You're signed in.");
    expect(ui.messageText()).to.equal('Signed in as ada@example.com');
    expect(el.shadowRoot!.querySelector('[part~="continue-button"]')).to.equal(null);
  });
});

describe('a pending session task', () => {
  for (const [task, title] of [
    ['choose-organization', 'Choose an organization'],
    ['reset-password', 'Reset your password'],
    ['something-new', 'One more step to finish signing in'],
  ] as const) {
    it(`${task}: "${title}", why, and who is signed in`, async () => {
      const { ui } = await setup({ users: [{ ...ADA, task }] });
      await signInTo(ui, ADA, 'task-required');
      expect(ui.heading()).to.equal(title);
      expect(ui.subtitle()).to.equal('Your account needs this before you can continue.');
      expect(ui.identity()).to.equal('Signed in as ada@example.com Sign out');
    });
  }

  it('setup-mfa: the enrolment of a second factor (test/component/enrolment.test.ts), and who is signed in', async () => {
    const { ui } = await setup({ users: [{ ...ADA, task: 'setup-mfa' }] });
    await signInTo(ui, ADA, 'task-required');
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods to enrol');
    expect(ui.heading()).to.equal('Set up two-step verification');
    expect(ui.subtitle()).to.equal('Choose which method you prefer to protect your account with an extra layer of security');
    expect(ui.identity()).to.equal('Signed in as ada@example.com Sign out');
  });

  it("shows the host's own UI in the task slot, and signs out back to the first step", async () => {
    const { el, ui, clerk, steps } = await setup({ users: [{ ...ADA, task: 'choose-organization' }] });
    await signInTo(ui, ADA, 'task-required');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="task"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Pick an organization here.']);
    await ui.signOut();
    await ui.waitForStep('credentials');
    expect(clerk.calls.signOut).to.equal(1);
    expect(clerk.session).to.equal(null);
    expect(steps.at(-1)).to.deep.equal({ step: 'credentials', previousStep: 'task-required' });
    expect(ui.input('identifier')!.value).to.equal('ada@example.com');
    expect(ui.focused()?.id).to.equal('password');
  });

  it('stays when Clerk cannot sign out', async () => {
    const { ui, clerk } = await setup({ users: [{ ...ADA, task: 'setup-mfa' }] });
    await signInTo(ui, ADA, 'task-required');
    clerk.failNext('signOut', fakeClerkError('network_error', { status: 503 }));
    await ui.signOut();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ui.step).to.equal('task-required');
  });
});

describe('texts that say what can be done now', () => {
  it('wrong password: check it and try again (no "another method" on the first step)', async () => {
    const { ui } = await setup();
    await ui.fillCredentials(ADA.email, 'nope');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('password')).to.equal('Password is incorrect. Check it and try again.');
  });

  it('after three wrong SMS codes: send a new code, and Resend is there to do it', async () => {
    const { ui } = await setup();
    await signInTo(ui, ADA);
    await ui.chooseMethod('phone_code');
    await ui.waitFor(() => ui.messageText().includes('0100'), 'the code sent');
    for (const code of ['000001', '000002', '000003', '000004']) {
      await ui.enterCode(code);
      await ui.waitFor(() => ui.errorText('code'), 'the code error');
    }
    expect(ui.errorText('code')).to.equal('Too many wrong codes. Send a new code to try again.');
    expect(ui.resendText()).to.match(/Resend/);
  });

  it('a lockout Clerk gives only in minutes: "about 29 minutes", and Continue waits only 28 of them', async () => {
    const { ui, clerk } = await setup();
    const longMessage = 'Your account is locked. You will be able to try again in 29 minutes. For more information, contact support.';
    clerk.failNext('create', fakeClerkError('user_locked', { status: 403, longMessage }));
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText()).to.equal('Your account is locked. Try again in about 29 minutes.');
    expect(ui.submitButton()!.disabled).to.equal(true);
    const realNow = Date.now;
    Date.now = () => realNow.call(Date) + 28 * 60_000 + 1000;
    try {
      await ui.waitFor(() => !ui.submitButton()!.disabled, 'Continue to be usable again', 5000);
    } finally {
      Date.now = realNow;
    }
    expect(ui.errorText()).to.equal('');
  });
});

describe('accessibility of the screens this adds', () => {
  it('the first step with its own message, the password shown and Caps Lock on', async () => {
    const { el, ui } = await setup();
    await ui.submit();
    await ui.togglePassword();
    await ui.pressKey('password', 'A', { capsLock: true });
    await expect(el).to.be.accessible();
  });

  it('a rejected code, and the list of other methods', async () => {
    const { el, ui } = await setup();
    await signInTo(ui, ADA);
    await ui.enterCode('000000');
    await ui.waitFor(() => ui.errorText('code'), 'the code error');
    await expect(el).to.be.accessible();
  });

  it('signed in, with "Continue"', async () => {
    const { el, ui } = await setup({ afterSignInUrl: '/welcome' });
    ui.element.addEventListener('signed-in', (e) => e.preventDefault());
    await signInTo(ui, ADA, 'signed-in');
    await expect(el).to.be.accessible();
  });

  it('a pending task, with the host\'s own UI in its slot', async () => {
    const { el, ui } = await setup({ users: [{ ...ADA, task: 'choose-organization' }] });
    await signInTo(ui, ADA, 'task-required');
    await expect(el).to.be.accessible();
  });
});
