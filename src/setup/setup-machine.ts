/**
 * `<clerk-mfa-setup>` as a pure state machine: no DOM, no Clerk, no clock.
 *
 * The overview lists the user's second factors; from it the user adds an authenticator app or a
 * number (the enrolment's own views, or a verified number picked), removes one after a
 * confirmation, makes a number the default, or regenerates the backup codes (shown once). When
 * Clerk refuses a change with `session_reverification_required`, the session is verified again
 * (the password, or a second factor, as its verification asks) and the change runs once more,
 * as Clerk's `useReverification` does. As in the sign-in, `pending` names the one action the
 * controller runs; an answer whose id is not pending is dropped.
 */
import type {
  Adding,
  Notice,
  ResumableState,
  ReverifyState,
  ReverifyStrategy,
  SetupAction,
  SetupAnswer,
  SetupCall,
  SetupEvent,
  SetupPhone,
  SetupState,
  SetupValue,
  VerificationStep,
} from './setup-types.js';

const REVERIFICATION_REQUIRED = 'session_reverification_required';

type Make = (id: number) => SetupAction;

function withPending<S extends SetupState>(state: S, make: Make): S {
  const id = state.seq + 1;
  return { ...state, seq: id, pending: make(id), error: null };
}

const base = (s: SetupState, notice: Notice | null = null) => ({ factors: s.factors, pending: null, error: null, seq: s.seq, notice });

/** The overview, reading the factors again (after a change, or when Clerk's user changed). */
function reload(s: SetupState, notice: Notice | null = s.notice): SetupState {
  const view = s.view === 'loading' || s.view === 'signed-out' ? 'loading' : 'overview';
  return withPending({ ...base(s, notice), view }, (id) => ({ id, kind: 'load' }));
}

/** Where the element begins: reading who is signed in and their factors. */
export function initialSetupState(): SetupState {
  return withPending({ view: 'loading', factors: null, pending: null, error: null, seq: 0, notice: null }, (id) => ({ id, kind: 'load' }));
}

/** The number `phoneId`, as shown. */
export function phoneNumberOf(s: SetupState, phoneId: string): string {
  return s.factors?.phones.find((p) => p.id === phoneId)?.phoneNumber ?? '';
}

/** The verified numbers not yet used for two-step sign-in: those "Add phone number" offers first. */
export function availablePhones(s: SetupState): SetupPhone[] {
  return (s.factors?.phones ?? []).filter((p) => p.verified && !p.reserved);
}

/** The first factor to ask for: the authenticator app, else a number (the default first), else a backup code. */
export function firstStrategy(step: VerificationStep): ReverifyStrategy | null {
  if (step.status === 'needs_first_factor') return step.factors.some((f) => f.strategy === 'password') ? 'password' : null;
  const order: ReverifyStrategy[] = ['totp', 'phone_code', 'backup_code'];
  return order.find((strategy) => step.factors.some((f) => f.strategy === strategy)) ?? null;
}

/** The number a `phone_code` reverification sends its code to. */
export function verificationPhone(s: ReverifyState): { phoneNumberId?: string; safeIdentifier?: string } | undefined {
  return s.step?.factors.find((f) => f.strategy === 'phone_code');
}

function callAction(call: SetupCall): Make {
  return (id) => ({ id, ...call });
}

/** What each change says once done. */
function noticeOf(s: SetupState, call: SetupCall): Notice {
  switch (call.kind) {
    case 'disable-totp':
      return { key: 'totpRemoved' };
    case 'unreserve-phone':
      return { key: 'phoneRemoved', values: { mfaPhoneCode: phoneNumberOf(s, call.phoneId) } };
    case 'make-default':
      return { key: 'defaultChanged', values: { identifier: phoneNumberOf(s, call.phoneId) } };
    case 'reserve-phone':
      return { key: 'phoneEnabled' };
    case 'regenerate':
      return { key: 'regeneratedInfo' };
  }
}

function succeeded(s: SetupState, action: SetupAction, value: SetupValue, now: number): SetupState {
  switch (action.kind) {
    case 'load': {
      const factors = value.factors ?? null;
      const next = { ...s, factors, pending: null, error: null };
      if (!factors) return { ...base(next), factors: null, view: 'signed-out' };
      return s.view === 'loading' || s.view === 'signed-out' ? { ...next, view: 'overview' } : next;
    }
    case 'start-verification':
    case 'attempt-verification':
      return verificationAnswered(s, value.verification, now);
    case 'prepare-verification':
      return s.view === 'reverify' ? { ...s, pending: null, sentAt: now } : s;
    default: {
      const notice = noticeOf(s, action);
      const codes = value.codes;
      if (codes?.length) {
        const shown: SetupState = { ...base(s, notice), view: 'backup-codes', codes, regenerated: action.kind === 'regenerate' };
        // The overview behind them already reads the new factors.
        return withPending(shown, (id) => ({ id, kind: 'load' }));
      }
      return reload(s, notice);
    }
  }
}

/** The session's verification moved on: the next factor, or the refused change once more. */
function verificationAnswered(s: SetupState, step: VerificationStep | undefined, now: number): SetupState {
  if (s.view !== 'reverify') return { ...s, pending: null };
  if (!step || step.status !== 'complete') {
    const next = step ?? s.step;
    const strategy = next ? firstStrategy(next) : null;
    const keep = next?.status === s.step?.status && s.strategy ? s.strategy : strategy;
    const asked: ReverifyState = { ...s, pending: null, error: null, step: next, strategy: keep, sentAt: null };
    if (!keep) return { ...asked, error: { code: 'no_factors', key: 'noMethods', field: 'form' } };
    return startFactor(asked, keep, now);
  }
  const resume = { ...s.resume, pending: null, error: null, seq: s.seq, notice: null };
  // The enrolment runs its refused action again itself (the controller tells it).
  if (s.retry === 'enrol') return resume;
  return withPending({ ...resume, reverified: true }, callAction(s.retry));
}

