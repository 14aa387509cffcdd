/**
 * What the user is told when an action fails: the failure table (which codes show which message,
 * and where), `mapFailure`, which reads it, and `failureMessage`, the text with its countdown.
 * Pure: no DOM, no Clerk, no clock. Downloaded with the first failure (`on-demand.ts`).
 */
import type { ErrorKey, MessageKey } from './strings.js';
import type { SecondFactorStrategy } from './strategies.js';
import type { ActionFailure, ErrorField, SignInError, StepName } from './sign-in-types.js';

/** One message and the failure codes that show it. */
interface FailureRow {
  key: ErrorKey;
  /**
   * Where it goes: a field, used when Clerk names none (Clerk's `paramName` wins); `null` for the
   * field Clerk names, or else the top of the form; `form` for the top of the form whatever Clerk names.
   */
  field: ErrorField | null;
  /** Clerk's error codes, and ours from the adapter. */
  codes: readonly string[];
}

/** Every failure with a message of its own; any other code is `unknown`. */
const FAILURES: readonly FailureRow[] = [
  { key: 'passwordIncorrect', field: 'password', codes: ['form_password_incorrect', 'form_password_or_identifier_incorrect'] },
  { key: 'identifierNotFound', field: 'identifier', codes: ['form_identifier_not_found', 'invitation_account_not_exists'] },
  { key: 'codeIncorrect', field: 'code', codes: ['form_code_incorrect'] },
  { key: 'codeExpired', field: 'code', codes: ['verification_expired'] },
  { key: 'verificationFailed', field: 'code', codes: ['verification_failed'] },
  { key: 'strategyInvalid', field: 'form', codes: ['strategy_for_user_invalid'] },
  { key: 'resetUnavailable', field: 'form', codes: ['reset_password_unavailable'] },
  { key: 'sessionExists', field: 'form', codes: ['session_exists', 'identifier_already_signed_in'] },
  { key: 'tooManyRequests', field: 'form', codes: ['too_many_requests', 'rate_limit_exceeded'] },
  { key: 'userLocked', field: 'form', codes: ['user_locked'] },
  { key: 'fieldRequired', field: null, codes: ['form_param_missing', 'form_param_nil', 'form_param_value_invalid'] },
  { key: 'passwordPwned', field: 'password', codes: ['form_password_pwned', 'form_password_pwned__sign_in'] },
  { key: 'passwordTooShort', field: 'password', codes: ['form_password_length_too_short'] },
  { key: 'passwordWeak', field: 'password', codes: ['form_password_not_strong_enough', 'form_password_validation_failed'] },
  { key: 'passwordSameAsCurrent', field: 'password', codes: ['form_new_password_matches_current'] },
  { key: 'offline', field: 'form', codes: ['offline'] },
  { key: 'network', field: 'form', codes: ['network_error', 'request_timeout'] },
  { key: 'loadFailed', field: 'form', codes: ['clerk_load_failed'] },
  { key: 'unsupportedStatus', field: 'form', codes: ['unsupported_status'] },
];

const UNKNOWN: FailureRow = { key: 'unknown', field: null, codes: [] };

/** Clerk's `meta.paramName` → the field it belongs to. */
const PARAM_FIELDS: Record<string, ErrorField> = {
  identifier: 'identifier',
  email_address: 'identifier',
  username: 'identifier',
  password: 'password',
  code: 'code',
};

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
  const row = FAILURES.find((entry) => entry.codes.includes(code)) ?? UNKNOWN;
  let key = row.key;
  let field = row.field === 'form' ? row.field : (PARAM_FIELDS[paramName!] ?? row.field ?? 'form');
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
  let wait = (key === 'tooManyRequests' ? failure.retryAfterSeconds : key === 'userLocked' ? failure.lockoutSeconds : 0) ?? 0;
  // "Try again in 29 minutes" may mean 28 minutes and a second: wait only for what is certain.
  const precision = key === 'userLocked' ? failure.lockoutPrecision : 0;
  if (precision && wait > 0) {
    error.lockedAbout = precision;
    wait -= precision;
  }
  if (wait > 0) error[key === 'userLocked' ? 'lockedUntil' : 'retryAt'] = now + wait * 1000;
  return error;
}

/** What `failureMessage` reads from the element. */
export interface MessageContext {
  /** Seconds until the error's `retryAt` or `lockedUntil`. */
  left: number;
  /** The element's language, for `Intl`. */
  lang: string;
  t(key: MessageKey, values?: Record<string, string>): string;
}

/** `45 s`, `2:05`, `1:00:00` */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return `${s} s`;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** `29 minutes` in the language of `lang` (English where `Intl` does not know the tag). */
export function formatMinutes(minutes: number, lang: string): string {
  const options = { style: 'unit', unit: 'minute', unitDisplay: 'long' } as const;
  try {
    return new Intl.NumberFormat(lang.replace(/_/g, '-') || 'en', options).format(minutes);
  } catch {
    return new Intl.NumberFormat('en', options).format(minutes);
  }
}

/**
 * The text of a failure: a rate limit or a lockout with a known end says how long is left; a
 * lockout whose end Clerk gave only to the minute says about how many minutes, at most; a failure
 * with no message of its own shows Clerk's.
 */
export function failureMessage(error: SignInError, { left, lang, t }: MessageContext): string {
  if (error.lockedAbout) return t('userLockedAbout', { time: formatMinutes(Math.max(1, Math.round((left + error.lockedAbout) / 60)), lang) });
  if (error.retryAt != null || error.lockedUntil != null) {
    return t(`${error.key as 'tooManyRequests' | 'userLocked'}Wait`, { time: formatDuration(left) });
  }
  if (error.key === 'unknown' && error.longMessage) return error.longMessage;
  return t(error.key);
}
