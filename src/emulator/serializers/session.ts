/** Sessions and the client as Clerk's Frontend API shows them. */
import type { Store, StoredClient, StoredSession } from '../store.js';
import { signInJson } from './sign-in.js';
import { publicUserData, userJson } from './user.js';

export function sessionJson(session: StoredSession, store: Store, now: number, lockoutAttempts: number) {
  const user = store.users.get(session.userId)!;
  const minutes = (at: number | null) => (at === null ? -1 : Math.floor((now - at) / 60_000));
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    last_active_at: session.lastActiveAt,
    last_active_token: session.lastActiveToken ? { object: 'token', jwt: session.lastActiveToken } : null,
    last_active_organization_id: session.lastActiveOrganizationId,
    actor: null,
    tasks: session.status === 'pending' ? session.tasks.map((key) => ({ key })) : null,
    user: userJson(user, now, lockoutAttempts),
    public_user_data: publicUserData(user),
    factor_verification_age: [minutes(session.firstFactorAt), minutes(session.secondFactorAt)],
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

export function clientJson(client: StoredClient, store: Store, now: number, lockoutAttempts: number) {
  const signIn = client.signInId ? store.signIns.get(client.signInId) : undefined;
  return {
    object: 'client',
    id: client.id,
    sessions: store.liveSessions(client).map((session) => sessionJson(session, store, now, lockoutAttempts)),
    sign_in: signIn && signIn.status !== 'complete' ? signInJson(signIn, store) : null,
    sign_up: null,
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: client.lastAuthenticationStrategy,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}
