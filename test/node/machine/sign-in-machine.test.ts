import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapFailure } from '../../../src/sign-in-failures.js';
import {
  blockedSecondsLeft,
  clientTrustFactors,
  initialState,
  orderSecondFactors,
  resendSecondsLeft,
  transition,
} from '../../../src/sign-in-machine.js';
import type { ActionFailure, Factor, SignInEvent, SignInSnapshot, SignInState, StepName } from '../../../src/sign-in-types.js';
import { isCompleteCode, normalizeCode } from '../../../src/strategies.js';

const NOW = 1_700_000_000_000;
const TOTP: Factor = { strategy: 'totp' };
const BACKUP: Factor = { strategy: 'backup_code' };
const PHONE: Factor = { strategy: 'phone_code', phoneNumberId: 'idn_1', safeIdentifier: '+1*******0100', default: true };
const EMAIL: Factor = { strategy: 'email_code', emailAddressId: 'idn_2', safeIdentifier: 'a***@example.com' };

function run(state: SignInState, ...events: SignInEvent[]): SignInState {
  return events.reduce(transition, state);
}

function pendingId(state: SignInState): number {
  assert.ok('pending' in state && state.pending, `expected a pending action at ${state.step}`);
  return state.pending.id;
}

function answer(state: SignInState, signIn: Partial<SignInSnapshot>): SignInState {
  return transition(state, {
    type: 'result',
    id: pendingId(state),
    outcome: { ok: true, value: { status: null, supportedSecondFactors: [], createdSessionId: null, ...signIn } },
    now: NOW,
  });
}

function fail(state: SignInState, failure: ActionFailure): SignInState {
  return transition(state, { type: 'result', id: pendingId(state), outcome: { ok: false, failure }, now: NOW });
}

const submitted = () => run(initialState('ada@example.com'), { type: 'submit', identifier: 'ada@example.com' });
const atSecondFactor = (factors: Factor[] = [TOTP, BACKUP, PHONE]) =>
  answer(submitted(), { status: 'needs_second_factor', supportedSecondFactors: factors });

describe('status after the password decides the next step', () => {
  const cases: { status: string | null; factors?: Factor[]; step: StepName; pending?: string; error?: string }[] = [
    { status: 'complete', step: 'credentials', pending: 'activate' },
    { status: 'needs_second_factor', factors: [TOTP, BACKUP], step: 'second-factor' },
    { status: 'needs_second_factor', factors: [PHONE], step: 'second-factor', pending: 'prepare' },
    { status: 'needs_second_factor', factors: [{ strategy: 'passkey' as never }], step: 'credentials', error: 'unsupportedStatus' },
    { status: 'needs_client_trust', factors: [EMAIL], step: 'client-trust', pending: 'prepare' },
    { status: 'needs_client_trust', factors: [TOTP], step: 'credentials', error: 'unsupportedStatus' },
    { status: 'needs_new_password', step: 'new-password' },
    { status: 'needs_first_factor', step: 'credentials', error: 'unsupportedStatus' },
    { status: 'needs_identifier', step: 'credentials', error: 'unsupportedStatus' },
    { status: 'needs_protect_check', step: 'credentials', error: 'unsupportedStatus' },
    { status: null, step: 'credentials', error: 'unsupportedStatus' },
  ];
  for (const c of cases) {
    it(`${c.status} with [${(c.factors ?? []).map((f) => f.strategy)}] → ${c.step}${c.pending ? ` + ${c.pending}` : ''}${c.error ? ` (${c.error})` : ''}`, () => {
      const next = answer(submitted(), {
        status: c.status,
        supportedSecondFactors: c.factors ?? [],
        createdSessionId: c.status === 'complete' ? 'sess_1' : null,
      });
      assert.equal(next.step, c.step);
      assert.ok('pending' in next);
      assert.equal(next.pending?.kind, c.pending);
      assert.equal(next.error?.key, c.error);
      assert.equal(next.identifier, 'ada@example.com');
    });
  }

  it('complete without a session id is an error, never a silent stop', () => {
    const next = answer(submitted(), { status: 'complete', createdSessionId: null });
    assert.equal(next.step, 'credentials');
    assert.ok('error' in next && next.error?.key === 'unsupportedStatus');
  });
});

