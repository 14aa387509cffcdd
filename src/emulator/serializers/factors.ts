/**
 * Factors as a sign-in or a reverification offers them (`supported_first_factors`,
 * `supported_second_factors`, with masked identifiers), and the state of a verification.
 */
import type { FirstFactorStrategy, StoredUser, Verification } from '../records.js';
import { secondFactorPhones } from '../user-factors.js';

/** The country prefix, stars, the last four digits: `+15555550100` → `+1*******0100`. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? phone : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

/** The first letter, a star for each other letter, the domain: `ada@example.com` → `a**@example.com`. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(1, local.length - 1))}@${domain}`;
}

const VERIFICATION_OBJECTS: Record<Verification['strategy'], string> = {
  password: 'verification_password',
  totp: 'verification_totp',
  backup_code: 'verification_backup_code',
  phone_code: 'verification_otp',
  email_code: 'verification_otp',
  reset_password_email_code: 'verification_otp',
};

export function verificationJson(verification: Verification | null) {
  if (!verification) return null;
  const object = VERIFICATION_OBJECTS[verification.strategy];
  return {
    object,
    status: verification.status,
    strategy: verification.strategy,
    attempts: verification.attempts,
    // A code's verification always says when it expires.
    expire_at: object === 'verification_otp' ? (verification.expireAt ?? 0) : verification.expireAt,
  };
}

/**
 * First factors: the password needs nothing more; codes name the email they go to, unmasked
 * (it is the identifier the user typed, and Clerk's UI matches the two).
 */
export function firstFactorsJson(user: StoredUser, strategies: readonly FirstFactorStrategy[]) {
  return strategies.map((strategy) =>
    strategy === 'password' ? { strategy } : { strategy, safe_identifier: user.email, email_address_id: user.emailId, primary: true },
  );
}

/**
 * The user's second factors in Clerk's order (authenticator app, each SMS number with the
 * default one first, backup codes); the first is the default.
 */
export function secondFactorsJson(user: StoredUser) {
  const factors: Array<Record<string, unknown>> = [];
  if (user.totp) factors.push({ strategy: 'totp' });
  for (const phone of secondFactorPhones(user)) factors.push({ strategy: 'phone_code', phone_number_id: phone.id, safe_identifier: maskPhone(phone.number) });
  if (user.backupCodes.length > 0) factors.push({ strategy: 'backup_code' });
  return factors.map((factor, index) => ({ ...factor, default: index === 0 }));
}

/** Client Trust: the code a new device verifies goes to the account's email, masked. */
export function clientTrustFactorsJson(user: StoredUser) {
  return [{ strategy: 'email_code', email_address_id: user.emailId, safe_identifier: maskEmail(user.email), primary: true, default: true }];
}
