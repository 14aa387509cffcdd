/**
 * The sign-in flow as a pure state machine: no DOM, no Clerk, no clock.
 *
 * The element feeds it user intents and server results; the machine answers
 * with the next state. Work the element must do (call Clerk) is described by
 * `state.pending`: whenever a transition produces a new `pending` object, the
 * element runs that one action and reports back with its `id`. Results whose
 * id is not the current pending id are stale and ignored. Secrets (password,
 * codes) never enter the state.
 */
import type { ErrorKey } from './strings.js';

/** Names of the steps, also used as custom states and in `step-change` events. */
export type StepName =
  | 'credentials'
  | 'second-factor'
  | 'client-trust'
  | 'new-password'
  | 'signed-in'
  | 'task-required';

/** The strategies this element can complete. */
export type SecondFactorStrategy = 'totp' | 'backup_code' | 'phone_code' | 'email_code';

/** One way to prove the second factor (or a new device), as Clerk offers it. */
export interface Factor {
  strategy: SecondFactorStrategy;
  /** Where a code was or will be sent, masked by Clerk (`+1*******0100`). */
  safeIdentifier?: string;
  phoneNumberId?: string;
  emailAddressId?: string;
  /** Clerk marks the user's default phone with `default` and primary addresses with `primary`. */
  default?: boolean;
  primary?: boolean;
}

/** What the server said about the sign-in after an action. */
export interface SignInSnapshot {
  status: string | null;
  supportedSecondFactors: readonly Factor[];
  createdSessionId: string | null;
}

/** The session after `setActive`. */
export interface SessionSnapshot {
  id: string;
  userId: string | null;
  /** `active` = signed in; `pending` = signed in but a task must be completed first. */
  status: string;
  taskKey?: string | null;
}

/** What an action comes back with: Clerk's answer, or why there is none. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ActionFailure };

/** A failure the adapter normalised from Clerk or from the network. */
export interface ActionFailure {
  /**
   * Clerk's error code (`form_password_incorrect`, ...) or one of ours (`network_error`, `offline`,
   * `clerk_load_failed`, `request_timeout`, `server_error` for a 5xx without Clerk's body).
   */
  code: string;
  message?: string;
  longMessage?: string;
  /** Clerk's `meta.paramName` (`identifier`, `password`, `code`, ...). */
  paramName?: string;
  status?: number;
  retryAfterSeconds?: number;
  lockoutSeconds?: number;
}

/** Where an error is shown. `form` = at the top of the form, not tied to one field. */
export type ErrorField = 'identifier' | 'password' | 'code' | 'new-password' | 'form';

export interface SignInError {
  code: string;
  key: ErrorKey;
  field: ErrorField;
  /** Clerk's long message: shown for `unknown`, kept for the `sign-in-error` event otherwise. */
  longMessage?: string;
  /** Epoch ms when a retry is allowed again (`too_many_requests` with `Retry-After`). */
  retryAt?: number;
  /** Epoch ms when the account unlocks (`user_locked`). */
  lockedUntil?: number;
}

/** The action the element must run for the current state, exactly once. */
export type PendingAction =
  | { id: number; kind: 'create' }
  | { id: number; kind: 'prepare'; factor: Factor }
  | { id: number; kind: 'attempt'; strategy: SecondFactorStrategy }
  | { id: number; kind: 'reset-password' }
  | { id: number; kind: 'activate'; sessionId: string };

interface FormStateBase {
  identifier: string;
  pending: PendingAction | null;
  error: SignInError | null;
  /** Last action id handed out; ids only grow so stale results can be recognised. */
  seq: number;
  /**
   * Clerk completed the sign-in but making its session active failed (e.g. the network
   * dropped): the next submit retries the activation instead of the finished step.
   */
  activateSessionId?: string;
}

export interface CredentialsState extends FormStateBase {
  step: 'credentials';
}

export interface CodeStateBase extends FormStateBase {
  method: Factor;
  methods: readonly Factor[];
  /** Epoch ms of the last code sent for `method` (SMS, email); drives the resend countdown. */
  sentAt: number | null;
}

