/**
 * The signed-in user's authenticator app (`/v1/me/totp`) and backup codes (`/v1/me/backup_codes`):
 * enrolled with a first code, removed (the old authenticator then shows codes nobody accepts),
 * codes regenerated (the old set stops working).
 */
import { errors } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { randomId } from '../security.js';
import { backupCodesJson, deletedJson, totpJson } from '../serializers/mfa.js';
import { newTotpSecret, totpUri, verifyTotp } from '../totp.js';
import { hasStrongSecondFactor, newBackupCodes, secondFactorsChanged } from '../user-factors.js';
import { withClient, type Instance } from './instance.js';
import { completeTask, currentUser, currentUserForChange } from './me.js';
import { assertNotLocked, checkSecret, rateLimit } from './protection.js';

/** `POST /v1/me/totp`: a new secret to enrol, not in force until verified; a second call replaces an unverified one. */
export function createTotp(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUserForChange(instance, ctx);
  if (user.totp) throw errors.totpAlreadyEnabled();
  const pending = { id: randomId('totp'), secret: newTotpSecret(), createdAt: ctx.now };
  user.pendingTotp = pending;
  const body = totpJson({ totp: pending, verified: false, uri: totpUri(pending.secret, user.email), backupCodes: null, updatedAt: ctx.now });
  return withClient(instance, ctx, body, client);
}

/**
 * `POST /v1/me/totp/attempt_verification` with `code`: the first code puts the authenticator in
 * force, answers the backup codes when the user had none, and completes `setup-mfa`.
 */
export async function verifyTotpEnrolment(instance: Instance, ctx: RequestContext) {
  const me = currentUser(instance, ctx);
  const { user, client } = me;
  // Counted apart from sign-in attempts, which it must not use up.
  rateLimit(instance, ctx, 'attempt', `me|${user.id}`, user);
  assertNotLocked(user, ctx.now);
  const pending = user.pendingTotp;
  if (!pending) throw errors.notFound('authenticator app being added');
  const counter = verifyTotp({ secret: pending.secret, token: ctx.required('code').trim(), timestamp: ctx.now });
  if (!(await checkSecret(instance, user, ctx.now, () => counter !== null)) || counter === null) throw errors.codeIncorrect();
  const hadOne = hasStrongSecondFactor(user);
  user.totp = pending;
  user.pendingTotp = null;
  user.lastTotpCounter = counter;
  secondFactorsChanged(user, hadOne, ctx.now);
  const codes = user.backupCodes.length === 0 ? newBackupCodes(user) : null;
  await completeTask(instance, ctx, me, 'setup-mfa');
  return withClient(instance, ctx, totpJson({ totp: pending, verified: true, uri: null, backupCodes: codes, updatedAt: ctx.now }), client);
}

/** `DELETE /v1/me/totp`: the authenticator stops working; the sign-in no longer offers `totp`. */
export function deleteTotp(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUserForChange(instance, ctx);
  const totp = user.totp;
  if (!totp) throw errors.notFound('authenticator app');
  user.totp = null;
  user.pendingTotp = null;
  user.lastTotpCounter = -1;
  secondFactorsChanged(user, true, ctx.now);
  return withClient(instance, ctx, deletedJson('totp', totp.id), client);
}

/** `POST /v1/me/backup_codes` (and with clerk-js's trailing slash): a new set; the old codes stop working. */
export function createBackupCodes(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUserForChange(instance, ctx);
  if (!hasStrongSecondFactor(user)) throw errors.backupCodesNotAvailable();
  const codes = newBackupCodes(user);
  user.updatedAt = ctx.now;
  return withClient(instance, ctx, backupCodesJson(randomId('bkp'), codes, ctx.now), client);
}
