// <clerk-mfa-setup> with the real clerk-js against the emulator: a user signed in through
// <clerk-mfa-sign-in> adds an authenticator app from the key the element shows, regenerates the
// backup codes, adds and verifies an SMS number and makes it the default, removes the
// authenticator app, and confirms a stale session inline; each time the next sign-in shows the
// change.
import { expect, fixture, html } from '@open-wc/testing';
import type { ClerkMfaSetupElement } from '../../../src/setup/clerk-mfa-setup.js';
import {
  addUser,
  BACKUP_CODES,
  control,
  mountElement,
  pageClerk,
  PASSWORD,
  publishableKey,
  randomPhone,
  signInWithPassword,
  signOutPageClerk,
  totpCode,
  waitForMessages,
} from '../element/support.js';
import { SetupPage } from './setup-page.js';

const noSecondFactor = { totp_secret: undefined, backup_codes: [] };

/** Signs `email` in through <clerk-mfa-sign-in>: the password, then the authenticator app when the account has one. */
async function signIn(email: string, secondFactor: 'totp' | 'none' = 'totp'): Promise<void> {
  const { ui } = await mountElement('production');
  await signInWithPassword(ui, email);
  if (secondFactor === 'totp') {
    await ui.waitForStep('second-factor');
    await ui.enterCode(totpCode());
  }
  await ui.waitForStep('signed-in');
}

async function mountSetup(): Promise<SetupPage> {
  const el = await fixture<ClerkMfaSetupElement>(html`<clerk-mfa-setup publishable-key=${publishableKey('production')} proxy-url="/__clerk"></clerk-mfa-setup>`);
  const page = new SetupPage(el);
  await page.waitForView('overview');
  return page;
}

const codeFor = (secret: string, at = Date.now()) => totpCode(at, secret);

