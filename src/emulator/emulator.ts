/** The emulator: request handling for /__clerk (Frontend API, clerk-js files, test controls). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ApiError, errors } from './errors.js';
import { FaultInjector, serveFaultControl, type FaultRule, type FaultStatus, type FaultSubject } from './faults.js';
import { FrontendApi, type RequestContext } from './frontend-api.js';
import { appendHeader, clientIp, parseCookies, parseForm, parseJson, readBody, sendJson } from './http.js';
import { RateLimiter } from './security.js';
import { clerkJsDistDir, serveFile } from './static-files.js';
import { Store, type StoredClient } from './store.js';
import { TokenIssuer } from './tokens.js';
import {
  DEFAULT_LIMITS,
  type EmulatorLimits,
  type EmulatorMessage,
  type EmulatorOptions,
  type EmulatorUser,
  type ListenOptions,
  type RequestLogEntry,
} from './types.js';

export const PREFIX = '/__clerk';
const CLIENT_COOKIE = '__client';
const DEV_BROWSER_PARAM = '__clerk_db_jwt';
const MAX_LOGGED_REQUESTS = 10_000;

type Handler = (ctx: RequestContext) => unknown;
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

export interface Emulator {
  /** Serves any request whose path starts with /__clerk; resolves false (and touches nothing) for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Connect-style middleware (Vite dev server): handle() or next(). */
  middleware(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
  /** A key whose instance type makes clerk-js use the cookie flow ('production', 'development') or the dev browser. */
  publishableKey(mode?: 'development' | 'production' | 'dev-browser'): string;
  /** Codes "sent" by SMS or email, newest last. */
  messages(): EmulatorMessage[];
  addUsers(users: EmulatorUser[]): Promise<void>;
  /** Forgets clients, sessions, sign-ins, inbox, lockouts and rate-limit counters; keeps users. */
  reset(): void;
  /** Limits in force (options plus any set through `POST /__clerk/_emulator/limits`). */
  limits(): EmulatorLimits;
  /** Log of Frontend API requests, oldest first. */
  requests(): RequestLogEntry[];
  /** Resolves once the initial users are hashed and stored. */
  ready: Promise<void>;
  /** Replaces every injected fault (see `FaultRule`); also `POST /__clerk/_emulator/faults`. */
  setFaults(rules: FaultRule[]): FaultStatus[];
  /** Adds faults after those in force; the first matching fault applies. */
  addFaults(rules: FaultRule[]): FaultStatus[];
  /** Removes one fault by id, or every fault (releasing hung requests). */
  clearFaults(id?: string): void;
  /** Faults in force, with their remaining uses and hits. */
  faults(): FaultStatus[];
  listen(opts?: ListenOptions): Promise<{ url: string; close(): Promise<void> }>;
}

