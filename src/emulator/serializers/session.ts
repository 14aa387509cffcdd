/** Sessions, their reverification and the client as Clerk's Frontend API shows them. */
import type { Store } from '../store.js';
import type { StoredClient, StoredSession } from '../records.js';
import { describeUserAgent } from '../user-agent.js';
import { firstFactorStrategies, secondFactorStrategies } from '../user-factors.js';
import { firstFactorsJson, secondFactorsJson, verificationJson } from './factors.js';
import { signInJson } from './sign-in.js';
import { publicUserData, userJson } from './user.js';

/** Whole minutes since the session's first and second factors were last verified (-1: never), as the token's `fva`. */
export function factorVerificationAge(session: StoredSession, now: number): [number, number] {
  const minutes = (at: number | null) => (at === null ? -1 : Math.floor((now - at) / 60_000));
  return [minutes(session.firstFactorAt), minutes(session.secondFactorAt)];
}

export function sessionJson(session: StoredSession, store: Store, now: number, lockoutAttempts: number) {
  const user = store.users.get(session.userId)!;
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
    factor_verification_age: factorVerificationAge(session, now),
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

/** A session of the user's with the browser it was started from (`GET /v1/me/sessions/active`). */
export function activeSessionJson(session: StoredSession, store: Store, now: number, lockoutAttempts: number) {
  const device = describeUserAgent(session.activity.userAgent);
  return {
    ...sessionJson(session, store, now, lockoutAttempts),
    latest_activity: {
      object: 'session_activity',
      id: session.activity.id,
      device_type: device.deviceType,
      is_mobile: device.isMobile,
      browser_name: device.browserName,
      browser_version: device.browserVersion,
      ip_address: session.activity.ipAddress,
      city: '',
      country: '',
    },
  };
}

/** The reverification under way on a session, with the factors it accepts. */
export function reverificationJson(session: StoredSession, store: Store, now: number, lockoutAttempts: number) {
  const user = store.users.get(session.userId)!;
  const verification = session.verification!;
  return {
    object: 'session_reverification',
    level: verification.level,
    status: verification.status,
    supported_first_factors: firstFactorsJson(user, firstFactorStrategies('reverification')),
    supported_second_factors: secondFactorStrategies(user).length > 0 ? secondFactorsJson(user) : null,
    first_factor_verification: verificationJson(verification.firstFactor),
    second_factor_verification: verificationJson(verification.secondFactor),
    session: sessionJson(session, store, now, lockoutAttempts),
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
