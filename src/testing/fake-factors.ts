/**
 * The fake Clerk's facts about one account's second factors, shared by its sign-in, the user's
 * MFA management and the session's reverification: the numbers reserved for two-step sign-in (one
 * default among them), the factors offered in Clerk's order, backup codes (made, normalised, each
 * used once) and the codes "sent" by SMS or email with their wrong tries.
 */
import type { ClerkFactorLike } from '../clerk-types.js';
import type { FakeUser, FakeUserPhone } from './fake-clerk.js';
import { fakeClerkError } from './fake-errors.js';

/** A phone number as the fake keeps it. */
export interface FakePhoneRecord {
  id: string;
  phoneNumber: string;
  verified: boolean;
  reserved: boolean;
  default: boolean;
}

/** A fake user as the fake keeps it: an id, and every phone number (`phone` and `phoneNumbers` together). */
export type FakeAccount = Omit<FakeUser, 'phone' | 'phoneNumbers'> & { id: string; phones: FakePhoneRecord[] };

/** The account kept for `user`: `phone` is a verified number reserved for two-step sign-in, listed first. */
export function fakeAccount(user: FakeUser, id: string): FakeAccount {
  const { phone, phoneNumbers = [], ...rest } = user;
  const listed: FakeUserPhone[] = [...(phone ? [{ phoneNumber: phone }] : []), ...phoneNumbers];
  const account: FakeAccount = {
    ...rest,
    id,
    phones: listed.map((p, i) => ({
      id: i === 0 ? `idn_phone_${id}` : `idn_phone_${id}_${i + 1}`,
      phoneNumber: p.phoneNumber,
      verified: p.verified !== false,
      reserved: p.reserved !== false,
      default: p.default === true,
    })),
  };
  settleDefaultPhone(account);
  return account;
}

/** The numbers that receive second-factor codes (verified and reserved), the default one first. */
export function secondFactorPhones(account: FakeAccount): FakePhoneRecord[] {
  return account.phones.filter((p) => p.verified && p.reserved).sort((a, b) => Number(b.default) - Number(a.default));
}

/** An authenticator app or an SMS number (backup codes stand in for one of these). */
export function hasStrongFactor(account: FakeAccount): boolean {
  return !!account.totp || secondFactorPhones(account).length > 0;
}

/**
 * Keeps exactly one default among the reserved numbers, as Clerk does: `preferred` when given,
 * else the one already marked, else the first. Numbers not reserved are never the default.
 */
export function settleDefaultPhone(account: FakeAccount, preferred?: FakePhoneRecord): void {
  const reserved = account.phones.filter((p) => p.verified && p.reserved);
  const chosen = (preferred && reserved.includes(preferred) ? preferred : undefined) ?? reserved.find((p) => p.default) ?? reserved[0];
  for (const p of account.phones) p.default = p === chosen;
}

/** A change of second factors: without an authenticator app or SMS number, the backup codes go too. */
export function secondFactorsChanged(account: FakeAccount): void {
  settleDefaultPhone(account);
  if (!hasStrongFactor(account)) account.backupCodes = [];
}

/** The country prefix, stars, the last four digits: `+15555550100` → `+1*******0100`. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? phone : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

/** Second factors in Clerk's order (authenticator app, each SMS number with the default first, backup codes); the first is the default. */
export function secondFactorsOf(account: FakeAccount): ClerkFactorLike[] {
  const factors: ClerkFactorLike[] = [];
  if (account.totp) factors.push({ strategy: 'totp' });
  for (const p of secondFactorPhones(account)) factors.push({ strategy: 'phone_code', phoneNumberId: p.id, safeIdentifier: maskPhone(p.phoneNumber) });
  if (account.backupCodes?.length) factors.push({ strategy: 'backup_code' });
  return factors.map((factor, index) => ({ ...factor, default: index === 0 }));
}

const BACKUP_CODE_COUNT = 10;
const BACKUP_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new set of ten backup codes (8 lower-case letters and digits each, as Clerk's), replacing the old set. */
export function newBackupCodes(account: FakeAccount): string[] {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () =>
    Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => BACKUP_CODE_ALPHABET[byte % BACKUP_CODE_ALPHABET.length]).join(''),
  );
  account.backupCodes = codes;
  return [...codes];
}

/**
 * A backup code as Clerk compares it: NFKC, no whitespace, no dash of any kind, lower case, so
 * `h2j6-b8n4`, `h2j6b8n4`, `H2J6–B8N4` and ` h2j6 b8n4 ` are one code.
 */
export function normalizeBackupCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\p{Pd}\u2212]/gu, '').toLowerCase();
}

/** True, once, for a code of the account's current set; `used` holds the codes already spent. */
export function spendBackupCode(account: FakeAccount, typed: string, used: Set<string>): boolean {
  const code = normalizeBackupCode(typed);
  const ok = !!account.backupCodes?.some((c) => normalizeBackupCode(c) === code) && !used.has(code);
  if (ok) used.add(code);
  return ok;
}

/** Wrong tries Clerk allows per SMS or email code; the next try is `verification_failed`. */
const MAX_WRONG_CODES = 3;

/** The codes one sign-in or one session verification has sent, by strategy, with the wrong tries made at each. */
export class SentCodes {
  readonly #sent = new Map<string, { wrongTries: number }>();

  sent(strategy: string): void {
    this.#sent.set(strategy, { wrongTries: 0 });
  }

  clear(): void {
    this.#sent.clear();
  }

  /** A code sent by SMS or email: right, or wrong (too many wrong tries: `verification_failed`). */
  check(strategy: string, code: string, right: string): void {
    const sent = this.#sent.get(strategy);
    if (!sent) throw fakeClerkError('verification_missing', { paramName: 'strategy' });
    if (sent.wrongTries >= MAX_WRONG_CODES) throw fakeClerkError('verification_failed', { paramName: 'code', message: 'Too many failed attempts' });
    if (code === right) return;
    sent.wrongTries++;
    throw incorrectCode();
  }
}

export const incorrectCode = () => fakeClerkError('form_code_incorrect', { paramName: 'code', message: 'Incorrect code' });
