/**
 * Users as they are given to the emulator (`demo/users.json`'s format, `EmulatorUser`), from what
 * it stores: for `GET /__clerk/_emulator/users`, so a set of users, with the factors they enrolled
 * since, can be saved and loaded again (`--users`, `POST /__clerk/_emulator/users`). Secrets stay
 * digests: the password as `password_digest`, unused backup codes as `backup_code_digests`.
 */
import type { StoredUser } from './records.js';
import { encodePasswordHash } from './security.js';
import type { EmulatorUser } from './types.js';

export function exportUser(user: StoredUser): EmulatorUser {
  const out: EmulatorUser = { email: user.email, password_digest: encodePasswordHash(user.password) };
  if (user.firstName !== null) out.first_name = user.firstName;
  if (user.lastName !== null) out.last_name = user.lastName;
  if (user.totp) out.totp_secret = user.totp.secret;
  if (user.backupCodes.length) out.backup_code_digests = user.backupCodes.map((digest) => digest.toString('base64url'));
  if (user.phoneNumbers.length) {
    out.phone_numbers = user.phoneNumbers.map((phone) => ({
      phone_number: phone.number,
      verified: phone.verified,
      reserved_for_second_factor: phone.reservedForSecondFactor,
      default_second_factor: phone.defaultSecondFactor,
    }));
  }
  if (user.tasks.length) out.tasks = [...user.tasks];
  if (user.passwordResetRequired) out.password_reset_required = true;
  if (Object.keys(user.limits).length) out.limits = { ...user.limits };
  if (user.clientTrust !== null) out.client_trust = user.clientTrust;
  return out;
}