describe('activation', () => {
  const activating = () => answer(submitted(), { status: 'complete', createdSessionId: 'sess_1' });
  it('active session → signed-in', () => {
    const s = activating();
    const next = transition(s, { type: 'result', id: pendingId(s), outcome: { ok: true, value: { id: 'sess_1', userId: 'u', status: 'active' } }, now: NOW });
    assert.deepEqual(next, { step: 'signed-in', sessionId: 'sess_1', userId: 'u', alreadySignedIn: false });
  });
  for (const task of ['choose-organization', 'reset-password', 'setup-mfa']) {
    it(`pending session with ${task} → task-required`, () => {
      const s = activating();
      const next = transition(s, {
        type: 'result',
        id: pendingId(s),
        outcome: { ok: true, value: { id: 'sess_1', userId: 'u', status: 'pending', taskKey: task } },
        now: NOW,
      });
      assert.deepEqual(next, { step: 'task-required', sessionId: 'sess_1', userId: 'u', taskKey: task, alreadySignedIn: false });
    });
  }
  it('an existing session on load → done with alreadySignedIn, only once', () => {
    const once = transition(initialState(), { type: 'existing-session', session: { id: 's', userId: 'u', status: 'active' } });
    assert.deepEqual(once, { step: 'signed-in', sessionId: 's', userId: 'u', alreadySignedIn: true });
    assert.equal(transition(once, { type: 'existing-session', session: { id: 's2', userId: 'u', status: 'active' } }), once);
  });
});

describe('one action in flight per step', () => {
  it('a second submit while pending is refused (same state object)', () => {
    const s = submitted();
    assert.equal(transition(s, { type: 'submit', identifier: 'x' }), s);
    const sf = run(atSecondFactor(), { type: 'submit' });
    assert.equal(transition(sf, { type: 'submit' }), sf);
    assert.equal(transition(sf, { type: 'resend' }), sf);
    assert.equal(transition(sf, { type: 'choose-method', factor: BACKUP }), sf);
  });
  it('stale results (wrong id) are ignored', () => {
    const s = submitted();
    const stale = transition(s, { type: 'result', id: pendingId(s) + 1, outcome: { ok: true, value: { status: 'complete', supportedSecondFactors: [], createdSessionId: 's' } }, now: NOW });
    assert.equal(stale, s);
    assert.equal(transition(s, { type: 'result', id: 999, outcome: { ok: false, failure: { code: 'x' } }, now: NOW }), s);
  });
  it('back cancels what is pending; its late answer is dropped', () => {
    const sf = run(atSecondFactor(), { type: 'submit' });
    const id = pendingId(sf);
    const back = transition(sf, { type: 'back' });
    assert.deepEqual([back.step, 'pending' in back && back.pending, 'identifier' in back && back.identifier], ['credentials', null, 'ada@example.com']);
    assert.equal(transition(back, { type: 'result', id, outcome: { ok: false, failure: { code: 'form_code_incorrect' } }, now: NOW }), back);
  });
  it('action ids only grow, across steps', () => {
    const a = submitted();
    const b = run(atSecondFactor(), { type: 'submit' });
    const c = run(b, { type: 'back' }, { type: 'submit', identifier: 'ada@example.com' });
    assert.ok(pendingId(b) > pendingId(a));
    assert.ok(pendingId(c) > pendingId(b));
  });
  it('cancel drops the pending action without changing step', () => {
    const s = run(atSecondFactor(), { type: 'submit' }, { type: 'cancel' });
    assert.equal(s.step, 'second-factor');
    assert.ok('pending' in s && s.pending === null);
  });
});

