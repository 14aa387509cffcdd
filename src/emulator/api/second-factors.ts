/**
 * How the emulator checks each second-factor method: one row per strategy, saying in which
 * sign-in status it is offered, where its code goes when one must be sent first, and how a code
 * is verified. A new method is one row here, plus its place in `secondFactorStrategies`
 * (store.ts: what a user has, in Clerk's order).
 */
import { errors } from '../errors.js';
import { codesEqual, digestCode, randomDigits } from '../security.js';
import {
  normalizeBackupCode,
  secondFactorStrategies,
  type SecondFactorStrategy,
  type StoredSignIn,
  type StoredUser,
  type Verification,
} from '../store.js';
import { verifyTotp } from '../totp.js';
import type { EmulatorLimits, EmulatorMessage } from '../types.js';

/** One try of a code, with what checking it needs. */
export interface Attempt {
  strategy: SecondFactorStrategy;
  user: StoredUser;
  signIn: StoredSignIn;
  /** The code as sent, without surrounding whitespace. */
  code: string;
  now: number;
  limits: EmulatorLimits;
}

interface Delivery {
  channel: EmulatorMessage['channel'];
  /** The form field that may name the phone number or email address (it must be the user's). */
  idParam: 'phone_number_id' | 'email_address_id';
  target(user: StoredUser): { id: string | null; to: string };
}

interface SecondFactorMethod {
  /** The sign-in status in which the method is offered. */
  offeredIn: 'needs_second_factor' | 'needs_client_trust';
  /** Where a code is sent; none for codes the user already holds. */
  delivery?: Delivery;
  /**
   * True when the code is right (the sign-in's second factor is then verified), false when it is
   * wrong; throws Clerk's error for a code that cannot be checked (none sent, expired, failed).
   */
  verify(attempt: Attempt): boolean;
}

function verified(strategy: SecondFactorStrategy): Verification {
  return { strategy, status: 'verified', attempts: null, expireAt: null };
}

function verifyAuthenticatorCode({ user, signIn, code, now }: Attempt): boolean {
  const counter = verifyTotp({ secret: user.totpSecret!, token: code, timestamp: now });
  // A code of a step already used, or of an older one, is a replay.
  if (counter === null || counter <= user.lastTotpCounter) return false;
  user.lastTotpCounter = counter;
  signIn.secondFactor = verified('totp');
  return true;
}

function verifyBackupCode({ user, signIn, code, now }: Attempt): boolean {
  const candidate = normalizeBackupCode(code);
  let match = -1;
  // Compare against every code so the time taken does not reveal which one matched.
  user.backupCodes.forEach((digest, index) => {
    if (codesEqual(candidate, digest) && match === -1) match = index;
  });
  if (match === -1) return false;
  user.backupCodes.splice(match, 1);
  user.updatedAt = now;
  signIn.secondFactor = verified('backup_code');
  return true;
}

function verifySentCode({ strategy, signIn, code, now, limits }: Attempt): boolean {
  const verification = signIn.secondFactor;
  if (!verification || verification.strategy !== strategy || !verification.codeDigest) throw errors.verificationMissing();
  if (verification.status === 'failed') throw errors.verificationFailed();
  if (verification.status === 'expired' || (verification.expireAt ?? 0) <= now) {
    verification.status = 'expired';
    throw errors.verificationExpired();
  }
  verification.attempts = (verification.attempts ?? 0) + 1;
  if (!codesEqual(code, verification.codeDigest)) {
    if (verification.attempts >= limits.codeMaxAttempts) verification.status = 'failed';
    return false;
  }
  verification.status = 'verified';
  delete verification.codeDigest;
  return true;
}

const SECOND_FACTOR_METHODS: Record<SecondFactorStrategy, SecondFactorMethod> = {
  totp: { offeredIn: 'needs_second_factor', verify: verifyAuthenticatorCode },
  phone_code: {
    offeredIn: 'needs_second_factor',
    delivery: { channel: 'sms', idParam: 'phone_number_id', target: (user) => ({ id: user.phoneId, to: user.phone ?? '' }) },
    verify: verifySentCode,
  },
  backup_code: { offeredIn: 'needs_second_factor', verify: verifyBackupCode },
  // Client Trust: a new device proves itself with a code sent to the account's email.
  email_code: {
    offeredIn: 'needs_client_trust',
    delivery: { channel: 'email', idParam: 'email_address_id', target: (user) => ({ id: user.emailId, to: user.email }) },
    verify: verifySentCode,
  },
};

/** The method `strategy` names when this sign-in offers it to its user now; else 422 strategy_for_user_invalid. */
export function offeredMethod(signIn: StoredSignIn, user: StoredUser, strategy: string): SecondFactorMethod & { strategy: SecondFactorStrategy } {
  const method = Object.hasOwn(SECOND_FACTOR_METHODS, strategy) ? SECOND_FACTOR_METHODS[strategy as SecondFactorStrategy] : undefined;
  const userHasIt = signIn.status === 'needs_client_trust' || secondFactorStrategies(user).includes(strategy as SecondFactorStrategy);
  if (!method || method.offeredIn !== signIn.status || !userHasIt) throw errors.strategyInvalid();
  return { ...method, strategy: strategy as SecondFactorStrategy };
}

/**
 * Sends a new code for a method that has a delivery (to the phone or address `namedId` names,
 * which must be the user's), replacing any earlier code. Methods without one need nothing sent.
 */
export function sendCode(
  method: ReturnType<typeof offeredMethod>,
  { user, signIn, now, limits }: Omit<Attempt, 'code' | 'strategy'>,
  namedId: string | undefined,
  send: (message: EmulatorMessage) => void,
): void {
  const delivery = method.delivery;
  if (!delivery) return;
  const target = delivery.target(user);
  if (namedId && namedId !== target.id) throw errors.strategyInvalid(delivery.idParam);
  const code = randomDigits(6);
  signIn.secondFactor = { strategy: method.strategy, status: 'unverified', attempts: 0, expireAt: now + limits.codeTtlSeconds * 1000, codeDigest: digestCode(code) };
  send({ to: target.to, channel: delivery.channel, code, sent_at: now });
}
