// "Forgot password?" with the real clerk-js (production key) against the emulator: the code
// emailed to the account, the new password with Clerk's rules at the field, "Sign out of all
// other devices", then the rest of the sign-in (the authenticator app) as for any other.
import { expect } from '@open-wc/testing';
import {
  addUser,
  BACKUP_CODES,
  inbox,
  mountElement,
  PASSWORD,
  signInWithPassword,
  signOutPageClerk,
  totpCode,
  waitForMessages,
  type Mounted,
} from './support.js';

const NEW_PASSWORD = 'a fresh passphrase for ada';

/** Another device of the same user, signed in with its own client (a dev browser, no cookies); its session id. */
async function signInElsewhere(email: string): Promise<{ sessionStatus: () => Promise<string | null> }> {
  const call = async (path: string, token: string, body?: Record<string, string>) => {
    const init: RequestInit = { method: body ? 'POST' : 'GET', credentials: 'omit', ...(body && { body: new URLSearchParams(body) }) };
    return (await fetch(`/__clerk/v1${path}?__clerk_db_jwt=${token}`, init)).json();
  };
  const { id: token } = await (await fetch('/__clerk/v1/dev_browser', { method: 'POST', credentials: 'omit' })).json();
  const created = await call('/client/sign_ins', token, { identifier: email, password: PASSWORD });
  const done = await call(`/client/sign_ins/${created.response.id}/attempt_second_factor`, token, { strategy: 'backup_code', code: BACKUP_CODES[0]! });
  const sessionId = done.response.created_session_id as string;
  expect(sessionId, 'the other device is signed in').to.be.a('string');
  return {
    async sessionStatus() {
      const { response } = await call('/client', token);
      return (response?.sessions as { id: string; status: string }[] | undefined)?.find((s) => s.id === sessionId)?.status ?? null;
    },
  };
}

/** The password-reset events the element fires. */
function recordResets(el: HTMLElement) {
  const resets: unknown[] = [];
  el.addEventListener('password-reset', (e) => resets.push(e.detail));
  return resets;
}

/** Types the email only and presses "Forgot password?"; waits for the code step. */
async function forgotPassword({ ui }: Mounted, email: string): Promise<void> {
  ui.input('identifier')!.value = email;
  await ui.forgotPassword();
  await ui.waitForStep('reset-code');
}

