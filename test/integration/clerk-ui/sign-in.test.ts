// Clerk's own <SignIn /> (mountSignIn from @clerk/ui) on the real clerk-js against the emulator:
// the password-recovery flow a user of an MFA account goes through, "Forgot password?" → the
// code sent by email → a new password → the authenticator code → signed in.
import { expect } from '@open-wc/testing';
import { addUser, apiError, click, codeSentTo, enterCode, field, loadClerkWithUi, PASSWORD, signOutAll, totpCode, type, waitFor, waitForText } from './support.js';

const NEW_PASSWORD = 'a brand new passphrase';

describe("Clerk's <SignIn /> against the emulator", function () {
  // Clerk's UI loads its chunks on first use, and a user's steps take several round trips each.
  this.timeout(60_000);
  afterEach(async () => {
    await signOutAll();
    document.querySelectorAll('body > div').forEach((element) => element.remove());
    location.hash = '';
  });

  it('recovers a forgotten password: the email code, a new password, then the authenticator, and signs in', async () => {
    const email = await addUser();
    const { clerk, navigations } = await loadClerkWithUi();
    const mount = document.createElement('div');
    document.body.append(mount);
    clerk.mountSignIn(mount, { routing: 'hash' } as never);

    await type(await field('input[name="identifier"]'), email);
    await click('Continue');
    // The start step also holds a hidden password field (for password managers).
    await field('input[name="password"]:not([tabindex="-1"])');
    await click('Forgot password?');
    await click('Reset your password');
    await waitForText('Reset password');
    await enterCode(await codeSentTo(email));
    await waitForText('Set new password');
    await type(await field('input[name="password"]:not([tabindex="-1"])'), NEW_PASSWORD);
    await type(await field('input[name="confirmPassword"]'), NEW_PASSWORD);
    await click('Reset Password');
    await waitForText('Two-step verification');
    await enterCode(totpCode());
    await waitFor('the session', () => clerk.isSignedIn);
    expect(clerk.user!.primaryEmailAddress!.emailAddress).to.equal(email);
    expect(navigations).to.not.deep.equal([]);

    await clerk.signOut(() => {});
    expect((await apiError(() => clerk.client!.signIn.create({ identifier: email, password: PASSWORD }))).code).to.equal('form_password_incorrect');
    expect((await clerk.client!.signIn.create({ identifier: email, password: NEW_PASSWORD })).status).to.equal('needs_second_factor');
  });
});
