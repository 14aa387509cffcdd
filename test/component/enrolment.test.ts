// The setup-mfa task's enrolment with the fake Clerk: what each view offers (copy, download, the
// confirmation), the methods the instance allows, the language, the host's overrides, a failure,
// and the reverification; the real clerk-js runs the same flows in test/integration/element/enrolment.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import type { SignedInDetail, TaskRequiredDetail } from '../../src/events.js';
import { FAKE_TOTP_SECRET, FakeClerk, SignInHarness, fakeNetworkError, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const NEW: FakeUser = { email: 'new@example.com', password: PASSWORD, task: 'setup-mfa' };

async function setup(options: { user?: FakeUser; enrolMethods?: ('totp' | 'phone_code')[]; lang?: string; localization?: Record<string, string> } = {}) {
  const user = { ...(options.user ?? NEW) };
  const clerk = new FakeClerk({ users: [user], sentCode: '654321', ...(options.enrolMethods ? { enrolMethods: options.enrolMethods } : {}) });
  const el = await fixture<ClerkMfaSignInElement>(
    html`<clerk-mfa-sign-in .clerk=${clerk} lang=${options.lang ?? 'en'} .localization=${options.localization ?? null} no-store-credentials></clerk-mfa-sign-in>`,
  );
  const signedIn: SignedInDetail[] = [];
  const tasks: TaskRequiredDetail[] = [];
  el.addEventListener('signed-in', (e) => signedIn.push(e.detail));
  el.addEventListener('task-required', (e) => tasks.push(e.detail));
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillCredentials(user.email, PASSWORD);
  await ui.submit();
  await ui.waitForStep('task-required');
  return { el, ui, clerk, user, signedIn, tasks, root: el.shadowRoot! };
}

describe('the setup-mfa task, enrolled inline (fake Clerk)', () => {
  it('the methods the instance allows, the authenticator app first; no task-required', async () => {
    const { ui, tasks } = await setup();
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods');
    expect(ui.enrolMethods()).to.deep.equal(['totp', 'phone_code']);
    expect(ui.heading()).to.equal('Set up two-step verification');
    expect(tasks).to.deep.equal([]);
  });

  it('only the authenticator app allowed: its key at once, and no "Use another method"', async () => {
    const { ui, root } = await setup({ enrolMethods: ['totp'] });
    const key = await ui.waitFor(() => ui.totpSecret(), 'the key');
    expect(key).to.equal(FAKE_TOTP_SECRET);
    expect(root.querySelector('[part~="totp-secret"]')!.textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(root.querySelector('[part~="back-button"]')).to.equal(null);
    expect(root.querySelector('[part~="qr-code"] path')!.getAttribute('d')).to.match(/^M4 4h7/);
  });

  it('"Copy key" copies it and says so politely; without clipboard permission it selects the key instead', async () => {
    const { ui, root } = await setup({ enrolMethods: ['totp'] });
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    const clipboard = navigator.clipboard;
    const written: string[] = [];
    let allow = true;
    const stub = { writeText: async (text: string) => (allow ? void written.push(text) : Promise.reject(new DOMException('denied', 'NotAllowedError'))) };
    Object.defineProperty(navigator, 'clipboard', { value: stub, configurable: true });
    try {
      const copy = root.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
      copy.click();
      await ui.waitFor(() => root.querySelector('[role="status"]')!.textContent!.trim(), 'the confirmation');
      expect(written).to.deep.equal([FAKE_TOTP_SECRET]);
      expect(root.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Copied!');
      allow = false;
      copy.click();
      await ui.waitFor(() => root.querySelector('[role="status"]')!.textContent!.includes('Ctrl+C'), 'the fallback');
      expect(getSelection()!.toString().replace(/\s/g, '')).to.equal(FAKE_TOTP_SECRET);
    } finally {
      Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    }
  });

  it('backup codes: one per item, "Download .txt" saves them as a text file, Continue only once they are confirmed saved', async () => {
    const { ui, root, signedIn } = await setup({ enrolMethods: ['totp'] });
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    await ui.enterCode('123456');
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    expect(ui.backupCodes()).to.have.length(10);
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    let saved: { blob: Blob; name: string } | null = null;
    let blob: Blob | null = null;
    URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:codes');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved = { blob: blob!, name: this.download };
    };
    try {
      root.querySelector<HTMLButtonElement>('[part~="download-button"]')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved!.name).to.equal('backup-codes.txt');
    expect(await saved!.blob.text()).to.equal(ui.backupCodes().join('\n') + '\n');
    await ui.submit();
    expect(ui.errorText('saved')).to.equal('Confirm that you have saved your backup codes.');
    expect(ui.focused()?.id).to.equal('saved');
    await ui.confirmSaved();
    await ui.submit();
    await ui.waitForStep('signed-in');
    expect(signedIn.map((d) => d.mfaEnrolled)).to.deep.equal(['totp']);
  });

  it('SMS: a number that is not international is refused before Clerk sees it; the code sent, then reserved, signed in with phone_code', async () => {
    const { ui, clerk, signedIn } = await setup({ enrolMethods: ['phone_code'] });
    await ui.waitFor(() => ui.input('phone'), 'the phone field');
    await ui.fillPhone('555 0100');
    await ui.submit();
    expect(ui.errorText('phone')).to.match(/international format/);
    expect(clerk.calls.createPhoneNumber).to.equal(0);
    await ui.fillPhone('+1 (555) 555-0100');
    await ui.submit();
    await ui.waitFor(() => ui.messageText().includes('+1 (555) 555-0100'), 'where the code went');
    expect(ui.input('code')!.value, 'the number typed does not stay in the code field').to.equal('');
    expect(clerk.log.find((c) => c.method === 'createPhoneNumber')!.params).to.deep.equal({ phoneNumber: '+15555550100' });
    await ui.pasteCode('654 321');
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    await ui.confirmSaved();
    await ui.submit();
    await ui.waitForStep('signed-in');
    expect(signedIn.map((d) => d.mfaEnrolled)).to.deep.equal(['phone_code']);
  });

  it('reverification: the password asked inline, then the authenticator app key', async () => {
    const { ui, clerk } = await setup({ user: { ...NEW, reverify: true }, enrolMethods: ['totp'] });
    await ui.waitFor(() => ui.input('password'), 'the password');
    expect(ui.heading()).to.equal('Verification required');
    await ui.fillPassword('wrong');
    await ui.submit();
    await ui.waitFor(() => ui.errorText('password'), 'the wrong password');
    await ui.fillPassword(PASSWORD);
    await ui.submit();
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    expect(clerk.calls.createTOTP).to.equal(2);
  });

  it('a failure says what happened and the action can be tried again', async () => {
    const { ui, clerk, root } = await setup({ enrolMethods: ['totp'] });
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    clerk.failNext('verifyTOTP', fakeNetworkError());
    await ui.enterCode('123456');
    await ui.waitFor(() => ui.errorText(), 'the error');
    expect(ui.errorText()).to.equal("Couldn't reach the server. Check your connection and try again.");
    expect(root.querySelector('[part~="qr-code"]')).to.not.equal(null);
    await ui.enterCode('123456');
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
  });

  it("in the page's language, with the host's overrides of its keys", async () => {
    const { ui } = await setup({ lang: 'de-DE', localization: { methodPhone: 'Per SMS' } });
    await ui.waitFor(() => ui.heading() === 'Bestätigung in zwei Schritten einrichten', 'the German heading');
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods');
    const labels = [...ui.element.shadowRoot!.querySelectorAll('[part~="method-button"]')].map((b) => b.textContent!.trim());
    expect(labels).to.deep.equal(['Authentifizierungs-App', 'Per SMS']);
  });

  it('a long email and the QR code never widen a narrow card (320 px)', async () => {
    const { el, ui } = await setup({ user: { ...NEW, email: 'a.very.long.address.for.a.narrow.card@example.com' } });
    el.style.width = '320px';
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 2);
    await ui.chooseEnrolMethod('totp');
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 2);
  });

  it('each view passes an axe audit', async () => {
    const { el, ui } = await setup();
    await ui.waitFor(() => ui.enrolMethods().length, 'the methods');
    await expect(el).to.be.accessible();
    await ui.chooseEnrolMethod('totp');
    await ui.waitFor(() => ui.totpSecret(), 'the key');
    await expect(el).to.be.accessible();
    await ui.enterCode('123456');
    await ui.waitFor(() => ui.backupCodes().length, 'the backup codes');
    await expect(el).to.be.accessible();
  });
});
