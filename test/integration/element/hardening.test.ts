/**
 * Secrets and double actions with the real clerk-js against the emulator: no password or code
 * anywhere a page, an extension or a log could read it, and exactly one request per intended
 * action however impatient the user (requests counted at the emulator).
 */
import { expect } from '@open-wc/testing';
import { recordConsole, type ConsoleRecording } from '../../../src/testing/index.js';
import {
  addUser,
  control,
  countRequests,
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
} from './support.js';

const { signIns: SIGN_INS, prepare: PREPARE, attempt: ATTEMPT, touch: TOUCH } = ROUTES;

/** Slows one route for one user, so a request is reliably still pending while the user acts. */
async function slow(match: string, email: string, ms: number): Promise<string> {
  const response = await control('/faults', { body: { faults: [{ match, kind: 'delay', ms, scope: { identifier: email } }] } });
  return ((await response.json()) as { faults: { id: string }[] }).faults[0]!.id;
}
const unslow = (id: string) => control(`/faults/${id}`, { method: 'DELETE' });

/**
 * A new user (with `user`'s fields) and the element on a production key with clerk-js loaded,
 * `route` slowed by `ms` for that user. `since` is when it began, for counting requests.
 */
async function mountWithSlowRoute(route: string, ms: number, user?: Record<string, unknown>) {
  const since = Date.now();
  const email = await addUser(user);
  const mounted = await mountElement('production');
  await mounted.ui.waitFor(() => pageClerk()?.loaded, 'clerk-js to load');
  const fault = await slow(route, email, ms);
  return { ...mounted, since, email, fault };
}

