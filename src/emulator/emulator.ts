/**
 * `createEmulator`: wires the parts of the emulator together. A request below the mount flows
 * host check → origin (CORS) → router → (Frontend API: origin, log, faults, limits, request
 * context) → handler → serializer → JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Instance } from './api/instance.js';
import { REVERIFICATION_PRESETS } from './api/reverification.js';
import { FRONTEND_API_ROUTES } from './api/routes.js';
import { backendRoutes } from './backend-api.js';
import { controlRoutes } from './control-api.js';
import { Origins, preflight } from './cors.js';
import { errors } from './errors.js';
import { FaultInjector, type FaultRule, type FaultStatus } from './faults.js';
import { FrontendApi } from './frontend-api.js';
import { HostCheck } from './hosts.js';
import { sendError } from './http.js';
import { type KeyMode, publishableKey, secretKey, serverSdkOptions, type ServerSdkOptions } from './keys.js';
import { Limits } from './limits.js';
import { type Endpoint, readRequest } from './request.js';
import { Router } from './router.js';
import { decoyPasswordHash, RateLimiter } from './security.js';
import { listen } from './server.js';
import { CLERK_JS_PATH, clerkJsFiles } from './static-files.js';
import { Store } from './store.js';
import { DataFile } from './persistence.js';
import { statePageRoutes } from './state-page.js';
import { checkTemplates } from './token-templates.js';
import { exportUser } from './user-export.js';
import { TokenIssuer } from './tokens.js';
import type { EmulatorLimits, EmulatorMessage, EmulatorOptions, EmulatorUser, ListenOptions, RequestLogEntry } from './types.js';

/** Where the emulator answers: the `proxyUrl` clerk-js is given. */
const MOUNT = '/__clerk';
/** Where the test controls are, below the mount. */
const CONTROLS = '/_emulator';
/** Where the Backend API is, below the mount (the server SDKs' `apiUrl`). */
const BACKEND = '/backend';

