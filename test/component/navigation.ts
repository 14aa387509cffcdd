// Shared by the component tests of after-sign-in-url: a sign-in through the form, and where the
// element then went.
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { SignInHarness, type FakeUser } from '../../src/testing/index.js';

/**
 * Signs `user` in on `el` (its email already filled in) with the password and the
 * authenticator-app code, and resolves with the URLs the element navigated to.
 */
export async function navigationsAfterSignIn(el: ClerkMfaSignInElement, user: FakeUser): Promise<string[]> {
  const went: string[] = [];
  (el as unknown as { navigate(url: string): void }).navigate = (to) => went.push(to);
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillPassword(user.password);
  await ui.submit();
  await ui.waitForStep('second-factor');
  await ui.enterCode(user.totp!);
  await ui.waitForStep('signed-in');
  // The navigation follows the signed-in event.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return went;
}
