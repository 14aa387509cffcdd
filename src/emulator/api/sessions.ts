/** Sessions: started by a completed sign-in, activated (`touch`), ended; their tokens and the JWKS that verifies them. */
import { errors } from '../errors.js';
import { issuer } from '../keys.js';
import { renderClaims } from '../token-templates.js';
import type { RequestContext } from '../request-context.js';
import { randomId } from '../security.js';
import { factorVerificationAge, sessionJson } from '../serializers/session.js';
import type { StoredClient, StoredSession, StoredSignIn, StoredUser } from '../records.js';
import type { SessionTaskKey } from '../types.js';
import { hasStrongSecondFactor } from '../user-factors.js';
import { type Instance, withClient } from './instance.js';

const SESSION_ABANDON_MS = 30 * 24 * 3600 * 1000;

export function sessionBody(instance: Instance, ctx: RequestContext, session: StoredSession) {
  const user = instance.store.users.get(session.userId);
  return sessionJson(session, instance.store, ctx.now, instance.limits.forUser(user).lockoutAttempts);
}

/** Signs a new token for the session (kept as its `last_active_token`), for the page at `azp`. */
export async function mintToken(instance: Instance, ctx: RequestContext, session: StoredSession, azp = ctx.origin): Promise<string> {
  const user = instance.store.users.get(session.userId)!;
  const client = instance.store.clients.get(session.clientId);
  const org = user.organizations.find((o) => o.id === session.lastActiveOrganizationId) ?? null;
  const jwt = await instance.tokens.sign(
    {
      sub: user.id,
      sid: session.id,
      azp,
      sts: session.status === 'pending' ? 'pending' : 'active',
      fva: factorVerificationAge(session, ctx.now),
      org: org ? { id: org.id, slug: org.slug, role: org.role.replace(/^org:/, '') } : null,
    },
    issuer(client?.devBrowser ?? false),
    ctx.now,
    instance.limits.forUser(user).tokenLifetimeSeconds,
  );
  session.lastActiveToken = jwt;
  return jwt;
}

/**
 * The tasks a new session of the user starts with: the user's own, where `setup-mfa` stands only
 * while the user has no second factor, and for every such user when the instance requires MFA.
 */
function tasksAtSignIn(instance: Instance, user: StoredUser): SessionTaskKey[] {
  const needsMfa = !hasStrongSecondFactor(user);
  const tasks = user.tasks.filter((task) => task !== 'setup-mfa' || needsMfa);
  if (instance.requireMfa && needsMfa && !tasks.includes('setup-mfa')) tasks.push('setup-mfa');
  return tasks;
}

/** The session a completed sign-in creates: pending while the user has tasks, with a first token. */
export async function startSession(instance: Instance, ctx: RequestContext, signIn: StoredSignIn, client: StoredClient, user: StoredUser): Promise<void> {
  user.failedAttempts = 0;
  user.lastSignInAt = ctx.now;
  client.trustedUserIds.add(user.id);
  const secondFactorUsed = signIn.secondFactor?.status === 'verified' && signIn.secondFactor.strategy !== 'email_code';
  const tasks = tasksAtSignIn(instance, user);
  const session: StoredSession = {
    id: randomId('sess'),
    clientId: client.id,
    userId: user.id,
    status: tasks.length > 0 ? 'pending' : 'active',
    tasks,
    lastActiveOrganizationId: null,
    firstFactorAt: ctx.now,
    secondFactorAt: secondFactorUsed ? ctx.now : null,
    verification: null,
    activity: { id: randomId('sess_activity'), userAgent: ctx.userAgent, ipAddress: ctx.ipAddress },
    lastActiveToken: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    lastActiveAt: ctx.now,
    expireAt: ctx.now + instance.limits.forUser(user).sessionLifetimeSeconds * 1000,
    abandonAt: ctx.now + SESSION_ABANDON_MS,
  };
  instance.store.sessions.set(session.id, session);
  client.sessionIds.push(session.id);
  client.lastActiveSessionId = session.id;
  client.sessionsChangedAt = ctx.now;
  client.lastAuthenticationStrategy = signIn.firstFactor?.strategy === 'email_code' ? 'email_code' : 'password';
  client.updatedAt = ctx.now;
  signIn.createdSessionId = session.id;
  await mintToken(instance, ctx, session);
}

/** Ends every live session of the user on any client but `keep` (`sign_out_of_other_sessions`). */
export function revokeOtherSessions(instance: Instance, user: StoredUser, keep: StoredClient, now: number): void {
  for (const session of instance.store.sessions.values()) {
    if (session.userId !== user.id || session.clientId === keep.id) continue;
    if (session.status !== 'active' && session.status !== 'pending') continue;
    session.status = 'revoked';
    session.updatedAt = now;
  }
}

