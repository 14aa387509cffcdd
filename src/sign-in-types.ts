/**
 * The sign-in's vocabulary: its steps and states, the events that move it, the snapshots of
 * Clerk's answers it reads and the actions it asks for. Types only; `sign-in-machine.ts` moves
 * between the states.
 */
import type { ErrorKey } from './strings.js';
import type { SecondFactorStrategy } from './strategies.js';
import type { EnrolMethod } from './mfa/enrol-types.js';

/** Names of the steps, also used as custom states and in `step-change` events. */
export type StepName =
  | 'credentials'
  | 'second-factor'
  | 'client-trust'
  | 'reset-code'
  | 'new-password'
  | 'signed-in'
  | 'task-required';

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
  /** Where "Forgot password?" sent its code (`recovery.ts`): the account's email, as an email code. */
  resetFactor?: Factor;
}

/** The session after `setActive`. */
export interface SessionSnapshot {
  id: string;
  userId: string | null;
  /** `active` = signed in; `pending` = signed in but a task must be completed first. */
  status: string;
  taskKey?: string | null;
  /** The user's first name and primary email, for the signed-in and task screens. */
  firstName?: string | null;
  email?: string | null;
}

/** What an action comes back with: Clerk's answer, or why there is none. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ActionFailure };

/** An action's answer as the machine reads it: Clerk's answer, or the error to show (`mapFailure`). */
export type Answer = { ok: true; value: SignInSnapshot | SessionSnapshot } | { ok: false; error: SignInError };

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
  /** `lockoutSeconds` was read from Clerk's message, rounded up to a whole number of these seconds (60: minutes). */
  lockoutPrecision?: number;
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
  /**
   * Clerk said only "try again in N minutes" (rounded up): `lockedUntil` is the earliest the lock
   * can end (N-1 minutes on), and it may end up to this many seconds later. The message then says
   * "about N minutes".
   */
  lockedAbout?: number;
}

/** The action the controller must run for the current state, exactly once. */
export type PendingAction = { id: number; kind: 'create' } | { id: number; kind: 'attempt'; strategy: SecondFactorStrategy } | LaterAction | { id: number; kind: 'activate'; sessionId: string };

/** The actions of "Forgot password?", made by `recovery-machine.ts`: send the reset code (again), check it. */
export type RecoveryAction = { id: number; kind: 'send-reset-code'; resend: boolean } | { id: number; kind: 'check-reset-code' };

/**
 * The actions an authenticator-app sign-in without a mistake never runs, run by `clerk-recovery.ts`
 * (downloaded with the steps that lead to them): an SMS or email code sent, a new password set, and
 * those of "Forgot password?".
 */
export type LaterAction = { id: number; kind: 'prepare'; factor: Factor } | { id: number; kind: 'reset-password' } | RecoveryAction;

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

/** "Forgot password?": the code Clerk emailed (`method`: the account's email, read as an email code). */
export interface ResetCodeState extends CodeStateBase {
  step: 'reset-code';
}

export interface NewPasswordState extends FormStateBase {
  step: 'new-password';
  /** Chosen after "Forgot password?" (else Clerk requires a new one). */
  recovery?: boolean;
}

interface DoneStateBase {
  sessionId: string;
  userId: string | null;
  alreadySignedIn: boolean;
  /** Who is signed in, as Clerk knows them (the email typed when Clerk did not say). */
  firstName: string | null;
  email: string | null;
}

export interface SignedInState extends DoneStateBase {
  step: 'signed-in';
  /** The second factor the user enrolled to finish the `setup-mfa` task. */
  mfaEnrolled?: EnrolMethod;
}

export interface TaskRequiredState extends DoneStateBase {
  step: 'task-required';
  taskKey: string;
}

export type FormState = CredentialsState | SecondFactorState | ClientTrustState | ResetCodeState | NewPasswordState;
export type DoneState = SignedInState | TaskRequiredState;
export type SignInState = FormState | DoneState;

export type SignInEvent =
  /** The step's fields cannot be sent as they are (`field-rules.ts`): the error goes to the field. */
  | { type: 'invalid'; error: SignInError }
  /**
   * User submitted the step's form: email and password, a code, or a new password. `identifier` is
   * the email typed on the first step; secrets stay with the controller, which hands them to the
   * adapter.
   */
  | { type: 'submit'; identifier?: string }
  /** User picked another method in the switcher. */
  | { type: 'choose-method'; factor: Factor }
  /** "Forgot password?" with the email typed (checked by `field-rules.ts`). */
  | { type: 'forgot-password'; identifier: string }
  /** User asked for a new SMS/email code. */
  | { type: 'resend' }
  /** User went back to the first step. Cancels anything pending. */
  | { type: 'back' }
  /** Clerk already had a signed-in (or pending) session when the element started. */
  | { type: 'existing-session'; session: SessionSnapshot }
  /**
   * The pending action `id` finished: the sign-in Clerk answered with, the session for `activate`,
   * or the error to show. `now` is the epoch ms the answer arrived.
   */
  | { type: 'result'; id: number; outcome: Answer; now: number }
  /** The user edited a field: an error attached to it is cleared. */
  | { type: 'edit'; field: ErrorField }
  /** A second of a countdown passed: a rate-limit or lockout wait that has run out goes away. */
  | { type: 'tick'; now: number }
  /** The pending action was abandoned (element removed from the page): nothing is pending any more. */
  | { type: 'cancel' }
  /** The `setup-mfa` task is done: the user enrolled `method`, and `session` is active. */
  | { type: 'enrolled'; session: SessionSnapshot; method: EnrolMethod }
  /** Clerk signed the user out (the task screen's "Sign out"): back to the first step. */
  | { type: 'signed-out' }
  /** The host pre-filled the email (`email`): shown on the first step while nothing is under way there. */
  | { type: 'prefill'; identifier: string };