export interface SecondFactorState extends CodeStateBase {
  step: 'second-factor';
}

export interface ClientTrustState extends CodeStateBase {
  step: 'client-trust';
}

export interface NewPasswordState extends FormStateBase {
  step: 'new-password';
}

export interface SignedInState {
  step: 'signed-in';
  sessionId: string;
  userId: string | null;
  alreadySignedIn: boolean;
}

export interface TaskRequiredState {
  step: 'task-required';
  sessionId: string;
  userId: string | null;
  taskKey: string;
  alreadySignedIn: boolean;
}

export type FormState = CredentialsState | SecondFactorState | ClientTrustState | NewPasswordState;
export type DoneState = SignedInState | TaskRequiredState;
export type SignInState = FormState | DoneState;

export type SignInEvent =
  /**
   * User submitted the step's form: email and password, a code, or a new password. `identifier` is
   * the email typed on the first step; secrets go straight to the adapter.
   */
  | { type: 'submit'; identifier?: string }
  /** User picked another method in the switcher. */
  | { type: 'choose-method'; factor: Factor }
  /** User asked for a new SMS/email code. */
  | { type: 'resend' }
  /** User went back to the first step. Cancels anything pending. */
  | { type: 'back' }
  /** Clerk already had a signed-in (or pending) session when the element started. */
  | { type: 'existing-session'; session: SessionSnapshot }
  /**
   * The pending action `id` finished: the sign-in Clerk answered with, the session for `activate`,
   * or a failure. `now` is the epoch ms the answer arrived (for countdowns).
   */
  | { type: 'result'; id: number; outcome: Outcome<SignInSnapshot | SessionSnapshot>; now: number }
  /** The user edited a field: an error attached to it is cleared. */
  | { type: 'edit'; field: ErrorField }
  /** A second of a countdown passed: a rate-limit or lockout wait that has run out goes away. */
  | { type: 'tick'; now: number }
  /** The pending action was abandoned (element removed from the page): nothing is pending any more. */
  | { type: 'cancel' };

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

/** The factors offered, in `order`, each strategy's default (or primary) factor before its others. */
function orderFactors(factors: readonly Factor[], order: readonly SecondFactorStrategy[]): Factor[] {
  const rank = (f: Factor) => order.indexOf(f.strategy) * 2 + (f.default || f.primary ? 0 : 1);
  // The sort is stable: factors of equal rank keep Clerk's order.
  return factors.filter((f) => order.includes(f.strategy)).sort((a, b) => rank(a) - rank(b));
}

/**
 * Second factors this element can complete, the user's default first:
 * authenticator app, then the default phone, then the other phones, email, backup code.
 */
export function orderSecondFactors(factors: readonly Factor[]): Factor[] {
  return orderFactors(factors, ['totp', 'phone_code', 'email_code', 'backup_code']);
}

/**
 * Client Trust only accepts a code sent to the user's email or phone; email first, as that is
 * what Clerk sends by default for a new device.
 */
export function clientTrustFactors(factors: readonly Factor[]): Factor[] {
  return orderFactors(factors, ['email_code', 'phone_code']);
}

/** Methods whose code Clerk has to send before it can be checked. */
export function needsPrepare(factor: Factor): boolean {
  return factor.strategy === 'phone_code' || factor.strategy === 'email_code';
}

export function sameFactor(a: Factor, b: Factor): boolean {
  return (
    a.strategy === b.strategy &&
    (a.phoneNumberId ?? null) === (b.phoneNumberId ?? null) &&
    (a.emailAddressId ?? null) === (b.emailAddressId ?? null)
  );
}

/** Seconds of waiting before "resend" is offered again. */
export const RESEND_DELAY_SECONDS = 30;

/** Codes that are always exactly 6 digits, so a complete one can be submitted by itself. */
export function isNumericCode(strategy: SecondFactorStrategy): boolean {
  return strategy !== 'backup_code';
}

