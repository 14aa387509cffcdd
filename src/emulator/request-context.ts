/**
 * What a Frontend API handler knows about the request it serves: which client sent it (the
 * `__client` cookie, or the dev browser token in development instances), the page's origin, the
 * token issuer, the path and form parameters.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { errors } from './errors.js';
import { appendHeader, clientIp, parseCookies } from './http.js';
import type { IncomingRequest } from './request.js';
import type { Params } from './router.js';
import type { Store } from './store.js';
import type { StoredClient } from './records.js';

const CLIENT_COOKIE = '__client';
export const DEV_BROWSER_PARAM = '__clerk_db_jwt';
const CLIENT_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** The `__client` cookie value or the dev browser token a request carries, if any. */
export function clientKeyOf(request: IncomingRequest): string | null {
  return request.url.searchParams.get(DEV_BROWSER_PARAM) ?? parseCookies(request.req.headers.cookie).get(CLIENT_COOKIE) ?? null;
}

export interface ContextInput {
  store: Store;
  request: IncomingRequest;
  params: Params;
  form: Map<string, string>;
  now: number;
  /** Whether the request must name a known client. False only where a browser has none yet (`POST /v1/dev_browser`). */
  identify: boolean;
}

export class RequestContext {
  readonly params: Params;
  readonly form: Map<string, string>;
  readonly query: URLSearchParams;
  readonly now: number;
  /** Origin of the page, only ever an allowed one, else the emulator's own (for `azp` and the environment's URLs). */
  readonly origin: string;
  /** The emulator's own origin, as the request reached it. */
  readonly base: string;
  /** The request's cookies. */
  readonly cookies: Map<string, string>;
  /** The browser's `User-Agent` (at most 512 characters) and address, shown with the sessions it starts. */
  readonly userAgent: string;
  readonly ipAddress: string;
  /** Reached over TLS: cookies are set `Secure`. */
  readonly secure: boolean;
  /** Cookie value or dev browser token: the per-client rate-limit key. */
  clientKey: string | null = null;
  #client: StoredClient | null = null;
  readonly #store: Store;
  readonly #res: ServerResponse;
  readonly #devBrowser: string | null;

  constructor({ store, request, params, form, now, identify }: ContextInput) {
    const { req } = request;
    this.params = params;
    this.form = form;
    this.query = request.url.searchParams;
    this.now = now;
    this.#store = store;
    this.#res = request.res;
    this.secure = 'encrypted' in req.socket && !!(req.socket as { encrypted?: boolean }).encrypted;
    this.base = `${this.secure ? 'https' : 'http'}://${String(req.headers.host ?? '127.0.0.1')}`;
    this.origin = request.origin.allowed && request.origin.sent !== null ? request.origin.sent : this.base;
    this.cookies = parseCookies(req.headers.cookie);
    this.userAgent = String(req.headers['user-agent'] ?? '').slice(0, 512);
    this.ipAddress = clientIp(req);
    this.#devBrowser = identify ? this.query.get(DEV_BROWSER_PARAM) : null;
    if (!identify) return;
    if (this.#devBrowser !== null && store.devBrowsers.get(this.#devBrowser) === undefined) throw errors.devBrowserUnauthenticated();
    this.clientKey = clientKeyOf(request);
    const clientId = this.clientKey ? store.clientKeys.get(this.clientKey) : undefined;
    this.#client = (clientId && store.clients.get(clientId)) || null;
  }

  get client(): StoredClient | null {
    return this.#client;
  }

  /** The current client, created (and its cookie set) when there is none yet. */
  ensureClient(): StoredClient {
    if (this.#client) return this.#client;
    const client = this.#store.createClient(this.#devBrowser !== null);
    if (this.#devBrowser === null) {
      this.clientKey = randomBytes(24).toString('base64url');
      const secure = this.secure ? '; Secure' : '';
      appendHeader(this.#res, 'Set-Cookie', `${CLIENT_COOKIE}=${this.clientKey}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${CLIENT_COOKIE_MAX_AGE}${secure}`);
    }
    this.#store.clientKeys.set(this.clientKey!, client.id);
    return (this.#client = client);
  }

  /** A form parameter that must be present and not blank. */
  required(name: string): string {
    const value = this.form.get(name);
    if (value === undefined || value.trim() === '') throw errors.paramMissing(name);
    return value;
  }

  header(name: string, value: string): void {
    this.#res.setHeader(name, value);
  }

  /** Adds a `Set-Cookie` header (a value made by `auth-cookies.ts`). */
  setCookie(value: string): void {
    appendHeader(this.#res, 'Set-Cookie', value);
  }
}