const KEY_HOSTS = {
  production: 'clerk.emulator.test',
  development: 'clerk.emulator.test',
  'dev-browser': 'emulator.clerk.accounts.dev',
} as const;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const store = new Store(now);
  const limiter = new RateLimiter();
  const tokens = new TokenIssuer();
  let limitOverrides: Partial<EmulatorLimits> = {};
  const limits = (): EmulatorLimits => ({ ...DEFAULT_LIMITS, ...(options.limits ?? {}), ...limitOverrides });
  let requestLog: RequestLogEntry[] = [];
  const faults = new FaultInjector();
  if (options.faults) faults.add(options.faults);
  const api = new FrontendApi({
    store,
    tokens,
    limiter,
    limits,
    clientTrust: !!options.clientTrust,
    send(message) {
      store.inbox.push(message);
      options.onMessage?.(message);
    },
  });

  // Users are hashed asynchronously; every request waits for the additions made before it.
  let pendingUsers: Promise<void> = Promise.resolve();
  function addUsers(users: EmulatorUser[]): Promise<void> {
    if (!Array.isArray(users)) return Promise.reject(new TypeError('users must be an array'));
    const adding = pendingUsers.then(async () => {
      await store.addUsers(users);
    });
    pendingUsers = adding.catch(() => {});
    return adding;
  }
  const ready = addUsers(options.users ?? []);
  ready.catch((error) => log(`could not add users: ${error instanceof Error ? error.message : String(error)}`));

  const route = (path: string, methods: Record<string, Handler>): Route => ({
    pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[A-Za-z0-9_-]+)')}$`),
    methods,
  });
  const routes: Route[] = [
    route('/v1/environment', { GET: (c) => api.environment(c), PATCH: (c) => api.environment(c) }),
    route('/v1/client', {
      GET: (c) => api.getClient(c),
      POST: (c) => api.createClient(c),
      PUT: (c) => api.createClient(c),
      DELETE: (c) => api.removeClientSessions(c),
    }),
    route('/v1/client/sessions', { DELETE: (c) => api.removeClientSessions(c) }),
    route('/v1/client/sign_ins', { POST: (c) => api.createSignIn(c) }),
    route('/v1/client/sign_ins/:sign_in_id', { GET: (c) => api.getSignIn(c) }),
    route('/v1/client/sign_ins/:sign_in_id/attempt_first_factor', { POST: (c) => api.attemptFirstFactor(c) }),
    route('/v1/client/sign_ins/:sign_in_id/prepare_second_factor', { POST: (c) => api.prepareSecondFactor(c) }),
    route('/v1/client/sign_ins/:sign_in_id/attempt_second_factor', { POST: (c) => api.attemptSecondFactor(c) }),
    route('/v1/client/sessions/:session_id/touch', { POST: (c) => api.touchSession(c) }),
    route('/v1/client/sessions/:session_id/tokens', { POST: (c) => api.createToken(c) }),
    route('/v1/client/sessions/:session_id/end', { POST: (c) => api.endSession(c, 'ended') }),
    route('/v1/client/sessions/:session_id/remove', { POST: (c) => api.endSession(c, 'removed') }),
    route('/v1/me', { GET: (c) => api.getMe(c), PATCH: (c) => api.patchMe(c) }),
    route('/v1/me/totp', { POST: (c) => api.createTotp(c) }),
    route('/v1/me/totp/attempt_verification', { POST: (c) => api.verifyTotpEnrolment(c) }),
    route('/v1/me/backup_codes', { POST: (c) => api.createBackupCodes(c) }),
    route('/v1/me/change_password', { POST: (c) => api.changePassword(c) }),
    route('/v1/jwks', { GET: () => tokens.jwks() }),
    route('/.well-known/jwks.json', { GET: () => tokens.jwks() }),
  ];

  function corsHeaders(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!origin) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Clerk-Db-Jwt');
  }

  function send(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, status, body, headers);
  }

  async function serveFrontendApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const at = now();
    let method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = { method, path: PREFIX + path, status: 0, at };
    let client: StoredClient | null = null;
    const respond = (status: number, body: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      if (client) entry.client = client.id;
      send(res, status, body, headers);
      options.onResponse?.({ method: entry.method, path, status, body });
    };
    requestLog.push(entry);
    // Trimmed in batches, so a long run does not copy the whole log on every request.
    if (requestLog.length > MAX_LOGGED_REQUESTS * 1.1) requestLog = requestLog.slice(-MAX_LOGGED_REQUESTS);
    try {
      let form = new Map<string, string>();
      if (method !== 'GET' && method !== 'HEAD') {
        const body = await readBody(req);
        const type = String(req.headers['content-type'] ?? '');
        if (type.includes('json')) {
          const json = parseJson(body);
          if (!json || typeof json !== 'object' || Array.isArray(json)) throw errors.malformed('The request body must be an object.');
          form = new Map(Object.entries(json).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
        } else {
          form = parseForm(body.toString('utf8'));
        }
      }
      const override = url.searchParams.get('_method') ?? form.get('_method');
      if (method === 'POST' && override) method = override.toUpperCase();
      entry.method = method;

      const fault = faults.take(method, path, () => faultSubject(req, url, form));
      if (fault) {
        entry.fault = fault.id;
        if ((await faults.apply(fault, req, res, respond)) === 'answered') {
          if (entry.status === 0 && res.headersSent) entry.status = res.statusCode;
          return;
        }
      }

      const ipLimits = limits();
      const retry = limiter.hit(`ip|${clientIp(req)}`, ipLimits.ipLimit, ipLimits.ipWindowSeconds * 1000, at);
      if (retry > 0) throw errors.tooManyRequests(retry);

      if (path === '/v1/dev_browser' || path === '/v1/dev_browser/init') {
        if (method !== 'POST') throw errors.methodNotAllowed(method);
        const token = `dvb_${randomBytes(24).toString('base64url')}`;
        store.devBrowsers.add(token);
        res.setHeader('Clerk-Db-Jwt', token);
        respond(200, { object: 'dev_browser', id: token });
        return;
      }

      const matched = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
      if (!matched) throw errors.notFound('endpoint');
      const handler = matched.r.methods[method];
      if (!handler) throw errors.methodNotAllowed(method);

      // Which client: the dev browser token, else the __client cookie.
      const devBrowser = url.searchParams.get(DEV_BROWSER_PARAM);
      let clientKey: string | null = null;
      if (devBrowser) {
        if (!store.devBrowsers.has(devBrowser)) throw errors.devBrowserUnauthenticated();
        clientKey = devBrowser;
      } else {
        clientKey = parseCookies(req.headers.cookie).get(CLIENT_COOKIE) ?? null;
      }
      const clientId = clientKey ? store.clientKeys.get(clientKey) : undefined;
      client = (clientId && store.clients.get(clientId)) || null;
      const host = String(req.headers.host ?? '127.0.0.1');
      const secure = 'encrypted' in req.socket && !!(req.socket as { encrypted?: boolean }).encrypted;
      const ctx: RequestContext = {
        params: { ...(matched.m!.groups ?? {}) },
        form,
        query: url.searchParams,
        now: at,
        origin: typeof req.headers.origin === 'string' && req.headers.origin !== 'null' ? req.headers.origin : `${secure ? 'https' : 'http'}://${host}`,
        issuer: `${secure ? 'https' : 'http'}://${host}${PREFIX}`,
        get client() {
          return client;
        },
        clientKey,
        ensureClient() {
          if (client) return client;
          client = store.createClient();
          if (!devBrowser) {
            clientKey = `${randomBytes(24).toString('base64url')}`;
            ctx.clientKey = clientKey;
            appendHeader(
              res,
              'Set-Cookie',
              `${CLIENT_COOKIE}=${clientKey}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${365 * 24 * 3600}${secure ? '; Secure' : ''}`,
            );
          }
          store.clientKeys.set(clientKey!, client.id);
          return client;
        },
      };
      const body = await handler(ctx);
      respond(200, body);
    } catch (error) {
      if (error instanceof ApiError) {
        respond(error.status, error.toJSON(), error.headers);
      } else {
        log(`internal error on ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
        respond(500, errors.internal().toJSON());
      }
    }
  }

  /** The users and client a request concerns, for faults scoped to one of them. */
  function faultSubject(req: IncomingMessage, url: URL, form: Map<string, string>): FaultSubject {
    const clientKey = url.searchParams.get(DEV_BROWSER_PARAM) ?? parseCookies(req.headers.cookie).get(CLIENT_COOKIE) ?? null;
    const identifiers = new Set<string>();
    const identifier = form.get('identifier');
    if (identifier) identifiers.add(identifier.trim().toLowerCase());
    const client = clientKey ? store.clients.get(store.clientKeys.get(clientKey) ?? '') : undefined;
    if (client) {
      const signIn = client.signInId ? store.signIns.get(client.signInId) : undefined;
      const userIds = [signIn?.userId, ...store.liveSessions(client).map((session) => session.userId)];
      for (const userId of userIds) {
        const email = userId ? store.users.get(userId)?.email : undefined;
        if (email) identifiers.add(email);
      }
    }
    return { identifiers: [...identifiers], clientKey, referer: String(req.headers.referer ?? '') };
  }

  async function serveControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'POST' ? parseJson(await readBody(req)) : undefined;
    const object = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (path === '/_emulator/faults' || path.startsWith('/_emulator/faults/')) {
      return serveFaultControl(faults, method, path, object, (status, reply) => send(res, status, reply));
    }
    const only = (wanted: string) => {
      if (method !== wanted) throw errors.methodNotAllowed(method);
    };
    switch (path) {
      case '/_emulator/messages':
        only('GET');
        return send(res, 200, { messages: store.inbox });
      case '/_emulator/requests':
        only('GET');
        return send(res, 200, { requests: requestLog });
      case '/_emulator/users': {
        only('POST');
        if (!Array.isArray(object.users)) throw errors.paramMissing('users');
        try {
          await addUsers(object.users as EmulatorUser[]);
        } catch (error) {
          throw errors.paramInvalid('users', error instanceof Error ? error.message : 'invalid users');
        }
        return send(res, 200, { users: (object.users as EmulatorUser[]).map((u) => ({ email: u.email.toLowerCase() })) });
      }
      case '/_emulator/reset':
        only('POST');
        emulator.reset();
        return send(res, 200, { ok: true });
      case '/_emulator/limits': {
        if (method === 'GET') return send(res, 200, { limits: limits() });
        only('POST');
        const next: Partial<EmulatorLimits> = {};
        for (const [name, value] of Object.entries(object)) {
          if (!(name in DEFAULT_LIMITS)) throw errors.paramInvalid(name, `${name} is not a limit`);
          if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw errors.paramInvalid(name, `${name} must be a non-negative number`);
          (next as Record<string, number>)[name] = value;
        }
        limitOverrides = next;
        return send(res, 200, { limits: limits() });
      }
      default:
        throw errors.notFound('emulator endpoint');
    }
  }

  const clerkJsDir = (() => {
    let dir: string | null = null;
    return () => (dir ??= clerkJsDistDir());
  })();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const rawUrl = req.url ?? '/';
    const pathOnly = rawUrl.split('?')[0] ?? '/';
    if (pathOnly !== PREFIX && !pathOnly.startsWith(`${PREFIX}/`)) return false;
    corsHeaders(req, res);
    try {
      await pendingUsers;
      let url: URL;
      try {
        url = new URL(rawUrl, 'http://emulator.invalid');
      } catch {
        throw errors.malformed('The request URL is malformed.');
      }
      const path = pathOnly.slice(PREFIX.length) || '/';
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', String(req.headers['access-control-request-headers'] ?? 'content-type'));
        res.setHeader('Access-Control-Max-Age', '600');
        res.end();
        return true;
      }
      const npm = '/npm/@clerk/clerk-js@6/dist/';
      if (path.startsWith(npm)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw errors.methodNotAllowed(String(req.method));
        await serveFile(req, res, clerkJsDir(), path.slice(npm.length), (file) =>
          /_\d+\.\d+\.\d+\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
        return true;
      }
      if (path.startsWith('/npm/')) throw errors.notFound('file');
      if (path.startsWith('/_emulator/')) {
        await serveControl(req, res, path);
        return true;
      }
      await serveFrontendApi(req, res, url, path);
    } catch (error) {
      if (error instanceof ApiError) send(res, error.status, error.toJSON(), error.headers);
      else {
        log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
        send(res, 500, errors.internal().toJSON());
      }
    }
    return true;
  }

  const emulator: Emulator = {
    handle,
    middleware(req, res, next) {
      handle(req, res).then(
        (handled) => {
          if (!handled) next();
        },
        (error) => next(error),
      );
    },
    publishableKey(mode = 'development') {
      const prefix = mode === 'production' ? 'pk_live_' : 'pk_test_';
      return prefix + Buffer.from(`${KEY_HOSTS[mode]}$`).toString('base64');
    },
    messages: () => store.inbox.map((m) => ({ ...m })),
    addUsers,
    reset() {
      store.reset();
      limiter.clear();
      faults.clear();
      requestLog = [];
    },
    limits,
    requests: () => requestLog.map((r) => ({ ...r })),
    ready,
    setFaults: (rules) => faults.set(rules),
    addFaults: (rules) => faults.add(rules),
    clearFaults(id) {
      faults.clear(id);
    },
    faults: () => faults.list(),
    async listen(opts = {}) {
      const host = opts.host ?? '127.0.0.1';
      if (!isLoopback(host) && !opts.allowNonLoopback) {
        throw new Error(`refusing to listen on non-loopback address ${host}; pass allowNonLoopback (CLI: --host with --allow-non-loopback) to expose the emulator`);
      }
      await ready;
      const server = createServer((req, res) => {
        handle(req, res)
          .then(async (handled) => {
            if (handled) return;
            if (opts.staticDir) {
              const path = (req.url ?? '/').split('?')[0] ?? '/';
              await serveFile(req, res, opts.staticDir, path, () => 'no-cache');
              return;
            }
            throw errors.notFound('file');
          })
          .catch((error) => {
            if (error instanceof ApiError) send(res, error.status, error.toJSON(), error.headers);
            else send(res, 500, errors.internal().toJSON());
          });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      return {
        url: `http://${urlHost}:${port}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      };
    },
  };
  return emulator;
}
