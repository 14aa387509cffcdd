/** Clerk's attack protection, shared by every handler that checks a secret: rate limits, lockout, failed attempts. */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import type { StoredUser } from '../records.js';
import type { Instance } from './instance.js';

/** Counts one sign-in creation or factor attempt per client and subject; 429 with Retry-After past the limit. */
export function rateLimit(instance: Instance, ctx: RequestContext, kind: 'create' | 'attempt', subject: string, user?: StoredUser): void {
  const limits = instance.limits.forUser(user);
  const limit = kind === 'create' ? limits.signInCreateLimit : limits.signInAttemptLimit;
  const key = `${kind}|${ctx.clientKey ?? 'none'}|${subject}`;
  const retryAfter = instance.limiter.hit(key, limit, limits.rateLimitWindowSeconds * 1000, ctx.now);
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
export function recordFailure(instance: Instance, user: StoredUser, now: number): void {
  const limits = instance.limits.forUser(user);
  user.failedAttempts += 1;
  if (user.failedAttempts >= limits.lockoutAttempts) {
    user.failedAttempts = 0;
    user.lockedUntil = now + limits.lockoutSeconds * 1000;
    throw errors.userLocked(limits.lockoutSeconds);
  }
}
