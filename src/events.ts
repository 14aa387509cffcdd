import type { EnrolMethod } from './mfa/enrol-types.js';
import type { StepName } from './sign-in-types.js';
import type { ErrorKey } from './strings.js';

export interface SignedInDetail {
  sessionId: string;
  userId: string | null;
  /** `true` when Clerk already had this session before the user did anything. */
  alreadySignedIn: boolean;
  /** Present when the user enrolled this second factor to finish Clerk's `setup-mfa` task. */
  mfaEnrolled?: EnrolMethod;
}

export interface TaskRequiredDetail {
  sessionId: string;
  userId: string | null;
  /** Clerk's task key: `choose-organization`, `reset-password`, `setup-mfa`, ... */
  task: { key: string };
}

export interface PasswordResetDetail {
  /** The email the password belongs to. */
  identifier: string;
  /** The user chose to end the account's sessions on other devices. */
  signedOutOfOtherSessions: boolean;
}

export interface SignInErrorDetail {
  /** Clerk's error code, or `offline` / `network_error` / `clerk_load_failed` / `unsupported_status`. */
  code: string;
  /** The message shown to the user, in the element's language. */
  message: string;
  step: StepName;
  /** The message key, stable across languages. */
  key: ErrorKey;
}

export interface StepChangeDetail {
  step: StepName;
  previousStep: StepName;
}

export interface ClerkMfaSignInEventMap {
  'signed-in': CustomEvent<SignedInDetail>;
  'task-required': CustomEvent<TaskRequiredDetail>;
  'password-reset': CustomEvent<PasswordResetDetail>;
  'sign-in-error': CustomEvent<SignInErrorDetail>;
  'step-change': CustomEvent<StepChangeDetail>;
}

export type ClerkMfaSignInEventName = keyof ClerkMfaSignInEventMap;

/** `<clerk-mfa-setup>`: a second factor added, removed, made the default, or new backup codes. */
export interface MfaChangedDetail {
  method: 'totp' | 'phone_code' | 'backup_code';
  action: 'added' | 'removed' | 'regenerated' | 'default';
}

export interface MfaErrorDetail {
  /** Clerk's error code, or ours: `signed_out` when nobody is signed in, `offline`, `network_error`, `clerk_load_failed`, `form_param_missing`. */
  code: string;
  /** The message shown to the user, in the element's language. */
  message: string;
}

export interface ClerkMfaSetupEventMap {
  'mfa-changed': CustomEvent<MfaChangedDetail>;
  'mfa-error': CustomEvent<MfaErrorDetail>;
}

type EventMap = ClerkMfaSignInEventMap & ClerkMfaSetupEventMap;
type DetailOf<K extends keyof EventMap> = EventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of the element's events: always bubbling and composed so a
 * listener outside any shadow root hears it. Returns `false` when a cancelable
 * event was cancelled with `preventDefault()`.
 */
export function dispatch<K extends keyof EventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends ClerkMfaSignInEventMap, ClerkMfaSetupEventMap {}
}
