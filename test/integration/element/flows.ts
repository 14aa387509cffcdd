/**
 * The element's sign-in flows with the real clerk-js against the emulator, for one instance mode.
 * Each `*.test.ts` file runs them with one publishable key (one `window.Clerk` per page).
 */
import { expect } from '@open-wc/testing';
import {
  addUser,
  BACKUP_CODES,
  countRequests,
  failFetch,
  inbox,
  mountElement,
  pageClerk,
  PASSWORD,
  randomPhone,
  ROUTES,
  signInWithPassword,
  signOutPageClerk,
  sleep,
  totpCode,
  waitForMessages,
  wrongTotpCode,
  type Mode,
} from './support.js';

const { signIns: SIGN_INS, prepare: PREPARE, attempt: ATTEMPT, touch: TOUCH } = ROUTES;

/** Records what the element hands to the browser's password manager, without a prompt. */
function spyOnCredentialStore() {
  const stored: Credential[] = [];
  const container = navigator.credentials as (CredentialsContainer & { store: CredentialsContainer['store'] }) | undefined;
  if (!container) return { stored, restore: () => {} };
  const had = Object.prototype.hasOwnProperty.call(container, 'store');
  const original = container.store;
  container.store = async (credential: Credential) => {
    stored.push(credential);
  };
  return {
    stored,
    restore: () => {
      if (had) container.store = original;
      else delete (container as Partial<CredentialsContainer>).store;
    },
  };
}

/** Moves the page clock forward (the element's countdowns and clerk-js both read Date.now). */
function advancePageClock(ms: number): () => void {
  const realNow = Date.now;
  Date.now = () => realNow.call(Date) + ms;
  return () => {
    Date.now = realNow;
  };
}

