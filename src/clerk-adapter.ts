/**
 * The only module that talks to Clerk. Everything Clerk-shaped is turned into
 * the plain types of `sign-in-types.ts` here, so that moving to another
 * Clerk API (SignInFuture) stays a change to this one file.
 *
 * Only types come from `@clerk/*`: clerk-js itself is fetched at run time as
 * Clerk's script build, exactly like Clerk's own SDKs do.
 */
import type { ActionFailure, Factor, Outcome, SessionSnapshot, SignInSnapshot } from './sign-in-types.js';
import { isSupportedStrategy, type SecondFactorStrategy } from './strategies.js';

/** A second factor as clerk-js describes it (`SignInSecondFactor`). */
export interface ClerkFactorLike {
  strategy: string;
  safeIdentifier?: string;
  phoneNumberId?: string;
  emailAddressId?: string;
  default?: boolean;
  primary?: boolean;
}

/** The part of clerk-js's `SignInResource` the element uses. */
export interface ClerkSignInLike {
  id?: string | null;
  status: string | null;
  supportedSecondFactors: readonly ClerkFactorLike[] | null;
  createdSessionId: string | null;
  create(params: { identifier: string; password: string }): Promise<ClerkSignInLike>;
  prepareSecondFactor(
    params: { strategy: 'phone_code'; phoneNumberId?: string } | { strategy: 'email_code'; emailAddressId?: string },
  ): Promise<ClerkSignInLike>;
  attemptSecondFactor(params: { strategy: SecondFactorStrategy; code: string }): Promise<ClerkSignInLike>;
  resetPassword(params: { password: string; signOutOfOtherSessions?: boolean }): Promise<ClerkSignInLike>;
  /** Replaced by clerk-js with a new object each time an answer from Clerk arrives. */
  secondFactorVerification?: unknown;
}

/** The part of clerk-js's `SessionResource` the element reads. */
export interface ClerkSessionLike {
  id: string;
  status: string;
  user?: { id: string } | null;
  currentTask?: { key: string } | null;
  tasks?: readonly { key: string }[] | null;
}

/**
 * The part of a `Clerk` instance the element uses. A real clerk-js 6 instance
 * (`window.Clerk`) satisfies it, and so does the fake in `clerk-mfa-sign-in/testing`.
 */
export interface ClerkLike {
  loaded: boolean;
  /** Present on the instance clerk.browser.js creates; the element calls it only for that one. */
  load?(options?: { telemetry?: boolean | object; experimental?: object }): Promise<unknown>;
  client: { signIn: ClerkSignInLike; sessions?: readonly ClerkSessionLike[] } | null | undefined;
  session: ClerkSessionLike | null | undefined;
  user?: { id: string } | null | undefined;
  setActive(params: {
    session: string;
    navigate?: (params: { session: ClerkSessionLike }) => void | Promise<unknown>;
  }): Promise<void>;
}

export interface ClerkAdapterOptions {
  /** Use this instance instead of loading clerk-js. */
  clerk?: ClerkLike | null;
  publishableKey?: string | null;
  proxyUrl?: string | null;
  /** Load clerk-js from here instead of the Frontend API / proxy. */
  scriptUrl?: string | null;
  /** Nonce for the injected `<script>` under a strict CSP. */
  nonce?: string | null;
  /** How long to wait for clerk-js to download and load. */
  timeoutMs?: number;
  /**
   * How long one action (a Frontend API request, and clerk-js loading when it has not yet)
   * may take before it fails with `request_timeout`. Default `DEFAULT_REQUEST_TIMEOUT_MS`.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** How long an action may take before the user is told and may try again. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const CLERK_JS_MAJOR = '6';

/** The Trusted Types policy that turns the clerk-js script URL into a `TrustedScriptURL`. */
export const TRUSTED_TYPES_POLICY_NAME = 'clerk-mfa-sign-in';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
}

let scriptUrlPolicy: { createScriptURL(input: string): unknown } | null | undefined;

