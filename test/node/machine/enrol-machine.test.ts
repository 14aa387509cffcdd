import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapEnrolFailure } from '../../../src/mfa/enrol-failures.js';
import { resendLeft, RESEND_SECONDS } from '../../../src/countdown.js';
import { enrolTransition, initialEnrolState, resendSentAt } from '../../../src/mfa/enrol-machine.js';

const resendSecondsLeft = (s: Parameters<typeof resendSentAt>[0], now: number) => resendLeft(resendSentAt(s), now);
import type { EnrolAnswer, EnrolEvent, EnrolState, EnrolValue } from '../../../src/mfa/enrol-types.js';
import { MFA_EN } from '../../../src/mfa/strings.js';

const NOW = 1_700_000_000_000;
const BOTH = ['totp', 'phone_code'] as const;

function run(state: EnrolState, ...events: EnrolEvent[]): EnrolState {
  return events.reduce(enrolTransition, state);
}

/** Answers the pending action. */
function answer(state: EnrolState, outcome: EnrolAnswer | EnrolValue, now = NOW): EnrolState {
  assert.ok(state.pending, `nothing pending at ${state.view}`);
  const full: EnrolAnswer = 'ok' in outcome ? (outcome as EnrolAnswer) : { ok: true, value: outcome };
  return enrolTransition(state, { type: 'result', id: state.pending.id, outcome: full, now });
}

const fail = (code: string, key: keyof typeof MFA_EN = 'unknown', field: 'code' | 'form' | 'phone' | 'password' = 'form'): EnrolAnswer => ({ ok: false, error: { code, key, field } });

