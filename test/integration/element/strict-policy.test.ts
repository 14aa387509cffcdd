/**
 * The full sign-in with the real clerk-js on a page served with a strict Content Security Policy
 * and Trusted Types enforced (see csp/headers.ts): zero violations. The page runs in an iframe so
 * the test runner's own page (inline scripts) is not under the policy.
 */
import { expect } from '@open-wc/testing';
import type { ClerkMfaSignInElement } from '../../../src/clerk-mfa-sign-in.js';
import { SignInHarness } from '../../../src/testing/index.js';
import { addUser, PASSWORD, totpCode, type PageClerk } from './support.js';

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}
type PolicyWindow = Window & { __violations: Violation[]; Clerk?: PageClerk; trustedTypes?: unknown };

const frames: HTMLIFrameElement[] = [];

async function openStrictPage(query = ''): Promise<{ win: PolicyWindow; el: ClerkMfaSignInElement; ui: SignInHarness }> {
  const frame = document.createElement('iframe');
  frame.src = `/test/integration/element/csp/page.html${query}`;
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PolicyWindow;
  const until = Date.now() + 10_000;
  let el: ClerkMfaSignInElement | null = null;
  while (!(el = win.document.querySelector('clerk-mfa-sign-in') as ClerkMfaSignInElement | null)?.shadowRoot) {
    if (Date.now() > until) throw new Error('the element did not render on the strict page');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await el.updateComplete;
  const ui = new SignInHarness(el);
  await ui.waitFor(() => win.Clerk?.loaded, 'clerk-js to load under the policy', 15_000);
  return { win, el, ui };
}

async function signIn(ui: SignInHarness, email: string): Promise<void> {
  await ui.fillCredentials(email, PASSWORD);
  await ui.submit();
  await ui.waitForStep('second-factor');
  await ui.waitForIdle();
  await ui.enterCode(totpCode());
  await ui.waitForStep('signed-in');
}

describe('<clerk-mfa-sign-in> on a page with a strict CSP and Trusted Types (real clerk-js)', () => {
  afterEach(async () => {
    for (const frame of frames.splice(0)) {
      const clerk = (frame.contentWindow as PolicyWindow | null)?.Clerk;
      if (clerk?.loaded && clerk.client?.sessions?.length) await clerk.signOut(() => {});
      frame.remove();
    }
  });

  it('signs in with zero CSP or Trusted Types violations; clerk-js loaded through the clerk-mfa-sign-in policy', async () => {
    const email = await addUser();
    const { win, ui } = await openStrictPage();
    await signIn(ui, email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const violations = [...win.__violations];
    console.log(`strict policy: ${violations.length} CSP or Trusted Types violations`);
    expect(violations).to.deep.equal([]);

    const script = win.document.querySelector<HTMLScriptElement>('script[data-clerk-js-script]')!;
    expect(new URL(script.src).pathname).to.equal('/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js');
    if (win.trustedTypes) {
      // The policy is enforced here: a plain string where a script URL goes is refused.
      const probe = win.document.createElement('script');
      expect(() => {
        probe.src = '/not-allowed.js';
      }).to.throw();
    }
  });

  it('without the page default policy, clerk-js only reports its blob: Worker and still signs in', async () => {
    const email = await addUser();
    const { win, ui } = await openStrictPage('?no-default-policy');
    await signIn(ui, email);
    const unexpected = win.__violations.filter((v) => !(v.directive === 'require-trusted-types-for' && v.sample.startsWith('Worker constructor|blob:')));
    expect(unexpected).to.deep.equal([]);
  });

  it('enrols an authenticator app for the setup-mfa task with the QR code and the backup codes on screen: zero violations', async () => {
    const email = await addUser({ totp_secret: undefined, backup_codes: [], tasks: ['setup-mfa'] });
    const { win, el, ui } = await openStrictPage();
    await ui.fillCredentials(email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('task-required');
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods to enrol');
    await ui.chooseEnrolMethod('totp');
    const secret = await ui.waitFor(() => ui.totpSecret(), 'the key');
    const qr = el.shadowRoot!.querySelector('[part~="qr-code"]')!;
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d/);
    // The enrolment's own rules apply under the policy (a constructed stylesheet).
    expect(win.getComputedStyle(qr).display).to.equal('block');
    await ui.enterCode(totpCode(Date.now(), secret));
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    await ui.confirmSaved();
    await ui.submit();
    await ui.waitForStep('signed-in');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win.__violations).to.deep.equal([]);
  });

  it('passes the page nonce to the clerk-js script it adds', async () => {
    const email = await addUser();
    const nonce = `n${Math.random().toString(36).slice(2)}`;
    const { win, ui } = await openStrictPage(`?nonce=${nonce}`);
    const script = win.document.querySelector<HTMLScriptElement>('script[data-clerk-js-script]')!;
    expect(script.nonce).to.equal(nonce);
    await signIn(ui, email);
    expect(win.__violations).to.deep.equal([]);
  });
});
