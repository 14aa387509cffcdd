/**
 * Enrolling a second factor as a pure state machine: no DOM, no Clerk, no clock.
 *
 * Authenticator app: the secret (QR code and key) → its first code → the backup codes → enrolled.
 * SMS: the number → the code sent to it → reserved for sign-in → the backup codes, when Clerk made
 * some → enrolled. When Clerk refuses an action with `session_reverification_required`, the
 * password is asked for and the action runs again once. As in the sign-in, a state's `pending`
 * names the one action the controller runs; an answer whose id is not pending is dropped.
 */
import type {
  EnrolAction,
  EnrolAnswer,
  EnrolEvent,
  EnrolMethod,
  EnrolState,
  EnrolValue,
  PhoneCodeState,
  ResumableState,
} from './enrol-types.js';


const REVERIFICATION_REQUIRED = 'session_reverification_required';

type Make = (id: number) => EnrolAction;

function withPending<S extends EnrolState>(state: S, make: Make): S {
  const id = state.seq + 1;
  return { ...state, seq: id, pending: make(id), error: null };
}

/** The first view of `method`: the authenticator app asks Clerk for its secret at once. */
function start(state: EnrolState, method: EnrolMethod): EnrolState {
  const base = { methods: state.methods, pending: null, error: null, seq: state.seq };
  if (method === 'phone_code') return { ...base, view: 'phone', phoneNumber: '' };
  return withPending({ ...base, view: 'totp', secret: null, uri: null }, (id) => ({ id, kind: 'create-totp' }));
}

/** Where enrolment begins: the list of methods, or the only one. */
export function initialEnrolState(methods: readonly EnrolMethod[]): EnrolState {
  const state: EnrolState = { view: 'choose', methods, pending: null, error: null, seq: 0 };
  return methods.length === 1 ? start(state, methods[0]!) : state;
}

/** Enrolled: the backup codes first when Clerk made some. */
function enrolled(state: EnrolState, method: EnrolMethod, codes: readonly string[] | null | undefined): EnrolState {
  const base = { methods: state.methods, pending: null, error: null, seq: state.seq };
  return codes?.length ? { ...base, view: 'backup-codes', method, codes, saved: false } : { ...base, view: 'enrolled', method };
}

function succeeded(state: EnrolState, action: EnrolAction, value: EnrolValue, now: number): EnrolState {
  const idle = { ...state, pending: null, error: null };
  switch (action.kind) {
    case 'create-totp':
      return state.view === 'totp' ? { ...state, pending: null, secret: value.secret ?? null, uri: value.uri ?? null } : idle;
    case 'verify-totp':
      return enrolled(state, 'totp', value.backupCodes);
    case 'create-phone': {
      if (state.view !== 'phone' || !value.phoneId) return idle;
      const phoneId = value.phoneId;
      const next: PhoneCodeState = { ...idle, view: 'phone-code', phoneId, phoneNumber: state.phoneNumber, sentAt: null };
      return withPending(next, (id) => ({ id, kind: 'prepare-phone', phoneId }));
    }
    case 'prepare-phone':
      return state.view === 'phone-code' ? { ...state, pending: null, error: null, sentAt: now } : idle;
    case 'attempt-phone':
      return withPending(idle, (id) => ({ id, kind: 'reserve-phone', phoneId: action.phoneId }));
    case 'reserve-phone':
      return enrolled(state, 'phone_code', value.backupCodes);
    case 'reverify':
      return retried(state, idle);
  }
}

/** After the reverification: the refused action, once more. */
function retried(state: EnrolState, otherwise: EnrolState): EnrolState {
  if (state.view !== 'reverify') return otherwise;
  return withPending({ ...state.resume, reverified: true }, (id) => ({ ...state.retry, id }));
}

function answered(state: EnrolState, action: EnrolAction, outcome: EnrolAnswer, now: number): EnrolState {
  if (outcome.ok) return succeeded(state, action, outcome.value, now);
  const { error } = outcome;
  const resumable = state.view === 'totp' || state.view === 'phone' || state.view === 'phone-code';
  if (error.code === REVERIFICATION_REQUIRED && resumable && !state.reverified) {
    const resume: ResumableState = { ...state, pending: null, error: null };
    return { methods: state.methods, pending: null, error: null, seq: state.seq, view: 'reverify', resume, retry: action };
  }
  return { ...state, pending: null, error };
}

/** The action `submit` starts on each view (none where the view has no form to send). */
function submitted(state: EnrolState, phoneNumber: string | undefined): EnrolState {
  switch (state.view) {
    case 'totp':
      return state.secret ? withPending(state, (id) => ({ id, kind: 'verify-totp' })) : state;
    case 'phone':
      return withPending({ ...state, phoneNumber: phoneNumber ?? state.phoneNumber }, (id) => ({ id, kind: 'create-phone' }));
    case 'phone-code': {
      const { phoneId } = state;
      return withPending(state, (id) => ({ id, kind: 'attempt-phone', phoneId }));
    }
    case 'reverify':
      return withPending(state, (id) => ({ id, kind: 'reverify' }));
    case 'backup-codes':
      return continued(state);
  }
  return state;
}

function continued(state: EnrolState): EnrolState {
  if (state.view !== 'backup-codes') return state;
  if (!state.saved) return { ...state, error: { code: 'form_param_missing', key: 'savedRequired', field: 'saved' } };
  return { methods: state.methods, pending: null, error: null, seq: state.seq, view: 'enrolled', method: state.method };
}

/** The one transition function. Returns the same object when the event is refused or irrelevant. */
export function enrolTransition(state: EnrolState, event: EnrolEvent): EnrolState {
  if (state.view === 'enrolled') return state;
  if (event.type === 'result') {
    const action = state.pending;
    if (action?.id !== event.id) return state;
    return answered(state, action, event.outcome, event.now);
  }
  if (state.pending) return state;
  switch (event.type) {
    case 'submit':
      return submitted(state, event.phoneNumber);
    case 'invalid':
      return { ...state, error: event.error };
    case 'choose':
      return state.view === 'choose' && state.methods.includes(event.method) ? start(state, event.method) : state;
    case 'back':
      if (state.methods.length < 2 || state.view === 'choose' || state.view === 'backup-codes') return state;
      return { methods: state.methods, pending: null, error: null, seq: state.seq, view: 'choose' };
    case 'resend':
      // The controller asks only once the countdown is over (`resendSentAt`).
      if (state.view !== 'phone-code') return state;
      return withPending(state, (id) => ({ id, kind: 'prepare-phone', phoneId: state.phoneId }));
    case 'saved':
      return state.view === 'backup-codes' ? { ...state, saved: event.saved, error: event.saved ? null : state.error } : state;
    case 'continue':
      return continued(state);
    case 'edit':
      return state.error?.field === event.field ? { ...state, error: null } : state;
    case 'reverified':
      return retried(state, state);
  }
}

/**
 * When the last SMS code was sent (epoch ms), for the resend countdown (`resendLeft` in
 * `../countdown.ts`, which the enrolment gets from its host so the downloaded part shares the
 * host's clock rather than a copy).
 */
export function resendSentAt(state: EnrolState): number | null {
  return state.view === 'phone-code' ? state.sentAt : null;
}
