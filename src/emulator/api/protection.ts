/**
 * Clerk's attack protection, shared by every handler that checks a secret: rate limits per client
 * and per identifier, the lockout, and the check of a password or code itself, which holds under
 * concurrency (see `checkSecret`).
 */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import type { StoredUser } from '../records.js';
import type { Instance } from './instance.js';

/**
 * Counts one sign-in creation or factor attempt, per client and subject and per identifier (from
 * any client: fresh clients do not multiply the limit); 429 with Retry-After past either limit.
 * An unknown identifier is counted like a known one, so the answers do not tell them apart.
 */
export function rateLimit(instance: Instance, ctx: RequestContext, kind: 'create' | 'attempt', subject: string, user?: StoredUser): void {
  const limits = instance.limits.forUser(user);
  const window = limits.rateLimitWindowSeconds * 1000;
  const perClient = kind === 'create' ? limits.signInCreateLimit : limits.signInAttemptLimit;
  const retryAfter =
    instance.limiter.hit(`${kind}|${ctx.clientKey ?? 'none'}|${subject}`, perClient, window, ctx.now) ||
    instance.limiter.hit(`identifier|${user?.email ?? subject}`, limits.identifierLimit, window, ctx.now);
  if (retryAfter > 0) throw errors.tooManyRequests(retryAfter);
}

/** 403 user_locked while the lockout lasts; once it is over, the count of failures starts again. */
export function assertNotLocked(user: StoredUser, now: number): void {
  if (user.lockedUntil > now) throw errors.userLocked(Math.ceil((user.lockedUntil - now) / 1000));
  if (user.lockedUntil !== 0) {
    user.lockedUntil = 0;
    user.failedAttempts = 0;
  }
}

/** Counts a failed password or code; throws user_locked when this failure reaches the limit. */
function recordFailure(instance: Instance, user: StoredUser, now: number): void {
  const limits = instance.limits.forUser(user);
  user.failedAttempts += 1;
  if (user.failedAttempts >= limits.lockoutAttempts) {
    user.failedAttempts = 0;
    user.lockedUntil = now + limits.lockoutSeconds * 1000;
    throw errors.userLocked(limits.lockoutSeconds);
  }
}

/**
 * Checks a password or code of `user`: resolves true when it is right, false when it is wrong
 * (counted towards the lockout; the failure that reaches it throws user_locked).
 *
 * Safe under concurrency: the try is counted as a failure before the check starts (a
 * reservation) and settled when it ends, so while the checks in flight could reach the lockout
 * no further check starts (429, Retry-After 1 s), and however many requests arrive at once, no
 * more secrets are tried than the lockout allows. The lock is checked again once the check is
 * done, as another request may have set it meanwhile.
 */
export async function checkSecret(instance: Instance, user: StoredUser, now: number, check: () => boolean | Promise<boolean>): Promise<boolean> {
  assertNotLocked(user, now);
  if (user.failedAttempts + user.checksInFlight >= instance.limits.forUser(user).lockoutAttempts) throw errors.tooManyRequests(1);
  user.checksInFlight += 1;
  let right: boolean;
  try {
    right = await check();
  } finally {
    user.checksInFlight -= 1;
  }
  if (!right) {
    recordFailure(instance, user, now);
    return false;
  }
  assertNotLocked(user, now);
  return true;
}
