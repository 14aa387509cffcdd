/**
 * The vocabulary of `<clerk-mfa-setup>`: the user's second factors as the element reads them,
 * its views, the actions they ask for and the events that move them. Types only;
 * `setup-machine.ts` moves between the states.
 */
import type { MfaKey } from '../mfa/strings.js';
import type { SetupKey } from './strings.js';

/** A phone number of the user, as far as two-step verification is concerned. */
export interface SetupPhone {
  id: string;
  phoneNumber: string;
  /** Used for two-step sign-in (Clerk's `reservedForSecondFactor`). */
  reserved: boolean;
  /** The number the sign-in sends its code to first. */
  defaultSecondFactor: boolean;
  verified: boolean;
}

/** The signed-in user's second factors (`null` from the adapter: nobody is signed in). */
export interface Factors {
  totp: boolean;
  backupCodes: boolean;
  phones: SetupPhone[];
}

/** The methods of `mfa-changed`. */
export type SetupMethod = 'totp' | 'phone_code' | 'backup_code';
export type SetupChange = 'added' | 'removed' | 'regenerated' | 'default';

/** A way to confirm it is the user, as the session's verification offers it. */
export type ReverifyStrategy = 'password' | 'totp' | 'phone_code' | 'backup_code';

export interface ReverifyFactor {
  strategy: ReverifyStrategy;
  /** `phone_code`: where the code goes. */
  phoneNumberId?: string;
  safeIdentifier?: string;
}

/** What the session's verification waits for (`complete`: nothing, the action may run again). */
export interface VerificationStep {
  status: 'needs_first_factor' | 'needs_second_factor' | 'complete';
  factors: ReverifyFactor[];
}

/** The fields of the element's own views; `form` is the top of the view. */
export type SetupField = 'code' | 'password' | 'form';

export interface SetupError {
  /** Clerk's error code, or ours (`network_error`, `form_param_missing`, ...). */
  code: string;
  key: SetupKey | MfaKey;
  field: SetupField;
}

/** A change the user asked for; its answer moves the state. */
export type SetupCall =
  | { kind: 'disable-totp' }
  | { kind: 'unreserve-phone'; phoneId: string }
  | { kind: 'make-default'; phoneId: string }
  | { kind: 'reserve-phone'; phoneId: string }
  | { kind: 'regenerate' };

/** The one action to run for the state, exactly once; a code or password stays with the controller. */
export type SetupAction =
  | { id: number; kind: 'load' }
  | ({ id: number } & SetupCall)
  | { id: number; kind: 'start-verification' }
  | { id: number; kind: 'prepare-verification'; phoneId: string }
  | { id: number; kind: 'attempt-verification'; strategy: ReverifyStrategy };

/** What an action answers with, as the machine reads it. */
export interface SetupValue {
  /** `load`, and after every change: the user's factors; `null`: signed out. */
  factors?: Factors | null;
  /** `regenerate`, `reserve-phone`: the backup codes Clerk made. */
  codes?: readonly string[] | null;
  /** The verification steps. */
  verification?: VerificationStep;
}

export type SetupAnswer = { ok: true; value: SetupValue } | { ok: false; error: SetupError };

/** The announcement of the last change, for the live region. */
export interface Notice {
  key: SetupKey | MfaKey;
  values?: Record<string, string>;
}

/** What was being removed, on the confirmation. */
export type Removal = { method: 'totp' } | { method: 'phone_code'; phoneId: string; phoneNumber: string };

/** Where the view adding a factor is: the enrolment's own views (`enrol`), or a verified number to pick. */
export type Adding = 'totp' | 'phone' | 'pick-phone';

interface Base {
  factors: Factors | null;
  pending: SetupAction | null;
  error: SetupError | null;
  /** Last action id handed out; ids only grow, so a stale answer is recognised. */
  seq: number;
  notice: Notice | null;
  /** This state came back from a reverification: a second `session_reverification_required` is shown, not asked again. */
  reverified?: boolean;
}

export interface LoadingState extends Base {
  view: 'loading';
}
export interface SignedOutState extends Base {
  view: 'signed-out';
}
export interface OverviewState extends Base {
  view: 'overview';
}
export interface AddingState extends Base {
  view: 'adding';
  adding: Adding;
}
export interface ConfirmRemoveState extends Base {
  view: 'confirm-remove';
  removal: Removal;
}
export interface BackupCodesState extends Base {
  view: 'backup-codes';
  codes: readonly string[];
  /** Shown after regenerating (else after reserving a number, which made the first set). */
  regenerated: boolean;
}
export interface ReverifyState extends Base {
  view: 'reverify';
  /** `null` while the session's verification starts. */
  step: VerificationStep | null;
  /** The factor asked for now (`password` for the first factor). */
  strategy: ReverifyStrategy | null;
  /** `phone_code`: when the code was sent. */
  sentAt: number | null;
  /** The refused change, run again once verified; `enrol`: the enrolment's, which it runs itself. */
  retry: SetupCall | 'enrol';
  /** Where to go back to: the view that was refused. */
  resume: ResumableState;
}

export type ResumableState = OverviewState | AddingState | ConfirmRemoveState;
export type SetupState = LoadingState | SignedOutState | ResumableState | BackupCodesState | ReverifyState;
export type SetupViewName = SetupState['view'];

export type SetupEvent =
  /** Clerk's user changed (signed in, out, another account): read the factors again. */
  | { type: 'refresh' }
  | { type: 'add'; adding: Adding }
  | { type: 'remove'; removal: Removal }
  | { type: 'call'; call: SetupCall }
  /** The user confirmed the view's form (the removal, the code, the password). */
  | { type: 'submit' }
  | { type: 'cancel' }
  /** The enrolment finished (`method` enrolled), or asks for a recent verification. */
  | { type: 'enrolled'; method: 'totp' | 'phone_code' }
  | { type: 'enrol-reverify' }
  | { type: 'choose-factor'; strategy: ReverifyStrategy }
  | { type: 'invalid'; error: SetupError }
  | { type: 'edit'; field: SetupField }
  | { type: 'result'; id: number; outcome: SetupAnswer; now: number };
