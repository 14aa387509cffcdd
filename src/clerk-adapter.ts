/**
 * What both elements need of clerk-js: the instance, loaded once (`clerk-script.ts`) or given by the
 * page, and each call run on it with one timeout, an abort, and Clerk's failures read into one
 * `ActionFailure` (`clerk-errors.ts`, downloaded with the first failure). The sign-in's calls are
 * `sign-in-adapter.ts`; the enrolment's and `<clerk-mfa-setup>`'s, `src/mfa/`.
 */
import { DEFAULT_LOAD_TIMEOUT_MS, loadClerkScript, waitFor, type ClerkScriptOptions } from './clerk-script.js';
import type { ClerkLike } from './clerk-types.js';
import { loadOnDemand } from './load-on-demand.js';
import { isOffline, ownFailure } from './own-failures.js';
import type { ActionFailure, Outcome } from './sign-in-types.js';

export interface ClerkAdapterOptions extends ClerkScriptOptions {
  /** Use this instance instead of loading clerk-js. */
  clerk?: ClerkLike | null;
  /**
   * How long one action (a Frontend API request, and clerk-js loading when it has not yet)
   * may take before it fails with `request_timeout`. Default `DEFAULT_REQUEST_TIMEOUT_MS`.
   */
  requestTimeoutMs?: number;
}

/** How long an action may take before the user is told and may try again. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * One adapter per element. `run` resolves (never rejects) with an `Outcome`, except when its
 * `signal` aborts: then it rejects with an `AbortError` that the caller drops.
 */
export class ClerkAdapter {
  readonly #options: ClerkAdapterOptions;
  #ready: Promise<ClerkLike> | null = null;
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
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
    if (given) {
      // The host owns this instance and its load(); wait for it to finish.
      if (given.loaded) return given;
      // clerk-js's status event says when at once; the poll covers an instance without one.
      const loaded = await new Promise((resolve) => {
        given.on?.('status', () => given.loaded && resolve(given));
        void waitFor(() => given.loaded, timeoutMs).then(resolve);
      });
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
   * dropped here: nothing waits for it any more. Public for the enrolment (`src/mfa/`), whose
   * calls get the same timeout and the same reading of failures.
   */
  async run<T>(signal: AbortSignal | undefined, action: (clerk: ClerkLike) => Promise<T>): Promise<Outcome<T>> {
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
      return { ok: false, failure: await describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What clerk-js threw, as an `ActionFailure`; when not even the code that reads it can be downloaded, that is the failure. */
async function describe(error: unknown): Promise<ActionFailure> {
  try {
    return (await loadOnDemand()).normalizeError(error);
  } catch {
    return { code: isOffline() ? 'offline' : 'clerk_load_failed' };
  }
}
