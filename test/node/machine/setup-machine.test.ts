import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { availablePhones, firstStrategy, initialSetupState, setupTransition } from '../../../src/setup/setup-machine.js';
import { mapSetupFailure } from '../../../src/setup/setup-failures.js';
import type { Factors, SetupAnswer, SetupEvent, SetupState, SetupValue, VerificationStep } from '../../../src/setup/setup-types.js';

const NOW = 1_700_000_000_000;

const FACTORS: Factors = {
  totp: true,
  backupCodes: true,
  phones: [
    { id: 'p1', phoneNumber: '+15555550100', reserved: true, defaultSecondFactor: true, verified: true },
    { id: 'p2', phoneNumber: '+15555550101', reserved: false, defaultSecondFactor: false, verified: true },
    { id: 'p3', phoneNumber: '+15555550102', reserved: false, defaultSecondFactor: false, verified: false },
  ],
};

function run(state: SetupState, ...events: SetupEvent[]): SetupState {
  return events.reduce(setupTransition, state);
}

function answer(state: SetupState, outcome: SetupAnswer | SetupValue): SetupState {
  assert.ok(state.pending, `nothing pending at ${state.view}`);
  const full: SetupAnswer = 'ok' in outcome ? (outcome as SetupAnswer) : { ok: true, value: outcome };
  return setupTransition(state, { type: 'result', id: state.pending.id, outcome: full, now: NOW });
}

const fail = (code: string): SetupAnswer => ({ ok: false, error: { code, key: 'unknown', field: 'form' } });
const REVERIFY = fail('session_reverification_required');

/** The overview of a user with `factors`. */
const overview = (factors: Factors = FACTORS) => answer(initialSetupState(), { factors });

