/**
 * How the emulator checks each second-factor method: one row per strategy, saying in which
 * status it is offered, where its code goes when one must be sent first, and how a code is
 * verified. The same rows serve a sign-in and a session's reverification. A new method is one
 * row here, plus its place in `secondFactorStrategies` (user-factors.ts: what a user has, in
 * Clerk's order).
 */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { codesEqual } from '../security.js';
import type { SecondFactorStrategy, StoredUser, Verification } from '../records.js';
import { verifyTotp } from '../totp.js';
import type { EmulatorLimits, EmulatorMessage } from '../types.js';
import { normalizeBackupCode, secondFactorPhones, secondFactorStrategies } from '../user-factors.js';
import type { Instance } from './instance.js';
import { assertNotLocked, checkSecret } from './protection.js';
import { checkSentCode, sendCode as deliverCode } from './sent-codes.js';

/** What verifies factors step by step: a sign-in, or a session's reverification. */
export interface FactorSubject {
  status: string;
  firstFactor: Verification | null;
  secondFactor: Verification | null;
}

/** One try of a code, with what checking it needs. */
export interface Attempt {
  strategy: SecondFactorStrategy;
  user: StoredUser;
  subject: FactorSubject;
  /** The code as sent, without surrounding whitespace. */
  code: string;
  now: number;
  limits: EmulatorLimits;
}

interface Delivery {
  channel: EmulatorMessage['channel'];
  /** The form field that may name the phone number or email address (it must be the user's). */
  idParam: 'phone_number_id' | 'email_address_id';
  /** Where the code goes: the one `namedId` names, else the default; undefined when the user has no such target. */
  target(user: StoredUser, namedId: string | undefined): { id: string; to: string } | undefined;
}

interface SecondFactorMethod {
  /** The status in which the method is offered. */
  offeredIn: 'needs_second_factor' | 'needs_client_trust';
  /** Where a code is sent; none for codes the user already holds. */
  delivery?: Delivery;
  /**
   * True when the code is right (the subject's second factor is then verified), false when it
   * is wrong; throws Clerk's error for a code that cannot be checked (none sent, expired, failed).
   */
  verify(attempt: Attempt): boolean;
}

function verified(strategy: SecondFactorStrategy): Verification {
  return { strategy, status: 'verified', attempts: null, expireAt: null };
}

function verifyAuthenticatorCode({ user, subject, code, now }: Attempt): boolean {
  if (!user.totp) return false;
  const counter = verifyTotp({ secret: user.totp.secret, token: code, timestamp: now });
  // A code of a step already used, or of an older one, is a replay.
  if (counter === null || counter <= user.lastTotpCounter) return false;
  user.lastTotpCounter = counter;
  subject.secondFactor = verified('totp');
  return true;
}

function verifyBackupCode({ user, subject, code, now }: Attempt): boolean {
  const candidate = normalizeBackupCode(code);
  let match = -1;
  // Compare against every code so the time taken does not reveal which one matched.
  user.backupCodes.forEach((digest, index) => {
    if (codesEqual(candidate, digest) && match === -1) match = index;
  });
  if (match === -1) return false;
  user.backupCodes.splice(match, 1);
  user.updatedAt = now;
  subject.secondFactor = verified('backup_code');
  return true;
}

function verifySentCode({ strategy, subject, code, now, limits }: Attempt): boolean {
  return checkSentCode(subject.secondFactor, strategy, code, now, limits);
}

const SECOND_FACTOR_METHODS: Record<SecondFactorStrategy, SecondFactorMethod> = {
  totp: { offeredIn: 'needs_second_factor', verify: verifyAuthenticatorCode },
  phone_code: {
    offeredIn: 'needs_second_factor',
    delivery: {
      channel: 'sms',
      idParam: 'phone_number_id',
      target(user, namedId) {
        const phones = secondFactorPhones(user);
        const phone = namedId ? phones.find((candidate) => candidate.id === namedId) : phones[0];
        return phone && { id: phone.id, to: phone.number };
      },
    },
    verify: verifySentCode,
  },
  backup_code: { offeredIn: 'needs_second_factor', verify: verifyBackupCode },
  // Client Trust: a new device proves itself with a code sent to the account's email.
  email_code: {
    offeredIn: 'needs_client_trust',
    delivery: {
      channel: 'email',
      idParam: 'email_address_id',
      target: (user, namedId) => (!namedId || namedId === user.emailId ? { id: user.emailId, to: user.email } : undefined),
    },
    verify: verifySentCode,
  },
};

export type OfferedSecondFactor = SecondFactorMethod & { strategy: SecondFactorStrategy };

/** The method `strategy` names when `subject` offers it to its user now; else 422 strategy_for_user_invalid. */
export function offeredMethod(subject: FactorSubject, user: StoredUser, strategy: string): OfferedSecondFactor {
  const method = Object.hasOwn(SECOND_FACTOR_METHODS, strategy) ? SECOND_FACTOR_METHODS[strategy as SecondFactorStrategy] : undefined;
  const userHasIt = subject.status === 'needs_client_trust' || secondFactorStrategies(user).includes(strategy as SecondFactorStrategy);
  if (!method || method.offeredIn !== subject.status || !userHasIt) throw errors.strategyInvalid();
  return { ...method, strategy: strategy as SecondFactorStrategy };
}

/**
 * Sends a new code for a method that has a delivery (to the phone or address `namedId` names,
 * which must be the user's), replacing any earlier code. Methods without one need nothing sent.
 */
export function sendCode(
  method: OfferedSecondFactor,
  { user, subject, now, limits }: Omit<Attempt, 'code' | 'strategy'>,
  namedId: string | undefined,
  send: (message: EmulatorMessage) => void,
): void {
  const delivery = method.delivery;
  if (!delivery) return;
  const target = delivery.target(user, namedId || undefined);
  if (!target) throw errors.strategyInvalid(delivery.idParam);
  subject.secondFactor = deliverCode({ strategy: method.strategy, channel: delivery.channel, to: target.to, now, limits }, send);
}

/** A `prepare_second_factor` step of `subject`: the form's `strategy` (and phone or email id); its code sent when it has one. */
export function prepareSecondFactorOf(instance: Instance, ctx: RequestContext, subject: FactorSubject, user: StoredUser): void {
  assertNotLocked(user, ctx.now);
  const method = offeredMethod(subject, user, ctx.required('strategy'));
  const named = method.delivery ? ctx.form.get(method.delivery.idParam) : undefined;
  sendCode(method, { user, subject, now: ctx.now, limits: instance.limits.forUser(user) }, named, (message) => instance.send(message));
}

/** An `attempt_second_factor` step of `subject`: the form's `strategy` and `code`, checked by `checkSecret`; a wrong code is 422 form_code_incorrect. */
export async function attemptSecondFactorOf(instance: Instance, ctx: RequestContext, subject: FactorSubject, user: StoredUser): Promise<void> {
  const strategy = ctx.required('strategy');
  const code = ctx.required('code').trim();
  const method = offeredMethod(subject, user, strategy);
  const attempt = { strategy: method.strategy, user, subject, code, now: ctx.now, limits: instance.limits.forUser(user) };
  if (!(await checkSecret(instance, user, ctx.now, () => method.verify(attempt)))) throw errors.codeIncorrect();
}
