// <clerk-mfa-setup> with the fake Clerk: every view axe-clean, the accessible names of its buttons,
// one request per click, focus and the announcement after each change, copy and download of the
// new codes, the reverification by a second factor, the errors, the language and the host's
// overrides; the real clerk-js runs the flows in test/integration/setup/setup.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/setup/index.js';
import type { ClerkMfaSetupElement } from '../../../src/setup/clerk-mfa-setup.js';
import { FakeClerk, fakeClerkError, fakeNetworkError, type FakeUser } from '../../../src/testing/index.js';
import { SetupPage } from '../../integration/setup/setup-page.js';

const PASSWORD = 'correct horse battery staple';
const USER: FakeUser = {
  email: 'ada@example.com',
  password: PASSWORD,
  totp: '123456',
  backupCodes: ['aaaa-1111', 'bbbb-2222'],
  phone: '+15555550100',
  phoneNumbers: [
    { phoneNumber: '+15555550101' },
    { phoneNumber: '+15555550102', reserved: false },
  ],
};

async function mount(options: { user?: FakeUser | null; lang?: string; localization?: Record<string, string> } = {}) {
  const user = options.user === null ? null : { ...(options.user ?? USER) };
  const clerk = new FakeClerk({ users: user ? [user] : [], sentCode: '654321', ...(user ? { signedInAs: user.email } : {}) });
  const el = await fixture<ClerkMfaSetupElement>(
    html`<clerk-mfa-setup .clerk=${clerk} lang=${options.lang ?? 'en'} .localization=${options.localization ?? null}></clerk-mfa-setup>`,
  );
  const page = new SetupPage(el);
  await page.waitFor(() => el.view !== 'loading' && !el.busy, 'the first view');
  await el.updateComplete;
  return { el, page, clerk, root: el.shadowRoot! };
}

const names = (page: SetupPage, part: string) => page.parts(part).map(SetupPage.nameOf);

