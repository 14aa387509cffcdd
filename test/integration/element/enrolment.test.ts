// The setup-mfa task inside <clerk-mfa-sign-in>, with the real clerk-js against the emulator: a user
// without a second factor on an app that requires one enrols an authenticator app (from the key
// the element shows) or an SMS number, confirms the backup codes and is signed in; Clerk's
// reverification asks for the password inline.
import { expect } from '@open-wc/testing';
import type { SignInHarness } from '../../../src/testing/index.js';
import { addUser, control, inbox, mountElement, pageClerk, PASSWORD, randomPhone, signInWithPassword, signOutPageClerk, totpCode, waitForMessages } from './support.js';

const noSecondFactor = { totp_secret: undefined, backup_codes: [] };

const codeFor = (secret: string, at = Date.now()) => totpCode(at, secret);

/** A 6-digit code that is none of `valid`. */
const otherThan = (...valid: string[]) => ['000000', '111111', '222222'].find((code) => !valid.includes(code))!;

async function signInPending(): Promise<Awaited<ReturnType<typeof mountElement>> & { email: string }> {
  const email = await addUser({ ...noSecondFactor, tasks: ['setup-mfa'] });
  const mounted = await mountElement('production');
  await signInWithPassword(mounted.ui, email);
  await mounted.ui.waitForStep('task-required');
  await mounted.ui.waitFor(() => mounted.ui.enrolMethods().length, 'the methods to enrol');
  return { ...mounted, email };
}

async function enrolTotp(ui: SignInHarness): Promise<string> {
  await ui.chooseEnrolMethod('totp');
  return ui.waitFor(() => ui.totpSecret(), 'the key');
}

describe('<clerk-mfa-sign-in> runs the setup-mfa task inline (real clerk-js)', () => {
  afterEach(signOutPageClerk);

  it('enrols an authenticator app from the key it shows: QR code, a wrong code then the right one, backup codes confirmed, signed in; the next sign-in asks for it', async () => {
    const { el, ui, events, email } = await signInPending();
    expect(events.taskRequired, 'no task-required: the element finishes the task itself').to.deep.equal([]);
    expect(ui.enrolMethods()).to.deep.equal(['totp', 'phone_code']);
    await expect(el).to.be.accessible();

    const secret = await enrolTotp(ui);
    const qr = el.shadowRoot!.querySelector('[part~="qr-code"]')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.match(/QR code/);
    expect(el.shadowRoot!.querySelector('[part~="totp-secret"]')!.textContent).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(ui.focused()?.id).to.equal('code');
    await expect(el).to.be.accessible();

    const right = codeFor(secret);
    await ui.enterCode(otherThan(right, codeFor(secret, Date.now() - 30_000), codeFor(secret, Date.now() + 30_000)));
    await ui.waitFor(() => ui.errorText('code'), 'the wrong code refused');
    expect(ui.errorText('code')).to.equal('Incorrect code. Check it and try again.');
    expect(ui.input('code')!.value, 'the wrong code leaves the field').to.equal('');

    await ui.enterCode(codeFor(secret));
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    expect(ui.backupCodes()).to.have.length(10);
    await expect(el).to.be.accessible();
    await ui.submit();
    expect(ui.errorText('saved')).to.equal('Confirm that you have saved your backup codes.');
    expect(events.signedIn).to.deep.equal([]);
    await ui.confirmSaved();
    await ui.submit();
    await ui.waitForStep('signed-in');
    expect(events.signedIn).to.have.length(1);
    expect(events.signedIn[0]).to.include({ mfaEnrolled: 'totp', alreadySignedIn: false });
    expect(pageClerk()!.session!.status).to.equal('active');

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    await again.ui.enterCode(codeFor(secret, Date.now() + 30_000));
    await again.ui.waitForStep('signed-in');
    expect(again.events.signedIn[0]!.mfaEnrolled).to.equal(undefined);
  });

  it('enrols an SMS number: the code from the inbox after a wrong one and a resend, reserved, backup codes, signed in; the next sign-in sends an SMS', async () => {
    const { el, ui, events, email } = await signInPending();
    await ui.chooseEnrolMethod('phone_code');
    await ui.waitFor(() => ui.input('phone'), 'the phone field');
    const field = ui.input('phone')!;
    expect([field.type, field.autocomplete]).to.deep.equal(['tel', 'tel']);
    await expect(el).to.be.accessible();
    await ui.submit();
    expect(ui.errorText('phone')).to.equal('Enter your phone number.');

    const phone = randomPhone();
    await ui.fillPhone(`${phone.slice(0, 2)} ${phone.slice(2, 5)} ${phone.slice(5)}`);
    await ui.submit();
    const [first] = await waitForMessages(phone, 1);
    await ui.waitFor(() => ui.messageText().includes(phone.slice(2, 5)), 'where the code went');
    expect(ui.focused()?.id).to.equal('code');
    await expect(el).to.be.accessible();

    await ui.enterCode(otherThan(first!.code));
    await ui.waitFor(() => ui.errorText('code'), 'the wrong code refused');
    expect(ui.resendDisabled(), 'resend waits for its countdown').to.equal(true);
    const realNow = Date.now;
    Date.now = () => realNow.call(Date) + 31_000;
    try {
      await ui.waitFor(() => !ui.resendDisabled(), 'resend offered again');
      await ui.resend();
      await waitForMessages(phone, 2);
    } finally {
      Date.now = realNow;
    }
    const codes = await inbox(phone);
    await ui.waitForIdle();
    await ui.enterCode(codes.at(-1)!.code);
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    await ui.confirmSaved();
    await ui.submit();
    await ui.waitForStep('signed-in');
    expect(events.signedIn[0]).to.include({ mfaEnrolled: 'phone_code' });

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    await waitForMessages(phone, 3);
  });

  it('asks for the password inline when Clerk wants a recent verification, then goes on with the same action', async () => {
    const { el, ui } = await signInPending();
    const sessionId = pageClerk()!.session!.id;
    const aged = await control(`/sessions/${sessionId}/age`, { body: { minutes: 11 } });
    expect(aged.ok).to.equal(true);
    await ui.chooseEnrolMethod('totp');
    await ui.waitFor(() => ui.input('password'), 'the password asked for');
    expect(ui.heading()).to.equal('Verification required');
    expect(ui.focused()?.id).to.equal('password');
    await expect(el).to.be.accessible();

    await ui.fillPassword('not the password');
    await ui.submit();
    await ui.waitFor(() => ui.errorText('password'), 'the wrong password refused');
    await ui.fillPassword(PASSWORD);
    await ui.submit();
    const secret = await ui.waitFor(() => ui.totpSecret(), 'the key, after the password');
    await ui.enterCode(codeFor(secret));
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
  });

  it('other tasks still show the task screen and fire task-required', async () => {
    const email = await addUser({ ...noSecondFactor, tasks: ['choose-organization'] });
    const { ui, events } = await mountElement('production');
    await signInWithPassword(ui, email);
    await ui.waitForStep('task-required');
    expect(events.taskRequired.map((d) => d.task.key)).to.deep.equal(['choose-organization']);
    expect(ui.enrolMethods()).to.deep.equal([]);
  });
});
