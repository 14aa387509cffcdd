/**
 * The sign-in flow as a pure state machine: no DOM, no Clerk, no clock.
 *
 * The controller feeds it user intents and server results; the machine answers with the next
 * state. Work to do (call Clerk) is described by `state.pending`: whenever a transition produces
 * a new `pending` object, the controller runs that one action and reports back with its `id`.
 * Results whose id is not the current pending id are stale and ignored. Secrets (password,
 * codes) never enter the state.
 */
import { resendLeft, RESEND_SECONDS, secondsLeft } from './countdown.js';
import { isSupportedStrategy, STRATEGIES, type Strategy } from './strategies.js';
import type {
  ClientTrustState,
  CredentialsState,
  DoneState,
  Factor,
  FormState,
  PendingAction,
  SecondFactorState,
  SessionSnapshot,
  SignInError,
  SignInEvent,
  SignInSnapshot,
  SignInState,
  ErrorField,
} from './sign-in-types.js';

/** Step 1 with an optional pre-filled identifier. */
export function initialState(identifier = ''): CredentialsState {
  return { step: 'credentials', identifier, pending: null, error: null, seq: 0 };
}

export function isFormState(state: SignInState): state is FormState {
  return state.step !== 'signed-in' && state.step !== 'task-required';
}

export function isDone(state: SignInState): state is DoneState {
  return !isFormState(state);
}

/** The steps that ask for a code. */
export function isCodeState(state: SignInState): state is SecondFactorState | ClientTrustState {
  return state.step === 'second-factor' || state.step === 'client-trust';
}

/** The factors whose strategy has a place in `by` (the strategy table), in that place's order. */
function ordered(factors: readonly Factor[], by: 'order' | 'clientTrustOrder'): Factor[] {
  const place = (f: Factor) => (isSupportedStrategy(f.strategy) ? (STRATEGIES[f.strategy] as Strategy)[by] : undefined);
  // Each strategy's default (or primary) factor before its others.
  const rank = (f: Factor) => place(f)! * 2 + (f.default || f.primary ? 0 : 1);
  // The sort is stable: factors of equal rank keep Clerk's order.
  return factors.filter(place).sort((a, b) => rank(a) - rank(b));
}

/**
 * Second factors this element can complete, the user's default first:
 * authenticator app, then the default phone, then the other phones, email, backup code.
 */
export function orderSecondFactors(factors: readonly Factor[]): Factor[] {
  return ordered(factors, 'order');
}

/** The factors Client Trust accepts (a code sent to the user's email or phone), email first. */
export function clientTrustFactors(factors: readonly Factor[]): Factor[] {
  return ordered(factors, 'clientTrustOrder');
}

/** Methods whose code Clerk has to send before it can be checked. */
function needsPrepare(factor: Factor): boolean {
  return STRATEGIES[factor.strategy].needsPrepare;
}

/** The same factor: the same method, and the same phone or address. */
function sameFactor(a: Factor, b: Factor): boolean {
  const key = (f: Factor) => `${f.strategy} ${f.phoneNumberId} ${f.emailAddressId}`;
  return key(a) === key(b);
}

/** Seconds of waiting before "resend" is offered again. */
export const RESEND_DELAY_SECONDS = RESEND_SECONDS;

function withPending<S extends FormState>(
  state: S,
  make: (id: number) => PendingAction,
): S {
  const id = state.seq + 1;
  const { activateSessionId: _dropped, ...rest } = state;
  return { ...rest, seq: id, pending: make(id), error: null } as S;
}

function toCredentials(state: FormState): CredentialsState {
  return { ...initialState(state.identifier), seq: state.seq };
}

/** The next state after an action reported the sign-in's new status. */
function followStatus(state: FormState, signIn: SignInSnapshot): FormState {
  switch (signIn.status) {
    case 'complete': {
      if (!signIn.createdSessionId) break;
      const sessionId = signIn.createdSessionId;
      return withPending({ ...state, pending: null }, (id) => ({ id, kind: 'activate', sessionId }));
    }
    case 'needs_second_factor':
    case 'needs_client_trust': {
      const clientTrust = signIn.status === 'needs_client_trust';
      const step = clientTrust ? 'client-trust' : 'second-factor';
      const methods = (clientTrust ? clientTrustFactors : orderSecondFactors)(signIn.supportedSecondFactors);
      const method = methods[0];
      if (!method) break;
      // A second "needs_second_factor" (e.g. after a resend) keeps the chosen method.
      if (state.step === step) return { ...state, pending: null, error: null };
      const next: SecondFactorState | ClientTrustState = { ...toCredentials(state), step, method, methods, sentAt: null };
      return needsPrepare(method) ? withPending(next, (id) => ({ id, kind: 'prepare', factor: method })) : next;
    }
    case 'needs_new_password':
      return { ...toCredentials(state), step: 'new-password' };
  }
  const error: SignInError = { code: 'unsupported_status', key: 'unsupportedStatus', field: 'form', longMessage: String(signIn.status) };
  return { ...state, pending: null, error };
}

function afterPrepare(state: FormState, now: number): FormState {
  if (isCodeState(state)) {
    return { ...state, pending: null, error: null, sentAt: now };
  }
  return { ...state, pending: null };
}

