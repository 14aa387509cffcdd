/**
 * What the user is told when an action fails: the failure table (which codes show which message,
 * and where) and `mapFailure`, which reads it. Pure: no DOM, no Clerk, no clock.
 */
import type { ErrorKey } from './strings.js';
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
  const wait = key === 'tooManyRequests' ? failure.retryAfterSeconds : key === 'userLocked' ? failure.lockoutSeconds : 0;
  if (wait! > 0) error[key === 'userLocked' ? 'lockedUntil' : 'retryAt'] = now + wait! * 1000;
  return error;
}