/**
 * The value to assign to `script.src`: a `TrustedScriptURL` from the `clerk-mfa-sign-in`
 * policy where the browser has Trusted Types, so pages with `require-trusted-types-for 'script'`
 * can load clerk-js by allowing that one policy name. The policy is private to this module and
 * only ever given the URL computed by `clerkJsScriptUrl`.
 */
function trustedScriptUrl(url: string): string {
  if (scriptUrlPolicy === undefined) {
    const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    try {
      scriptUrlPolicy = tt?.createPolicy ? tt.createPolicy(TRUSTED_TYPES_POLICY_NAME, { createScriptURL: (input) => input }) : null;
    } catch {
      // The page's `trusted-types` directive does not allow this name: assign the string, which
      // works wherever Trusted Types are not enforced.
      scriptUrlPolicy = null;
    }
  }
  return (scriptUrlPolicy ? scriptUrlPolicy.createScriptURL(url) : url) as string;
}

/** Decodes the Frontend API host from a publishable key (`pk_test_<base64(host$)>`). */
export function frontendApiFromKey(publishableKey: string): string | null {
  const match = /^pk_(?:test|live)_(.+)$/.exec(publishableKey.trim());
  if (!match) return null;
  try {
    const decoded = atob(match[1]!);
    return decoded.endsWith('$') ? decoded.slice(0, -1) : null;
  } catch {
    return null;
  }
}

/**
 * Where Clerk's SDKs fetch the script build of clerk-js from: the proxy when
 * there is one, otherwise the Frontend API host named by the key.
 */
export function clerkJsScriptUrl(options: Pick<ClerkAdapterOptions, 'publishableKey' | 'proxyUrl' | 'scriptUrl'>): string | null {
  if (options.scriptUrl) return options.scriptUrl;
  const path = `/npm/@clerk/clerk-js@${CLERK_JS_MAJOR}/dist/clerk.browser.js`;
  const proxy = options.proxyUrl?.trim().replace(/\/+$/, '');
  // An absolute proxy keeps its own scheme, so a plain-http local proxy works too.
  if (proxy) return `${proxy}${path}`;
  const host = options.publishableKey ? frontendApiFromKey(options.publishableKey) : null;
  return host ? `https://${host}${path}` : null;
}

declare global {
  interface Window {
    Clerk?: unknown;
  }
}

function isClerkLike(value: unknown): value is ClerkLike {
  return typeof value === 'object' && value !== null && typeof (value as ClerkLike).load === 'function';
}

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() >= until) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let scriptLoad: Promise<ClerkLike> | null = null;

/**
 * Injects Clerk's script build once per page (with the data attributes it
 * reads: `data-clerk-publishable-key`, `data-clerk-proxy-url`) and resolves
 * with `window.Clerk`.
 */
function loadClerkScript(options: ClerkAdapterOptions): Promise<ClerkLike> {
  if (isClerkLike(window.Clerk)) return Promise.resolve(window.Clerk);
  if (scriptLoad) return scriptLoad;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempt = new Promise<ClerkLike>((resolve, reject) => {
    const fail = () => reject(ownFailure('clerk_load_failed'));
    const existing = document.querySelector<HTMLScriptElement>('script[data-clerk-js-script]');
    if (!existing) {
      const src = clerkJsScriptUrl(options);
      if (!src || !options.publishableKey) return fail();
      const script = document.createElement('script');
      script.setAttribute('data-clerk-js-script', '');
      script.setAttribute('data-clerk-publishable-key', options.publishableKey);
      if (options.proxyUrl) script.setAttribute('data-clerk-proxy-url', options.proxyUrl);
      if (options.nonce) script.nonce = options.nonce;
      script.async = true;
      script.crossOrigin = 'anonymous';
      script.src = trustedScriptUrl(src);
      script.addEventListener('error', fail, { once: true });
      document.head.append(script);
    } else {
      existing.addEventListener('error', fail, { once: true });
    }
    void waitFor(() => (isClerkLike(window.Clerk) ? window.Clerk : null), timeoutMs).then((clerk) =>
      clerk ? resolve(clerk) : fail(),
    );
  });
  scriptLoad = attempt;
  // A failed load may be retried by the next submit (e.g. after the network is back).
  attempt.catch(() => {
    if (scriptLoad === attempt) scriptLoad = null;
    document.querySelector('script[data-clerk-js-script]')?.remove();
  });
  return attempt;
}