describe('<clerk-mfa-sign-in> "Forgot password?" with the real clerk-js', () => {
  afterEach(signOutPageClerk);

  it('recovers a TOTP account: the emailed code (a wrong one first), the new password past Clerk\'s rules, the authenticator; then the old password is refused and the new one works', async () => {
    const email = await addUser({ limits: { signInAttemptLimit: 100, identifierLimit: 100 } });
    const mounted = await mountElement('production');
    const { el, ui, events } = mounted;
    const resets = recordResets(el);
    await forgotPassword(mounted, email);
    const [sent] = await waitForMessages(email, 1);
    expect(sent!.channel).to.equal('email');
    expect(ui.messageText()).to.contain(email);
    expect(ui.identity()).to.contain(email);
    expect(ui.focused()?.id).to.equal('code');
    await expect(el).to.be.accessible();

    const wrong = sent!.code === '000000' ? '111111' : '000000';
    await ui.enterCode(wrong);
    await ui.waitFor(() => ui.errorText('code'), 'the wrong-code error');
    expect(ui.step).to.equal('reset-code');
    expect(events.errors.map((e) => [e.code, e.step])).to.deep.equal([['form_code_incorrect', 'reset-code']]);
    await ui.pasteCode(`${sent!.code.slice(0, 3)} ${sent!.code.slice(3)}`);
    await ui.waitForStep('new-password');
    expect(ui.input('new-password')!.autocomplete).to.equal('new-password');
    expect(ui.signOutOfOtherDevices()).to.equal(true);
    await expect(el).to.be.accessible();

    for (const [password, code] of [
      ['short', 'form_password_length_too_short'],
      ['password123', 'form_password_pwned'],
      [PASSWORD, 'form_new_password_matches_current'],
    ] as const) {
      await ui.fillNewPassword(password);
      await ui.submit();
      await ui.waitFor(() => events.errors.at(-1)?.code === code, code);
      await ui.waitForIdle();
      expect(ui.step).to.equal('new-password');
      expect(ui.errorText('new-password'), code).to.not.equal('');
      expect(ui.input('new-password')!.getAttribute('aria-invalid')).to.equal('true');
    }
    expect(resets).to.deep.equal([]);

    await ui.fillNewPassword(NEW_PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    expect(resets).to.deep.equal([{ identifier: email, signedOutOfOtherSessions: true }]);
    await ui.enterCode(totpCode());
    await ui.waitForStep('signed-in');
    expect(events.steps.map((s) => s.step)).to.deep.equal(['reset-code', 'new-password', 'second-factor', 'signed-in']);
    expect(events.signedIn).to.have.length(1);
    expect(ui.leakedSecrets([PASSWORD, NEW_PASSWORD, 'password123', sent!.code], { fieldValues: true })).to.deep.equal([]);
    el.remove();
    await signOutPageClerk();

    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    expect(again.events.errors.map((e) => e.code)).to.deep.equal(['form_password_incorrect']);
    expect(again.ui.step).to.equal('credentials');
    await again.ui.fillPassword(NEW_PASSWORD);
    await again.ui.submit();
    await again.ui.waitForStep('second-factor');
  });

  it('resends the code after the countdown (the new code works), and "Back" returns to the password with the email kept', async () => {
    const email = await addUser();
    const mounted = await mountElement('production');
    const { ui } = mounted;
    await forgotPassword(mounted, email);
    await waitForMessages(email, 1);
    expect(ui.resendDisabled()).to.equal(true);
    expect(ui.resendText()).to.match(/\d+ s/);
    const realNow = Date.now;
    Date.now = () => realNow.call(Date) + 31_000;
    try {
      await ui.waitFor(() => !ui.resendDisabled(), 'the resend button');
      await ui.resend();
      const messages = await waitForMessages(email, 2);
      await ui.waitForIdle();
      expect(ui.step).to.equal('reset-code');
      expect(ui.resendDisabled()).to.equal(true);
      await ui.back();
      expect(ui.step).to.equal('credentials');
      expect(ui.input('identifier')!.value).to.equal(email);
      expect(ui.focused()?.id).to.equal('password');

      // Sent again from the first step: the latest code is the one Clerk checks.
      await ui.forgotPassword();
      await ui.waitForStep('reset-code');
      const latest = (await waitForMessages(email, 3)).at(-1)!;
      expect(messages.length).to.equal(2);
      await ui.enterCode(latest.code);
      await ui.waitForStep('new-password');
      await ui.back();
      expect(ui.step).to.equal('credentials');
      expect(ui.input('identifier')!.value).to.equal(email);
    } finally {
      Date.now = realNow;
    }
  });

  it('honours "Sign out of all other devices": ticked, another device\'s session ends; unticked, it stays', async () => {
    for (const signOutOthers of [true, false]) {
      const email = await addUser();
      const elsewhere = await signInElsewhere(email);
      expect(await elsewhere.sessionStatus()).to.equal('active');
      const mounted = await mountElement('production');
      const { el, ui } = mounted;
      const resets = recordResets(el);
      await forgotPassword(mounted, email);
      const [sent] = await waitForMessages(email, 1);
      await ui.enterCode(sent!.code);
      await ui.waitForStep('new-password');
      if (!signOutOthers) await ui.toggleSignOutOfOtherDevices();
      await ui.fillNewPassword(NEW_PASSWORD);
      await ui.submit();
      await ui.waitForStep('second-factor');
      expect(resets).to.deep.equal([{ identifier: email, signedOutOfOtherSessions: signOutOthers }]);
      expect(await elsewhere.sessionStatus(), `ticked: ${signOutOthers}`).to.equal(signOutOthers ? null : 'active');
      el.remove();
      await signOutPageClerk();
      expect(await inbox(email)).to.have.length(1);
    }
  });
});
