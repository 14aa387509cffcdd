/**
 * Which message each failure of an enrolment action shows, and where: Clerk's error codes (and
 * the adapter's own, `network_error`, `offline`, ...) to a message key of the enrolment's table.
 * Pure.
 */
import type { ActionFailure } from '../sign-in-types.js';
import type { EnrolAction, EnrolError, EnrolField } from './enrol-types.js';
import type { MfaKey } from './strings.js';

/** Failure code → message and field (`null`: the field of the action). */
const FAILURES: Record<string, [MfaKey, EnrolField | null]> = {
  form_code_incorrect: ['codeIncorrect', 'code'],
  verification_expired: ['codeExpired', 'code'],
  verification_failed: ['tooManyTries', 'code'],
  form_password_incorrect: ['passwordIncorrect', 'password'],
  form_identifier_exists: ['phoneExists', 'phone'],
  form_param_format_invalid: ['phoneInvalid', null],
  form_param_value_invalid: ['phoneInvalid', null],
  form_param_missing: ['phoneRequired', null],
  too_many_requests: ['tooManyRequests', 'form'],
  rate_limit_exceeded: ['tooManyRequests', 'form'],
  user_locked: ['userLocked', 'form'],
  offline: ['offline', 'form'],
  network_error: ['network', 'form'],
  request_timeout: ['network', 'form'],
  clerk_load_failed: ['loadFailed', 'form'],
};

/** The enrolment's message and field for a failure code, if it has one (also read by `<clerk-mfa-setup>`). */
export function enrolFailure(code: string): readonly [MfaKey, EnrolField | null] | undefined {
  return Object.hasOwn(FAILURES, code) ? FAILURES[code] : undefined;
}

/** The field each action's input is in. */
const ACTION_FIELDS: Record<EnrolAction['kind'], EnrolField> = {
  'create-totp': 'form',
  'verify-totp': 'code',
  'create-phone': 'phone',
  'prepare-phone': 'form',
  'attempt-phone': 'code',
  'reserve-phone': 'form',
  reverify: 'password',
};

export function mapEnrolFailure(failure: ActionFailure, action: EnrolAction): EnrolError {
  const [key, field] = FAILURES[failure.code] ?? ['unknown', 'form'];
  const own = ACTION_FIELDS[action.kind];
  // A field error of another view (a code error while the number is sent) goes to the top.
  const where = field ?? own;
  return { code: failure.code, key, field: where === own ? where : 'form' };
}