describe('<clerk-mfa-sign-in> keeps secrets (real clerk-js)', () => {
  let consoleRecording: ConsoleRecording;
  beforeEach(() => {
    consoleRecording = recordConsole();
  });
  afterEach(async () => {
    consoleRecording.restore();
    await signOutPageClerk();
  });

  it('after a successful sign-in: no password or code in attributes, DOM, console, storage, cookies or URLs', async () => {
    const email = await addUser();
    const { ui } = await mountElement('production');
    console.log('the console is recorded from here on');
    await signInWithPassword(ui, email);
    await ui.waitForStep('second-factor');
    const code = totpCode();
    await ui.enterCode(code);
    await ui.waitForStep('signed-in');
    await sleep(100);
    expect(consoleRecording.lines).to.include('the console is recorded from here on');
    expect(ui.leakedSecrets([PASSWORD, code], { fieldValues: true, console: consoleRecording })).to.deep.equal([]);
  });

  it('after failed sign-ins (wrong password, wrong code, SMS code): nothing either', async () => {
    const phone = randomPhone();
    const email = await addUser({ phone_number: phone });
    const wrongPassword = 'Wr0ng-passw0rd-that-must-not-leak';
    const { ui, events } = await mountElement('production');
    await signInWithPassword(ui, email, wrongPassword);
    expect(events.errors.map((e) => e.code)).to.deep.equal(['form_password_incorrect']);
    expect(ui.leakedSecrets([wrongPassword], { console: consoleRecording })).to.deep.equal([]);

    await ui.fillPassword(PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    const wrong = wrongTotpCode();
    await ui.enterCode(wrong);
    await ui.waitFor(() => events.errors.length === 2, 'the code error');
    await ui.chooseMethod('phone_code');
    await ui.waitForIdle();
    const [sms] = await waitForMessages(phone, 1);
    const wrongSms = sms!.code === '000000' ? '111111' : '000000';
    await ui.enterCode(wrongSms);
    await ui.waitFor(() => events.errors.length === 3, 'the SMS code error');
    await ui.waitForIdle();
    // The code field keeps what was typed for correction; nothing else does.
    expect(ui.leakedSecrets([wrongPassword, PASSWORD, wrong, wrongSms, sms!.code], { console: consoleRecording })).to.deep.equal([]);
    await ui.back();
    expect(ui.leakedSecrets([wrongPassword, PASSWORD, wrong, wrongSms, sms!.code], { fieldValues: true, console: consoleRecording })).to.deep.equal([]);
  });

  it('the password field is cleared on step change and when the element is removed, the code field on removal', async () => {
    const email = await addUser();
    const { el, ui } = await mountElement('production');
    await ui.fillCredentials(email, PASSWORD);
    const password = ui.input('password')!;
    el.remove();
    expect(password.value, 'password after removal').to.equal('');
    document.body.append(el);
    await el.updateComplete;
    await ui.fillPassword(PASSWORD);
    const again = ui.input('password')!;
    await ui.submit();
    await ui.waitForStep('second-factor');
    expect(again.value, 'password after the step changed').to.equal('');
    await ui.waitForIdle();
    await ui.input('code')!.focus();
    const codeField = ui.input('code')!;
    codeField.value = '12345';
    el.remove();
    expect(codeField.value, 'code after removal').to.equal('');
    expect(ui.leakedSecrets([PASSWORD], { fieldValues: true, console: consoleRecording })).to.deep.equal([]);
  });
});

describe('<clerk-mfa-sign-in> sends one request per intended action (real clerk-js)', () => {
  afterEach(signOutPageClerk);

  it('rapid double clicks and Enter held down, at every step: one sign-in, one attempt, one activation', async () => {
    const since = Date.now();
    const email = await addUser();
    const { ui, events } = await mountElement('production');
    await ui.waitFor(() => pageClerk()?.loaded, 'clerk-js to load');
    await ui.fillCredentials(email, PASSWORD);
    await ui.holdEnter('password', 8);
    await ui.doubleClickSubmit();
    await ui.waitForStep('second-factor');
    await ui.waitForIdle();
    expect(await countRequests('POST', SIGN_INS, since), 'sign-ins').to.equal(1);
    const field = ui.input('code')!;
    field.value = totpCode();
    await ui.holdEnter('code', 8);
    await ui.doubleClickSubmit();
    await ui.waitForStep('signed-in');
    await sleep(200);
    expect(await countRequests('POST', ATTEMPT, since), 'attempts').to.equal(1);
    expect(await countRequests('POST', TOUCH, since), 'activations').to.equal(1);
    expect(events.signedIn).to.have.length(1);
    expect(events.steps.map((s) => s.step)).to.deep.equal(['second-factor', 'signed-in']);
  });

  it('submitting while a request is pending sends nothing more', async () => {
    const { ui, events, since, email, fault } = await mountWithSlowRoute('POST /v1/client/sign_ins/*/attempt_second_factor', 600);
    try {
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      await ui.enterCode(totpCode());
      expect(ui.isBusy()).to.equal(true);
      for (let i = 0; i < 3; i++) {
        await ui.submit();
        await ui.pressEnter('code');
        await sleep(50);
      }
      await ui.waitForStep('signed-in');
    } finally {
      await unslow(fault);
    }
    expect(await countRequests('POST', ATTEMPT, since)).to.equal(1);
    expect(await countRequests('POST', TOUCH, since)).to.equal(1);
    expect(events.signedIn).to.have.length(1);
  });

  it('back while the code is being checked: the late answer is not applied; signing in again ends in the session Clerk created, activated once', async () => {
    const { ui, events, since, email, fault } = await mountWithSlowRoute('POST /v1/client/sign_ins/*/attempt_second_factor', 500);
    try {
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      await ui.enterCode(totpCode());
      expect(ui.isBusy()).to.equal(true);
      await ui.back();
      expect(ui.step).to.equal('credentials');
      expect(ui.isBusy()).to.equal(false);
      expect(ui.input('identifier')!.value).to.equal(email);
      await sleep(900); // the answer (a completed sign-in) arrives meanwhile
    } finally {
      await unslow(fault);
    }
    expect(ui.step, 'the late answer is ignored').to.equal('credentials');
    expect(events.signedIn).to.deep.equal([]);
    expect(await countRequests('POST', TOUCH, since), 'no activation from the abandoned step').to.equal(0);

    // Clerk completed that sign-in after all: signing in again ends in its session, activated once.
    const afterBack = Date.now();
    await ui.fillPassword(PASSWORD);
    await ui.submit();
    await ui.waitForStep('signed-in');
    const clerk = pageClerk()!;
    expect(clerk.session?.status).to.equal('active');
    expect(await countRequests('POST', TOUCH, afterBack)).to.equal(1);
    expect(await countRequests('POST', ATTEMPT, since), 'the code was sent once').to.equal(1);
    expect(events.signedIn).to.have.length(1);
    expect(events.signedIn[0]!.sessionId).to.equal(clerk.session!.id);
  });

  it('back while the SMS is being sent: no "sent to" on the new first step, one SMS', async () => {
    const { ui, events, since, email, fault } = await mountWithSlowRoute('POST /v1/client/sign_ins/*/prepare_second_factor', 500, {
      phone_number: randomPhone(),
      totp_secret: undefined,
      backup_codes: [],
    });
    try {
      await ui.fillCredentials(email, PASSWORD);
      await ui.submit();
      await ui.waitForStep('second-factor');
      expect(ui.isBusy()).to.equal(true);
      await ui.back();
      await sleep(800);
    } finally {
      await unslow(fault);
    }
    expect(ui.step).to.equal('credentials');
    expect(ui.messageText()).to.equal('');
    expect(events.errors).to.deep.equal([]);
    expect(await countRequests('POST', PREPARE, since)).to.equal(1);
  });

  it('removed and re-added while the code is checked: nothing applied while away, one attempt, one activation', async () => {
    const { el, ui, events, since, email, fault } = await mountWithSlowRoute('POST /v1/client/sign_ins/*/attempt_second_factor', 500);
    const parent = el.parentElement!;
    try {
      await signInWithPassword(ui, email);
      await ui.waitForStep('second-factor');
      const code = totpCode();
      await ui.enterCode(code);
      expect(ui.isBusy()).to.equal(true);
      el.remove();
      await sleep(900); // the answer arrives while the element is away
      expect(events.signedIn).to.deep.equal([]);
      expect(await countRequests('POST', TOUCH, since)).to.equal(0);
      parent.append(el);
      await el.updateComplete;
      expect(ui.step).to.equal('second-factor');
      expect(ui.isBusy()).to.equal(false);
      // Clerk already accepted the code: submitting again only activates the session.
      await ui.enterCode(code);
      await ui.waitForStep('signed-in');
    } finally {
      await unslow(fault);
    }
    expect(await countRequests('POST', ATTEMPT, since)).to.equal(1);
    expect(await countRequests('POST', TOUCH, since)).to.equal(1);
    expect(events.signedIn).to.have.length(1);
    expect(events.steps.map((s) => s.step)).to.deep.equal(['second-factor', 'signed-in']);
  });

  it('removed and re-added while the password is checked: the retry is the only other sign-in', async () => {
    const { el, ui, events, since, email, fault } = await mountWithSlowRoute('POST /v1/client/sign_ins', 1500);
    const parent = el.parentElement!;
    try {
      await ui.fillCredentials(email, PASSWORD);
      await ui.submit();
      expect(ui.isBusy()).to.equal(true);
      // Removed once the request has left (on a busy machine that takes a moment), long before its answer.
      await sleep(300);
      el.remove();
      await sleep(1800);
      parent.append(el);
      await el.updateComplete;
      expect(ui.step, 'the answer that came while away is not applied').to.equal('credentials');
      expect(ui.input('identifier')!.value).to.equal(email);
    } finally {
      await unslow(fault);
    }
    await ui.fillPassword(PASSWORD);
    await ui.doubleClickSubmit();
    await ui.waitForStep('second-factor');
    await ui.waitForIdle();
    expect(await countRequests('POST', SIGN_INS, since), 'one before removal, one after').to.equal(2);
    expect(events.steps.map((s) => s.step)).to.deep.equal(['second-factor']);
  });
});