export interface Emulator {
  /** Serves any request whose path starts with /__clerk; resolves false (and touches nothing) for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Connect-style middleware (Vite dev server): handle() or next(). */
  middleware(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
  /** A key whose instance type makes clerk-js use the cookie flow ('production', 'development') or the dev browser. */
  publishableKey(mode?: KeyMode): string;
  /** The secret key of that mode (`CLERK_SECRET_KEY`), which the Backend API takes. */
  secretKey(mode?: KeyMode): string;
  /**
   * What `@clerk/backend` and `@clerk/express` need to accept this emulator's sessions, for the
   * emulator reached at `origin` (e.g. `http://127.0.0.1:4123`, or the app's origin where it is
   * mounted): `publishableKey`, `secretKey`, `apiUrl` (its Backend API) and `proxyUrl`.
   */
  serverOptions(origin: string, mode?: KeyMode): ServerSdkOptions;
  /** The public key that verifies its tokens, as PEM (the server SDKs' `jwtKey`, `CLERK_JWT_KEY`). */
  publicKeyPem(): Promise<string>;
  /** Codes "sent" by SMS or email, newest last. */
  messages(): EmulatorMessage[];
  addUsers(users: EmulatorUser[]): Promise<void>;
  /**
   * The users as `users.json` holds them, with the factors they have now (also `GET
   * /__clerk/_emulator/users`), once their passwords are hashed (after `ready` for the initial ones).
   */
  exportUsers(): EmulatorUser[];
  /** Writes the state to the `dataFile` now (it is also written shortly after each change); resolves at once without one. */
  flush(): Promise<void>;
  /** Forgets clients, sessions, sign-ins, inbox, lockouts and rate-limit counters; keeps users. */
  reset(): void;
  /** Limits in force (options plus any set through `POST /__clerk/_emulator/limits`). */
  limits(): EmulatorLimits;
  /** Log of Frontend API requests, oldest first. */
  requests(): RequestLogEntry[];
  /**
   * Resolves once the initial users are stored and their passwords hashed (`exportUsers()` needs
   * the digests). `listen()` does not wait for the hashing, which begins once the server has
   * answered a request (or when a digest is needed, or `ready` is read): a sign-in arriving before
   * a user's password is hashed waits for that one.
   */
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

/** Said once at start when passwords are hashed the fast way. */
export const FAST_HASHING_WARNING = 'password hashing: fast (scrypt N=16), UNSAFE outside tests: a leaked digest is cheap to crack';

let warnedFastHashing = false;

/** Through the emulator's log when it has one, else once per process as a Node warning. */
function warnFastHashing(log: EmulatorOptions['log']): void {
  if (log) return log(FAST_HASHING_WARNING);
  if (warnedFastHashing) return;
  warnedFastHashing = true;
  process.emitWarning(FAST_HASHING_WARNING, { code: 'CLERK_EMULATOR_FAST_HASHING' });
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const log = options.log ?? (() => {});
  const hosts = new HostCheck(options.allowedHosts);
  const origins = new Origins(options.allowedOrigins);
  const reverification = options.reverification === false ? null : REVERIFICATION_PRESETS[options.reverification ?? 'strict'];
  if (reverification === undefined) throw new TypeError(`reverification must be one of ${Object.keys(REVERIFICATION_PRESETS).join(', ')} or false`);
  const limits = new Limits({ ...(reverification ? { reverificationSeconds: reverification.minutes * 60 } : {}), ...options.limits });
  const passwordHashing = options.passwordHashing ?? 'strong';
  if (passwordHashing !== 'strong' && passwordHashing !== 'fast') throw new TypeError(`passwordHashing must be 'strong' or 'fast'`);
  if (passwordHashing === 'fast') warnFastHashing(options.log);
  const store = new Store(options.now ?? Date.now, () => limits.current().maxClients, passwordHashing);
  const faults = new FaultInjector(MOUNT);
  if (options.faults) faults.add(options.faults);
  const tokens = new TokenIssuer();
  const instance: Instance = {
    store,
    tokens,
    origins,
    limiter: new RateLimiter(),
    limits,
    clientTrust: !!options.clientTrust,
    multiSession: !!options.multiSession,
    templates: checkTemplates(options.tokenTemplates ?? {}),
    requireMfa: !!options.requireMfa,
    reverificationLevel: reverification?.level ?? null,
    passwordHashing,
    send(message) {
      store.receive(message);
      options.onMessage?.(message);
    },
  };
  const frontendApi = new FrontendApi({ instance, faults, mount: MOUNT, now: options.now ?? Date.now, log, onResponse: options.onResponse });

  const dataFile = options.dataFile ? new DataFile(options.dataFile, store, tokens, log) : null;
  const changed = () => dataFile?.changed();
  const storeUsers = async (users: EmulatorUser[]) => {
    await store.addUsers(users);
    changed();
  };
  // Password hashing waits until the server has answered a request (or something needs a digest),
  // so a start-up's first answer does not share the CPU with scrypt; the decoy too, made before
  // the checks that follow, so an unknown email costs one check like a known one.
  const startHashing = () => {
    store.startHashing();
    void decoyPasswordHash(passwordHashing);
  };
  const hashed = () => {
    startHashing();
    return store.passwordsHashed();
  };
  const addUsers = (users: EmulatorUser[]) => storeUsers(users).then(hashed);
  const exportUsers = () => [...store.users.values()].map(exportUser);
  // The data file's users keep their state; the `users` given add those it does not have. The
  // server answers once they are stored; their passwords are hashed meanwhile (a check waits).
  const stored = (async () => {
    if (dataFile) await dataFile.load();
    await storeUsers((options.users ?? []).filter((user) => !store.findUserByIdentifier(String(user.email))));
  })();
  stored.catch((error) => log(`could not start: ${error instanceof Error ? error.message : String(error)}`));
  const ready = stored.then(() => store.passwordsHashed());
  ready.catch(() => {});
  const flush = () => dataFile?.flush() ?? Promise.resolve();
  const reset = () => {
    changed();
    store.reset();
    instance.limiter.clear();
    faults.clear();
    frontendApi.clearRequests();
  };

  const router = new Router<Endpoint>((miss) => frontendApi.refusal(miss));
  for (const { methods, path, handler, anonymous } of FRONTEND_API_ROUTES) router.add(methods, path, frontendApi.endpoint(handler, { anonymous }));
  router.add(['GET', 'HEAD'], `${CLERK_JS_PATH}/*file`, clerkJsFiles());
  const exportHashedUsers = () => hashed().then(exportUsers);
  const controls = { store, limits, faults, templates: instance.templates, addUsers, exportUsers: exportHashedUsers, requests: () => frontendApi.requests(), reset, now: options.now ?? Date.now };
  for (const { method, path, endpoint } of controlRoutes(controls, CONTROLS)) router.add(method, path, endpoint);
  for (const { method, path, endpoint } of backendRoutes(tokens, BACKEND)) router.add(method, path, endpoint);
  for (const { method, path, endpoint } of statePageRoutes(store, options.now ?? Date.now, CONTROLS)) router.add(method, path, endpoint);
  const below = (path: string, prefix: string) => path === MOUNT + prefix || path.startsWith(`${MOUNT}${prefix}/`);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== MOUNT && !path.startsWith(`${MOUNT}/`)) return false;
    try {
      hosts.check(req);
      const origin = origins.of(req);
      // The test controls and the Backend API never answer with CORS headers, whatever the origin.
      const control = below(path, CONTROLS) || below(path, BACKEND);
      if (!control) origins.headers(origin, res);
      await store.usersSettled();
      if (req.method === 'OPTIONS' && !control) {
        if (!origin.allowed) throw errors.originInvalid(origin.sent ?? '');
        preflight(req, res);
        return true;
      }
      const request = await readRequest(req, res, MOUNT, origin);
      const { handler, params } = router.resolve(request.method, request.path);
      await handler(request, params);
    } catch (error) {
      sendError(res, error, (message) => log(`internal error: ${message}`));
    } finally {
      changed();
      startHashing();
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
    publishableKey,
    secretKey,
    serverOptions: (origin, mode) => serverSdkOptions(origin, MOUNT, BACKEND, mode),
    publicKeyPem: () => tokens.publicKeyPem(),
    messages: () => store.inbox.map((m) => ({ ...m })),
    addUsers,
    exportUsers,
    flush,
    reset,
    limits: () => instance.limits.current(),
    requests: () => frontendApi.requests(),
    get ready() {
      startHashing();
      return ready;
    },
    setFaults: (rules) => faults.set(rules),
    addFaults: (rules) => faults.add(rules),
    clearFaults(id) {
      faults.clear(id);
    },
    faults: () => faults.list(),
    async listen(opts = {}) {
      const server = await listen(handle, opts, stored, hosts);
      return { url: server.url, close: () => flush().then(() => server.close()) };
    },
  };
  return emulator;
}
