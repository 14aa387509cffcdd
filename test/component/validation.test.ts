// The element's own checks of the fields: the form has `novalidate`, so an empty field or a
// malformed email gets the element's message (in its language) on that field, with aria-invalid
// and a sign-in-error event, instead of the browser's tooltip; and nothing is sent to Clerk.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import type { SignInErrorDetail } from '../../src/events.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'] };
const RESET: FakeUser = { email: 'reset@example.com', password: PASSWORD, needsNewPassword: true };

async function setup(options: { locale?: string; users?: FakeUser[] } = {}) {
  const clerk = new FakeClerk({ users: options.users ?? [ADA, RESET] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in locale=${options.locale ?? ''} .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  const errors: SignInErrorDetail[] = [];
  el.addEventListener('sign-in-error', (e) => errors.push(e.detail));
  await ui.settle();
  return { el, ui, clerk, errors };
}

/** What Clerk was asked to do, whatever it was. */
const requests = (clerk: FakeClerk) => clerk.log.filter((entry) => entry.method !== 'load');

describe("the element's own checks", () => {
  it('the form has novalidate; the email field takes up to 320 characters', async () => {
    const { el, ui } = await setup();
    expect(el.shadowRoot!.querySelector('form')!.noValidate).to.equal(true);
    expect(ui.input('identifier')!.maxLength).to.equal(320);
  });

  const cases = [
    { what: 'both fields empty', email: '', password: '', field: 'identifier', key: 'identifierRequired', code: 'form_param_missing', text: 'Enter your email address.' },
    { what: 'blanks for an email', email: '   ', password: PASSWORD, field: 'identifier', key: 'identifierRequired', code: 'form_param_missing', text: 'Enter your email address.' },
    { what: 'an email without @', email: 'ada.example.com', password: PASSWORD, field: 'identifier', key: 'identifierInvalid', code: 'form_param_format_invalid', text: 'Enter a valid email address.' },
    { what: 'an email without a domain', email: 'ada@localhost', password: PASSWORD, field: 'identifier', key: 'identifierInvalid', code: 'form_param_format_invalid', text: 'Enter a valid email address.' },
    { what: 'an empty password', email: ADA.email, password: '', field: 'password', key: 'passwordRequired', code: 'form_param_missing', text: 'Enter your password.' },
  ] as const;
  for (const c of cases) {
    it(`${c.what}: "${c.text}" on the ${c.field} field, aria-invalid, sign-in-error, focus there, no request`, async () => {
      const { ui, clerk, errors } = await setup();
      await ui.fillCredentials(c.email, c.password);
      await ui.submit();
      expect(ui.errorText(c.field)).to.equal(c.text);
      expect(ui.input(c.field)!.getAttribute('aria-invalid')).to.equal('true');
      expect(errors).to.deep.equal([{ code: c.code, key: c.key, message: c.text, step: 'credentials' }]);
      expect(ui.focused()?.id).to.equal(c.field);
      expect(requests(clerk)).to.deep.equal([]);
      expect(ui.errorText(), 'nothing at the top of the form').to.equal('');
    });
  }

  it('typing in the field takes the message away; a valid form then goes to Clerk', async () => {
    const { ui, clerk } = await setup();
    await ui.submit();
    expect(ui.errorText('identifier')).to.not.equal('');
    await ui.fillCredentials(ADA.email, PASSWORD);
    expect(ui.errorText('identifier')).to.equal('');
    expect(ui.input('identifier')!.getAttribute('aria-invalid')).to.equal('false');
    await ui.submit();
    await ui.waitForStep('second-factor');
    expect(clerk.calls.create).to.equal(1);
  });

  it('in the element\'s language, not the browser\'s', async () => {
    const { el, ui } = await setup({ locale: 'de' });
    await ui.waitFor(() => el.shadowRoot!.textContent!.includes('E-Mail-Adresse'), 'the German strings');
    await ui.fillCredentials('keine-adresse', PASSWORD);
    await ui.submit();
    expect(ui.errorText('identifier')).to.not.equal('Enter a valid email address.');
    expect(ui.errorText('identifier')).to.match(/E-Mail/);
    el.localization = { identifierRequired: 'Adresse, bitte.' };
    await ui.fillCredentials('', PASSWORD);
    await ui.submit();
    expect(ui.errorText('identifier')).to.equal('Adresse, bitte.');
  });

  it('an empty code: "Enter the code." on the code field, no attempt', async () => {
    const { ui, clerk, errors } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.enterCode(' - ');
    await ui.submit();
    expect(ui.errorText('code')).to.equal('Enter the code.');
    expect(errors.at(-1)).to.deep.include({ code: 'form_param_missing', key: 'codeRequired', step: 'second-factor' });
    expect(clerk.calls.attemptSecondFactor).to.equal(0);
  });

  it('an empty new password: "Enter a new password." on its field, nothing sent', async () => {
    const { ui, clerk, errors } = await setup();
    await ui.fillCredentials(RESET.email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('new-password');
    await ui.waitFor(() => ui.input('new-password'), 'the new-password field');
    await ui.submit();
    expect(ui.errorText('new-password')).to.equal('Enter a new password.');
    expect(errors.at(-1)).to.deep.include({ code: 'form_param_missing', key: 'newPasswordRequired', step: 'new-password' });
    expect(clerk.calls.resetPassword).to.equal(0);
  });
});
