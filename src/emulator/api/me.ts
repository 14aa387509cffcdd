/** The signed-in user (`/v1/me`): profile, authenticator app enrolment, backup codes, password change. */
import { errors } from '../errors.js';
import { checkNewPassword } from '../password-rules.js';
import type { RequestContext } from '../request-context.js';
import { digestCode, hashPassword, randomId, verifyPassword } from '../security.js';
import { userJson } from '../serializers/user.js';
import type { StoredClient, StoredSession, StoredUser } from '../store.js';
import { newTotpSecret, totpUri, verifyTotp } from '../totp.js';
import type { SessionTaskKey } from '../types.js';
import { type Instance, withClient } from './instance.js';
import { checkSecret } from './protection.js';
import { mintToken, resolveTask } from './sessions.js';

/** The user of the session the request names (`_clerk_session_id`), else of the client's active one; 401 signed_out without. */
function currentUser(instance: Instance, ctx: RequestContext): { user: StoredUser; client: StoredClient; session: StoredSession } {
  const client = ctx.client;
  if (!client) throw errors.signedOut();
  const wanted = ctx.query.get('_clerk_session_id') || client.lastActiveSessionId;
  const session = instance.store.liveSessions(client).find((s) => s.id === wanted);
  if (!session) throw errors.signedOut();
  return { user: instance.store.users.get(session.userId)!, client, session };
}

function userBody(instance: Instance, ctx: RequestContext, user: StoredUser, client: StoredClient) {
  return withClient(instance, ctx, userJson(user, ctx.now, instance.limits.forUser(user).lockoutAttempts), client);
}

/** Completes `task` on the user's sessions of this client that have it (with a new token, whose `sts` changes). */
async function completeTask(instance: Instance, ctx: RequestContext, user: StoredUser, client: StoredClient, task: SessionTaskKey): Promise<void> {
  for (const session of instance.store.liveSessions(client).filter((s) => s.userId === user.id && s.tasks.includes(task))) {
    resolveTask(session, task, ctx.now);
    await mintToken(instance, ctx, session);
  }
}

/** `GET /v1/me`. */
export function getMe(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  return userBody(instance, ctx, user, client);
}

/** `PATCH /v1/me` with `first_name`, `last_name`. */
export function patchMe(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  const first = ctx.form.get('first_name');
  const last = ctx.form.get('last_name');
  if (first !== undefined) user.firstName = first || null;
  if (last !== undefined) user.lastName = last || null;
  user.updatedAt = ctx.now;
  return userBody(instance, ctx, user, client);
}

/** `POST /v1/me/totp`: a new secret to enrol, not in force until verified. */
export function createTotp(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  if (user.totpSecret) throw errors.totpAlreadyEnabled();
  const secret = newTotpSecret();
  user.pendingTotp = { id: randomId('totp'), secret, createdAt: ctx.now };
  const totp = { object: 'totp', id: user.pendingTotp.id, secret, uri: totpUri(secret, user.email), verified: false, backup_codes: null };
  return withClient(instance, ctx, { ...totp, created_at: ctx.now, updated_at: ctx.now }, client);
}

function newBackupCodes(user: StoredUser): string[] {
  const codes = Array.from({ length: 10 }, () => randomId('x').slice(2, 10).toLowerCase().replace(/[^a-z0-9]/g, '0'));
  user.backupCodes = codes.map((code) => digestCode(code));
  return codes;
}

/** `POST /v1/me/totp/attempt_verification`: the first code puts the authenticator in force (and completes `setup-mfa`). */
export async function verifyTotpEnrolment(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  const pending = user.pendingTotp;
  if (!pending) throw errors.notFound('TOTP enrolment');
  const counter = verifyTotp({ secret: pending.secret, token: ctx.required('code').trim(), timestamp: ctx.now });
  if (!(await checkSecret(instance, user, ctx.now, () => counter !== null)) || counter === null) throw errors.codeIncorrect();
  user.totpSecret = pending.secret;
  user.pendingTotp = null;
  user.lastTotpCounter = counter;
  user.mfaEnabledAt = ctx.now;
  user.updatedAt = ctx.now;
  const codes = user.backupCodes.length === 0 ? newBackupCodes(user) : null;
  await completeTask(instance, ctx, user, client, 'setup-mfa');
  const totp = { object: 'totp', id: pending.id, secret: null, uri: null, verified: true, backup_codes: codes };
  return withClient(instance, ctx, { ...totp, created_at: pending.createdAt, updated_at: ctx.now }, client);
}

/** `POST /v1/me/backup_codes`: a new set, replacing the old one. */
export function createBackupCodes(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  const codes = newBackupCodes(user);
  user.updatedAt = ctx.now;
  return withClient(instance, ctx, { object: 'backup_code', id: randomId('bkp'), codes, created_at: ctx.now, updated_at: ctx.now }, client);
}

/** `POST /v1/me/change_password`: `current_password` is needed unless a `reset-password` task asks for the change. */
export async function changePassword(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUser(instance, ctx);
  const next = ctx.required('new_password');
  const resetting = instance.store.liveSessions(client).some((s) => s.userId === user.id && s.tasks.includes('reset-password'));
  if (!resetting) {
    const current = ctx.form.get('current_password');
    if (!current) throw errors.paramMissing('current_password');
    if (!(await checkSecret(instance, user, ctx.now, () => verifyPassword(current, user.password)))) throw errors.passwordIncorrect();
  }
  await checkNewPassword(next, user, 'new_password');
  user.password = await hashPassword(next);
  user.updatedAt = ctx.now;
  await completeTask(instance, ctx, user, client, 'reset-password');
  return userBody(instance, ctx, user, client);
}
