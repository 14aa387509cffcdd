/**
 * <clerk-mfa-setup> with the real clerk-js on the page served with a strict Content Security
 * Policy and Trusted Types enforced (test/integration/element/csp/): signed in above it, the user
 * adds an authenticator app (the QR code and the key on screen) and regenerates the backup codes,
 * with zero violations. In an iframe, so the test runner's own page is not under the policy.
 */
import { expect } from '@open-wc/testing';
import type { ClerkMfaSignInElement } from '../../../src/clerk-mfa-sign-in.js';
import type { ClerkMfaSetupElement } from '../../../src/setup/clerk-mfa-setup.js';
import { SignInHarness } from '../../../src/testing/index.js';
import { addUser, PASSWORD, totpCode, type PageClerk } from '../element/support.js';
import { SetupPage } from './setup-page.js';

type PolicyWindow = Window & { __violations: unknown[]; Clerk?: PageClerk };

let frame: HTMLIFrameElement | null = null;

describe('<clerk-mfa-setup> on a page with a strict CSP and Trusted Types (real clerk-js)', () => {
  afterEach(async () => {
    const clerk = (frame?.contentWindow as PolicyWindow | null)?.Clerk;
    if (clerk?.loaded && clerk.client?.sessions?.length) await clerk.signOut(() => {});
    frame?.remove();
    frame = null;
  });

  it('adds an authenticator app and regenerates the backup codes, the QR code and the codes on screen: zero violations', async () => {
    const email = await addUser({ totp_secret: undefined, backup_codes: [] });
    frame = document.createElement('iframe');
    frame.src = '/test/integration/element/csp/page.html?setup';
    const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as PolicyWindow;
    const until = Date.now() + 10_000;
    while (!win.document.querySelector('clerk-mfa-setup')?.shadowRoot) {
      if (Date.now() > until) throw new Error('the elements did not render on the strict page');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const signIn = new SignInHarness(win.document.querySelector('clerk-mfa-sign-in') as ClerkMfaSignInElement);
    const page = new SetupPage(win.document.querySelector('clerk-mfa-setup') as ClerkMfaSetupElement);
    await page.waitForView('signed-out');

    await signIn.fillCredentials(email, PASSWORD);
    await signIn.submit();
    await signIn.waitForStep('signed-in');
    // Clerk says the user changed: the element below reads their factors.
    await page.waitForView('overview');

    await page.click('add-totp-button');
    await page.waitFor(() => page.secret(), 'the key');
    const qr = page.part('qr-code')!;
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d/);
    expect(win.getComputedStyle(qr).display, 'the enrolment rules apply under the policy').to.equal('block');
    await page.type('code-input', totpCode(Date.now(), page.secret()));
    await page.waitFor(() => page.backupCodes().length, 'the backup codes');
    (page.part('saved-checkbox') as HTMLInputElement).click();
    await page.click('submit-button');
    await page.waitForView('overview');
    await page.click('regenerate-button');
    await page.waitForView('backup-codes');
    expect(page.backupCodes()).to.have.length(10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win.__violations).to.deep.equal([]);
  });
});
