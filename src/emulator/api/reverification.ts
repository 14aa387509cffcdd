/**
 * Reverification, as Clerk does it: a sensitive change needs the session's factors verified
 * recently (the instance's level, within the `reverificationSeconds` limit), else it answers 403
 * `session_reverification_required`; clerk-js then verifies the session again through
 * `POST /v1/client/sessions/{id}/verify` and its first/second factor steps
 * (`session.startVerification()`, `attemptFirstFactorVerification()`, ...), and retries.
 */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { reverificationJson } from '../serializers/session.js';
import type { ReverificationLevel, StoredReverification, StoredSession, StoredUser } from '../records.js';
import type { ReverificationPreset } from '../types.js';
import { secondFactorStrategies } from '../user-factors.js';
import { firstFactorMethod, sendFirstFactorCode, verifyFirstFactor } from './first-factors.js';
import { type Instance, withClient } from './instance.js';
import { assertNotLocked, checkSecret, rateLimit } from './protection.js';
import { attemptSecondFactorOf, prepareSecondFactorOf } from './second-factors.js';
import { findSession, mintToken } from './sessions.js';

/** Clerk's levels (clerk-js's `reverification` presets): the factors they need and how recently. */
export const REVERIFICATION_PRESETS: Record<ReverificationPreset, { level: ReverificationLevel; minutes: number }> = {
  strict_mfa: { level: 'multi_factor', minutes: 10 },
  strict: { level: 'second_factor', minutes: 10 },
  moderate: { level: 'second_factor', minutes: 60 },
  lax: { level: 'second_factor', minutes: 24 * 60 },
};

const LEVELS: readonly string[] = ['first_factor', 'second_factor', 'multi_factor'];

/**
 * 403 session_reverification_required unless the session's factors were verified recently
 * enough. As clerk-js checks a level: a session that never verified a second factor is judged
 * by its first; `second_factor` then looks at the second only, `multi_factor` at both.
 */
export function requireRecentVerification(instance: Instance, ctx: RequestContext, session: StoredSession, user: StoredUser): void {
  const level = instance.reverificationLevel;
  if (!level) return;
  const maxAgeMs = instance.limits.forUser(user).reverificationSeconds * 1000;
  const recent = (at: number | null) => at !== null && ctx.now - at < maxAgeMs;
  let fresh = recent(session.firstFactorAt);
  if (level !== 'first_factor' && session.secondFactorAt !== null) {
    fresh = level === 'second_factor' ? recent(session.secondFactorAt) : fresh && recent(session.secondFactorAt);
  }
  if (!fresh) throw errors.reverificationRequired();
}

function reverificationBody(instance: Instance, ctx: RequestContext, session: StoredSession, user: StoredUser) {
  const body = reverificationJson(session, instance.store, ctx.now, instance.limits.forUser(user).lockoutAttempts);
  return withClient(instance, ctx, body);
}

/** The session the path names and the reverification it has under way in `status`. */
function verificationIn(instance: Instance, ctx: RequestContext, status: StoredReverification['status']) {
  const found = findSession(instance, ctx);
  const verification = found.session.verification;
  if (!verification) throw errors.notFound('session verification');
  if (verification.status !== status) throw errors.strategyInvalid();
  return { ...found, verification };
}

/** Records a step verified; when none is left, the session's verification times and its token are renewed. */
async function stepVerified(instance: Instance, ctx: RequestContext, session: StoredSession, verification: StoredReverification, step: 'first' | 'second') {
  if (step === 'first') session.firstFactorAt = ctx.now;
  else session.secondFactorAt = ctx.now;
  verification.status = step === 'first' && verification.level === 'multi_factor' ? 'needs_second_factor' : 'complete';
  session.updatedAt = ctx.now;
  if (verification.status === 'complete') await mintToken(instance, ctx, session);
}

/** `POST /v1/client/sessions/{id}/verify` with `level`; a user without a second factor verifies the first instead, as in Clerk. */
export function startVerification(instance: Instance, ctx: RequestContext) {
  const { session, user } = findSession(instance, ctx);
  const requested = ctx.required('level');
  if (!LEVELS.includes(requested)) throw errors.paramInvalid('level', 'level must be first_factor, second_factor or multi_factor.');
  const level = (secondFactorStrategies(user).length > 0 ? requested : 'first_factor') as ReverificationLevel;
  session.verification = { level, status: level === 'second_factor' ? 'needs_second_factor' : 'needs_first_factor', firstFactor: null, secondFactor: null };
  return reverificationBody(instance, ctx, session, user);
}

/** `POST .../verify/prepare_first_factor` with `strategy=email_code`: the code goes to the user's email. */
export function prepareFirstFactorVerification(instance: Instance, ctx: RequestContext) {
  const { session, user, verification } = verificationIn(instance, ctx, 'needs_first_factor');
  assertNotLocked(user, ctx.now);
  const method = firstFactorMethod(ctx.required('strategy'), 'reverification');
  const context = { user, subject: verification, now: ctx.now, limits: instance.limits.forUser(user) };
  sendFirstFactorCode(method, context, ctx.form.get('email_address_id'), (message) => instance.send(message));
  return reverificationBody(instance, ctx, session, user);
}

/** `POST .../verify/attempt_first_factor` with `strategy=password` and `password`, or `email_code` and `code`. */
export async function attemptFirstFactorVerification(instance: Instance, ctx: RequestContext) {
  const { session, user, verification } = verificationIn(instance, ctx, 'needs_first_factor');
  // Counted apart from sign-in attempts, which it must not use up.
  rateLimit(instance, ctx, 'attempt', `verify|${user.id}`, user);
  assertNotLocked(user, ctx.now);
  const method = firstFactorMethod(ctx.required('strategy'), 'reverification');
  const context = { user, subject: verification, now: ctx.now, limits: instance.limits.forUser(user) };
  const secret = ctx.required(method.field);
  if (!(await checkSecret(instance, user, ctx.now, () => verifyFirstFactor(method, context, secret)))) throw method.incorrect();
  await stepVerified(instance, ctx, session, verification, 'first');
  return reverificationBody(instance, ctx, session, user);
}

/** `POST .../verify/prepare_second_factor` with `strategy=phone_code` (and `phone_number_id`): the SMS code. */
export function prepareSecondFactorVerification(instance: Instance, ctx: RequestContext) {
  const { session, user, verification } = verificationIn(instance, ctx, 'needs_second_factor');
  prepareSecondFactorOf(instance, ctx, verification, user);
  return reverificationBody(instance, ctx, session, user);
}

/** `POST .../verify/attempt_second_factor` with `strategy` (`totp`, `phone_code`, `backup_code`) and `code`. */
export async function attemptSecondFactorVerification(instance: Instance, ctx: RequestContext) {
  const { session, user, verification } = verificationIn(instance, ctx, 'needs_second_factor');
  // Counted apart from sign-in attempts, which it must not use up.
  rateLimit(instance, ctx, 'attempt', `verify|${user.id}`, user);
  assertNotLocked(user, ctx.now);
  await attemptSecondFactorOf(instance, ctx, verification, user);
  await stepVerified(instance, ctx, session, verification, 'second');
  return reverificationBody(instance, ctx, session, user);
}