/** The one transition function. Returns the same object when the event is refused or irrelevant. */
export function transition(state: SignInState, event: SignInEvent): SignInState {
  if (event.type === 'existing-session') {
    if (isDone(state)) return state;
    return doneFromSession(event.session, true, state.identifier);
  }
  if (isDone(state)) {
    if (event.type === 'signed-out') return initialState(state.email ?? '');
    // Signed in once Clerk's session is active.
    if (event.type !== 'enrolled' || state.step !== 'task-required' || event.session.status !== 'active') return state;
    const done = doneFromSession(event.session, false, state.email ?? '');
    return done.step === 'signed-in' ? { ...done, mfaEnrolled: event.method } : done;
  }

  switch (event.type) {
    case 'invalid':
      return state.pending ? state : { ...state, error: event.error };

    case 'submit': {
      if (state.pending) return state;
      const identifier = state.step === 'credentials' ? (event.identifier ?? state.identifier) : state.identifier;
      // Clerk completed the sign-in but making its session active failed: submitting again (as the
      // same user) retries that instead of the finished step.
      const sessionId = identifier === state.identifier ? state.activateSessionId : undefined;
      if (sessionId) return withPending(state, (id) => ({ id, kind: 'activate', sessionId }));
      if (isCodeState(state)) return withPending(state, (id) => ({ id, kind: 'attempt', strategy: state.method.strategy }));
      return withPending({ ...state, identifier }, (id) => ({ id, kind: state.step === 'credentials' ? 'create' : 'reset-password' }));
    }

    case 'choose-method': {
      // Once Clerk completed the sign-in, only activating its session is left.
      if (state.step !== 'second-factor' || state.pending || state.activateSessionId) return state;
      const factor = state.methods.find((m) => sameFactor(m, event.factor));
      if (!factor || sameFactor(factor, state.method)) return state;
      const next: SecondFactorState = { ...state, method: factor, sentAt: null, error: null };
      return needsPrepare(factor) ? withPending(next, (id) => ({ id, kind: 'prepare', factor })) : next;
    }

    case 'resend':
      if (!isCodeState(state) || state.pending) return state;
      if (!needsPrepare(state.method) || state.activateSessionId) return state;
      return withPending(state, (id) => ({ id, kind: 'prepare', factor: state.method }));

    case 'back':
      if (state.step === 'credentials') return state.pending ? { ...state, pending: null } : state;
      return toCredentials(state);

    case 'edit':
      if (!state.error || state.error.field !== event.field) return state;
      // Rate limit and lockout stay until their time is up.
      if (state.error.retryAt != null || state.error.lockedUntil != null) return state;
      return { ...state, error: null };

    case 'tick':
      if (state.error?.retryAt == null && state.error?.lockedUntil == null) return state;
      return blockedSecondsLeft(state, event.now) > 0 ? state : { ...state, error: null };

    case 'cancel':
      return state.pending ? { ...state, pending: null } : state;

    case 'signed-out':
    case 'enrolled':
    // "Forgot password?" is `recover`'s (`recovery-machine.ts`).
    case 'forgot-password':
      return state;

    case 'prefill':
      if (state.step !== 'credentials' || state.pending) return state;
      return { ...state, identifier: event.identifier };

    case 'result': {
      const { pending } = state;
      const { outcome, now } = event;
      if (pending?.id !== event.id) return state;
      if (!outcome.ok) {
        const failed = { ...state, pending: null, error: outcome.error };
        // A failed activation is retried by the next submit.
        return pending.kind === 'activate' ? { ...failed, activateSessionId: pending.sessionId } : failed;
      }
      // `activate` answers with the session, every other action with the sign-in.
      if (pending.kind === 'activate') return doneFromSession(outcome.value as SessionSnapshot, false, state.identifier);
      if (pending.kind === 'prepare') return afterPrepare(state, now);
      return followStatus(state, outcome.value as SignInSnapshot);
    }
  }
}

/** `identifier`: the email typed, for a user whose email Clerk did not say. */
function doneFromSession(session: SessionSnapshot, alreadySignedIn: boolean, identifier: string): DoneState {
  const done = {
    sessionId: session.id,
    userId: session.userId,
    alreadySignedIn,
    firstName: session.firstName || null,
    email: session.email || identifier || null,
  };
  return session.status === 'pending' && session.taskKey
    ? { step: 'task-required', taskKey: session.taskKey, ...done }
    : { step: 'signed-in', ...done };
}

/** The error to show next to `field`, if any. */
export function errorFor(state: SignInState, field: ErrorField): SignInError | null {
  return isFormState(state) && state.error?.field === field ? state.error : null;
}

export { secondsLeft };

/** Seconds until "resend" may be used again for the current method (or the reset code). */
export function resendSecondsLeft(state: SignInState, now: number): number {
  return 'sentAt' in state ? resendLeft(state.sentAt, now) : 0;
}

/** Seconds the user must wait before submitting (rate limit or lockout), 0 when free. */
export function blockedSecondsLeft(state: SignInState, now: number): number {
  if (!isFormState(state) || !state.error) return 0;
  return Math.max(secondsLeft(state.error.retryAt, now), secondsLeft(state.error.lockedUntil, now));
}

/** The action under way, if any. */
export function pendingOf(state: SignInState): PendingAction | null {
  return isFormState(state) ? state.pending : null;
}