/** Leaves the task list and promotes a pending session whose tasks are all done. */
export function resolveTask(session: StoredSession, key: string, now: number): void {
  session.tasks = session.tasks.filter((task) => task !== key);
  if (session.status === 'pending' && session.tasks.length === 0) session.status = 'active';
  session.updatedAt = now;
}

/** The live session the path names, of the requesting client; 404 for any other, 401 signed_out once it expired. */
export function findSession(instance: Instance, ctx: RequestContext): { session: StoredSession; client: StoredClient; user: StoredUser } {
  const client = ctx.client;
  const session = client ? instance.store.sessions.get(ctx.params.session_id ?? '') : undefined;
  if (!client || !session || session.clientId !== client.id) throw errors.notFound('session');
  if (session.status !== 'active' && session.status !== 'pending') throw errors.notFound('session');
  if (session.expireAt <= ctx.now) {
    session.status = 'ended';
    throw errors.signedOut();
  }
  return { session, client, user: instance.store.users.get(session.userId)! };
}

/** Makes `value` (an organization id; empty: none) the session's active organization; `null`/absent leaves it. */
export function selectOrganization(session: StoredSession, user: StoredUser, value: string | undefined, now: number): void {
  if (value === undefined || value === 'null') return;
  if (value === '') {
    session.lastActiveOrganizationId = null;
    return;
  }
  if (!user.organizations.some((org) => org.id === value)) throw errors.notFound('organization');
  session.lastActiveOrganizationId = value;
  resolveTask(session, 'choose-organization', now);
}

/** `POST /v1/client/sessions/{id}/touch`: makes the session the client's active one (`setActive`). */
export async function touchSession(instance: Instance, ctx: RequestContext) {
  const { session, client, user } = findSession(instance, ctx);
  selectOrganization(session, user, ctx.form.get('active_organization_id'), ctx.now);
  session.lastActiveAt = ctx.now;
  session.updatedAt = ctx.now;
  if (client.lastActiveSessionId !== session.id) client.sessionsChangedAt = ctx.now;
  client.lastActiveSessionId = session.id;
  client.updatedAt = ctx.now;
  await mintToken(instance, ctx, session);
  return withClient(instance, ctx, sessionBody(instance, ctx, session), client);
}

/** `POST /v1/client/sessions/{id}/tokens`: a fresh session token. */
export async function createToken(instance: Instance, ctx: RequestContext) {
  const { session, user } = findSession(instance, ctx);
  const organizationId = ctx.form.get('organization_id');
  if (organizationId !== undefined && organizationId !== '' && !user.organizations.some((org) => org.id === organizationId)) {
    throw errors.notFound('organization');
  }
  if (organizationId !== undefined && !(organizationId === '' && session.tasks.includes('choose-organization'))) {
    session.lastActiveOrganizationId = organizationId === '' ? null : organizationId;
  }
  return { object: 'token', jwt: await mintToken(instance, ctx, session) };
}

/** `GET /v1/client/sessions/{id}` (`session.reload()`). */
export function getSession(instance: Instance, ctx: RequestContext) {
  const { session, client } = findSession(instance, ctx);
  return withClient(instance, ctx, sessionBody(instance, ctx, session), client);
}

/** `POST /v1/client/sessions/{id}/tokens/{template}`: a JWT made from a token template; 404 for an unknown one. */
export async function createTemplateToken(instance: Instance, ctx: RequestContext) {
  const { session, user, client } = findSession(instance, ctx);
  const name = ctx.params.template_name ?? '';
  const template = instance.templates.get(name);
  if (!template) throw errors.templateNotFound(name);
  const jwt = await instance.tokens.signTemplate(
    renderClaims(template, user, session),
    { sub: user.id, azp: ctx.origin },
    issuer(client.devBrowser),
    ctx.now,
    template.lifetimeSeconds ?? instance.limits.forUser(user).tokenLifetimeSeconds,
  );
  return { object: 'token', jwt };
}

function endSessionAs(status: 'ended' | 'removed') {
  return (instance: Instance, ctx: RequestContext) => {
    const { session, client } = findSession(instance, ctx);
    session.status = status;
    session.updatedAt = ctx.now;
    if (client.lastActiveSessionId === session.id) {
      client.lastActiveSessionId = null;
      client.sessionsChangedAt = ctx.now;
    }
    client.updatedAt = ctx.now;
    return withClient(instance, ctx, sessionBody(instance, ctx, session), client);
  };
}

/** `POST /v1/client/sessions/{id}/end` and `.../remove`. */
export const endSession = endSessionAs('ended');
export const removeSession = endSessionAs('removed');

/** `GET /v1/jwks`: the public key that verifies session tokens. */
export function jwks(instance: Instance) {
  return instance.tokens.jwks();
}