/**
 * Failures this module detects itself, thrown as `{ code }` and passed through by
 * `normalizeError`: clerk-js did not load, an action got no answer in time, or clerk-js
 * resolved without an answer.
 */
const OWN_CODES = ['clerk_load_failed', 'request_timeout', 'network_error'];

function ownFailure(code: 'clerk_load_failed' | 'request_timeout' | 'network_error'): { code: string } {
  return { code };
}

const DURATION_UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * clerk-js drops `meta.lockout_expires_in_seconds` when it parses errors, so
 * when it is not there the wait is read from Clerk's English long message
 * ("... try again in 29 minutes ...").
 */
export function lockoutSecondsFrom(meta: Record<string, unknown> | undefined, longMessage: string | undefined): number | undefined {
  const fromMeta = meta?.['lockoutExpiresInSeconds'];
  if (typeof fromMeta === 'number' && Number.isFinite(fromMeta)) return fromMeta;
  const match = longMessage ? /(\d+)\s*(second|minute|hour|day)s?/i.exec(longMessage) : null;
  return match ? Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]! : undefined;
}

/** One entry of a `ClerkAPIResponseError`'s `errors`, as clerk-js parses it (camelCase). */
interface ClerkAPIErrorShape {
  code?: string;
  message?: string;
  longMessage?: string;
  meta?: Record<string, unknown> & { paramName?: string };
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * clerk-js resolves with nothing instead of throwing when a request fails
 * while the browser looks offline or automated (`navigator.webdriver`).
 */
function failuresMayBeSilent(): boolean {
  return isOffline() || (typeof navigator !== 'undefined' && navigator.webdriver === true);
}

/** clerk-js's own message for a request that never got an answer ("Clerk: Network error at ..."). */
const NETWORK_ERROR_MESSAGE = /\bnetwork error\b/i;

/** Turns anything clerk-js (or this module) throws into an `ActionFailure`. */
export function normalizeError(error: unknown): ActionFailure {
  const e = (error ?? {}) as { errors?: ClerkAPIErrorShape[]; status?: number; retryAfter?: number; code?: string; message?: string };
  const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
  const retryAfterSeconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
  if (first) {
    const failure: ActionFailure = { code: first.code || 'unknown' };
    if (first.message) failure.message = first.message;
    if (first.longMessage) failure.longMessage = first.longMessage;
    if (typeof first.meta?.paramName === 'string') failure.paramName = first.meta.paramName;
    if (typeof e.status === 'number') failure.status = e.status;
    if (retryAfterSeconds != null) failure.retryAfterSeconds = retryAfterSeconds;
    if (failure.code === 'user_locked') {
      const seconds = lockoutSecondsFrom(first.meta, first.longMessage);
      if (seconds != null) failure.lockoutSeconds = seconds;
    }
    return failure;
  }
  const offline = isOffline();
  if (OWN_CODES.includes(e.code!)) return { code: offline ? 'offline' : e.code! };
  if (error instanceof TypeError || NETWORK_ERROR_MESSAGE.test(String(e.message))) return { code: offline ? 'offline' : 'network_error' };
  if (e.status === 429) return { code: 'too_many_requests', status: 429, ...(retryAfterSeconds != null ? { retryAfterSeconds } : {}) };
  // A 5xx without Clerk's error body: a proxy or load balancer answered (e.g. an HTML 502).
  if (e.status! >= 500 && e.status! <= 599) return { code: 'server_error', status: e.status! };
  if (offline) return { code: 'offline' };
  return { code: 'unknown', ...(error instanceof Error && error.message ? { longMessage: error.message } : {}) };
}

function toFactor(raw: ClerkFactorLike): Factor | null {
  if (!isSupportedStrategy(raw.strategy)) return null;
  const factor: Factor = { strategy: raw.strategy };
  if (raw.safeIdentifier) factor.safeIdentifier = raw.safeIdentifier;
  if (raw.phoneNumberId) factor.phoneNumberId = raw.phoneNumberId;
  if (raw.emailAddressId) factor.emailAddressId = raw.emailAddressId;
  if (raw.default) factor.default = true;
  if (raw.primary) factor.primary = true;
  return factor;
}

export function snapshotSignIn(signIn: ClerkSignInLike): SignInSnapshot {
  return {
    status: signIn.status ?? null,
    supportedSecondFactors: (signIn.supportedSecondFactors ?? []).map(toFactor).filter((f): f is Factor => f !== null),
    createdSessionId: signIn.createdSessionId ?? null,
  };
}

function snapshotSession(session: ClerkSessionLike, fallbackUserId: string | null): SessionSnapshot {
  const taskKey = session.currentTask?.key ?? session.tasks?.[0]?.key ?? null;
  return { id: session.id, userId: session.user?.id ?? fallbackUserId, status: session.status, taskKey };
}

/**
 * One adapter per element. Every method resolves (never rejects) with an
 * `Outcome`, except when its `signal` aborts: then it rejects with an
 * `AbortError` that the caller drops.
 */
export class ClerkAdapter {
  readonly #options: ClerkAdapterOptions;
  #ready: Promise<ClerkLike> | null = null;
  #signIn: ClerkSignInLike | null = null;
  /**
   * Milliseconds an action may take; the host may change it at any time (`request-timeout`).
   * Not a positive number: `DEFAULT_REQUEST_TIMEOUT_MS`.
   */
  requestTimeoutMs: number;

