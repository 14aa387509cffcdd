// The screens and checks the element adds, with the real clerk-js against the emulator: the
// signed-in greeting and "Continue", the task screen and "Sign out", the element's own checks
// (nothing sent), and a rejected code cleared for the next one.
import { expect } from '@open-wc/testing';
import {
  addUser,
  countRequests,
  mountElement,
  pageClerk,
  PASSWORD,
  ROUTES,
  signInWithPassword,
  signOutPageClerk,
  totpCode,
  wrongTotpCode,
  type Mounted,
} from './support.js';

/** Keeps the page where it is: records where the element would go. */
function stayOnPage({ el }: Mounted): string[] {
  const went: string[] = [];
  (el as unknown as { navigate(url: string): void }).navigate = (url) => went.push(url);
  return went;
}

describe('<clerk-mfa-sign-in> screens with the real clerk-js', () => {
  afterEach(signOutPageClerk);

  it('signed in: greets by first name, says with which email, and "Continue" goes to after-sign-in-url', async () => {
    const email = await addUser({ first_name: 'Grace' });
    const mounted = await mountElement('production');
    const { el, ui, events } = mounted;
    const went = stayOnPage(mounted);
    el.afterSignInUrl = '/welcome';
    el.noStoreCredentials = true;
    el.addEventListener('signed-in', (event) => event.preventDefault());
    await signInWithPassword(ui, email);
    await ui.waitForStep('second-factor');
    await ui.enterCode(totpCode());
    await ui.waitForStep('signed-in');
    expect(ui.heading()).to.equal('Welcome back, Grace!');
    expect(ui.messageText()).to.equal(`Signed in as ${email}`);
    expect(events.signedIn).to.have.length(1);
    expect(went, 'signed-in was cancelled').to.deep.equal([]);
    await expect(el).to.be.accessible();
    await ui.continue();
    expect(went).to.deep.equal([new URL('/welcome', location.href).href]);
  });

  it('a pending task: named in plain words, and "Sign out" ends the session and returns to the first step', async () => {
    const email = await addUser({ tasks: ['choose-organization'] });
    const mounted = await mountElement('production');
    const { el, ui, events } = mounted;
    const went = stayOnPage(mounted);
    const page = location.href;
    await signInWithPassword(ui, email);
    await ui.waitForStep('second-factor');
    await ui.enterCode(totpCode());
    await ui.waitForStep('task-required');
    expect(ui.heading()).to.equal('Choose an organization');
    expect(ui.subtitle()).to.equal('Your account needs this before you can continue.');
    expect(ui.identity()).to.equal(`Signed in as ${email} Sign out`);
    await expect(el).to.be.accessible();

    await ui.signOut();
    await ui.waitForStep('credentials');
    expect(pageClerk()!.session ?? null).to.equal(null);
    expect(pageClerk()!.client!.sessions ?? []).to.deep.equal([]);
    expect(events.steps.at(-1)).to.deep.equal({ step: 'credentials', previousStep: 'task-required' });
    expect(ui.input('identifier')!.value).to.equal(email);
    expect(went).to.deep.equal([]);
    expect(location.href, 'clerk-js did not navigate').to.equal(page);
  });

  it("the element's own checks: empty fields and a malformed email get a message and send nothing", async () => {
    const since = Date.now();
    await addUser();
    const { ui, events } = await mountElement('production');
    await ui.waitFor(() => pageClerk()?.loaded, 'clerk-js to load');
    await ui.submit();
    expect(ui.errorText('identifier')).to.equal('Enter your email address.');
    await ui.fillCredentials('not-an-email', PASSWORD);
    await ui.submit();
    expect(ui.errorText('identifier')).to.equal('Enter a valid email address.');
    await ui.fillCredentials('ada@example.com', '');
    await ui.submit();
    expect(ui.errorText('password')).to.equal('Enter your password.');
    expect(events.errors.map((e) => [e.code, e.key])).to.deep.equal([
      ['form_param_missing', 'identifierRequired'],
      ['form_param_format_invalid', 'identifierInvalid'],
      ['form_param_missing', 'passwordRequired'],
    ]);
    expect(await countRequests('POST', ROUTES.signIns, since)).to.equal(0);
  });

  it('a rejected code leaves the field, focused, so the right one can be pasted at once', async () => {
    const since = Date.now();
    const email = await addUser();
    const { ui } = await mountElement('production');
    await signInWithPassword(ui, email);
    await ui.waitForStep('second-factor');
    await ui.enterCode(wrongTotpCode());
    await ui.waitFor(() => ui.errorText('code'), 'the code error');
    expect(ui.input('code')!.value).to.equal('');
    expect(ui.focused()?.id).to.equal('code');
    await ui.pasteCode(totpCode());
    await ui.waitForStep('signed-in');
    expect(await countRequests('POST', ROUTES.attempt, since)).to.equal(2);
  });
});