/**
 * Normalises what a person typed, pasted or autofilled into a code field:
 * numeric codes lose spaces, dashes and other separators; backup codes keep letters and
 * dashes, lose whitespace, and are lower-cased.
 */
export function normalizeCode(raw: string, strategy: SecondFactorStrategy): string {
  // Full-width digits from some IMEs become ASCII digits.
  const text = raw.normalize('NFKC');
  // Backup codes go to Clerk as written (dashes included), minus whitespace.
  return isNumericCode(strategy) ? text.replace(/\D+/g, '') : text.replace(/\s+/g, '').toLowerCase();
}

export function isCompleteCode(code: string, strategy: SecondFactorStrategy): boolean {
  return isNumericCode(strategy) ? /^\d{6}$/.test(code) : code.length > 0;
}

function withPending<S extends FormState>(
  state: S,
  make: (id: number) => PendingAction,
): S {
  const id = state.seq + 1;
  const { activateSessionId: _dropped, ...rest } = state;
  return { ...rest, seq: id, pending: make(id), error: null } as S;
}

/** Clerk's `meta.paramName` → the field it belongs to. */
const PARAM_FIELDS: Record<string, ErrorField> = {
  identifier: 'identifier',
  email_address: 'identifier',
  username: 'identifier',
  password: 'password',
  code: 'code',
};

/**
 * Each message and the codes that show it (Clerk's, and ours from the adapter), with where it
 * goes: a field when Clerk names none (Clerk's `paramName` wins), `null` for the field Clerk names
 * or else the top of the form, `form` for the top of the form whatever Clerk names. Any other code
 * is `unknown`.
 */
const FAILURES: readonly (readonly [ErrorKey, ErrorField | null, ...string[]])[] = [
  ['passwordIncorrect', 'password', 'form_password_incorrect', 'form_password_or_identifier_incorrect'],
  ['identifierNotFound', 'identifier', 'form_identifier_not_found', 'invitation_account_not_exists'],
  ['codeIncorrect', 'code', 'form_code_incorrect'],
  ['codeExpired', 'code', 'verification_expired'],
  ['verificationFailed', 'code', 'verification_failed'],
  ['strategyInvalid', 'form', 'strategy_for_user_invalid'],
  ['sessionExists', 'form', 'session_exists', 'identifier_already_signed_in'],
  ['tooManyRequests', 'form', 'too_many_requests', 'rate_limit_exceeded'],
  ['userLocked', 'form', 'user_locked'],
  ['fieldRequired', null, 'form_param_missing', 'form_param_nil', 'form_param_value_invalid'],
  ['passwordPwned', 'password', 'form_password_pwned', 'form_password_pwned__sign_in'],
  ['passwordTooShort', 'password', 'form_password_length_too_short'],
  ['passwordWeak', 'password', 'form_password_not_strong_enough', 'form_password_validation_failed'],
  ['passwordSameAsCurrent', 'password', 'form_new_password_matches_current'],
  ['offline', 'form', 'offline'],
  ['network', 'form', 'network_error', 'request_timeout'],
  ['loadFailed', 'form', 'clerk_load_failed'],
  ['unsupportedStatus', 'form', 'unsupported_status'],
];

/**
 * Maps a normalised failure to the message the user sees and the field it
 * belongs to. `strategy` is the method in use (a used backup code reads
 * differently from a wrong TOTP); `now` anchors countdowns.
 */
