// The sign-in controller with the fake Clerk and a stand-in for the element: one action per
// intent, answers of abandoned actions dropped, work aborted when the element leaves the page,
// secrets handed to Clerk and never kept in the state, and the guards and retries it owns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController } from 'lit';
import { SignInController, type SignInHost } from '../../../src/sign-in-controller.js';
import type { SignInState, StepName } from '../../../src/sign-in-types.js';
import { FakeClerk, fakeClerkError, fakeNetworkError, type FakeUser } from '../../../src/testing/fake-clerk.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'], phone: '+15555550100' };

/** What Lit does for a controller, without a DOM: connection, updates, and a count of update requests. */
class Host implements SignInHost {
  readonly controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);
  isConnected = false;
  hasUpdated = false;
  afterSignInUrl: string | null = null;
  allowedRedirectOrigins: string | null = null;
  noStoreCredentials = true;
  updates = 0;

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    this.isConnected = true;
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    this.isConnected = false;
    for (const c of this.controllers) c.hostDisconnected?.();
  }
  /** One update, as ReactiveElement runs it: `hasUpdated` turns true after the controllers' `hostUpdated`. */
  update(): void {
    for (const c of this.controllers) c.hostUpdate?.();
    for (const c of this.controllers) c.hostUpdated?.();
    this.hasUpdated = true;
  }
}

function setup(options: { users?: FakeUser[]; clerk?: FakeClerk } = {}) {
  const clerk = options.clerk ?? new FakeClerk({ users: options.users ?? [ADA], sentCode: '654321' });
  const host = new Host();
  const steps: [StepName, StepName][] = [];
  const navigated: string[] = [];
  const passwordResets: { identifier: string; signedOutOfOtherSessions: boolean }[] = [];
  const signIn = new SignInController(host, {
    onTransition: (previous, next) => {
      if (previous.step !== next.step) steps.push([previous.step, next.step]);
      return true;
    },
    navigate: (url) => navigated.push(url),
    passwordReset: (detail) => passwordResets.push(detail),
  });
  signIn.useClerk({ clerk });
  host.connect();
  host.update();
  return { clerk, host, signIn, steps, navigated, passwordResets };
}

