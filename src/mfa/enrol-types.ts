/**
 * The vocabulary of enrolling a second factor: the methods, the views and their states, the
 * events that move them and the actions they ask for. Types only; `enrol-machine.ts` moves
 * between the states. Shared by the enrolment inside `<clerk-mfa-sign-in>` (the `setup-mfa` task)
 * and any element that lets a signed-in user add a second factor.
 */
import type { ActionFailure } from '../sign-in-types.js';
import type { MfaKey } from './strings.js';

/** The second factors a user can enrol. */
export type EnrolMethod = 'totp' | 'phone_code';

/** The fields of the enrolment views; `form` is the top of the form. */
export type EnrolField = 'phone' | 'code' | 'password' | 'saved' | 'form';

export interface EnrolError {
  /** Clerk's error code, or ours (`network_error`, `form_param_missing`, ...). */
  code: string;
  key: MfaKey;
  field: EnrolField;
}

/** The one action to run for the state, exactly once; its secrets (code, number, password) stay with the controller. */
export type EnrolAction =
  | { id: number; kind: 'create-totp' }
  | { id: number; kind: 'verify-totp' }
  | { id: number; kind: 'create-phone' }
  | { id: number; kind: 'prepare-phone'; phoneId: string }
  | { id: number; kind: 'attempt-phone'; phoneId: string }
  | { id: number; kind: 'reserve-phone'; phoneId: string }
  | { id: number; kind: 'reverify' };

/** What an action answers with, as the machine reads it. */
export interface EnrolValue {
  /** `create-totp`: the secret and its `otpauth://` URI. */
  secret?: string;
  uri?: string;
  /** `create-phone`: the new number's id. */
  phoneId?: string;
  /** `verify-totp`, `reserve-phone`: the backup codes Clerk made, when it made some. */
  backupCodes?: readonly string[] | null;
}

export type EnrolAnswer = { ok: true; value: EnrolValue } | { ok: false; error: EnrolError };

/** What the adapter resolves with: Clerk's answer, or the failure as the sign-in reads failures. */
export type MfaOutcome<T> = { ok: true; value: T } | { ok: false; failure: ActionFailure };

interface Base {
  /** The methods the instance allows, the default first. */
  methods: readonly EnrolMethod[];
  pending: EnrolAction | null;
  error: EnrolError | null;
  /** Last action id handed out; ids only grow, so a stale answer is recognised. */
  seq: number;
  /** This state came back from a reverification: a second `session_reverification_required` is shown, not asked again. */
  reverified?: boolean;
}

export interface ChooseState extends Base {
  view: 'choose';
}

export interface TotpState extends Base {
  view: 'totp';
  /** `null` until Clerk made the secret. */
  secret: string | null;
  uri: string | null;
}

export interface PhoneState extends Base {
  view: 'phone';
  /** The number as the user typed it: kept for Back, and to say where the code went. */
  phoneNumber: string;
}

export interface PhoneCodeState extends Base {
  view: 'phone-code';
  phoneId: string;
  phoneNumber: string;
  /** Epoch ms of the last code sent; drives the resend countdown. */
  sentAt: number | null;
}

export interface BackupCodesState extends Base {
  view: 'backup-codes';
  method: EnrolMethod;
  codes: readonly string[];
  /** "I have saved these codes" is ticked. */
  saved: boolean;
}

export interface ReverifyState extends Base {
  view: 'reverify';
  /** Where the user was, and the action Clerk refused until the password is confirmed. */
  resume: ResumableState;
  retry: EnrolAction;
}

export interface EnrolledState extends Base {
  view: 'enrolled';
  method: EnrolMethod;
}

export type ResumableState = TotpState | PhoneState | PhoneCodeState;
export type EnrolState = ChooseState | ResumableState | BackupCodesState | ReverifyState | EnrolledState;
export type EnrolViewName = EnrolState['view'];

export type EnrolEvent =
  /** The user submitted the view's form (a code, a number, the password). */
  | { type: 'submit'; phoneNumber?: string }
  /** A field cannot be sent as it is: its error. */
  | { type: 'invalid'; error: EnrolError }
  | { type: 'choose'; method: EnrolMethod }
  /** Back to the list of methods. */
  | { type: 'back' }
  | { type: 'resend' }
  /** "I have saved these codes", ticked or not. */
  | { type: 'saved'; saved: boolean }
  /** "Continue" under the backup codes. */
  | { type: 'continue' }
  | { type: 'edit'; field: EnrolField }
  /** The host verified the session itself: the refused action, once more. */
  | { type: 'reverified' }
  | { type: 'result'; id: number; outcome: EnrolAnswer; now: number };