export function signInFlows(mode: Mode): void {
  describe(`<clerk-mfa-sign-in> with the real clerk-js (${mode} key)`, () => {
    afterEach(signOutPageClerk);

    it('signs in with the authenticator app: steps, details that match Clerk, password cleared, nothing secret left, credential stored where the browser can', async () => {
      const email = await addUser();
      const spy = spyOnCredentialStore();
      try {
        const { el, ui, events } = await mountElement(mode);
        await expect(el).to.be.accessible();
        await ui.fillCredentials(email, PASSWORD);
        const passwordField = ui.input('password')!;
        await ui.submit();
        await ui.waitForStep('second-factor');
        expect(passwordField.value, 'the password field is cleared when step 2 shows').to.equal('');
        expect(ui.input('password')).to.equal(null);
        await ui.waitForIdle();
        expect(ui.methods()).to.deep.equal(['backup_code']);
        expect(ui.focused()?.id).to.equal('code');
        await expect(el).to.be.accessible();

        const code = totpCode();
        await ui.enterCode(code);
        await ui.waitForStep('signed-in');
        const clerk = pageClerk()!;
        expect(clerk.session?.status).to.equal('active');
        expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: false }]);
        expect(events.taskRequired).to.deep.equal([]);
        expect(events.errors).to.deep.equal([]);
        expect(events.steps).to.deep.equal([
          { step: 'second-factor', previousStep: 'credentials' },
          { step: 'signed-in', previousStep: 'second-factor' },
        ]);
        await expect(el).to.be.accessible();
        expect(ui.leakedSecrets([PASSWORD, code], { fieldValues: true })).to.deep.equal([]);

        await ui.waitFor(() => spy.stored.length > 0 || !('PasswordCredential' in window), 'the credential to be stored');
        if ('PasswordCredential' in window) {
          expect(spy.stored).to.have.length(1);
          const credential = spy.stored[0] as Credential & { password: string };
          expect(credential.id).to.equal(email);
          expect(credential.password).to.equal(PASSWORD);
        } else {
          expect(spy.stored).to.have.length(0);
        }
      } finally {
        spy.restore();
      }
    });

    it('signs in with a backup code typed in capitals with spaces; one request per double click and per double Enter', async () => {
      const since = Date.now();
      const email = await addUser();
      const { el, ui, events } = await mountElement(mode);
      await ui.fillCredentials(email, PASSWORD);
      await ui.doubleClickSubmit();
      await ui.waitForStep('second-factor');
      await ui.waitForIdle();
      expect(await countRequests('POST', SIGN_INS, since), 'sign-ins created by a double click').to.equal(1);

      await ui.chooseMethod('backup_code');
      expect(ui.input('code')!.inputMode).to.equal('text');
      expect(ui.focused()?.id).to.equal('code');
      await expect(el).to.be.accessible();
      await ui.enterCode(` ${BACKUP_CODES[0]!.toUpperCase()} `);
      expect(ui.step, 'a backup code does not submit by itself').to.equal('second-factor');
      await ui.pressEnterTwice('code');
      await ui.waitForStep('signed-in');
      expect(await countRequests('POST', ATTEMPT, since), 'attempts sent by a double Enter').to.equal(1);
      expect(await countRequests('POST', TOUCH, since), 'session activations').to.equal(1);
      const clerk = pageClerk()!;
      expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: false }]);
      expect(ui.leakedSecrets([PASSWORD, BACKUP_CODES[0]!, BACKUP_CODES[0]!.toUpperCase()], { fieldValues: true })).to.deep.equal([]);
    });

    it('signs in with an SMS code: sent only when chosen, shows where it went, resend counts down, code from the inbox', async () => {
      const since = Date.now();
      const phone = randomPhone();
      const email = await addUser({ phone_number: phone });
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      expect(ui.methods()).to.include('phone_code');
      expect(await countRequests('POST', PREPARE, since), 'no SMS before SMS is chosen').to.equal(0);
      expect(await inbox(phone)).to.have.length(0);

      await ui.chooseMethod('phone_code');
      await ui.waitForIdle();
      expect(await countRequests('POST', PREPARE, since)).to.equal(1);
      const [message] = await waitForMessages(phone, 1);
      expect(message!.channel).to.equal('sms');
      const factor = pageClerk()!.client!.signIn.supportedSecondFactors!.find((f) => f.strategy === 'phone_code')!;
      expect(factor.safeIdentifier).to.be.a('string').and.not.equal('');
      expect(ui.messageText()).to.include(factor.safeIdentifier!);
      expect(ui.input('code')!.inputMode).to.equal('numeric');
      expect(ui.resendDisabled()).to.equal(true);
      const first = Number(/(\d+)/.exec(ui.resendText())?.[1]);
      expect(first).to.be.within(28, 30);
      await sleep(1100);
      await el.updateComplete;
      expect(Number(/(\d+)/.exec(ui.resendText())?.[1])).to.be.below(first);
      await ui.resend();
      expect(await countRequests('POST', PREPARE, since), 'resend during the countdown sends nothing').to.equal(1);
      await expect(el).to.be.accessible();

      await ui.enterCode(message!.code);
      await ui.waitForStep('signed-in');
      const clerk = pageClerk()!;
      expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: false }]);
      expect(ui.leakedSecrets([PASSWORD, message!.code], { fieldValues: true })).to.deep.equal([]);
    });

    it('verifies a new device (Client Trust): email code requested at once, Clerk explanation, "sent to", resend', async () => {
      const email = await addUser({ totp_secret: undefined, backup_codes: [], client_trust: true });
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email);
      await ui.waitForStep('client-trust');
      await ui.waitForIdle();
      const [first] = await waitForMessages(email, 1);
      expect(first!.channel).to.equal('email');
      expect(ui.subtitle()).to.not.equal('');
      const factor = pageClerk()!.client!.signIn.supportedSecondFactors!.find((f) => f.strategy === 'email_code')!;
      expect(ui.messageText()).to.include(factor.safeIdentifier!);
      expect(ui.resendDisabled()).to.equal(true);
      expect(ui.focused()?.id).to.equal('code');
      await expect(el).to.be.accessible();

      const restoreClock = advancePageClock(31_000);
      try {
        await ui.waitFor(() => !ui.resendDisabled(), 'resend to become available');
        await ui.resend();
        await ui.waitForIdle();
      } finally {
        restoreClock();
      }
      const messages = await waitForMessages(email, 2);
      expect(ui.resendDisabled()).to.equal(true);
      await ui.enterCode(messages.at(-1)!.code);
      await ui.waitForStep('signed-in');
      const clerk = pageClerk()!;
      expect(events.steps.map((s) => s.step)).to.deep.equal(['client-trust', 'signed-in']);
      expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: false }]);
    });

    it('ends in a pending session task: task-required with the session, the user and choose-organization', async () => {
      const email = await addUser({ tasks: ['choose-organization'] });
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      await ui.enterCode(totpCode());
      await ui.waitForStep('task-required');
      const clerk = pageClerk()!;
      expect(clerk.session?.status).to.equal('pending');
      expect(events.taskRequired).to.deep.equal([
        { sessionId: clerk.session!.id, userId: clerk.user!.id, task: { key: 'choose-organization' } },
      ]);
      expect(events.signedIn).to.deep.equal([]);
      expect(events.steps.map((s) => s.step)).to.deep.equal(['second-factor', 'task-required']);
      await expect(el).to.be.accessible();
    });

    it('wrong password, then the right one: field error, email kept, focus on the password, nothing secret in the page', async () => {
      const email = await addUser();
      const wrong = 'not the password 123';
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email, wrong);
      expect(ui.step).to.equal('credentials');
      expect(ui.errorText('password')).to.not.equal('');
      expect(ui.input('password')!.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.input('identifier')!.value).to.equal(email);
      expect(ui.focused()?.id).to.equal('password');
      expect(events.errors.map((e) => [e.code, e.step])).to.deep.equal([['form_password_incorrect', 'credentials']]);
      expect(events.errors[0]!.message).to.equal(ui.errorText('password'));
      expect(ui.leakedSecrets([wrong])).to.deep.equal([]);
      await expect(el).to.be.accessible();

      await ui.fillPassword(PASSWORD);
      expect(ui.errorText('password')).to.equal('');
      await ui.submit();
      await ui.waitForStep('second-factor');
      await ui.enterCode(totpCode());
      await ui.waitForStep('signed-in');
      expect(events.signedIn).to.have.length(1);
      expect(ui.leakedSecrets([wrong, PASSWORD], { fieldValues: true })).to.deep.equal([]);
    });

    it('wrong code, then the right one: message at the code, focus back on it', async () => {
      const email = await addUser();
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      const wrong = wrongTotpCode();
      await ui.enterCode(wrong);
      await ui.waitFor(() => ui.errorText('code'), 'the code error');
      expect(ui.step).to.equal('second-factor');
      expect(ui.input('code')!.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.focused()?.id).to.equal('code');
      expect(events.errors.map((e) => [e.code, e.step])).to.deep.equal([['form_code_incorrect', 'second-factor']]);
      expect(ui.leakedSecrets([wrong, PASSWORD])).to.deep.equal([]);
      await expect(el).to.be.accessible();

      await ui.enterCode(totpCode());
      await ui.waitForStep('signed-in');
      expect(events.signedIn).to.have.length(1);
    });

    it('locked account: about how long from Clerk\'s message, submit blocked only while the lock surely lasts', async () => {
      const since = Date.now();
      const email = await addUser({ limits: { lockoutAttempts: 2, lockoutSeconds: 29 * 60 } });
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email, 'wrong one');
      expect(events.errors.at(-1)?.code).to.equal('form_password_incorrect');
      await ui.fillPassword('wrong two');
      await ui.submit();
      await ui.waitFor(() => events.errors.length === 2, 'the second error');
      await ui.waitForIdle();
      expect(events.errors.at(-1)?.code).to.equal('user_locked');
      // clerk-js drops the exact wait; Clerk's message says "29 minutes", rounded up.
      expect(ui.allErrors()).to.equal('Your account is locked. Try again in about 29 minutes.');
      expect(events.errors.at(-1)?.message).to.equal(ui.allErrors());
      expect(ui.submitButton()!.disabled).to.equal(true);
      await ui.submit();
      expect(await countRequests('POST', SIGN_INS, since), 'a locked form sends nothing').to.equal(2);
      await expect(el).to.be.accessible();
      // 28 minutes on, the lock may be over: the form may be sent again.
      const restoreClock = advancePageClock(28 * 60_000 + 1000);
      try {
        await ui.waitFor(() => !ui.submitButton()!.disabled, 'submit to be usable again');
      } finally {
        restoreClock();
      }
    });

    it('too many requests (429 with Retry-After): the wait, counting down, submit blocked', async () => {
      const email = await addUser({ limits: { signInAttemptLimit: 1, rateLimitWindowSeconds: 60 } });
      const { el, ui, events } = await mountElement(mode);
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      await ui.enterCode(wrongTotpCode());
      await ui.waitFor(() => events.errors.length === 1, 'the first error');
      await ui.waitForIdle();
      await ui.enterCode(totpCode());
      await ui.waitFor(() => events.errors.length === 2, 'the second error');
      await ui.waitForIdle();
      expect(events.errors.at(-1)?.code).to.equal('too_many_requests');
      const seconds = (text: string) => {
        const m = /(\d+):(\d\d)|(\d+)\s*s\b/.exec(text);
        return m ? (m[3] ? Number(m[3]) : Number(m[1]) * 60 + Number(m[2])) : NaN;
      };
      const first = seconds(ui.allErrors());
      expect(first).to.be.within(50, 60);
      expect(ui.submitButton()!.disabled).to.equal(true);
      await sleep(1100);
      await el.updateComplete;
      expect(seconds(ui.allErrors())).to.be.below(first);
      await expect(el).to.be.accessible();
    });

    it('network failures (sign-in, sending an SMS) show the network message and leave the step as it was', async () => {
      const phone = randomPhone();
      const email = await addUser({ phone_number: phone });
      const { ui, events } = await mountElement(mode);
      await ui.waitFor(() => pageClerk()?.loaded, 'clerk-js to load');
      let restore = failFetch(/\/v1\/client\/sign_ins$/);
      try {
        await signInWithPassword(ui, email);
      } finally {
        restore();
      }
      expect(ui.step).to.equal('credentials');
      expect(events.errors.map((e) => e.key)).to.deep.equal(['network']);
      expect(ui.errorText()).to.not.equal('');

      await ui.submit();
      await ui.waitForStep('second-factor');
      await ui.waitForIdle();
      restore = failFetch(/prepare_second_factor$/);
      try {
        await ui.chooseMethod('phone_code');
        await ui.waitFor(() => events.errors.length === 2, 'the SMS network error');
      } finally {
        restore();
      }
      expect(events.errors.at(-1)).to.include({ key: 'network', step: 'second-factor' });
      expect(await inbox(phone)).to.have.length(0);
      expect(ui.messageText()).to.not.include('sent');
    });

    it('a new element on a page where Clerk already has a session says so and fires signed-in once', async () => {
      const email = await addUser();
      const first = await mountElement(mode);
      await signInWithPassword(first.ui, email);
      await first.ui.waitForStep('second-factor');
      await first.ui.enterCode(totpCode());
      await first.ui.waitForStep('signed-in');
      first.el.remove();

      const second = await mountElement(mode);
      await second.ui.waitForStep('signed-in');
      await sleep(300);
      const clerk = pageClerk()!;
      expect(second.events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: true }]);
      expect(second.ui.input('identifier')).to.equal(null);
      await expect(second.el).to.be.accessible();
    });

    it('a session that appears after the form showed (session_exists) ends as already signed in', async () => {
      const email = await addUser();
      const { ui, events } = await mountElement(mode);
      await ui.fillCredentials(email, PASSWORD);
      // Signed in meanwhile elsewhere on the page, through the same Clerk.
      const clerk = await ui.waitFor(() => (pageClerk()?.loaded ? pageClerk() : null), 'clerk-js to load');
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      const done = await signIn.attemptSecondFactor({ strategy: 'totp', code: totpCode() });
      await clerk.setActive({ session: done.createdSessionId! });
      await ui.submit();
      await ui.waitForStep('signed-in');
      expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: true }]);
    });
  });
}
