/**
 * The signed-in user's phone numbers (`/v1/me/phone_numbers`): added unverified, verified with a
 * code sent by SMS (into the inbox), reserved for second factor, made the default, removed.
 */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { phoneNumberJson, deletedJson } from '../serializers/mfa.js';
import { newPhoneNumber } from '../store.js';
import type { StoredPhoneNumber, StoredUser } from '../records.js';
import { hasStrongSecondFactor, newBackupCodes, secondFactorsChanged, settleDefaultPhone } from '../user-factors.js';
import { withClient, type Instance } from './instance.js';
import { completeTask, currentUser, currentUserForChange, type Me } from './me.js';
import { assertNotLocked, checkSecret, rateLimit } from './protection.js';
import { checkSentCode, sendCode } from './sent-codes.js';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Enough for anyone; keeps one signed-in client from filling the emulator's memory. */
const MAX_PHONE_NUMBERS = 10;

function phoneOf(user: StoredUser, ctx: RequestContext): StoredPhoneNumber {
  const phone = user.phoneNumbers.find((candidate) => candidate.id === ctx.params.phone_number_id);
  if (!phone) throw errors.notFound('phone number');
  return phone;
}

/** A form flag: `true`/`false`, absent as undefined; anything else is refused. */
function flag(ctx: RequestContext, name: string): boolean | undefined {
  const value = ctx.form.get(name);
  if (value === undefined || value === '' || value === 'null') return undefined;
  if (value !== 'true' && value !== 'false') throw errors.paramInvalid(name, `${name} must be true or false.`);
  return value === 'true';
}

/**
 * Puts a change of the user's second-factor numbers in force; when it gave the user their first
 * second factor, the pending `setup-mfa` task is complete and the backup codes are answered (to show once).
 */
async function secondFactorNumbersChanged(instance: Instance, ctx: RequestContext, me: Me, hadOne: boolean): Promise<string[] | null> {
  secondFactorsChanged(me.user, hadOne, ctx.now);
  if (hadOne || !hasStrongSecondFactor(me.user)) return null;
  await completeTask(instance, ctx, me, 'setup-mfa');
  return me.user.backupCodes.length === 0 ? newBackupCodes(me.user) : null;
}

function phoneBody(instance: Instance, ctx: RequestContext, me: Me, phone: StoredPhoneNumber, backupCodes: string[] | null = null) {
  return withClient(instance, ctx, phoneNumberJson(phone, backupCodes), me.client);
}

/** `POST /v1/me/phone_numbers` (and with clerk-js's trailing slash) with `phone_number` in E.164: added unverified. */
export function createPhoneNumber(instance: Instance, ctx: RequestContext) {
  const me = currentUserForChange(instance, ctx);
  const number = ctx.required('phone_number').replace(/[\s().-]/g, '');
  if (!E164.test(number)) throw errors.paramInvalid('phone_number', 'phone_number must be a valid phone number according to E.164 international standard.');
  if (me.user.phoneNumbers.some((phone) => phone.number === number)) throw errors.identifierExists('phone_number', 'phone number');
  if (me.user.phoneNumbers.length >= MAX_PHONE_NUMBERS) throw errors.paramInvalid('phone_number', `A user can have at most ${MAX_PHONE_NUMBERS} phone numbers.`);
  const phone = newPhoneNumber(number, ctx.now, { reserved: flag(ctx, 'reserved_for_second_factor') === true });
  me.user.phoneNumbers.push(phone);
  me.user.updatedAt = ctx.now;
  return phoneBody(instance, ctx, me, phone);
}

/** `POST /v1/me/phone_numbers/{id}/prepare_verification` with `strategy=phone_code`: a code by SMS. */
export function preparePhoneVerification(instance: Instance, ctx: RequestContext) {
  const me = currentUser(instance, ctx);
  const phone = phoneOf(me.user, ctx);
  assertNotLocked(me.user, ctx.now);
  if (ctx.required('strategy') !== 'phone_code') throw errors.strategyInvalid();
  if (phone.verified) throw errors.alreadyVerified('phone number');
  const delivery = { strategy: 'phone_code' as const, channel: 'sms' as const, to: phone.number, now: ctx.now, limits: instance.limits.forUser(me.user) };
  phone.verification = sendCode(delivery, (message) => instance.send(message));
  phone.updatedAt = ctx.now;
  return phoneBody(instance, ctx, me, phone);
}

/** `POST /v1/me/phone_numbers/{id}/attempt_verification` with `code`: wrong, expired and too many tries answer as for sign-in codes. */
export async function attemptPhoneVerification(instance: Instance, ctx: RequestContext) {
  const me = currentUser(instance, ctx);
  const phone = phoneOf(me.user, ctx);
  // Counted apart from sign-in attempts, which it must not use up.
  rateLimit(instance, ctx, 'attempt', `me|${me.user.id}`, me.user);
  assertNotLocked(me.user, ctx.now);
  if (phone.verified) throw errors.alreadyVerified('phone number');
  const code = ctx.required('code').trim();
  const right = () => checkSentCode(phone.verification, 'phone_code', code, ctx.now, instance.limits.forUser(me.user));
  if (!(await checkSecret(instance, me.user, ctx.now, right))) throw errors.codeIncorrect();
  const hadOne = hasStrongSecondFactor(me.user);
  phone.verified = true;
  phone.updatedAt = ctx.now;
  return phoneBody(instance, ctx, me, phone, await secondFactorNumbersChanged(instance, ctx, me, hadOne));
}

/**
 * `PATCH /v1/me/phone_numbers/{id}` with `reserved_for_second_factor` and/or `default_second_factor=true`.
 * Adding or removing a second factor needs a recent verification; choosing which reserved number
 * is the default does not (it is not among Clerk's sensitive actions, and its UI sends it unguarded).
 */
export async function updatePhoneNumber(instance: Instance, ctx: RequestContext) {
  const reserved = flag(ctx, 'reserved_for_second_factor');
  const makeDefault = flag(ctx, 'default_second_factor');
  const me = reserved === undefined ? currentUser(instance, ctx) : currentUserForChange(instance, ctx);
  const phone = phoneOf(me.user, ctx);
  if (reserved === true && !phone.verified) throw errors.paramInvalid('reserved_for_second_factor', 'Only a verified phone number can be reserved for second factor.');
  const hadOne = hasStrongSecondFactor(me.user);
  if (reserved !== undefined) phone.reservedForSecondFactor = reserved;
  if (makeDefault === true) {
    if (!phone.verified || !phone.reservedForSecondFactor) {
      throw errors.paramInvalid('default_second_factor', 'Only a phone number reserved for second factor can be the default.');
    }
    settleDefaultPhone(me.user, phone);
  }
  phone.updatedAt = ctx.now;
  return phoneBody(instance, ctx, me, phone, await secondFactorNumbersChanged(instance, ctx, me, hadOne));
}

/** `DELETE /v1/me/phone_numbers/{id}`: a default number's role passes to the next reserved one. */
export async function deletePhoneNumber(instance: Instance, ctx: RequestContext) {
  const me = currentUserForChange(instance, ctx);
  const phone = phoneOf(me.user, ctx);
  const hadOne = hasStrongSecondFactor(me.user);
  me.user.phoneNumbers = me.user.phoneNumbers.filter((candidate) => candidate !== phone);
  await secondFactorNumbersChanged(instance, ctx, me, hadOne);
  return withClient(instance, ctx, deletedJson('phone_number', phone.id), me.client);
}