describe('second factor methods', () => {
  it('default order: totp, default phone, other phones, email, backup code; unsupported dropped', () => {
    const other: Factor = { strategy: 'phone_code', phoneNumberId: 'idn_9' };
    const ordered = orderSecondFactors([BACKUP, other, { strategy: 'passkey' as never }, EMAIL, PHONE, TOTP]);
    assert.deepEqual(ordered.map((f) => f.phoneNumberId ?? f.strategy), ['totp', 'idn_1', 'idn_9', 'email_code', 'backup_code']);
  });
  it('client trust offers email first, then phone', () => {
    assert.deepEqual(clientTrustFactors([TOTP, PHONE, EMAIL]).map((f) => f.strategy), ['email_code', 'phone_code']);
  });
  it('choosing SMS prepares it; the answer starts the resend countdown', () => {
    const s = run(atSecondFactor(), { type: 'choose-method', factor: PHONE });
    assert.ok(s.step === 'second-factor' && s.method.strategy === 'phone_code');
    assert.equal('pending' in s && s.pending?.kind, 'prepare');
    const sent = answer(s, { status: 'needs_second_factor', supportedSecondFactors: [TOTP, BACKUP, PHONE] });
    assert.ok(sent.step === 'second-factor' && sent.sentAt === NOW && sent.method.strategy === 'phone_code');
    assert.equal(resendSecondsLeft(sent, NOW), 30);
    assert.equal(resendSecondsLeft(sent, NOW + 29_001), 1);
    assert.equal(resendSecondsLeft(sent, NOW + 30_000), 0);
    const resent = transition(sent, { type: 'resend' });
    assert.equal('pending' in resent && resent.pending?.kind, 'prepare');
  });
  it('choosing totp or backup code needs no request; unknown or current method is ignored', () => {
    const s = atSecondFactor();
    const backup = transition(s, { type: 'choose-method', factor: BACKUP });
    assert.ok(backup.step === 'second-factor' && backup.method.strategy === 'backup_code' && !backup.pending);
    assert.equal(transition(s, { type: 'choose-method', factor: TOTP }), s);
    assert.equal(transition(s, { type: 'choose-method', factor: EMAIL }), s);
    assert.equal(transition(s, { type: 'resend' }), s, 'totp has nothing to resend');
  });
  it('submitting a code attempts the current strategy', () => {
    const s = run(atSecondFactor(), { type: 'choose-method', factor: BACKUP }, { type: 'submit' });
    assert.deepEqual('pending' in s && s.pending && { kind: s.pending.kind, strategy: 'strategy' in s.pending && s.pending.strategy }, { kind: 'attempt', strategy: 'backup_code' });
  });
  it('a correct code completes and activates', () => {
    const s = answer(run(atSecondFactor(), { type: 'submit' }), { status: 'complete', createdSessionId: 'sess_9' });
    assert.equal('pending' in s && s.pending?.kind === 'activate' && s.pending.sessionId, 'sess_9');
  });
  it('new password then second factor', () => {
    const np = answer(submitted(), { status: 'needs_new_password' });
    const s = answer(transition(np, { type: 'submit' }), { status: 'needs_second_factor', supportedSecondFactors: [TOTP] });
    assert.equal(s.step, 'second-factor');
  });
});

