// The new-password step with the real clerk-js (production key) against the emulator: a user who
// must choose a new password (`password_reset_required`) signs in, meets Clerk's password rules,
// then goes on to the second factor.
import { expect } from '@open-wc/testing';
import { addUser, mountElement, PASSWORD, signInWithPassword, signOutPageClerk, totpCode } from './support.js';

const NEW_PASSWORD = 'a fresh passphrase for ada';

describe('<clerk-mfa-sign-in> new password with the real clerk-js', () => {
  afterEach(signOutPageClerk);

  it("asks for a new password, shows Clerk's rules at the field, then the second factor; the new password replaces the old", async () => {
    const email = await addUser({ password_reset_required: true, limits: { signInAttemptLimit: 100, identifierLimit: 100 } });
    const { el, ui, events } = await mountElement('production');
    await signInWithPassword(ui, email);
    await ui.waitForStep('new-password');
    expect(ui.input('new-password')!.autocomplete).to.equal('new-password');
    expect(ui.focused()?.id).to.equal('new-password');
    await expect(el).to.be.accessible();

    await ui.fillNewPassword('short');
    await ui.submit();
    await ui.waitFor(() => ui.errorText('new-password'), 'the too-short error');
    expect(ui.step).to.equal('new-password');
    expect(ui.errorText('new-password')).to.contain('too short');
    expect(ui.input('new-password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(events.errors.map((e) => [e.code, e.step])).to.deep.equal([['form_password_length_too_short', 'new-password']]);
    await expect(el).to.be.accessible();

    await ui.fillNewPassword('password123');
    await ui.submit();
    await ui.waitFor(() => events.errors.length === 2, 'the breached-password error');
    await ui.waitForIdle();
    expect(events.errors.at(-1)!.code).to.equal('form_password_pwned');
    expect(ui.errorText('new-password')).to.not.equal('');

    await ui.fillNewPassword(NEW_PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.enterCode(totpCode());
    await ui.waitForStep('signed-in');
    expect(events.steps.map((s) => s.step)).to.deep.equal(['new-password', 'second-factor', 'signed-in']);
    expect(events.signedIn).to.have.length(1);
    expect(ui.leakedSecrets([PASSWORD, NEW_PASSWORD, 'password123'], { fieldValues: true })).to.deep.equal([]);
    el.remove();
    await signOutPageClerk();

    const again = await mountElement('production');
    await signInWithPassword(again.ui, email);
    expect(again.ui.step).to.equal('credentials');
    expect(again.events.errors.map((e) => e.code)).to.deep.equal(['form_password_incorrect']);
    expect(again.ui.errorText('password')).to.not.equal('');
    await again.ui.fillPassword(NEW_PASSWORD);
    await again.ui.submit();
    await again.ui.waitForStep('second-factor');
    expect(again.events.steps.map((s) => s.step)).to.deep.equal(['second-factor']);
  });
});
