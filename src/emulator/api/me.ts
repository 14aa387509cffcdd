/**
 * The signed-in user (`/v1/me`): who it is, its profile, password and sessions. Its second
 * factors have their own files (me-totp.ts, me-phone-numbers.ts); sensitive changes ask for a
 * recent verification (reverification.ts).
 */
import { errors } from '../errors.js';
import { checkNewPassword } from '../password-rules.js';
import type { RequestContext } from '../request-context.js';
import { hashPassword, verifyPassword } from '../security.js';
import { activeSessionJson } from '../serializers/session.js';
import { userJson } from '../serializers/user.js';
import type { StoredClient, StoredSession, StoredUser } from '../records.js';
import type { SessionTaskKey } from '../types.js';
import { type Instance, withClient } from './instance.js';
import { checkSecret } from './protection.js';
import { requireRecentVerification } from './reverification.js';
import { mintToken, resolveTask, sessionBody } from './sessions.js';

export interface Me {
  user: StoredUser;
  client: StoredClient;
  session: StoredSession;
}

/** The user of the session the request names (`_clerk_session_id`), else of the client's active one; 401 signed_out without. */
export function currentUser(instance: Instance, ctx: RequestContext): Me {
  const client = ctx.client;
  if (!client) throw errors.signedOut();
  const wanted = ctx.query.get('_clerk_session_id') || client.lastActiveSessionId;
  const session = instance.store.liveSessions(client).find((s) => s.id === wanted);
  if (!session) throw errors.signedOut();
  return { user: instance.store.users.get(session.userId)!, client, session };
}

/** `currentUser`, for a sensitive change: 403 session_reverification_required unless its session was verified recently. */
export function currentUserForChange(instance: Instance, ctx: RequestContext): Me {
  const me = currentUser(instance, ctx);
  requireRecentVerification(instance, ctx, me.session, me.user);
  return me;
}

export function userBody(instance: Instance, ctx: RequestContext, user: StoredUser, client: StoredClient) {
  return withClient(instance, ctx, userJson(user, ctx.now, instance.limits.forUser(user).lockoutAttempts), client);
}

/** Completes `task` on the user's sessions of this client that have it (with a new token, whose `sts` changes). */
export async function completeTask(instance: Instance, ctx: RequestContext, { user, client }: Me, task: SessionTaskKey): Promise<void> {
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

/** `POST /v1/me/change_password`: `current_password` is needed unless a `reset-password` task asks for the change. */
export async function changePassword(instance: Instance, ctx: RequestContext) {
  const me = currentUserForChange(instance, ctx);
  const { user, client } = me;
  const next = ctx.required('new_password');
  const resetting = instance.store.liveSessions(client).some((s) => s.userId === user.id && s.tasks.includes('reset-password'));
  if (!resetting) {
    const current = ctx.form.get('current_password');
    if (!current) throw errors.paramMissing('current_password');
    if (!(await checkSecret(instance, user, ctx.now, () => verifyPassword(current, user.password)))) throw errors.passwordIncorrect();
  }
  await checkNewPassword(next, user, 'new_password');
  user.password = await hashPassword(next, instance.passwordHashing);
  user.updatedAt = ctx.now;
  await completeTask(instance, ctx, me, 'reset-password');
  return userBody(instance, ctx, user, client);
}

/** The user's signed-in sessions on every client, the newest first. */
function sessionsOf(instance: Instance, user: StoredUser): StoredSession[] {
  return [...instance.store.sessions.values()]
    .filter((session) => session.userId === user.id && (session.status === 'active' || session.status === 'pending'))
    .sort((a, b) => b.lastActiveAt - a.lastActiveAt);
}

/** `GET /v1/me/sessions/active`: the user's sessions with the browser each was started from ("Active devices"). */
export function activeSessions(instance: Instance, ctx: RequestContext) {
  const { user } = currentUser(instance, ctx);
  const lockoutAttempts = instance.limits.forUser(user).lockoutAttempts;
  return sessionsOf(instance, user)
    .filter((session) => session.expireAt > ctx.now)
    .map((session) => activeSessionJson(session, instance.store, ctx.now, lockoutAttempts));
}

/** `POST /v1/me/sessions/{id}/revoke`: signs another of the user's devices out. */
export function revokeSession(instance: Instance, ctx: RequestContext) {
  const { user, client } = currentUserForChange(instance, ctx);
  const session = sessionsOf(instance, user).find((candidate) => candidate.id === ctx.params.session_id);
  if (!session) throw errors.notFound('session');
  session.status = 'revoked';
  session.updatedAt = ctx.now;
  return withClient(instance, ctx, sessionBody(instance, ctx, session), client);
}
