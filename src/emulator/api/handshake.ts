/**
 * `GET /v1/client/handshake`: where the server SDKs send a page load whose session they cannot
 * trust (its token expired, a cookie missing). The browser comes back to `redirect_url` with a
 * payload, a JWT signed by the instance key holding the `Set-Cookie` values of a fresh session
 * token (or of a signed-out browser), which the SDK applies to the page's response. A development
 * instance gets the payload as the `__clerk_handshake` query parameter and a dev browser among the
 * cookies; a production one as the `__clerk_handshake` cookie, as Clerk's spec says.
 */
import {
  CLIENT_UAT_COOKIE,
  clientUat,
  cookie,
  cookieVariants,
  DEV_BROWSER_COOKIE,
  HANDSHAKE_COOKIE,
  SESSION_COOKIE,
} from '../auth-cookies.js';
import { errors } from '../errors.js';
import { Redirect } from '../http.js';
import { cookieSuffix, developmentKeys, keysOfFlow } from '../keys.js';
import type { StoredClient, StoredSession } from '../records.js';
import { DEV_BROWSER_PARAM, type RequestContext } from '../request-context.js';
import { newDevBrowser } from './environment-client.js';
import type { Instance } from './instance.js';
import { mintToken, selectOrganization } from './sessions.js';

/** How long the production carrier cookie lives: it is read on the very next request. */
const CARRIER_SECONDS = 60;

/** The client the browser is: by the dev browser the SDK passes on, else by the `__client` cookie. */
function handshakeClient(instance: Instance, ctx: RequestContext, devBrowser: string | null): StoredClient | null {
  const { store } = instance;
  const key = (devBrowser !== null && store.clientKeys.get(devBrowser)) || store.clientKeys.get(ctx.cookies.get('__client') ?? '');
  return (key && store.clients.get(key)) || null;
}

/** The session the page should be signed in to: the client's active one, while it lasts. */
function activeSession(instance: Instance, client: StoredClient | null, now: number): StoredSession | null {
  const session = client?.lastActiveSessionId ? instance.store.sessions.get(client.lastActiveSessionId) : undefined;
  if (!session || (session.status !== 'active' && session.status !== 'pending')) return null;
  return session.expireAt > now ? session : null;
}

export async function handshake(instance: Instance, ctx: RequestContext): Promise<Redirect> {
  const redirectUrl = ctx.query.get('redirect_url');
  if (!redirectUrl) throw errors.paramMissing('redirect_url');
  if (!instance.origins.allowsUrl(redirectUrl, ctx.base)) throw errors.redirectUrlInvalid(redirectUrl);
  const sent = ctx.query.get(DEV_BROWSER_PARAM);
  // Only a development instance's SDK passes a dev browser on, or asks for the one it misses.
  const development = sent !== null || (ctx.query.get('__clerk_hs_reason') ?? '').startsWith('dev-browser');
  const client = handshakeClient(instance, ctx, sent);
  const session = activeSession(instance, client, ctx.now);
  if (session) selectOrganization(session, instance.store.users.get(session.userId)!, ctx.query.get('organization_id') ?? undefined, ctx.now);
  const token = session ? await mintToken(instance, ctx, session, new URL(redirectUrl).origin) : '';

  const suffixes = ctx.query.get('suffixed_cookies') === 'true' ? keysOfFlow(client?.devBrowser ?? sent !== null).map(cookieSuffix) : [];
  const secure = ctx.secure;
  const cookies = [...cookieVariants(SESSION_COOKIE, token, suffixes, secure), ...cookieVariants(CLIENT_UAT_COOKIE, session ? clientUat(client, instance.store) : '0', suffixes, secure)];
  if (development) {
    const devBrowser = sent !== null && instance.store.devBrowsers.get(sent) !== undefined ? sent : newDevBrowser(instance, ctx.now);
    if (client && !instance.store.clientKeys.has(devBrowser)) instance.store.clientKeys.set(devBrowser, client.id);
    // Under every development key's suffixed name too: where clerk-js keeps no dev browser (the
    // development key's cookie flow), nothing else would write the one the SDK reads.
    cookies.push(...cookieVariants(DEV_BROWSER_COOKIE, devBrowser, developmentKeys().map(cookieSuffix), secure));
  } else {
    cookies.push(cookie(HANDSHAKE_COOKIE, '', { secure }));
  }
  const payload = await instance.tokens.signHandshake(cookies, ctx.now);
  if (!development) return new Redirect(redirectUrl, [cookie(HANDSHAKE_COOKIE, payload, { secure, maxAge: CARRIER_SECONDS, httpOnly: true })]);
  const back = new URL(redirectUrl);
  back.searchParams.set(HANDSHAKE_COOKIE, payload);
  return new Redirect(back.href);
}
