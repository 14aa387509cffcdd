/** What clerk-js asks for as it loads: the environment, the client (the browser's state), and a dev browser. */
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../request-context.js';
import { environmentJson } from '../serializers/environment.js';
import { clientBody, type Instance } from './instance.js';

/** `GET|PATCH /v1/environment`. */
export function environment(instance: Instance, ctx: RequestContext) {
  const { lockoutAttempts, lockoutSeconds } = instance.limits.current();
  const reverification = instance.reverificationLevel !== null;
  return environmentJson(ctx.origin, { instance: 'development', lockoutAttempts, lockoutSeconds, requireMfa: instance.requireMfa, reverification, multiSession: instance.multiSession });
}

/** `GET /v1/client`: `{response: null, client: null}` before the browser has one. */
export function getClient(instance: Instance, ctx: RequestContext) {
  const body = clientBody(instance, ctx, ctx.client);
  return { response: body, client: body };
}

/** `POST|PUT /v1/client`. */
export function createClient(instance: Instance, ctx: RequestContext) {
  const body = clientBody(instance, ctx, ctx.ensureClient());
  return { response: body, client: body };
}

/** `DELETE /v1/client` and `DELETE /v1/client/sessions`: signs every session out (Clerk's sign-out), keeping the client. */
export function removeClientSessions(instance: Instance, ctx: RequestContext) {
  const client = ctx.client;
  if (client) {
    for (const session of instance.store.liveSessions(client)) {
      session.status = 'removed';
      session.updatedAt = ctx.now;
    }
    client.lastActiveSessionId = null;
    client.sessionsChangedAt = ctx.now;
    client.signInId = null;
    client.updatedAt = ctx.now;
  }
  const body = clientBody(instance, ctx, client);
  return { response: body, client: body };
}

/** `POST /v1/dev_browser`: the token a development instance's browser sends as `__clerk_db_jwt` from then on. */
export function createDevBrowser(instance: Instance, ctx: RequestContext) {
  const token = newDevBrowser(instance, ctx.now);
  ctx.header('Clerk-Db-Jwt', token);
  return { object: 'dev_browser', id: token };
}

/** A new dev browser token, known to the store. */
export function newDevBrowser(instance: Instance, now: number): string {
  const token = `dvb_${randomBytes(24).toString('base64url')}`;
  instance.store.devBrowsers.set(token, now);
  return token;
}
