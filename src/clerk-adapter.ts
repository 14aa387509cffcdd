/**
 * The only module that calls Clerk. Everything Clerk-shaped is turned into the plain types of
 * `sign-in-types.ts` here, so that moving to another Clerk API (SignInFuture) stays a change to
 * this one file. Loading clerk-js is `clerk-script.ts`; reading its errors, `clerk-errors.ts`
 * (downloaded with the first failure).
 */
import { DEFAULT_LOAD_TIMEOUT_MS, loadClerkScript, waitFor, type ClerkScriptOptions } from './clerk-script.js';
import type { ClerkFactorLike, ClerkLike, ClerkSessionLike, ClerkSignInLike } from './clerk-types.js';
import { loadOnDemand } from './load-on-demand.js';
import { failuresMayBeSilent, isOffline, ownFailure } from './own-failures.js';
import { isSupportedStrategy, type SecondFactorStrategy } from './strategies.js';
import type { ActionFailure, Factor, Outcome, SessionSnapshot, SignInSnapshot } from './sign-in-types.js';

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

function snapshotSession(session: ClerkSessionLike, clerk: ClerkLike): SessionSnapshot {
  const taskKey = session.currentTask?.key ?? session.tasks?.[0]?.key ?? null;
  const user = session.user ?? clerk.user;
  return {
    id: session.id,
    userId: user?.id ?? null,
    status: session.status,
    taskKey,
    firstName: user?.firstName ?? null,
    email: user?.primaryEmailAddress?.emailAddress ?? null,
  };
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
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
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

  /**
   * Runs one Frontend API call on the sign-in in progress (`fresh`: on the client's sign-in, to
   * start a new one) and keeps the sign-in it resolves with. Public for the calls of "Forgot
   * password?" (`clerk-recovery.ts`, downloaded with its steps).
   *
   * clerk-js resolves instead of throwing when a request fails while it believes the browser is
   * offline or automated: the sign-in then has no status, or is left exactly as it was before the
   * call (every answer makes clerk-js rebuild its verification objects).
   */
  update(
    signal: AbortSignal | undefined,
    call: (signIn: ClerkSignInLike) => Promise<ClerkSignInLike>,
    fresh = false,
  ): Promise<Outcome<SignInSnapshot>> {
    return this.run(signal, async (clerk) => {
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
  async existingSession(adopt = false): Promise<SessionSnapshot | null> {
    const live = (s: ClerkSessionLike | null | undefined): s is ClerkSessionLike => !!s && (s.status === 'active' || s.status === 'pending');
    const outcome = await this.run(undefined, async (clerk) => {
      if (live(clerk.session)) return snapshotSession(clerk.session, clerk);
      const held = adopt ? clerk.client?.sessions?.find(live) : undefined;
      if (!held) return null;
      const chosen = await setActive(clerk, held.id);
      return snapshotSession(chosen ?? (live(clerk.session) ? clerk.session : held), clerk);
    });
    return outcome.ok ? outcome.value : null;
  }

  /** Step 1: checks email and password at once. */
  create(identifier: string, password: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.update(signal, (signIn) => signIn.create({ identifier, password }), true);
  }

  /** Sends the SMS or email code of `factor`. */
  prepare({ strategy, emailAddressId, phoneNumberId }: Factor, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    // clerk-js leaves out parameters that are undefined.
    const params = strategy === 'email_code' ? { strategy, emailAddressId } : { strategy: 'phone_code' as const, phoneNumberId };
    return this.update(signal, (signIn) => signIn.prepareSecondFactor(params));
  }

  /** Checks a second-factor (or new-device) code. */
  attempt(strategy: SecondFactorStrategy, code: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.update(signal, async (signIn) =>
      // An earlier attempt the element gave up on (request timeout) was answered after all and
      // completed the sign-in: sending the code again would only be refused.
      signIn.status === 'complete' && signIn.createdSessionId ? signIn : signIn.attemptSecondFactor({ strategy, code }),
    );
  }

  /** Sets the new password Clerk asked for (`needs_new_password`). */
  resetPassword(password: string, signOutOfOtherSessions: boolean, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.update(signal, (signIn) => signIn.resetPassword({ password, signOutOfOtherSessions }));
  }

  /** Makes the new session the active one, without letting clerk-js navigate. */
  activate(sessionId: string, signal?: AbortSignal): Promise<Outcome<SessionSnapshot>> {
    return this.run(signal, async (clerk) => {
      const session =
        (await setActive(clerk, sessionId)) ?? clerk.client?.sessions?.find((s) => s.id === sessionId) ?? clerk.session;
      this.#signIn = null;
      return snapshotSession(session ?? { id: sessionId, status: 'active' }, clerk);
    });
  }

  /** Ends the session (the task screen's "Sign out"), without letting clerk-js navigate. */
  signOut(sessionId: string): Promise<Outcome<unknown>> {
    this.#signIn = null;
    return this.run(undefined, (clerk) => clerk.signOut?.(() => {}, { sessionId }) ?? Promise.resolve());
  }

  /** Forgets the in-progress sign-in (the user went back to step 1). */
  reset(): void {
    this.#signIn = null;
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

/** Makes `sessionId` the active session without letting clerk-js navigate; the session clerk-js chose, if it said. */
async function setActive(clerk: ClerkLike, sessionId: string): Promise<ClerkSessionLike | null> {
  let chosen: ClerkSessionLike | null = null;
  await clerk.setActive({ session: sessionId, navigate: ({ session }) => void (chosen = session) });
  return chosen;
}
