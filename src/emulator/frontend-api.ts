/**
 * The Frontend API as it is served: each request is logged, is refused when it comes from a page
 * whose origin is not allowed (`origin_invalid`), may meet an injected fault, counts towards the
 * per-IP limit, gets its `RequestContext`, and its handler's answer (or its error, through
 * `errorResponse`) goes out as JSON, shown to the `onResponse` observer.
 */
import type { ApiHandler, Instance } from './api/instance.js';
import { type ApiError, errorResponse, errors } from './errors.js';
import type { FaultInjector, FaultSubject } from './faults.js';
import { clientUat, CLIENT_UAT_COOKIE, cookie } from './auth-cookies.js';
import { clientIp, Redirect, reply, sendRedirect } from './http.js';
import { clientKeyOf, RequestContext } from './request-context.js';
import { type Endpoint, formOf, type IncomingRequest } from './request.js';
import type { Params } from './router.js';
import type { EmulatorResponse, RequestLogEntry } from './types.js';

const MAX_LOGGED_REQUESTS = 10_000;
/** Refused origins named in the log (once each), so a page left out of `allowedOrigins` is easy to spot. */
const MAX_NAMED_ORIGINS = 100;

export interface FrontendApiOptions {
  instance: Instance;
  faults: FaultInjector;
  /** Where the emulator is mounted (`/__clerk`). */
  mount: string;
  now: () => number;
  log: (line: string) => void;
  onResponse?: ((response: EmulatorResponse) => void) | undefined;
}

export class FrontendApi {
  #requests: RequestLogEntry[] = [];
  readonly #refusedOrigins = new Set<string>();

  constructor(private readonly options: FrontendApiOptions) {}

  /** The request log, oldest first. */
  requests(): RequestLogEntry[] {
    return this.#requests.map((entry) => ({ ...entry }));
  }

  clearRequests(): void {
    this.#requests = [];
  }

  /** Serves `handler` as a Frontend API endpoint. */
  endpoint(handler: ApiHandler, { anonymous = false }: { anonymous?: boolean } = {}): Endpoint {
    return (request, params) => this.#serve(request, params, handler, anonymous);
  }

  /** Answers what the router found no endpoint for (404, 405, 400), logged and faultable like any other request. */
  refusal(error: ApiError): Endpoint {
    return this.endpoint(() => {
      throw error;
    }, { anonymous: true });
  }

  async #serve(request: IncomingRequest, params: Params, handler: ApiHandler, anonymous: boolean): Promise<void> {
    const { instance, faults, mount, now } = this.options;
    const at = now();
    const entry: RequestLogEntry = { method: request.method, path: mount + request.path, status: 0, at };
    this.#requests.push(entry);
    // Trimmed in batches, so a long run does not copy the whole log on every request.
    if (this.#requests.length > MAX_LOGGED_REQUESTS * 1.1) this.#requests = this.#requests.slice(-MAX_LOGGED_REQUESTS);
    let ctx: RequestContext | null = null;
    const respond = (status: number, body: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      if (ctx?.client) entry.client = ctx.client.id;
      reply(request.res, status, body, headers);
      this.options.onResponse?.({ method: request.method, path: request.path, status, body });
    };
    try {
      if (!request.origin.allowed) throw this.#refuseOrigin(request.origin.sent ?? '');
      const form = formOf(request);
      const fault = faults.take(request.method, request.path, () => this.#faultSubject(request, form));
      if (fault) {
        entry.fault = fault.id;
        if ((await faults.apply(fault, request.req, request.res, respond)) === 'answered') {
          if (entry.status === 0 && request.res.headersSent) entry.status = request.res.statusCode;
          return;
        }
      }
      const limits = instance.limits.current();
      const retryAfter = instance.limiter.hit(`ip|${clientIp(request.req)}`, limits.ipLimit, limits.ipWindowSeconds * 1000, at);
      if (retryAfter > 0) throw errors.tooManyRequests(retryAfter);
      ctx = new RequestContext({ store: instance.store, request, params, form, now: at, identify: !anonymous });
      const answer = await handler(instance, ctx);
      // Clerk sets it on the cookie flow's answers; with a dev browser, clerk-js writes it itself.
      if (ctx.client && !ctx.client.devBrowser) ctx.setCookie(cookie(CLIENT_UAT_COOKIE, clientUat(ctx.client, instance.store), { secure: ctx.secure }));
      if (answer instanceof Redirect) {
        entry.status = 307;
        sendRedirect(request.res, answer);
      } else respond(200, answer);
    } catch (error) {
      const { status, body, headers } = errorResponse(error, (message) => this.options.log(`internal error on ${request.method} ${request.path}: ${message}`));
      respond(status, body, headers);
    }
  }

  #refuseOrigin(origin: string): ApiError {
    if (this.#refusedOrigins.size < MAX_NAMED_ORIGINS && !this.#refusedOrigins.has(origin)) {
      this.#refusedOrigins.add(origin);
      this.options.log(`refused a request from the origin ${JSON.stringify(origin.slice(0, 100))}; if that page is yours, allow it with --allowed-origin (option allowedOrigins)`);
    }
    return errors.originInvalid(origin);
  }

  /** The users and client a request concerns, for faults scoped to one of them. */
  #faultSubject(request: IncomingRequest, form: Map<string, string>): FaultSubject {
    const { store } = this.options.instance;
    const clientKey = clientKeyOf(request);
    const identifiers = new Set<string>();
    const identifier = form.get('identifier');
    if (identifier) identifiers.add(identifier.trim().toLowerCase());
    const client = clientKey ? store.clients.get(store.clientKeys.get(clientKey) ?? '') : undefined;
    if (client) {
      const signIn = client.signInId ? store.signIns.get(client.signInId) : undefined;
      for (const userId of [signIn?.userId, ...store.liveSessions(client).map((session) => session.userId)]) {
        const email = userId ? store.users.get(userId)?.email : undefined;
        if (email) identifiers.add(email);
      }
    }
    return { identifiers: [...identifiers], clientKey, referer: String(request.req.headers.referer ?? '') };
  }
}
