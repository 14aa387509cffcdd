// "Forgot password?" as the controller runs it: `recover` first, then the machine's `transition`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recover } from '../../../src/recovery-machine.js';
import { mapFailure } from '../../../src/sign-in-failures.js';
import { initialState, resendSecondsLeft, transition } from '../../../src/sign-in-machine.js';
import type { ActionFailure, Factor, SignInEvent, SignInSnapshot, SignInState } from '../../../src/sign-in-types.js';

const NOW = 1_700_000_000_000;
const EMAIL = 'ada@example.com';
const SENT_TO: Factor = { strategy: 'email_code', emailAddressId: 'idn_email', safeIdentifier: EMAIL };

const step = (state: SignInState, event: SignInEvent) => recover(state, event) ?? transition(state, event);
const run = (state: SignInState, ...events: SignInEvent[]) => events.reduce(step, state);

function pending(state: SignInState) {
  assert.ok('pending' in state && state.pending, `expected a pending action at ${state.step}`);
  return state.pending;
}

function answer(state: SignInState, signIn: Partial<SignInSnapshot>, now = NOW): SignInState {
  const value = { status: null, supportedSecondFactors: [], createdSessionId: null, ...signIn };
  return step(state, { type: 'result', id: pending(state).id, outcome: { ok: true, value }, now });
}

function fail(state: SignInState, failure: ActionFailure): SignInState {
  const error = mapFailure(failure, state.step, NOW, 'email_code');
  return step(state, { type: 'result', id: pending(state).id, outcome: { ok: false, error }, now: NOW });
}

const forgot = (identifier = EMAIL) => run(initialState(), { type: 'forgot-password', identifier });
const atResetCode = () => answer(forgot(), { status: 'needs_first_factor', resetFactor: SENT_TO });
const atNewPassword = () => answer(run(atResetCode(), { type: 'submit' }), { status: 'needs_new_password' });

describe('"Forgot password?"', () => {
  it('sends the code to the email typed, then shows where it went, with the resend countdown', () => {
    const sending = forgot();
    assert.equal(sending.step, 'credentials');
    assert.deepEqual(pending(sending), { id: 1, kind: 'send-reset-code', resend: false });
    assert.equal('identifier' in sending && sending.identifier, EMAIL);

    const sent = answer(sending, { status: 'needs_first_factor', resetFactor: SENT_TO });
    assert.equal(sent.step, 'reset-code');
    assert.ok(sent.step === 'reset-code');
    assert.deepEqual(sent.method, SENT_TO);
    assert.equal(sent.identifier, EMAIL);
    assert.equal(resendSecondsLeft(sent, NOW), 30);
    assert.equal(resendSecondsLeft(sent, NOW + 30_000), 0);
  });

  it('is refused while anything is under way: a second click, or the password being checked', () => {
    const sending = forgot();
    assert.equal(step(sending, { type: 'forgot-password', identifier: 'bob@example.com' }), sending);
    const checking = run(initialState(), { type: 'submit', identifier: EMAIL });
    assert.equal(step(checking, { type: 'forgot-password', identifier: EMAIL }), checking);
    const codeStep = atResetCode();
    assert.equal(step(codeStep, { type: 'forgot-password', identifier: EMAIL }), codeStep, 'only from the first step');
  });

  it('a failure to send stays on the first step, with its message where Clerk puts it', () => {
    const notFound = fail(forgot(), { code: 'form_identifier_not_found', paramName: 'identifier' });
    assert.equal(notFound.step, 'credentials');
    assert.equal('error' in notFound && notFound.error?.field, 'identifier');
    const unavailable = fail(forgot(), { code: 'reset_password_unavailable' });
    assert.equal('error' in unavailable && unavailable.error?.key, 'resetUnavailable');
    assert.equal('error' in unavailable && unavailable.error?.field, 'form');
  });

  it('checks the code; a wrong one stays, on the code field; the right one asks for the new password', () => {
    const checking = run(atResetCode(), { type: 'submit' });
    assert.deepEqual(pending(checking), { id: 2, kind: 'check-reset-code' });
    assert.equal(step(checking, { type: 'submit' }), checking, 'one check at a time');
    const wrong = fail(checking, { code: 'form_code_incorrect', paramName: 'code' });
    assert.equal(wrong.step, 'reset-code');
    assert.equal('error' in wrong && wrong.error?.key, 'codeIncorrect');
    assert.equal('error' in wrong && wrong.error?.field, 'code');
    const expired = fail(run(wrong, { type: 'submit' }), { code: 'verification_expired', paramName: 'code' });
    assert.equal('error' in expired && expired.error?.key, 'codeExpired');

    const next = answer(run(expired, { type: 'submit' }), { status: 'needs_new_password' });
    assert.equal(next.step, 'new-password');
    assert.equal(next.step === 'new-password' && next.recovery, true);
    assert.equal('identifier' in next && next.identifier, EMAIL);
  });

  it('resends the code once the countdown is over, staying on the step', () => {
    const resending = run(atResetCode(), { type: 'resend' });
    assert.deepEqual(pending(resending), { id: 2, kind: 'send-reset-code', resend: true });
    const later = NOW + 45_000;
    const resent = answer(resending, { status: 'needs_first_factor', resetFactor: SENT_TO }, later);
    assert.equal(resent.step, 'reset-code');
    assert.equal(resendSecondsLeft(resent, later), 30);
  });

  it('"Back" returns to the first step with the email kept, from the code and from the new password', () => {
    for (const state of [atResetCode(), run(atResetCode(), { type: 'submit' }), atNewPassword()]) {
      const back = run(state, { type: 'back' });
      assert.equal(back.step, 'credentials');
      assert.equal('identifier' in back && back.identifier, EMAIL);
      assert.equal('pending' in back && back.pending, null);
    }
  });

  it('after the new password, goes on as any sign-in: the second factor, or the session', () => {
    const resetting = run(atNewPassword(), { type: 'submit' });
    assert.equal(pending(resetting).kind, 'reset-password');
    const secondFactor = answer(resetting, { status: 'needs_second_factor', supportedSecondFactors: [{ strategy: 'totp' }] });
    assert.equal(secondFactor.step, 'second-factor');
    const complete = answer(run(atNewPassword(), { type: 'submit' }), { status: 'complete', createdSessionId: 'sess_1' });
    assert.deepEqual(pending(complete), { id: 4, kind: 'activate', sessionId: 'sess_1' });
  });

  it('leaves every other event to the machine', () => {
    const credentials = initialState(EMAIL);
    assert.equal(recover(credentials, { type: 'submit', identifier: EMAIL }), undefined);
    assert.equal(recover(atNewPassword(), { type: 'submit' }), undefined);
    assert.equal(recover(atResetCode(), { type: 'back' }), undefined);
    assert.equal(recover(forgot(), { type: 'result', id: 99, outcome: { ok: true, value: { status: null, supportedSecondFactors: [], createdSessionId: null } }, now: NOW }), undefined);
  });
});