describe('errors map to a message and the field they belong to', () => {
  const table: { code: string; step: 'credentials' | 'second-factor' | 'new-password'; extra?: Partial<ActionFailure>; strategy?: 'backup_code'; key: string; field: string }[] = [
    { code: 'form_password_incorrect', step: 'credentials', extra: { paramName: 'password' }, key: 'passwordIncorrect', field: 'password' },
    { code: 'form_password_incorrect', step: 'credentials', key: 'passwordIncorrect', field: 'password' },
    { code: 'form_identifier_not_found', step: 'credentials', extra: { paramName: 'identifier' }, key: 'identifierNotFound', field: 'identifier' },
    { code: 'form_param_format_invalid', step: 'credentials', extra: { paramName: 'identifier' }, key: 'identifierInvalid', field: 'identifier' },
    { code: 'form_code_incorrect', step: 'second-factor', extra: { paramName: 'code' }, key: 'codeIncorrect', field: 'code' },
    { code: 'form_code_incorrect', step: 'second-factor', strategy: 'backup_code', key: 'backupCodeIncorrect', field: 'code' },
    { code: 'verification_expired', step: 'second-factor', key: 'codeExpired', field: 'code' },
    { code: 'verification_failed', step: 'second-factor', key: 'verificationFailed', field: 'code' },
    { code: 'strategy_for_user_invalid', step: 'second-factor', extra: { paramName: 'strategy' }, key: 'strategyInvalid', field: 'form' },
    { code: 'session_exists', step: 'credentials', key: 'sessionExists', field: 'form' },
    { code: 'too_many_requests', step: 'credentials', extra: { status: 429, retryAfterSeconds: 30 }, key: 'tooManyRequests', field: 'form' },
    { code: 'user_locked', step: 'credentials', extra: { status: 403, lockoutSeconds: 1800 }, key: 'userLocked', field: 'form' },
    { code: 'form_param_missing', step: 'credentials', extra: { paramName: 'password' }, key: 'fieldRequired', field: 'password' },
    { code: 'form_param_missing', step: 'second-factor', extra: { paramName: 'code' }, key: 'fieldRequired', field: 'code' },
    { code: 'form_param_nil', step: 'credentials', extra: { paramName: 'identifier' }, key: 'fieldRequired', field: 'identifier' },
    { code: 'form_password_pwned', step: 'credentials', key: 'passwordPwned', field: 'password' },
    { code: 'form_password_length_too_short', step: 'new-password', extra: { paramName: 'password' }, key: 'passwordTooShort', field: 'new-password' },
    { code: 'form_password_not_strong_enough', step: 'new-password', key: 'passwordWeak', field: 'new-password' },
    { code: 'form_new_password_matches_current', step: 'new-password', key: 'passwordSameAsCurrent', field: 'new-password' },
    { code: 'offline', step: 'second-factor', key: 'offline', field: 'form' },
    { code: 'network_error', step: 'credentials', key: 'network', field: 'form' },
    { code: 'clerk_load_failed', step: 'credentials', key: 'loadFailed', field: 'form' },
    { code: 'some_new_code', step: 'credentials', extra: { longMessage: 'Clerk says so.' }, key: 'unknown', field: 'form' },
  ];
  for (const row of table) {
    it(`${row.code}${row.extra?.paramName ? ` (${row.extra.paramName})` : ''}${row.strategy ? ` with ${row.strategy}` : ''} at ${row.step} → ${row.key} @ ${row.field}`, () => {
      const error = mapFailure({ code: row.code, ...row.extra }, row.step, NOW, row.strategy);
      assert.equal(error.key, row.key);
      assert.equal(error.field, row.field);
      assert.equal(error.code, row.code);
    });
  }
  it('unknown keeps Clerk long message', () => {
    assert.equal(mapFailure({ code: 'x', longMessage: 'Long.' }, 'credentials', NOW).longMessage, 'Long.');
  });
  it('Retry-After and lockout become deadlines', () => {
    assert.equal(mapFailure({ code: 'too_many_requests', retryAfterSeconds: 30 }, 'credentials', NOW).retryAt, NOW + 30_000);
    assert.equal(mapFailure({ code: 'user_locked', lockoutSeconds: 60 }, 'credentials', NOW).lockedUntil, NOW + 60_000);
    assert.equal(mapFailure({ code: 'too_many_requests' }, 'credentials', NOW).retryAt, undefined);
  });
  it('a failure clears pending and keeps the step; editing the field clears its error', () => {
    const s = fail(submitted(), { code: 'form_password_incorrect', paramName: 'password' });
    assert.ok(s.step === 'credentials' && !s.pending && s.error?.field === 'password');
    assert.equal(transition(s, { type: 'edit', field: 'identifier' }), s);
    const edited = transition(s, { type: 'edit', field: 'password' });
    assert.ok(edited.step === 'credentials' && edited.error === null);
  });
  it('rate limit and lockout stay until the wait is over', () => {
    const s = fail(submitted(), { code: 'user_locked', lockoutSeconds: 90 });
    assert.equal(blockedSecondsLeft(s, NOW), 90);
    assert.equal(blockedSecondsLeft(s, NOW + 89_500), 1);
    assert.equal(transition(s, { type: 'edit', field: 'form' }), s);
    assert.equal(transition(s, { type: 'tick', now: NOW + 89_500 }), s);
    const over = transition(s, { type: 'tick', now: NOW + 90_000 });
    assert.ok(over.step === 'credentials' && over.error === null);
  });
});

describe('codes', () => {
  const cases: [string, 'totp' | 'backup_code' | 'phone_code', string, boolean][] = [
    ['123456', 'totp', '123456', true],
    ['123 456', 'totp', '123456', true],
    ['123-456', 'phone_code', '123456', true],
    [' 12 34 56 ', 'totp', '123456', true],
    ['１２３４５６', 'totp', '123456', true],
    ['12345', 'totp', '12345', false],
    ['1234567', 'totp', '1234567', false],
    ['abcd-EFGH', 'backup_code', 'abcdefgh', true],
    [' abcd efgh ', 'backup_code', 'abcdefgh', true],
    ['', 'backup_code', '', false],
  ];
  for (const [raw, strategy, normalized, complete] of cases) {
    it(`${JSON.stringify(raw)} as ${strategy} → ${normalized} (${complete ? 'complete' : 'incomplete'})`, () => {
      assert.equal(normalizeCode(raw, strategy), normalized);
      assert.equal(isCompleteCode(normalized, strategy), complete);
    });
  }
});
