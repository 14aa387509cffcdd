/**
 * What the element checks itself before anything goes to Clerk: a field left empty, an email that
 * cannot be one. The form has `novalidate`, so these messages (in the element's language, on the
 * field, with `aria-invalid` and a `sign-in-error` event) replace the browser's own tooltips.
 * Pure: no DOM, no Clerk; the controller asks before it sends a submit to the machine.
 */
import type { ErrorField, SignInError, SignInState } from './sign-in-types.js';
import { normalizeCode } from './strategies.js';
import type { ErrorKey } from './strings.js';

/** A field's value as the user left it, by field name (a checkbox: `'true'` when ticked). */
export type FieldValues = Partial<Record<Exclude<ErrorField, 'form'> | 'sign-out-of-other-sessions', string>>;

/**
 * An address with something before and after one `@`, and a dot inside the domain. Checked
 * in linear time, whatever its length: the parts cannot overlap.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

const invalid = (field: Exclude<ErrorField, 'form'>, key: ErrorKey, code = 'form_param_missing'): SignInError => ({ code, key, field });

/** Whether the email (trimmed) may be sent: the first step, and "Forgot password?". */
export function checkIdentifier(identifier: string): SignInError | null {
  if (!identifier) return invalid('identifier', 'identifierRequired');
  return EMAIL.test(identifier) ? null : invalid('identifier', 'identifierInvalid', 'form_param_format_invalid');
}

/** The first problem with the fields of the step, top to bottom, or `null` when they may be sent. */
export function checkFields(state: SignInState, values: FieldValues): SignInError | null {
  // Retrying an activation sends nothing the user typed.
  if (!('pending' in state) || state.activateSessionId) return null;
  switch (state.step) {
    case 'credentials':
      return checkIdentifier(values.identifier?.trim() ?? '') ?? (values.password ? null : invalid('password', 'passwordRequired'));
    case 'new-password':
      return values['new-password'] ? null : invalid('new-password', 'newPasswordRequired');
    default:
      return normalizeCode(values.code ?? '', state.method.strategy) ? null : invalid('code', 'codeRequired');
  }
}
