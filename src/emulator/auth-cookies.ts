/**
 * The cookies the server SDKs read on the page's own domain (`@clerk/backend`'s
 * `authenticateRequest`): `__session` (the session token), `__client_uat` (when the client's
 * sessions last changed; 0 when signed out), `__clerk_db_jwt` (the dev browser) and the handshake
 * carrier `__clerk_handshake`, each also under its suffixed name (`__session_<suffix>`) when the SDK
 * asks for those. They are readable by clerk-js, which writes `__session` itself: never HttpOnly.
 */
import type { StoredClient } from './records.js';
import type { Store } from './store.js';

export const SESSION_COOKIE = '__session';
export const CLIENT_UAT_COOKIE = '__client_uat';
export const DEV_BROWSER_COOKIE = '__clerk_db_jwt';
export const HANDSHAKE_COOKIE = '__clerk_handshake';

const YEAR_SECONDS = 365 * 24 * 3600;

/** `name=value` for the page's domain: host-only, the whole site, sent on top-level navigations. */
export function cookie(name: string, value: string, { secure = false, maxAge = YEAR_SECONDS, httpOnly = false } = {}): string {
  return `${name}=${value}; Path=/; SameSite=Lax; Max-Age=${value === '' ? 0 : maxAge}${httpOnly ? '; HttpOnly' : ''}${secure ? '; Secure' : ''}`;
}

/** The cookie under its own name, and under each suffixed name when the SDK reads suffixed cookies. */
export function cookieVariants(name: string, value: string, suffixes: string[], secure: boolean): string[] {
  return [name, ...suffixes.map((suffix) => `${name}_${suffix}`)].map((each) => cookie(each, value, { secure }));
}

/**
 * `__client_uat`: whole seconds of the last change to the client's sessions (a sign-in, the
 * active session switched, a sign-out), or 0 without a session. A token issued before it is
 * stale to the SDK, so it only moves when a fresh token is issued with it.
 */
export function clientUat(client: StoredClient | null, store: Store): string {
  if (!client || store.liveSessions(client).length === 0) return '0';
  return String(Math.floor(client.sessionsChangedAt / 1000));
}