  constructor(options: ClerkAdapterOptions) {
    this.#options = options;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** The loaded Clerk instance; starts loading on first call. */
  ready(): Promise<ClerkLike> {
    if (!this.#ready) {
      const attempt = this.#load();
      this.#ready = attempt;
      attempt.catch(() => {
        if (this.#ready === attempt) this.#ready = null;
      });
    }
    return this.#ready;
  }

  async #load(): Promise<ClerkLike> {
    const given = this.#options.clerk;
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (given) {
      // The host owns this instance and its load(); wait for it to finish.
      if (given.loaded) return given;
      const loaded = await waitFor(() => given.loaded, timeoutMs);
      if (!loaded) throw ownFailure('clerk_load_failed');
      return given;
    }
    const clerk = await loadClerkScript(this.#options);
    if (!clerk.loaded && clerk.load) {
      await clerk.load({ telemetry: false, experimental: { rethrowOfflineNetworkErrors: true } });
    }
    if (!clerk.loaded) throw ownFailure('clerk_load_failed');
    return clerk;
  }

  /**
   * Runs `action` once Clerk is ready. clerk-js's requests cannot be cancelled, so a request
   * that outlives the timeout (or the caller's signal) keeps running, and its late answer is
   * dropped here: nothing waits for it any more.
   */
  async #run<T>(signal: AbortSignal | undefined, action: (clerk: ClerkLike) => Promise<T>): Promise<Outcome<T>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Anything but a positive number of milliseconds (e.g. `request-timeout="soon"`) means the default.
    const ms = this.requestTimeoutMs;
    const timeoutMs = ms > 0 && ms < Infinity ? ms : DEFAULT_REQUEST_TIMEOUT_MS;
    // Gives up at the timeout, or as soon as the caller aborts (the action was abandoned).
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(ownFailure('request_timeout')), timeoutMs);
      const onAbort = () => reject(signal!.reason);
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort);
    });
    try {
      return { ok: true, value: await Promise.race([this.ready().then(action), stop]) };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { ok: false, failure: normalizeError(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs one Frontend API call on the sign-in in progress (`fresh`: on the client's sign-in, to
   * start a new one) and keeps the sign-in it resolves with.
   *
   * clerk-js resolves instead of throwing when a request fails while it believes the browser is
   * offline or automated: the sign-in then has no status, or is left exactly as it was before the
   * call (every answer makes clerk-js rebuild its verification objects).
   */
  #update(
    signal: AbortSignal | undefined,
    call: (signIn: ClerkSignInLike) => Promise<ClerkSignInLike>,
    fresh = false,
  ): Promise<Outcome<SignInSnapshot>> {
    return this.#run(signal, async (clerk) => {
      const current = (fresh ? null : this.#signIn) ?? clerk.client?.signIn;
      if (!current) throw ownFailure('clerk_load_failed');
      const verification = current.secondFactorVerification;
      const signIn = (this.#signIn = await call(current));
      // Already complete: `attempt` made no request (see there).
      if (!fresh && signIn === current && signIn.status === 'complete') return snapshotSignIn(signIn);
      const unanswered =
        signIn === current && typeof verification === 'object' && verification !== null && signIn.secondFactorVerification === verification;
      if (!signIn.status || (failuresMayBeSilent() && unanswered)) {
        throw ownFailure('network_error');
      }
      return snapshotSignIn(signIn);
    });
  }

  /**
   * A session Clerk already had (signed in, or pending a task), if any. With `adopt`, a live
   * session the client holds but clerk-js never made active (a sign-in completed by an answer
   * the element had stopped waiting for) is activated and returned.
   */
  async existingSession(signal?: AbortSignal, options: { adopt?: boolean } = {}): Promise<SessionSnapshot | null> {
    const live = (s: ClerkSessionLike | null | undefined): s is ClerkSessionLike => !!s && (s.status === 'active' || s.status === 'pending');
    const outcome = await this.#run(signal, async (clerk) => {
      if (live(clerk.session)) return snapshotSession(clerk.session, clerk.user?.id ?? null);
      const held = options.adopt ? clerk.client?.sessions?.find(live) : undefined;
      if (!held) return null;
      const chosen = await setActive(clerk, held.id);
      return snapshotSession(chosen ?? (live(clerk.session) ? clerk.session : held), clerk.user?.id ?? null);
    });
    return outcome.ok ? outcome.value : null;
  }

  /** Step 1: checks email and password at once. */
  create(identifier: string, password: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.#update(signal, (signIn) => signIn.create({ identifier, password }), true);
  }

  /** Sends the SMS or email code of `factor`. */
  prepare({ strategy, emailAddressId, phoneNumberId }: Factor, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    // clerk-js leaves out parameters that are undefined.
    const params = strategy === 'email_code' ? { strategy, emailAddressId } : { strategy: 'phone_code' as const, phoneNumberId };
    return this.#update(signal, (signIn) => signIn.prepareSecondFactor(params));
  }

  /** Checks a second-factor (or new-device) code. */
  attempt(strategy: SecondFactorStrategy, code: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.#update(signal, async (signIn) =>
      // An earlier attempt the element gave up on (request timeout) was answered after all and
      // completed the sign-in: sending the code again would only be refused.
      signIn.status === 'complete' && signIn.createdSessionId ? signIn : signIn.attemptSecondFactor({ strategy, code }),
    );
  }

  /** Sets the new password Clerk asked for (`needs_new_password`). */
  resetPassword(password: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.#update(signal, (signIn) => signIn.resetPassword({ password, signOutOfOtherSessions: true }));
  }

  /** Makes the new session the active one, without letting clerk-js navigate. */
  activate(sessionId: string, signal?: AbortSignal): Promise<Outcome<SessionSnapshot>> {
    return this.#run(signal, async (clerk) => {
      const session =
        (await setActive(clerk, sessionId)) ?? clerk.client?.sessions?.find((s) => s.id === sessionId) ?? clerk.session;
      this.#signIn = null;
      return session
        ? snapshotSession(session, clerk.user?.id ?? null)
        : { id: sessionId, userId: clerk.user?.id ?? null, status: 'active', taskKey: null };
    });
  }

  /** Forgets the in-progress sign-in (the user went back to step 1). */
  reset(): void {
    this.#signIn = null;
  }
}

/** Makes `sessionId` the active session without letting clerk-js navigate; the session clerk-js chose, if it said. */
async function setActive(clerk: ClerkLike, sessionId: string): Promise<ClerkSessionLike | null> {
  let chosen: ClerkSessionLike | null = null;
  await clerk.setActive({ session: sessionId, navigate: ({ session }) => void (chosen = session) });
  return chosen;
}