/** A factor chosen: an SMS code is sent at once. */
function startFactor(s: ReverifyState, strategy: ReverifyStrategy, now: number): SetupState {
  void now;
  const next: ReverifyState = { ...s, strategy, error: null, sentAt: null };
  const phone = strategy === 'phone_code' ? verificationPhone(next) : undefined;
  if (!phone) return next;
  return withPending(next, (id) => ({ id, kind: 'prepare-verification', phoneId: phone.phoneNumberId ?? '' }));
}

function reverification(s: SetupState, retry: SetupCall | 'enrol'): SetupState {
  const resume = (s.view === 'overview' || s.view === 'adding' || s.view === 'confirm-remove' ? s : { ...s, view: 'overview' }) as ResumableState;
  const next: ReverifyState = { ...base(s), view: 'reverify', step: null, strategy: null, sentAt: null, retry, resume: { ...resume, pending: null, error: null } };
  return withPending(next, (id) => ({ id, kind: 'start-verification' }));
}

function answered(s: SetupState, action: SetupAction, outcome: SetupAnswer, now: number): SetupState {
  if (outcome.ok) return succeeded(s, action, outcome.value, now);
  const { error } = outcome;
  const isCall = action.kind !== 'load' && action.kind !== 'start-verification' && action.kind !== 'prepare-verification' && action.kind !== 'attempt-verification';
  // Verified once already (`reverified`): refused again, it is shown, not asked again.
  if (error.code === REVERIFICATION_REQUIRED && isCall && !s.reverified) {
    const { id: _id, ...call } = action;
    return reverification(s, call as SetupCall);
  }
  // Signed out meanwhile: say so.
  if (error.code === 'signed_out') return { ...base(s), factors: null, view: 'signed-out' };
  return { ...s, pending: null, error };
}

/** The action `submit` starts on each view. */
function submitted(s: SetupState): SetupState {
  switch (s.view) {
    case 'confirm-remove': {
      const { removal } = s;
      const call: SetupCall = removal.method === 'totp' ? { kind: 'disable-totp' } : { kind: 'unreserve-phone', phoneId: removal.phoneId };
      return withPending(s, callAction(call));
    }
    case 'reverify':
      return s.strategy && s.step ? withPending(s, (id) => ({ id, kind: 'attempt-verification', strategy: s.strategy! })) : s;
    case 'backup-codes':
      return { ...base(s, s.notice), view: 'overview', pending: s.pending, seq: s.seq };
  }
  return s;
}

/** The one transition function. Returns the same object when the event is refused or irrelevant. */
export function setupTransition(s: SetupState, event: SetupEvent): SetupState {
  if (event.type === 'result') {
    const action = s.pending;
    if (action?.id !== event.id) return s;
    return answered(s, action, event.outcome, event.now);
  }
  // Clerk's user changed: read again, unless a change is under way (it reads them once done) or a view of its own shows.
  if (event.type === 'refresh') {
    const busy = s.pending && s.pending.kind !== 'load';
    return busy || s.view === 'reverify' || s.view === 'adding' || s.view === 'backup-codes' ? s : reload(s, s.notice);
  }
  // Reading the factors again goes on in the background: the user's intent comes first (a change
  // reads them again once done).
  if (s.pending && !(s.pending.kind === 'load' && s.view !== 'loading')) return s;
  switch (event.type) {
    case 'add':
      // From the verified numbers offered: a new one.
      if (s.view === 'adding' && s.adding === 'pick-phone' && event.adding === 'phone') return { ...s, adding: 'phone', error: null };
      return s.view === 'overview' ? { ...base(s), view: 'adding', adding: firstAdding(s, event.adding) } : s;
    case 'remove':
      return s.view === 'overview' ? { ...base(s), view: 'confirm-remove', removal: event.removal } : s;
    case 'call':
      if (s.view === 'adding' && event.call.kind === 'reserve-phone') return withPending(s, callAction(event.call));
      return s.view === 'overview' ? withPending({ ...s, notice: null }, callAction(event.call)) : s;
    case 'submit':
      return submitted(s);
    case 'cancel':
      if (s.view === 'adding' && s.adding === 'phone' && availablePhones(s).length) return { ...s, adding: 'pick-phone', error: null };
      if (s.view === 'reverify') return { ...s.resume, seq: s.seq, error: null, ...(s.retry === 'enrol' ? { view: 'overview' as const } : {}) };
      return s.view === 'adding' || s.view === 'confirm-remove' || s.view === 'backup-codes' ? { ...base(s), view: 'overview', pending: s.pending } : s;
    case 'enrolled':
      return s.view === 'adding' ? reload(s, { key: event.method === 'totp' ? 'totpEnabled' : 'phoneEnabled' }) : s;
    case 'enrol-reverify':
      return s.view === 'adding' ? reverification(s, 'enrol') : s;
    case 'choose-factor':
      return s.view === 'reverify' && s.step?.factors.some((f) => f.strategy === event.strategy) ? startFactor(s, event.strategy, 0) : s;
    case 'invalid':
      return { ...s, error: event.error };
    case 'edit':
      return s.error?.field === event.field ? { ...s, error: null } : s;
  }
}

/** "Add phone number" offers the verified numbers first, when there are some. */
function firstAdding(s: SetupState, adding: Adding): Adding {
  return adding === 'phone' && availablePhones(s).length ? 'pick-phone' : adding;
}