describe('<clerk-mfa-setup> manages the signed-in user\'s second factors (real clerk-js)', () => {
  afterEach(signOutPageClerk);

  it('adds an authenticator app from the key it shows, then the next sign-in asks for its code', async () => {
    const email = await addUser(noSecondFactor);
    await signIn(email, 'none');
    const page = await mountSetup();
    expect(page.status('totp')).to.equal('Off');
    await expect(page.el).to.be.accessible();

    await page.click('add-totp-button');
    await page.waitFor(() => page.secret(), 'the key');
    expect(page.el.view).to.equal('adding-totp');
    const qr = page.part('qr-code')!;
    expect([qr.getAttribute('role'), qr.getAttribute('aria-label')]).to.deep.include.members(['img']);
    await page.waitFor(() => page.focusedId() === 'code', 'focus on the code');
    await expect(page.el).to.be.accessible();
    const secret = page.secret();

    await page.type('code-input', codeFor(secret));
    await page.waitFor(() => page.backupCodes().length, 'the backup codes');
    expect(page.backupCodes()).to.have.length(10);
    await expect(page.el).to.be.accessible();
    (page.part('saved-checkbox') as HTMLInputElement).click();
    await page.click('submit-button');
    await page.waitForView('overview');
    expect(page.status('totp')).to.equal('On');
    expect(page.changes).to.deep.equal([{ method: 'totp', action: 'added' }]);
    expect(page.text('notice')).to.equal('Authenticator application verification enabled');
    expect(page.root.textContent, 'the key and the codes leave the page').not.to.include(secret.slice(0, 8));

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    expect(again.ui.methods()).not.to.include('totp');
    await again.ui.enterCode(codeFor(secret, Date.now() + 30_000));
    await again.ui.waitForStep('signed-in');
  });

  it('regenerates the backup codes: shown once, the old ones are refused at sign-in and a new one works', async () => {
    const email = await addUser();
    await signIn(email);
    const page = await mountSetup();
    expect(page.status('backup_code')).to.equal('On');
    await page.click('regenerate-button');
    await page.waitForView('backup-codes');
    const codes = page.backupCodes();
    expect(codes).to.have.length(10);
    expect(codes).not.to.include(BACKUP_CODES[0]);
    expect(page.part('copy-button')).to.exist;
    expect(page.part('download-button')).to.exist;
    expect(page.text('subtitle')).to.equal('Your new backup codes are below. The old codes no longer work.');
    await expect(page.el).to.be.accessible();
    expect(page.changes).to.deep.equal([{ method: 'backup_code', action: 'regenerated' }]);
    await page.click('confirm-button');
    await page.waitForView('overview');
    expect(page.part('backup-codes'), 'shown once').to.equal(null);

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    await again.ui.chooseMethod('backup_code');
    await again.ui.enterCode(BACKUP_CODES[0]!);
    await again.ui.submit();
    await again.ui.waitFor(() => again.ui.errorText('code'), 'the old code refused');
    await again.ui.enterCode(codes[3]!);
    await again.ui.submit();
    await again.ui.waitForStep('signed-in');
  });

  it('adds an SMS number verified with the code sent to it, makes it the default, and the next sign-in sends its code there', async () => {
    const first = randomPhone();
    const email = await addUser({
      ...noSecondFactor,
      phone_numbers: [{ phone_number: first, verified: true, reserved_for_second_factor: true, default_second_factor: true }],
    });
    const { ui } = await mountElement('production');
    await signInWithPassword(ui, email);
    await ui.waitForStep('second-factor');
    const [sent] = await waitForMessages(first, 1);
    await ui.enterCode(sent!.code);
    await ui.waitForStep('signed-in');

    const page = await mountSetup();
    expect(page.phones()).to.deep.equal([{ number: first, isDefault: true }]);
    await page.click('add-phone-button');
    await page.waitFor(() => page.part('phone-input'), 'the phone field');
    expect(page.el.view).to.equal('adding-phone');
    const added = randomPhone();
    await page.enter('phone-input', added);
    const [code] = await waitForMessages(added, 1);
    await page.waitFor(() => page.focusedId() === 'code', 'focus on the code');
    await page.type('code-input', code!.code);
    await page.waitFor(() => page.el.view === 'overview' || page.backupCodes().length, 'the number reserved');
    if (page.backupCodes().length) {
      (page.part('saved-checkbox') as HTMLInputElement).click();
      await page.click('submit-button');
    }
    await page.waitForView('overview');
    expect(page.phones()).to.deep.equal([
      { number: first, isDefault: true },
      { number: added, isDefault: false },
    ]);
    await expect(page.el).to.be.accessible();

    await page.click('make-default-button', new RegExp(`Set as default: \\+${added.slice(1)}`));
    await page.waitFor(() => page.phones().find((p) => p.number === added)?.isDefault, 'the new default');
    expect(page.changes).to.deep.equal([
      { method: 'phone_code', action: 'added' },
      { method: 'phone_code', action: 'default' },
    ]);

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    const signInCode = (await waitForMessages(added, 2)).at(-1)!;
    expect((await waitForMessages(first, 1)).length, 'no code to the old default').to.equal(1);
    await again.ui.enterCode(signInCode.code);
    await again.ui.waitForStep('signed-in');
  });

  it('removes the authenticator app after a confirmation, and the next sign-in no longer offers it', async () => {
    const phone = randomPhone();
    const email = await addUser({ phone_numbers: [{ phone_number: phone, verified: true, reserved_for_second_factor: true }] });
    await signIn(email);
    const page = await mountSetup();
    await page.click('remove-totp-button', /Remove Authenticator application/);
    await page.waitForView('confirm-remove');
    expect(page.text('heading')).to.equal('Remove two-step verification');
    await expect(page.el).to.be.accessible();
    await page.click('cancel-button');
    await page.waitForView('overview');
    expect(page.status('totp'), 'cancelled: still on').to.equal('On');

    await page.click('remove-totp-button');
    await page.waitForView('confirm-remove');
    await page.click('confirm-button');
    await page.waitForView('overview');
    expect(page.status('totp')).to.equal('Off');
    expect(page.changes).to.deep.equal([{ method: 'totp', action: 'removed' }]);
    expect(page.part('add-totp-button')).to.exist;

    await signOutPageClerk();
    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    await again.ui.waitForStep('second-factor');
    expect(again.ui.methods()).not.to.include('totp');
    const [code] = await waitForMessages(phone, 1);
    await again.ui.enterCode(code!.code);
    await again.ui.waitForStep('signed-in');
  });

  it('asks a stale session for the authenticator app inline, then regenerates the codes', async () => {
    const email = await addUser();
    await signIn(email);
    const page = await mountSetup();
    await control(`/sessions/${pageClerk()!.session!.id}/age`, { body: { minutes: 11 } });
    await page.click('regenerate-button');
    await page.waitForView('reverify');
    expect(page.text('heading')).to.equal('Verification required');
    await page.waitFor(() => page.focusedId() === 'code', 'focus on the code');
    await expect(page.el).to.be.accessible();
    expect(page.parts('method-button').map((b) => b.dataset['strategy'])).to.deep.equal(['backup_code']);

    await page.type('code-input', '000000' === totpCode(Date.now() + 30_000) ? '111111' : '000000');
    await page.waitFor(() => page.fieldError('code'), 'the wrong code refused');
    expect(page.fieldError('code')).to.equal('Incorrect code. Check it and try again.');
    await page.type('code-input', totpCode(Date.now() + 30_000));
    await page.waitForView('backup-codes');
    expect(page.backupCodes()).to.have.length(10);
    expect(page.changes).to.deep.equal([{ method: 'backup_code', action: 'regenerated' }]);
  });

  it('asks a stale session without a second factor for the password, then goes on adding the authenticator app', async () => {
    const email = await addUser(noSecondFactor);
    await signIn(email, 'none');
    const page = await mountSetup();
    await control(`/sessions/${pageClerk()!.session!.id}/age`, { body: { minutes: 11 } });
    await page.click('add-totp-button');
    await page.waitForView('reverify');
    await page.waitFor(() => page.focusedId() === 'password', 'focus on the password');
    await page.enter('password-input', 'not the password');
    await page.waitFor(() => page.fieldError('password'), 'the wrong password refused');
    expect(page.fieldError('password')).to.equal('Password is incorrect. Check it and try again.');
    await page.enter('password-input', PASSWORD);
    await page.waitFor(() => page.secret(), 'the key, after the password');
    expect(page.el.view).to.equal('adding-totp');
  });

  it('says so when nobody is signed in, and fires mfa-error signed_out', async () => {
    const errors: string[] = [];
    const el = await fixture<ClerkMfaSetupElement>(html`<clerk-mfa-setup publishable-key=${publishableKey('production')} proxy-url="/__clerk" @mfa-error=${(e: CustomEvent) => errors.push(e.detail.code)}></clerk-mfa-setup>`);
    const page = new SetupPage(el);
    await page.waitForView('signed-out');
    expect(page.text('subtitle')).to.equal('Sign in to manage two-step verification.');
    expect(errors).to.deep.equal(['signed_out']);
    await expect(el).to.be.accessible();
  });
});