export function mapFailure(
  failure: ActionFailure,
  step: StepName,
  now: number,
  strategy?: SecondFactorStrategy,
): SignInError {
  const { code, paramName, status } = failure;
  // The codes start at index 2 of each entry.
  let [key, where] = FAILURES.find((entry) => entry.includes(code, 2)) ?? ['unknown', null];
  let field = where === 'form' ? where : (PARAM_FIELDS[paramName!] ?? where ?? 'form');
  if (field === 'password' && step === 'new-password') field = 'new-password';
  if (field === 'code' && step === 'credentials') field = 'form';
  if (key === 'codeIncorrect' && strategy === 'backup_code') key = 'backupCodeIncorrect';
  if (code === 'form_param_format_invalid' && field === 'identifier') key = 'identifierInvalid';
  const error: SignInError = { code, key, field };
  if (code === 'server_error') {
    // A gateway that could not reach Clerk reads as a network problem; other 5xx as a failure.
    if (status! >= 502 && status! <= 504) error.key = 'network';
  } else if (code !== 'internal_clerk_error') {
    // Clerk's English text is kept for errors with no message of their own; not for a server error.
    const longMessage = failure.longMessage ?? failure.message;
    if (longMessage) error.longMessage = longMessage;
  }
  const wait = key === 'tooManyRequests' ? failure.retryAfterSeconds : key === 'userLocked' ? failure.lockoutSeconds : 0;
  if (wait! > 0) error[key === 'userLocked' ? 'lockedUntil' : 'retryAt'] = now + wait! * 1000;
  return error;
}

function toCredentials(state: FormState): CredentialsState {
  return { step: 'credentials', identifier: state.identifier, pending: null, error: null, seq: state.seq };
}

/** The next state after an action reported the sign-in's new status. */
function followStatus(state: FormState, signIn: SignInSnapshot, now: number): FormState {
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
      const next: SecondFactorState | ClientTrustState = {
        step,
        identifier: state.identifier,
        method,
        methods,
        sentAt: null,
        pending: null,
        error: null,
        seq: state.seq,
      };
      return needsPrepare(method) ? withPending(next, (id) => ({ id, kind: 'prepare', factor: method })) : next;
    }
    case 'needs_new_password':
      return { step: 'new-password', identifier: state.identifier, pending: null, error: null, seq: state.seq };
  }
  return {
    ...state,
    pending: null,
    error: mapFailure({ code: 'unsupported_status', message: String(signIn.status) }, state.step, now),
  };
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
    return doneFromSession(event.session, true);
  }
  if (isDone(state)) return state;

  switch (event.type) {
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

    case 'result': {
      const { pending } = state;
      const { outcome, now } = event;
      if (pending?.id !== event.id) return state;
      if (!outcome.ok) {
        const error = mapFailure(outcome.failure, state.step, now, isCodeState(state) ? state.method.strategy : undefined);
        const failed = { ...state, pending: null, error };
        // A failed activation is retried by the next submit.
        return pending.kind === 'activate' ? { ...failed, activateSessionId: pending.sessionId } : failed;
      }
      // `activate` answers with the session, every other action with the sign-in.
      if (pending.kind === 'activate') return doneFromSession(outcome.value as SessionSnapshot, false);
      if (pending.kind === 'prepare') return afterPrepare(state, now);
      return followStatus(state, outcome.value as SignInSnapshot, now);
    }
  }
}

function doneFromSession(session: SessionSnapshot, alreadySignedIn: boolean): DoneState {
  if (session.status === 'pending' && session.taskKey) {
    return {
      step: 'task-required',
      sessionId: session.id,
      userId: session.userId,
      taskKey: session.taskKey,
      alreadySignedIn,
    };
  }
  return { step: 'signed-in', sessionId: session.id, userId: session.userId, alreadySignedIn };
}

/** The error to show next to `field`, if any. */
export function errorFor(state: SignInState, field: ErrorField): SignInError | null {
  return isFormState(state) && state.error?.field === field ? state.error : null;
}

/** Whole seconds left until `until`, never negative. */
export function secondsLeft(until: number | undefined | null, now: number): number {
  return until == null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** Seconds until "resend" may be used again for the current method. */
export function resendSecondsLeft(state: SignInState, now: number): number {
  if (!isCodeState(state)) return 0;
  return state.sentAt == null ? 0 : secondsLeft(state.sentAt + RESEND_DELAY_SECONDS * 1000, now);
}

/** Seconds the user must wait before submitting (rate limit or lockout), 0 when free. */
export function blockedSecondsLeft(state: SignInState, now: number): number {
  if (!isFormState(state) || !state.error) return 0;
  return Math.max(secondsLeft(state.error.retryAt, now), secondsLeft(state.error.lockedUntil, now));
}