async function until(probe: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const idle = (state: SignInState) => !('pending' in state) || state.pending === null;
const settled = (signIn: SignInController, step: StepName) => until(() => signIn.state.step === step && idle(signIn.state), `${step}, idle`);

async function atSecondFactor(options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup(options);
  ctx.signIn.submit({ identifier: ` ${ADA.email} `, password: PASSWORD });
  await settled(ctx.signIn, 'second-factor');
  return ctx;
}

describe('the sign-in controller', () => {
  it('runs one action per intent: a double submit signs in once, with the email trimmed', async () => {
    const { clerk, signIn } = setup();
    const release = clerk.pause();
    signIn.submit({ identifier: ` ${ADA.email} `, password: PASSWORD });
    signIn.submit({ identifier: ADA.email, password: 'another password' });
    await until(() => clerk.calls.create > 0, 'the sign-in request');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(clerk.calls.create, 1);
    release();
    await settled(signIn, 'second-factor');
    assert.equal(clerk.calls.create, 1);
    assert.deepEqual(clerk.log.find((l) => l.method === 'create')!.params, { identifier: ADA.email });
    assert.equal(signIn.state.step === 'second-factor' && signIn.state.identifier, ADA.email);
  });

  it('hands the code to Clerk as the strategy writes it, and keeps no secret in its state', async () => {
    const { clerk, signIn, steps } = await atSecondFactor();
    const factor = signIn.state.step === 'second-factor' ? signIn.state.methods.find((m) => m.strategy === 'backup_code')! : null;
    signIn.chooseMethod(factor!);
    const fakeSignIn = clerk.client.signIn;
    const attempt = fakeSignIn.attemptSecondFactor.bind(fakeSignIn);
    const sent: string[] = [];
    fakeSignIn.attemptSecondFactor = (params) => (sent.push(params.code), attempt(params));
    signIn.submit({ code: ' ABCD\u2013EFGH ' });
    assert.doesNotMatch(JSON.stringify(signIn.state), /ABCD|abcd|horse/);
    await settled(signIn, 'signed-in');
    assert.deepEqual(sent, ['abcdefgh']);
    assert.deepEqual(steps, [['credentials', 'second-factor'], ['second-factor', 'signed-in']]);
    assert.doesNotMatch(JSON.stringify(signIn.state), /abcd|horse/);
  });

  it('drops the answer of an action the user left (back while the code is checked)', async () => {
    const { clerk, signIn, steps } = await atSecondFactor();
    const release = clerk.pause();
    signIn.submit({ code: '123456' });
    await until(() => clerk.calls.attemptSecondFactor === 1, 'the code request');
    signIn.back();
    assert.equal(signIn.state.step, 'credentials');
    assert.ok(idle(signIn.state));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(signIn.state.step, 'credentials', 'the late answer is not applied');
    assert.equal(clerk.calls.setActive, 0, 'no activation from the abandoned step');
    assert.deepEqual(steps.at(-1), ['second-factor', 'credentials']);
  });

  it('aborts what is under way when the element leaves the page; nothing arrives while away', async () => {
    const { clerk, host, signIn, steps } = setup();
    const release = clerk.pause();
    signIn.submit({ identifier: ADA.email, password: PASSWORD });
    host.disconnect();
    assert.ok(idle(signIn.state), 'nothing pending after removal');
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(signIn.state.step, 'credentials');
    assert.deepEqual(steps, []);
    host.connect();
    signIn.submit({ identifier: ADA.email, password: PASSWORD });
    await settled(signIn, 'second-factor');
    assert.equal(clerk.calls.create, 2, 'one before removal, the retry after');
  });

  it('refuses to submit while a rate limit counts down', async () => {
    const { clerk, signIn } = setup();
    clerk.failNext('create', fakeClerkError('too_many_requests', { status: 429, retryAfter: 30 }));
    signIn.submit({ identifier: ADA.email, password: PASSWORD });
    await until(() => 'error' in signIn.state && signIn.state.error?.key === 'tooManyRequests', 'the rate limit');
    signIn.submit({ identifier: ADA.email, password: PASSWORD });
    assert.equal(clerk.calls.create, 1);
  });

  it('refuses to resend an SMS before its countdown is over', async () => {
    const { clerk, signIn } = await atSecondFactor({ users: [{ email: ADA.email, password: PASSWORD, phone: ADA.phone! }] });
    assert.equal(clerk.calls.prepareSecondFactor, 1, 'the SMS is sent at once');
    signIn.resend();
    assert.equal(clerk.calls.prepareSecondFactor, 1);
  });

  it('retries only the activation after Clerk completed the sign-in but setActive failed', async () => {
    const { clerk, signIn } = await atSecondFactor();
    clerk.failNext('setActive', fakeNetworkError());
    signIn.submit({ code: '123456' });
    await until(() => 'error' in signIn.state && signIn.state.error?.key === 'network', 'the network error');
    signIn.submit({ code: '999999' });
    await settled(signIn, 'signed-in');
    assert.deepEqual([clerk.calls.create, clerk.calls.attemptSecondFactor, clerk.calls.setActive], [1, 1, 2]);
  });

  it('finds a session Clerk already has once the form is on screen', async () => {
    const { signIn, steps } = setup({ clerk: new FakeClerk({ users: [ADA], signedInAs: ADA.email }) });
    await settled(signIn, 'signed-in');
    assert.deepEqual(signIn.state, { step: 'signed-in', sessionId: 'sess_1', userId: 'user_1', alreadySignedIn: true, firstName: null, email: ADA.email });
    assert.deepEqual(steps, [['credentials', 'signed-in']]);
  });

  it('adopts the session Clerk holds when it answers session_exists', async () => {
    const clerk = new FakeClerk({ users: [ADA] });
    const held = clerk.createSession(clerk.findUser(ADA.email)!);
    const { signIn } = setup({ clerk });
    clerk.failNext('create', fakeClerkError('session_exists', { status: 400 }));
    signIn.submit({ identifier: ADA.email, password: PASSWORD });
    await settled(signIn, 'signed-in');
    assert.deepEqual(signIn.state, { step: 'signed-in', sessionId: held.id, userId: 'user_1', alreadySignedIn: true, firstName: null, email: ADA.email });
    assert.equal(clerk.session?.id, held.id);
  });

  it("navigates after signing in only to the page's own origin or an allowed one, and not when the host says no", async (t) => {
    // The page the element is on, for resolving the URL.
    const location = new URL('https://example.com/signin');
    Object.defineProperty(globalThis, 'location', { value: location, configurable: true });
    t.after(() => delete (globalThis as { location?: unknown }).location);
    for (const [url, proceed, expected, allowed = null] of [
      ['/welcome', true, ['https://example.com/welcome']],
      ['javascript:alert(1)', true, []],
      ['https://example.com/welcome', false, []],
      ['https://app.example/home', true, []],
      ['https://app.example/home', true, ['https://app.example/home'], 'https://admin.example https://app.example'],
    ] as const) {
      const clerk = new FakeClerk({ users: [ADA] });
      const host = new Host();
      host.afterSignInUrl = url;
      host.allowedRedirectOrigins = allowed;
      const navigated: string[] = [];
      const signIn = new SignInController(host, {
        onTransition: (_, next) => next.step !== 'signed-in' || proceed,
        navigate: (to) => navigated.push(to),
        passwordReset: () => {},
      });
      signIn.useClerk({ clerk });
      host.connect();
      host.update();
      signIn.submit({ identifier: ADA.email, password: PASSWORD });
      await settled(signIn, 'second-factor');
      signIn.submit({ code: '123456' });
      await settled(signIn, 'signed-in');
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(navigated, expected, `${url}, proceed: ${proceed}`);
    }
  });
});

describe('the sign-in controller: "Forgot password?"', () => {
  const NEW_PASSWORD = 'a fresh passphrase for ada';

  it('checks the email first: nothing goes to Clerk for an empty or malformed one', async () => {
    const { clerk, signIn } = setup();
    await signIn.forgotPassword('  ');
    assert.equal(signIn.state.step === 'credentials' && signIn.state.error?.key, 'identifierRequired');
    await signIn.forgotPassword('ada@');
    assert.equal(signIn.state.step === 'credentials' && signIn.state.error?.key, 'identifierInvalid');
    assert.equal(clerk.calls.create, 0);
  });

  it('sends one code for a double click, checks it, sets the new password and reports it, then signs in with the second factor', async () => {
    const { clerk, signIn, steps, passwordResets } = setup();
    await Promise.all([signIn.forgotPassword(` ${ADA.email} `), signIn.forgotPassword(ADA.email)]);
    await settled(signIn, 'reset-code');
    assert.equal(clerk.calls.create, 1);
    assert.equal(clerk.calls.prepareFirstFactor, 1);
    assert.deepEqual(clerk.log.find((l) => l.method === 'create')!.params, { identifier: ADA.email });
    assert.deepEqual(clerk.sentCodes, [{ strategy: 'reset_password_email_code', code: '654321', to: ADA.email }]);

    signIn.submit({ code: '111111' });
    await until(() => signIn.state.step === 'reset-code' && signIn.state.error !== null, 'the wrong-code error');
    assert.equal(signIn.state.step === 'reset-code' && signIn.state.error?.key, 'codeIncorrect');
    signIn.submit({ code: '654 321' });
    await settled(signIn, 'new-password');
    signIn.submit({ 'new-password': NEW_PASSWORD, 'sign-out-of-other-sessions': 'false' });
    await settled(signIn, 'second-factor');
    assert.deepEqual(passwordResets, [{ identifier: ADA.email, signedOutOfOtherSessions: false }]);
    assert.deepEqual(clerk.log.find((l) => l.method === 'resetPassword')!.params, { signOutOfOtherSessions: false });
    signIn.submit({ code: '123456' });
    await settled(signIn, 'signed-in');
    assert.deepEqual(steps, [
      ['credentials', 'reset-code'],
      ['reset-code', 'new-password'],
      ['new-password', 'second-factor'],
      ['second-factor', 'signed-in'],
    ]);
    assert.doesNotMatch(JSON.stringify(signIn.state), /fresh passphrase|654321/);
    assert.equal(clerk.findUser(ADA.email)!.password, NEW_PASSWORD);
  });

  it('says so when Clerk offers no reset for the account, and on the email when there is no account', async () => {
    const { clerk, signIn } = setup({ users: [{ ...ADA, noPasswordReset: true }] });
    await signIn.forgotPassword(ADA.email);
    await until(() => signIn.state.step === 'credentials' && signIn.state.error !== null, 'the error');
    assert.equal(signIn.state.step === 'credentials' && signIn.state.error?.key, 'resetUnavailable');
    assert.equal(clerk.calls.prepareFirstFactor, 0);
    await signIn.forgotPassword('nobody@example.com');
    await until(() => signIn.state.step === 'credentials' && signIn.state.error?.key === 'identifierNotFound', 'the not-found error');
    assert.equal(signIn.state.step === 'credentials' && signIn.state.error?.field, 'identifier');
  });

  it('resends only after the countdown, and "Back" keeps the email', async () => {
    const { clerk, signIn } = setup();
    await signIn.forgotPassword(ADA.email);
    await settled(signIn, 'reset-code');
    signIn.resend();
    assert.equal(clerk.calls.prepareFirstFactor, 1, 'not before the countdown ends');
    signIn.back();
    assert.equal(signIn.state.step, 'credentials');
    assert.equal(signIn.state.step === 'credentials' && signIn.state.identifier, ADA.email);
  });
});
