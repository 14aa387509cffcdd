/** The emulated Clerk instance every Frontend API handler works on: its state, settings and services. */
import type { Origins } from '../cors.js';
import type { Limits } from '../limits.js';
import type { RequestContext } from '../request-context.js';
import type { PasswordHashing, RateLimiter } from '../security.js';
import { clientJson } from '../serializers/session.js';
import type { Store } from '../store.js';
import type { ReverificationLevel, StoredClient } from '../records.js';
import type { TokenTemplate } from '../token-templates.js';
import type { TokenIssuer } from '../tokens.js';
import type { EmulatorMessage } from '../types.js';

export interface Instance {
  store: Store;
  tokens: TokenIssuer;
  /** The pages allowed to use the instance: where a handshake may send a browser back to. */
  origins: Origins;
  limiter: RateLimiter;
  limits: Limits;
  /** Clerk's Client Trust for every user without their own `client_trust`. */
  clientTrust: boolean;
  /** Clerk's multi-session mode: a client may hold sessions of several users, one of them active. */
  multiSession: boolean;
  /** JWT templates by name (`POST /v1/client/sessions/{id}/tokens/{template}`). */
  templates: Map<string, TokenTemplate>;
  /** Clerk's "require MFA": a user without a second factor signs in to a pending `setup-mfa` session. */
  requireMfa: boolean;
  /** The factors a sensitive action needs verified recently (how recently: the `reverificationSeconds` limit); null: none. */
  reverificationLevel: ReverificationLevel | null;
  /** How new passwords are hashed (`fast` only in test suites). */
  passwordHashing: PasswordHashing;
  /** "Sends" an SMS or email code: into the inbox. */
  send(message: EmulatorMessage): void;
}

/** A Frontend API handler: the answer it returns is sent as JSON with status 200. */
export type ApiHandler = (instance: Instance, ctx: RequestContext) => unknown;

export function clientBody(instance: Instance, ctx: RequestContext, client: StoredClient | null) {
  return client ? clientJson(client, instance.store, ctx.now, instance.limits.current().lockoutAttempts) : null;
}

/** `{response, client}`: how Clerk answers a change, with the client as it is now (clerk-js finds new sessions there). */
export function withClient(instance: Instance, ctx: RequestContext, response: unknown, client: StoredClient | null = ctx.client) {
  return { response, client: clientBody(instance, ctx, client) };
}
