/**
 * Which message each failure of a `<clerk-mfa-setup>` action shows, and where: the enrolment's
 * reading of Clerk's errors (`../mfa/enrol-failures.ts`: wrong code, password, rate limits,
 * network), plus the errors of managing factors. Pure.
 */
import type { ActionFailure } from '../sign-in-types.js';
import { enrolFailure } from '../mfa/enrol-failures.js';
import type { SetupAction, SetupError, SetupField } from './setup-types.js';
import type { SetupKey } from './strings.js';

/** Failure code → message, for the failures only managing factors meets. */
const OWN: Record<string, SetupKey> = {
  totp_already_enabled: 'totpExists',
  resource_not_found: 'notFound',
  backup_codes_not_available_code: 'backupCodesUnavailable',
  strategy_for_user_invalid: 'reverifyFailed',
  verification_missing: 'reverifyFailed',
  session_reverification_required: 'reverifyFailed',
  signed_out: 'signedOut',
};

/** A number refused as a second factor: not verified, or the account has too many. */
const PHONE_REFUSED: Record<string, SetupKey> = { form_param_format_invalid: 'phoneNotVerified', form_param_value_invalid: 'phoneNotVerified' };

export function mapSetupFailure(failure: ActionFailure, action: SetupAction): SetupError {
  const { code } = failure;
  const field: SetupField = action.kind === 'attempt-verification' ? (action.strategy === 'password' ? 'password' : 'code') : 'form';
  const onPhone = action.kind === 'reserve-phone' || action.kind === 'make-default';
  const own = (onPhone ? PHONE_REFUSED[code] : undefined) ?? (Object.hasOwn(OWN, code) ? OWN[code] : undefined);
  if (own) return { code, key: own, field: 'form' };
  const [key, at] = enrolFailure(code) ?? ['unknown', 'form'];
  // A field's error stays on the field of this view (the code, the password), else at the top.
  return { code, key, field: at === field ? field : 'form' };
}