describe('setup machine', () => {
  it('reads who is signed in first: their factors, or signed out', () => {
    const s = initialSetupState();
    assert.deepEqual([s.view, s.pending?.kind], ['loading', 'load']);
    assert.equal(overview().view, 'overview');
    assert.equal(answer(s, { factors: null }).view, 'signed-out');
    const failed = answer(s, fail('network_error'));
    assert.deepEqual([failed.view, failed.error?.code], ['loading', 'network_error']);
  });

  it('removes the authenticator app after a confirmation, then reads the factors again and says so', () => {
    let s = run(overview(), { type: 'remove', removal: { method: 'totp' } });
    assert.equal(s.view, 'confirm-remove');
    assert.equal(run(s, { type: 'cancel' }).view, 'overview');
    s = run(s, { type: 'submit' });
    assert.equal(s.pending?.kind, 'disable-totp');
    assert.equal(run(s, { type: 'submit' }), s, 'a second click sends nothing');
    s = answer(s, {});
    assert.deepEqual([s.view, s.pending?.kind, s.notice?.key], ['overview', 'load', 'totpRemoved']);
  });

  it('a number removed or made the default is named in the announcement', () => {
    let s = run(overview(), { type: 'remove', removal: { method: 'phone_code', phoneId: 'p1', phoneNumber: '+15555550100' } }, { type: 'submit' });
    assert.deepEqual(s.pending, { id: s.seq, kind: 'unreserve-phone', phoneId: 'p1' });
    s = answer(s, {});
    assert.deepEqual(s.notice, { key: 'phoneRemoved', values: { mfaPhoneCode: '+15555550100' } });
    s = run(answer(s, { factors: FACTORS }), { type: 'call', call: { kind: 'make-default', phoneId: 'p1' } });
    assert.equal(s.pending?.kind, 'make-default');
    assert.deepEqual(answer(s, {}).notice, { key: 'defaultChanged', values: { identifier: '+15555550100' } });
  });

  it('regenerated backup codes are shown once; Finish goes back to the overview without them', () => {
    let s = run(overview(), { type: 'call', call: { kind: 'regenerate' } });
    s = answer(s, { codes: ['a', 'b'] });
    assert.deepEqual([s.view, s.view === 'backup-codes' && s.codes, s.view === 'backup-codes' && s.regenerated], ['backup-codes', ['a', 'b'], true]);
    assert.equal(s.pending?.kind, 'load', 'the overview behind them reads the factors again');
    s = run(s, { type: 'submit' });
    assert.equal(s.view, 'overview');
    assert.ok(!('codes' in s), 'no code stays in the state');
  });

  it('"Add phone number" offers the verified numbers not yet used first, then a new one', () => {
    const s = run(overview(), { type: 'add', adding: 'phone' });
    assert.deepEqual([s.view, s.view === 'adding' && s.adding], ['adding', 'pick-phone']);
    assert.deepEqual(availablePhones(s).map((p) => p.id), ['p2']);
    const fresh = run(s, { type: 'add', adding: 'phone' });
    assert.equal(fresh.view === 'adding' && fresh.adding, 'phone');
    const back = run(fresh, { type: 'cancel' });
    assert.equal(back.view === 'adding' && back.adding, 'pick-phone', 'back to the numbers');
    const picked = run(s, { type: 'call', call: { kind: 'reserve-phone', phoneId: 'p2' } });
    assert.equal(picked.pending?.kind, 'reserve-phone');
    const none = { ...FACTORS, phones: [FACTORS.phones[0]!] };
    const direct = run(overview(none), { type: 'add', adding: 'phone' });
    assert.equal(direct.view === 'adding' && direct.adding, 'phone', 'no verified number to pick: a new one at once');
  });

  it('the enrolment finishing goes back to the overview, announced', () => {
    let s = run(overview(), { type: 'add', adding: 'totp' }, { type: 'enrolled', method: 'totp' });
    assert.deepEqual([s.view, s.notice?.key, s.pending?.kind], ['overview', 'totpEnabled', 'load']);
    s = run(overview(), { type: 'add', adding: 'phone' }, { type: 'add', adding: 'phone' }, { type: 'enrolled', method: 'phone_code' });
    assert.equal(s.notice?.key, 'phoneEnabled');
  });

  it('reverification: the second factor Clerk asks for, then the refused change once more', () => {
    let s = run(overview(), { type: 'call', call: { kind: 'regenerate' } });
    s = answer(s, REVERIFY);
    assert.deepEqual([s.view, s.pending?.kind], ['reverify', 'start-verification']);
    const step: VerificationStep = { status: 'needs_second_factor', factors: [{ strategy: 'phone_code', phoneNumberId: 'p1', safeIdentifier: '+1•••0100' }, { strategy: 'totp' }, { strategy: 'backup_code' }] };
    s = answer(s, { verification: step });
    assert.equal(s.view === 'reverify' && s.strategy, 'totp', 'the authenticator app first');
    s = run(s, { type: 'choose-factor', strategy: 'phone_code' });
    assert.deepEqual(s.pending, { id: s.seq, kind: 'prepare-verification', phoneId: 'p1' }, 'the SMS code is sent at once');
    s = answer(s, { verification: step });
    assert.equal(s.view === 'reverify' && s.sentAt, NOW);
    s = run(s, { type: 'submit' });
    assert.deepEqual(s.pending, { id: s.seq, kind: 'attempt-verification', strategy: 'phone_code' });
    const wrong = answer(s, { ok: false, error: { code: 'form_code_incorrect', key: 'codeIncorrect', field: 'code' } });
    assert.deepEqual([wrong.view, wrong.error?.field], ['reverify', 'code']);
    s = answer(run(wrong, { type: 'submit' }), { verification: { status: 'complete', factors: [] } });
    assert.deepEqual([s.view, s.pending?.kind], ['overview', 'regenerate'], 'the change once more');
    const again = answer(s, REVERIFY);
    assert.deepEqual([again.view, again.error?.code], ['overview', 'session_reverification_required'], 'refused twice: shown, not asked again');
  });

  it('reverification with the password for a user without a second factor; cancel goes back', () => {
    let s = run(overview(), { type: 'remove', removal: { method: 'totp' } }, { type: 'submit' });
    s = answer(answer(s, REVERIFY), { verification: { status: 'needs_first_factor', factors: [{ strategy: 'password' }] } });
    assert.equal(s.view === 'reverify' && s.strategy, 'password');
    assert.equal(run(s, { type: 'cancel' }).view, 'confirm-remove');
    const none = answer(answer(run(overview(), { type: 'call', call: { kind: 'regenerate' } }), REVERIFY), { verification: { status: 'needs_first_factor', factors: [] } });
    assert.equal(none.error?.key, 'noMethods');
  });

  it('the enrolment asking for a reverification comes back to it once verified', () => {
    let s = run(overview(), { type: 'add', adding: 'totp' }, { type: 'enrol-reverify' });
    assert.equal(s.view, 'reverify');
    s = answer(s, { verification: { status: 'needs_first_factor', factors: [{ strategy: 'password' }] } });
    s = answer(run(s, { type: 'submit' }), { verification: { status: 'complete', factors: [] } });
    assert.deepEqual([s.view, s.view === 'adding' && s.adding, s.pending], ['adding', 'totp', null]);
  });

  it('first factor to ask for: the authenticator app, else a number, else a backup code; the password for the first factor', () => {
    assert.equal(firstStrategy({ status: 'needs_second_factor', factors: [{ strategy: 'backup_code' }, { strategy: 'phone_code' }] }), 'phone_code');
    assert.equal(firstStrategy({ status: 'needs_first_factor', factors: [{ strategy: 'password' }] }), 'password');
    assert.equal(firstStrategy({ status: 'needs_first_factor', factors: [] }), null);
  });

  it('failures: a specific message for each error of these endpoints', () => {
    const at = (code: string, kind: 'regenerate' | 'reserve-phone' = 'regenerate') =>
      mapSetupFailure({ code }, kind === 'regenerate' ? { id: 1, kind } : { id: 1, kind, phoneId: 'p' }).key;
    assert.equal(at('backup_codes_not_available_code'), 'backupCodesUnavailable');
    assert.equal(at('resource_not_found'), 'notFound');
    assert.equal(at('totp_already_enabled'), 'totpExists');
    assert.equal(at('form_param_format_invalid', 'reserve-phone'), 'phoneNotVerified');
    assert.equal(at('too_many_requests'), 'tooManyRequests');
    assert.equal(at('network_error'), 'network');
    const code = mapSetupFailure({ code: 'form_code_incorrect' }, { id: 1, kind: 'attempt-verification', strategy: 'totp' });
    assert.deepEqual([code.key, code.field], ['codeIncorrect', 'code']);
    const password = mapSetupFailure({ code: 'form_password_incorrect' }, { id: 1, kind: 'attempt-verification', strategy: 'password' });
    assert.deepEqual([password.key, password.field], ['passwordIncorrect', 'password']);
  });

  it('any sequence of events: one action at a time, ids only grow, a stale answer changes nothing', () => {
    const event = fc.oneof(
      fc.constant<SetupEvent>({ type: 'refresh' }),
      fc.constantFrom<SetupEvent>({ type: 'add', adding: 'totp' }, { type: 'add', adding: 'phone' }, { type: 'remove', removal: { method: 'totp' } }),
      fc.constantFrom<SetupEvent>({ type: 'call', call: { kind: 'regenerate' } }, { type: 'call', call: { kind: 'make-default', phoneId: 'p1' } }),
      fc.constantFrom<SetupEvent>({ type: 'submit' }, { type: 'cancel' }, { type: 'enrol-reverify' }, { type: 'enrolled', method: 'totp' }, { type: 'choose-factor', strategy: 'backup_code' }),
      fc.constantFrom<SetupAnswer>(
        { ok: true, value: { factors: FACTORS } },
        { ok: true, value: { codes: ['x'] } },
        { ok: true, value: { verification: { status: 'needs_second_factor', factors: [{ strategy: 'totp' }, { strategy: 'backup_code' }] } } },
        { ok: true, value: { verification: { status: 'complete', factors: [] } } },
        REVERIFY,
        fail('network_error'),
      ).map((outcome) => ({ type: 'answer' as const, outcome })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let s = initialSetupState();
        for (const e of events) {
          const before = s;
          if (e.type === 'answer') {
            const stale = setupTransition(s, { type: 'result', id: s.seq + 1, outcome: e.outcome, now: NOW });
            assert.equal(stale, s, 'an answer to no pending action is dropped');
            if (s.pending) s = setupTransition(s, { type: 'result', id: s.pending.id, outcome: e.outcome, now: NOW });
          } else {
            s = setupTransition(s, e);
          }
          assert.ok(s.seq >= before.seq);
          if (s.pending && s.pending !== before.pending) assert.ok(s.pending.id > (before.pending?.id ?? 0));
          if (s.view === 'overview' || s.view === 'adding' || s.view === 'confirm-remove') assert.ok(s.factors, `${s.view} without factors`);
        }
      }),
    );
  });
});
