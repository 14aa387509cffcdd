/**
 * Which factors a user has, in the order Clerk lists them, and the rules that keep them
 * consistent as they are enrolled and removed: one default SMS number, backup codes only beside
 * another second factor, `mfa_enabled_at` / `mfa_disabled_at`.
 */
import { digestCode, randomId } from './security.js';
import type { FirstFactorStrategy, SecondFactorStrategy, StoredPhoneNumber, StoredUser } from './records.js';

const BACKUP_CODE_COUNT = 10;

/**
 * The first factors every user has, in Clerk's order: the password, and codes sent to their
 * email, to sign in or to reset the password. A signed-in session is verified again with the
 * first two ("Forgot password?" is for signing in only).
 */
export function firstFactorStrategies(purpose: 'sign_in' | 'reverification'): FirstFactorStrategy[] {
  return purpose === 'sign_in' ? ['password', 'email_code', 'reset_password_email_code'] : ['password', 'email_code'];
}

/** The numbers that receive second-factor codes (verified and reserved), the default one first. */
export function secondFactorPhones(user: StoredUser): StoredPhoneNumber[] {
  return user.phoneNumbers
    .filter((phone) => phone.verified && phone.reservedForSecondFactor)
    .sort((a, b) => Number(b.defaultSecondFactor) - Number(a.defaultSecondFactor));
}

/** The second factors a user has, in the order Clerk lists them: authenticator app, SMS, backup codes. */
export function secondFactorStrategies(user: StoredUser): SecondFactorStrategy[] {
  const strategies: SecondFactorStrategy[] = [];
  if (user.totp) strategies.push('totp');
  if (secondFactorPhones(user).length > 0) strategies.push('phone_code');
  if (user.backupCodes.length > 0) strategies.push('backup_code');
  return strategies;
}

/** True when the user has an authenticator app or an SMS number (backup codes alone do not count). */
export function hasStrongSecondFactor(user: StoredUser): boolean {
  return !!user.totp || secondFactorPhones(user).length > 0;
}

/**
 * Keeps exactly one default among the reserved numbers, as Clerk does: `preferred` when given,
 * else the one already marked, else the oldest. Numbers not reserved are never the default.
 */
export function settleDefaultPhone(user: StoredUser, preferred?: StoredPhoneNumber): void {
  const reserved = user.phoneNumbers.filter((phone) => phone.verified && phone.reservedForSecondFactor);
  const chosen = (preferred && reserved.includes(preferred) ? preferred : undefined) ?? reserved.find((phone) => phone.defaultSecondFactor) ?? reserved[0];
  for (const phone of user.phoneNumbers) phone.defaultSecondFactor = phone === chosen;
}

/**
 * Records a change of the user's second factors: the first one enrolled sets `mfa_enabled_at`;
 * removing the last authenticator app or SMS number removes the backup codes too (they stand in
 * for another factor) and sets `mfa_disabled_at`.
 */
export function secondFactorsChanged(user: StoredUser, hadOne: boolean, now: number): void {
  settleDefaultPhone(user);
  const hasOne = hasStrongSecondFactor(user);
  if (hasOne && !hadOne) user.mfaEnabledAt = now;
  if (!hasOne && hadOne) {
    user.backupCodes = [];
    user.mfaDisabledAt = now;
  }
  user.updatedAt = now;
}

/** A new set of backup codes (8 lower-case letters and digits each), replacing the old set; answers the codes, to show once. */
export function newBackupCodes(user: StoredUser): string[] {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => randomId('x').slice(2, 10).toLowerCase().replace(/[^a-z0-9]/g, '0'));
  user.backupCodes = codes.map((code) => digestCode(code));
  return codes;
}

/**
 * A backup code as Clerk compares it, applied alike to the stored codes and to what is typed:
 * NFKC (full-width letters and digits become ASCII), no whitespace, no dash of any kind (hyphen,
 * en and em dashes, minus sign, small and full-width hyphens), lower case. So `h2j6-b8n4`,
 * `h2j6b8n4`, `H2J6–B8N4` and ` h2j6 b8n4 ` are one code.
 */
export function normalizeBackupCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\p{Pd}\u2212]/gu, '').toLowerCase();
}
