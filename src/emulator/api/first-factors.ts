/**
 * How the emulator checks each first factor: one row per strategy, saying which form field
 * carries the secret, whether a code is sent to the user's email first, and the error a wrong
 * secret answers. The same rows serve a sign-in and a session's reverification (which offers
 * which: `firstFactorStrategies`, user-factors.ts).
 */
import { type ApiError, errors } from '../errors.js';
import { verifyPassword } from '../security.js';
import type { FirstFactorStrategy, StoredUser } from '../records.js';
import type { EmulatorLimits, EmulatorMessage } from '../types.js';
import { firstFactorStrategies } from '../user-factors.js';
import type { FactorSubject } from './second-factors.js';
import { checkSentCode, sendCode } from './sent-codes.js';

interface FirstFactorMethod {
  /** The form field with the password or the code. */
  field: 'password' | 'code';
  /** A code is sent to the user's email by `prepare_first_factor`. */
  sendsCode: boolean;
  incorrect(): ApiError;
}

const FIRST_FACTOR_METHODS: Record<FirstFactorStrategy, FirstFactorMethod> = {
  password: { field: 'password', sendsCode: false, incorrect: errors.passwordIncorrect },
  email_code: { field: 'code', sendsCode: true, incorrect: errors.codeIncorrect },
  // "Forgot password?": the code proves the email, then the sign-in asks for a new password.
  reset_password_email_code: { field: 'code', sendsCode: true, incorrect: errors.codeIncorrect },
};

export type OfferedFirstFactor = FirstFactorMethod & { strategy: FirstFactorStrategy };

/** The method `strategy` names when it is offered for `purpose`; else 422 strategy_for_user_invalid. */
export function firstFactorMethod(strategy: string, purpose: 'sign_in' | 'reverification'): OfferedFirstFactor {
  if (!(firstFactorStrategies(purpose) as string[]).includes(strategy)) throw errors.strategyInvalid();
  return { ...FIRST_FACTOR_METHODS[strategy as FirstFactorStrategy], strategy: strategy as FirstFactorStrategy };
}

export interface FirstFactorContext {
  user: StoredUser;
  subject: FactorSubject;
  now: number;
  limits: EmulatorLimits;
}

/** Sends a new code to the user's email (the address `namedId` names must be theirs), replacing any earlier one. */
export function sendFirstFactorCode(
  method: OfferedFirstFactor,
  { user, subject, now, limits }: FirstFactorContext,
  namedId: string | undefined,
  send: (message: EmulatorMessage) => void,
): void {
  if (!method.sendsCode) throw errors.strategyInvalid();
  if (namedId && namedId !== user.emailId) throw errors.strategyInvalid('email_address_id');
  subject.firstFactor = sendCode({ strategy: method.strategy, channel: 'email', to: user.email, now, limits }, send);
}

/**
 * True when the password or the code is right (the subject's first factor is then verified),
 * false when it is wrong; throws Clerk's error for a code that cannot be checked.
 */
export async function verifyFirstFactor(method: OfferedFirstFactor, { user, subject, now, limits }: FirstFactorContext, secret: string): Promise<boolean> {
  if (method.sendsCode) return checkSentCode(subject.firstFactor, method.strategy, secret.trim(), now, limits);
  if (!(await verifyPassword(secret, user.password))) return false;
  subject.firstFactor = { strategy: 'password', status: 'verified', attempts: null, expireAt: null };
  return true;
}