describe('enrolment machine', () => {
  it('offers the methods the instance allows; one method starts at once (the authenticator app asks for its key)', () => {
    assert.equal(initialEnrolState(BOTH).view, 'choose');
    const totp = initialEnrolState(['totp']);
    assert.deepEqual([totp.view, totp.pending?.kind], ['totp', 'create-totp']);
    assert.equal(initialEnrolState(['phone_code']).view, 'phone');
  });

  it('authenticator app: key → code → backup codes, confirmed → enrolled', () => {
    let s = run(initialEnrolState(BOTH), { type: 'choose', method: 'totp' });
    s = answer(s, { secret: 'ABCD', uri: 'otpauth://totp/x?secret=ABCD' });
    assert.deepEqual([s.view, s.view === 'totp' && s.secret], ['totp', 'ABCD']);
    s = run(s, { type: 'submit' });
    assert.equal(s.pending?.kind, 'verify-totp');
    s = answer(s, fail('form_code_incorrect', 'codeIncorrect', 'code'));
    assert.deepEqual([s.view, s.error?.key], ['totp', 'codeIncorrect']);
    s = answer(run(s, { type: 'submit' }), { backupCodes: ['a', 'b'] });
    assert.equal(s.view, 'backup-codes');
    const refused = run(s, { type: 'continue' });
    assert.deepEqual([refused.view, refused.error?.field], ['backup-codes', 'saved']);
    s = run(refused, { type: 'saved', saved: true }, { type: 'continue' });
    assert.deepEqual([s.view, s.view === 'enrolled' && s.method], ['enrolled', 'totp']);
  });

  it('no backup codes from Clerk (the user had some): enrolled at once', () => {
    let s = answer(initialEnrolState(['totp']), { secret: 'A', uri: 'otpauth://x' });
    s = answer(run(s, { type: 'submit' }), { backupCodes: null });
    assert.equal(s.view, 'enrolled');
  });

  it('SMS: number → code sent (where to) → reserved → backup codes; resend only after the countdown (the controller checks), same number', () => {
    let s = run(initialEnrolState(BOTH), { type: 'choose', method: 'phone_code' }, { type: 'submit', phoneNumber: '+1 555 555 0100' });
    assert.equal(s.pending?.kind, 'create-phone');
    s = answer(s, { phoneId: 'idn_1' });
    assert.deepEqual([s.view, s.pending?.kind], ['phone-code', 'prepare-phone']);
    s = answer(s, {}, NOW);
    assert.equal(resendSecondsLeft(s, NOW + 1000), RESEND_SECONDS - 1);
    assert.equal(resendSecondsLeft(s, NOW + RESEND_SECONDS * 1000), 0);
    assert.equal(s.view === 'phone-code' && s.phoneNumber, '+1 555 555 0100');
    const resent = run(s, { type: 'resend' });
    assert.deepEqual(resent.pending, { id: s.seq + 1, kind: 'prepare-phone', phoneId: 'idn_1' });
    s = answer(run(s, { type: 'submit' }), {});
    assert.equal(s.pending?.kind, 'reserve-phone');
    s = answer(s, { backupCodes: ['c'] });
    assert.deepEqual([s.view, s.view === 'backup-codes' && s.method], ['backup-codes', 'phone_code']);
  });

  it('reverification: the refused action is asked again once after the password; a second refusal is shown', () => {
    let s = run(initialEnrolState(BOTH), { type: 'choose', method: 'totp' });
    const refused = s.pending!;
    s = answer(s, fail('session_reverification_required'));
    assert.equal(s.view, 'reverify');
    s = answer(run(s, { type: 'submit' }), fail('form_password_incorrect', 'passwordIncorrect', 'password'));
    assert.deepEqual([s.view, s.error?.field], ['reverify', 'password']);
    s = answer(run(s, { type: 'submit' }), {});
    assert.deepEqual([s.view, s.pending?.kind], ['totp', refused.kind]);
    assert.ok(s.pending!.id > refused.id);
    s = answer(s, fail('session_reverification_required'));
    assert.deepEqual([s.view, s.error?.code], ['totp', 'session_reverification_required']);
  });

  it('"Use another method" goes back to the list, and abandons nothing mid-flight', () => {
    const pending = run(initialEnrolState(BOTH), { type: 'choose', method: 'totp' });
    assert.equal(run(pending, { type: 'back' }), pending);
    const ready = answer(pending, { secret: 'A', uri: 'otpauth://x' });
    assert.equal(run(ready, { type: 'back' }).view, 'choose');
    assert.equal(run(initialEnrolState(['totp']), { type: 'back' }).view, 'totp');
  });

  it('property: answers whose id is not pending change nothing; one action at a time', () => {
    const events = fc.oneof(
      fc.constant<EnrolEvent>({ type: 'submit', phoneNumber: '+15555550100' }),
      fc.constantFrom<EnrolEvent>({ type: 'choose', method: 'totp' }, { type: 'choose', method: 'phone_code' }, { type: 'back' }, { type: 'resend' }, { type: 'continue' }),
      fc.boolean().map<EnrolEvent>((saved) => ({ type: 'saved', saved })),
    );
    fc.assert(
      fc.property(fc.array(events, { maxLength: 12 }), fc.integer({ min: 1, max: 50 }), (list, staleId) => {
        let s = initialEnrolState(BOTH);
        for (const event of list) {
          const before = s;
          s = enrolTransition(s, event);
          if (before.pending) assert.equal(s, before, 'nothing starts while an action is pending');
          if (s.pending && s.pending.id !== staleId) {
            assert.equal(enrolTransition(s, { type: 'result', id: staleId, outcome: { ok: true, value: {} }, now: NOW }), s);
          }
          if (s.pending) s = answer(s, { secret: 'A', uri: 'otpauth://x', phoneId: 'idn_1', backupCodes: ['a'] });
        }
      }),
    );
  });

  it('failures: a wrong code on the code field, a taken number on the phone field, the network at the top', () => {
    const attempt = { id: 1, kind: 'attempt-phone', phoneId: 'p' } as const;
    assert.deepEqual(mapEnrolFailure({ code: 'form_code_incorrect' }, attempt), { code: 'form_code_incorrect', key: 'codeIncorrect', field: 'code' });
    assert.deepEqual(mapEnrolFailure({ code: 'form_identifier_exists' }, { id: 1, kind: 'create-phone' }), { code: 'form_identifier_exists', key: 'phoneExists', field: 'phone' });
    assert.deepEqual(mapEnrolFailure({ code: 'network_error' }, attempt).field, 'form');
    assert.deepEqual(mapEnrolFailure({ code: 'form_code_incorrect' }, { id: 1, kind: 'create-totp' }).field, 'form');
  });
});