describe('<clerk-mfa-setup> (fake Clerk)', () => {
  it('the overview: each method with its actions, named with what they act on; axe-clean', async () => {
    const { el, page } = await mount();
    expect(el.view).to.equal('overview');
    expect(page.focusedId(), 'the first overview leaves the page\'s focus alone').to.equal(undefined);
    expect(page.text('title')).to.equal('Two-step verification');
    expect(page.parts('method').map((m) => m.dataset['method'] ?? m.dataset['phoneId'])).to.deep.equal(['totp', 'phone_code', 'idn_phone_user_1', 'idn_phone_user_1_2', 'backup_code']);
    expect([page.status('totp'), page.status('phone_code'), page.status('backup_code')]).to.deep.equal(['On', 'On', 'On']);
    expect(page.phones()).to.deep.equal([
      { number: '+15555550100', isDefault: true },
      { number: '+15555550101', isDefault: false },
    ]);
    expect(page.parts('method').filter((m) => m.dataset['phoneId']).map((row) => row.querySelector('.row-name')!.textContent!.replace(/\s+/g, ' ').trim()), 'the numbers as Clerk shows them').to.deep.equal([
      '+1 (555) 555-0100 Default',
      '+1 (555) 555-0101',
    ]);
    expect(names(page, 'remove-phone-button')).to.deep.equal(['Remove +15555550100', 'Remove +15555550101']);
    expect(names(page, 'make-default-button')).to.deep.equal(['Set as default: +15555550101']);
    expect(names(page, 'remove-totp-button')).to.deep.equal(['Remove Authenticator application']);
    expect(names(page, 'regenerate-button')).to.deep.equal(['Regenerate backup codes']);
    expect(page.root.querySelectorAll('button:not([type])').length, 'every button has a type').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('nobody signed in: says so, fires mfa-error signed_out, axe-clean', async () => {
    const errors: { code: string; message: string }[] = [];
    const clerk = new FakeClerk({ users: [] });
    const el = await fixture<ClerkMfaSetupElement>(html`<clerk-mfa-setup .clerk=${clerk} @mfa-error=${(e: CustomEvent) => errors.push(e.detail)}></clerk-mfa-setup>`);
    const page = new SetupPage(el);
    await page.waitFor(() => el.view === 'signed-out', 'the signed-out view');
    expect(errors).to.deep.equal([{ code: 'signed_out', message: 'Sign in to manage two-step verification.' }]);
    expect(page.part('method-list')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('adds an authenticator app with the enrolment\'s views: QR code, key, code, backup codes; focus on the code; Cancel goes back', async () => {
    const { el, page, clerk } = await mount({ user: { email: 'b@example.com', password: PASSWORD } });
    expect(page.root.querySelector('[data-method="backup_code"]')!.textContent).to.include('Available once');
    expect(page.part('regenerate-button')).to.equal(null);
    await page.click('add-totp-button');
    await page.waitFor(() => page.secret(), 'the key');
    expect(el.view).to.equal('adding-totp');
    expect(page.part('qr-code')!.getAttribute('role')).to.equal('img');
    await page.waitFor(() => page.focusedId() === 'code', 'focus on the code');
    await expect(el).to.be.accessible();
    await page.click('cancel-button');
    await page.waitForView('overview');
    expect(clerk.calls.verifyTOTP).to.equal(0);

    await page.click('add-totp-button');
    await page.waitFor(() => page.secret(), 'the key');
    await page.type('code-input', '123456');
    await page.waitFor(() => page.backupCodes().length, 'the backup codes');
    expect(page.part('cancel-button'), 'no way out before the codes are confirmed').to.equal(null);
    await expect(el).to.be.accessible();
    (page.part('saved-checkbox') as HTMLInputElement).click();
    await page.click('submit-button');
    await page.waitForView('overview');
    expect(page.status('totp')).to.equal('On');
    expect(page.changes).to.deep.equal([{ method: 'totp', action: 'added' }]);
    expect(page.text('notice')).to.equal('Authenticator application verification enabled');
  });

  it('adds a number: the verified ones first, or a new one with its code; axe-clean in each', async () => {
    const { el, page, clerk } = await mount();
    await page.click('add-phone-button');
    await page.waitForView('adding-phone');
    expect(names(page, 'method-button')).to.deep.equal(['Use +15555550102']);
    await expect(el).to.be.accessible();
    await page.click('add-phone-button');
    await page.waitFor(() => page.part('phone-input'), 'the phone field');
    await expect(el).to.be.accessible();
    expect(page.text('cancel-button')).to.equal('Use existing number');
    await page.click('cancel-button');
    await page.waitFor(() => page.parts('method-button').length, 'the verified numbers again');

    await page.click('method-button', /\+15555550102/);
    await page.waitForView('overview');
    expect(page.phones().map((p) => p.number)).to.include('+15555550102');
    expect(page.changes).to.deep.equal([{ method: 'phone_code', action: 'added' }]);
    expect(clerk.calls.setReservedForSecondFactor).to.equal(1);
  });

  it('removal asks first; one request however often Remove is clicked; focus and the announcement after', async () => {
    const { el, page, clerk } = await mount();
    await page.click('remove-phone-button', /0101/);
    await page.waitForView('confirm-remove');
    expect(page.text('subtitle'), 'the number as Clerk shows it').to.match(/^\+1 \(555\) 555-0101 will/);
    expect(page.focusedId()).to.equal('heading');
    await expect(el).to.be.accessible();
    const release = clerk.pause();
    await page.click('confirm-button');
    await page.click('confirm-button');
    expect(el.busy).to.equal(true);
    release();
    await page.waitForView('overview');
    expect(page.focusedId(), 'back on the overview: its title').to.equal('title');
    expect(clerk.calls.setReservedForSecondFactor).to.equal(1);
    expect(page.phones().map((p) => p.number)).to.deep.equal(['+15555550100']);
    expect(page.changes).to.deep.equal([{ method: 'phone_code', action: 'removed' }]);
    expect(page.text('notice')).to.equal('SMS code two-step verification has been removed for \u2066+15555550101\u2069');
    expect(page.part('notice')!.getAttribute('role')).to.equal('status');
  });

  it('new backup codes: shown once, copied, downloaded; "Finish" leaves none on the page', async () => {
    const { el, page, root } = await mount();
    await page.click('regenerate-button');
    await page.waitForView('backup-codes');
    const codes = page.backupCodes();
    expect(codes.length).to.be.greaterThan(1);
    await expect(el).to.be.accessible();
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void written.push(text) }, configurable: true });
    await page.click('copy-button');
    await page.waitFor(() => page.text('message').includes('Copied'), 'Copied!');
    expect(written).to.deep.equal([codes.join('\n')]);
    const downloads: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    try {
      await page.click('download-button');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloads).to.deep.equal(['backup-codes.txt']);
    await page.click('confirm-button');
    await page.waitForView('overview');
    expect(root.textContent).not.to.include(codes[0]);
    expect(page.changes).to.deep.equal([{ method: 'backup_code', action: 'regenerated' }]);
  });

  it('reverification: the authenticator app first, another method on request (an SMS code), then the change once more; axe-clean', async () => {
    const { el, page, clerk } = await mount();
    clerk.requireReverification();
    await page.click('regenerate-button');
    await page.waitForView('reverify');
    expect(page.text('heading')).to.equal('Verification required');
    expect(page.focusedId()).to.equal('code');
    await expect(el).to.be.accessible();
    expect(page.parts('method-button').map((b) => b.dataset['strategy'])).to.include.members(['phone_code', 'backup_code']);
    await page.click('method-button', /Send SMS code/);
    await page.waitFor(() => page.text('message').includes('Code sent'), 'the SMS sent');
    await expect(el).to.be.accessible();
    await page.type('code-input', '000000');
    await page.waitFor(() => page.fieldError('code'), 'the wrong code refused');
    expect(page.errors.at(-1)?.code).to.equal('form_code_incorrect');
    await page.type('code-input', '654321');
    await page.waitForView('backup-codes');
    expect(page.changes).to.deep.equal([{ method: 'backup_code', action: 'regenerated' }]);
  });

  it('a failure shows its own message at the top and fires mfa-error', async () => {
    const { page, clerk } = await mount();
    clerk.failNext('makeDefaultSecondFactor', fakeClerkError('resource_not_found', { status: 404 }));
    await page.click('make-default-button');
    await page.waitFor(() => page.text('form-error'), 'the error');
    expect(page.text('form-error')).to.equal('This method is no longer on your account. The list has been refreshed.');
    expect(page.errors.map((e) => e.code)).to.deep.equal(['resource_not_found']);
    clerk.failNext('disableTOTP', fakeNetworkError());
    await page.click('remove-totp-button');
    await page.click('confirm-button');
    await page.waitFor(() => page.text('form-error'), 'the network error');
    expect(page.text('form-error')).to.equal("Couldn't reach the server. Check your connection and try again.");
  });

  it('in Arabic, the numbers in its sentences and rows read left to right (each in its own left-to-right element)', async () => {
    const { el, page, clerk } = await mount({ lang: 'ar' });
    await page.waitFor(() => page.text('title') !== 'Two-step verification', 'the Arabic strings');
    expect(getComputedStyle(page.part('card')!).direction).to.equal('rtl');
    /** The element the text node holding `text` sits in: isolated left to right, or null. */
    const isolated = (scope: Element, text: string) => {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent!.includes(text)) return node.parentElement!.closest('bdi[dir="ltr"], [dir="ltr"]');
      }
      throw new Error(`no text ${text}`);
    };
    expect(isolated(page.part('card')!, '+1 (555) 555-0101'), 'the overview row').to.not.equal(null);
    await page.click('remove-phone-button', /0101/);
    await page.waitForView('confirm-remove');
    expect(isolated(page.part('subtitle')!, '+1 (555) 555-0101'), 'the confirmation').to.not.equal(null);
    await page.click('cancel-button');
    await page.waitForView('overview');
    clerk.requireReverification();
    await page.click('regenerate-button');
    await page.waitForView('reverify');
    const sms = page.parts('method-button').find((b) => b.dataset['strategy'] === 'phone_code')!;
    expect(isolated(sms, '0100'), 'the method that sends an SMS').to.not.equal(null);
    sms.click();
    await page.waitFor(() => page.text('message').includes('0100'), 'the SMS sent');
    expect(isolated(page.part('message')!, '0100'), 'the number the code went to').to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('speaks the page\'s language, and the host overrides any text by key', async () => {
    const { page } = await mount({ lang: 'de-DE', localization: { regenerate: 'Neu erzeugen!' } });
    await page.waitFor(() => page.text('title') !== 'Two-step verification', 'the German strings');
    expect(page.text('title')).to.equal('Zweifaktor-Authentifizierung');
    expect(page.text('regenerate-button')).to.equal('Neu erzeugen!');
  });
});
