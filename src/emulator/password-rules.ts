/**
 * Clerk's rules for a new password, as the environment's `password_settings` announce them: a
 * length, no password known from a breach (Clerk asks Have I Been Pwned; the emulator knows a
 * few of the commonest), and not the current one.
 */
import { errors } from './errors.js';
import { verifyPassword } from './security.js';
import type { StoredUser } from './records.js';

export const PASSWORD_MIN_LENGTH = 8;
/** Clerk's limit, in bytes of UTF-8 (bcrypt's). */
export const PASSWORD_MAX_BYTES = 72;

const BREACHED = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890',
  'qwerty123', 'qwertyuiop', '11111111', 'iloveyou', 'sunshine1', 'football1',
]);

/** Throws Clerk's error for the first rule `password` breaks, naming the form field `param`. */
export async function checkNewPassword(password: string, user: StoredUser, param: string): Promise<void> {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw errors.passwordTooShort(param, PASSWORD_MIN_LENGTH);
  if (Buffer.byteLength(password) > PASSWORD_MAX_BYTES) throw errors.passwordTooLong(param, PASSWORD_MAX_BYTES);
  if (BREACHED.has(password)) throw errors.passwordPwned(param);
  if (await verifyPassword(password, user.password)) throw errors.passwordMatchesCurrent(param);
}
