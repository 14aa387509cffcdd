/**
 * The sign-in's calls to Clerk (`create`, `attempt`, `activate`, `signOut`; an SMS or email code
 * sent, a new password and "Forgot password?" go through `update`, from `clerk-recovery.ts`) on the adapter both elements share (`clerk-adapter.ts`: clerk-js loaded, one timeout,
 * failures read). Everything Clerk-shaped is turned into the plain types of `sign-in-types.ts` here,
 * so that moving to another Clerk API (SignInFuture) stays a change to this one file.
 */
import { ClerkAdapter } from './clerk-adapter.js';
import type { ClerkFactorLike, ClerkLike, ClerkSessionLike, ClerkSignInLike } from './clerk-types.js';
import { failuresMayBeSilent, ownFailure } from './own-failures.js';
import { isSupportedStrategy, type SecondFactorStrategy } from './strategies.js';
import type { Factor, Outcome, SessionSnapshot, SignInSnapshot } from './sign-in-types.js';

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

/** The sign-in's adapter: the call it is in the middle of, on the sign-in clerk-js keeps. */
export class SignInAdapter extends ClerkAdapter {
  #signIn: ClerkSignInLike | null = null;

  /**
   * Runs one Frontend API call on the sign-in in progress (`fresh`: on the client's sign-in, to
   * start a new one) and keeps the sign-in it resolves with. Public for the calls an
   * authenticator-app sign-in never makes (`clerk-recovery.ts`, downloaded with their steps).
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

  /** Checks a second-factor (or new-device) code. */
  attempt(strategy: SecondFactorStrategy, code: string, signal?: AbortSignal): Promise<Outcome<SignInSnapshot>> {
    return this.update(signal, async (signIn) =>
      // An earlier attempt the element gave up on (request timeout) was answered after all and
      // completed the sign-in: sending the code again would only be refused.
      signIn.status === 'complete' && signIn.createdSessionId ? signIn : signIn.attemptSecondFactor({ strategy, code }),
    );
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

/** Makes `sessionId` the active session without letting clerk-js navigate; the session clerk-js chose, if it said. */
async function setActive(clerk: ClerkLike, sessionId: string): Promise<ClerkSessionLike | null> {
  let chosen: ClerkSessionLike | null = null;
  await clerk.setActive({ session: sessionId, navigate: ({ session }) => void (chosen = session) });
  return chosen;
}
