/**
 * Codes "sent" by SMS or email, wherever Clerk sends one: a sign-in's first or second factor, a
 * reverification, a phone number being verified. One rule for all: six digits, a lifetime, a
 * number of wrong tries, then the verification fails; only a digest of the code is kept.
 */
import { errors } from '../errors.js';
import { codesEqual, digestCode, randomDigits } from '../security.js';
import type { Verification } from '../records.js';
import type { EmulatorLimits, EmulatorMessage } from '../types.js';

export interface CodeDelivery {
  strategy: Verification['strategy'];
  channel: EmulatorMessage['channel'];
  to: string;
  now: number;
  limits: EmulatorLimits;
}

/** Sends a new code (into the inbox) and answers the verification that awaits it. */
export function sendCode({ strategy, channel, to, now, limits }: CodeDelivery, send: (message: EmulatorMessage) => void): Verification {
  const code = randomDigits(6);
  send({ to, channel, code, sent_at: now });
  return { strategy, status: 'unverified', attempts: 0, expireAt: now + limits.codeTtlSeconds * 1000, codeDigest: digestCode(code) };
}

/**
 * True when `code` is the one `verification` awaits (it is then verified), false when it is
 * wrong (the try is counted; the last allowed one fails the verification). Throws Clerk's error
 * for a code that cannot be checked: none sent for this strategy, expired, or already failed.
 */
export function checkSentCode(verification: Verification | null, strategy: Verification['strategy'], code: string, now: number, limits: EmulatorLimits): boolean {
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
