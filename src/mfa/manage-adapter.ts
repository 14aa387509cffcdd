/**
 * The only code that calls Clerk to manage a signed-in user's second factors (beside adding
 * them, `mfa-adapter.ts`): what the user has (`totpEnabled`, `backupCodeEnabled`, the numbers
 * reserved for two-step sign-in), `disableTOTP`, `createBackupCode`, `makeDefaultSecondFactor`,
 * `setReservedForSecondFactor({ reserved: false })` (what Clerk's UserProfile "Remove" does in
 * its MFA section) and the session's verification with a first or a second factor. Each call
 * runs through the sign-in's `ClerkAdapter.run`: the same timeout, abort and reading of failures.
 */
import type { ClerkAdapter } from '../clerk-adapter.js';
import type { ClerkFactorLike, ClerkLike } from '../clerk-types.js';
import type { Factors, ReverifyFactor, ReverifyStrategy, VerificationStep } from '../setup/setup-types.js';
import type { MfaOutcome } from './enrol-types.js';

interface ManagedPhoneLike {
  id: string;
  phoneNumber: string;
  reservedForSecondFactor?: boolean;
  defaultSecondFactor?: boolean;
  verification?: { status?: string | null } | null;
  makeDefaultSecondFactor(): Promise<unknown>;
  setReservedForSecondFactor(params: { reserved: boolean }): Promise<unknown>;
}

interface ManagedUserLike {
  totpEnabled?: boolean;
  backupCodeEnabled?: boolean;
  phoneNumbers?: readonly ManagedPhoneLike[];
  disableTOTP(): Promise<unknown>;
  createBackupCode(): Promise<{ codes?: readonly string[] | null }>;
}

interface SessionVerificationLike {
  status?: string | null;
  supportedFirstFactors?: readonly ClerkFactorLike[] | null;
  supportedSecondFactors?: readonly ClerkFactorLike[] | null;
}

interface VerifyingSessionLike {
  startVerification(params: { level: 'second_factor' }): Promise<SessionVerificationLike>;
  attemptFirstFactorVerification(params: { strategy: 'password'; password: string }): Promise<SessionVerificationLike>;
  prepareSecondFactorVerification(params: { strategy: 'phone_code'; phoneNumberId?: string }): Promise<SessionVerificationLike>;
  attemptSecondFactorVerification(params: { strategy: 'totp' | 'phone_code' | 'backup_code'; code: string }): Promise<SessionVerificationLike>;
}

type ManagingClerk = ClerkLike & {
  user?: (ClerkLike['user'] & ManagedUserLike) | null;
  session?: (ClerkLike['session'] & VerifyingSessionLike) | null;
  /** clerk-js calls it whenever the user or the session changes; answers the unsubscribe. */
  addListener?(listener: (resources: { user?: unknown }) => void): () => void;
};

const signedOut = () => Object.assign(new Error('signed out'), { errors: [{ code: 'signed_out' }] });

const STRATEGIES: readonly ReverifyStrategy[] = ['password', 'totp', 'phone_code', 'backup_code'];

/** What the session's verification asks for next, and by which factors. */
function stepOf(verification: SessionVerificationLike): VerificationStep {
  const status = verification.status === 'complete' || verification.status === 'needs_second_factor' ? verification.status : 'needs_first_factor';
  const raw = (status === 'needs_second_factor' ? verification.supportedSecondFactors : verification.supportedFirstFactors) ?? [];
  const factors: ReverifyFactor[] = [];
  for (const f of raw) {
    if (!STRATEGIES.includes(f.strategy as ReverifyStrategy)) continue;
    const factor: ReverifyFactor = { strategy: f.strategy as ReverifyStrategy };
    if (f.phoneNumberId) factor.phoneNumberId = f.phoneNumberId;
    if (f.safeIdentifier) factor.safeIdentifier = f.safeIdentifier;
    // The default number first.
    if (f.default) factors.unshift(factor);
    else factors.push(factor);
  }
  return { status, factors };
}

export class ManageAdapter {
  readonly #clerk: ClerkAdapter;

  constructor(clerk: ClerkAdapter) {
    this.#clerk = clerk;
  }

  #run<T>(signal: AbortSignal | undefined, action: (clerk: ManagingClerk) => Promise<T>): Promise<MfaOutcome<T>> {
    return this.#clerk.run(signal, (clerk) => action(clerk as ManagingClerk));
  }

  #user(clerk: ManagingClerk): ManagedUserLike {
    if (!clerk.user) throw signedOut();
    return clerk.user;
  }

  #session(clerk: ManagingClerk): VerifyingSessionLike {
    if (!clerk.session) throw signedOut();
    return clerk.session;
  }

  #phone(clerk: ManagingClerk, phoneId: string): ManagedPhoneLike {
    const phone = this.#user(clerk).phoneNumbers?.find((p) => p.id === phoneId);
    if (!phone) throw Object.assign(new Error('no such number'), { errors: [{ code: 'resource_not_found' }] });
    return phone;
  }

  /** The signed-in user's second factors; `null` when nobody is signed in. */
  factors(signal?: AbortSignal): Promise<MfaOutcome<Factors | null>> {
    return this.#run(signal, async (clerk) => {
      const user = clerk.user;
      if (!user) return null;
      const phones = (user.phoneNumbers ?? []).map((p) => ({
        id: p.id,
        phoneNumber: p.phoneNumber,
        reserved: !!p.reservedForSecondFactor,
        defaultSecondFactor: !!p.defaultSecondFactor,
        verified: p.verification?.status === 'verified',
      }));
      return { totp: !!user.totpEnabled, backupCodes: !!user.backupCodeEnabled, phones };
    });
  }

  /** Calls `listener` whenever Clerk's user changes (signed in, out, another account); answers the unsubscribe. */
  async watch(listener: () => void): Promise<() => void> {
    const outcome = await this.#run(undefined, async (clerk) => clerk.addListener?.(() => listener()) ?? (() => {}));
    return outcome.ok ? outcome.value : () => {};
  }

  disableTotp(signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#run(signal, (clerk) => this.#user(clerk).disableTOTP());
  }

  /** A new set of backup codes; the old set stops working. */
  regenerateBackupCodes(signal?: AbortSignal): Promise<MfaOutcome<{ codes: readonly string[] }>> {
    return this.#run(signal, async (clerk) => ({ codes: (await this.#user(clerk).createBackupCode()).codes ?? [] }));
  }

  makeDefaultPhone(phoneId: string, signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#run(signal, (clerk) => this.#phone(clerk, phoneId).makeDefaultSecondFactor());
  }

  /** The number no longer receives sign-in codes (it stays on the account). */
  unreservePhone(phoneId: string, signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#run(signal, (clerk) => this.#phone(clerk, phoneId).setReservedForSecondFactor({ reserved: false }));
  }

  /** Starts verifying the session again, at Clerk's default level for sensitive changes (as Clerk's UserProfile). */
  startVerification(signal?: AbortSignal): Promise<MfaOutcome<VerificationStep>> {
    return this.#run(signal, async (clerk) => stepOf(await this.#session(clerk).startVerification({ level: 'second_factor' })));
  }

  /** Sends the SMS code of the session's verification. */
  prepareVerification(phoneNumberId: string, signal?: AbortSignal): Promise<MfaOutcome<VerificationStep>> {
    return this.#run(signal, async (clerk) =>
      stepOf(await this.#session(clerk).prepareSecondFactorVerification({ strategy: 'phone_code', ...(phoneNumberId ? { phoneNumberId } : {}) })),
    );
  }

  /** The password, or a code of the second factor `strategy`. */
  attemptVerification(strategy: ReverifyStrategy, secret: string, signal?: AbortSignal): Promise<MfaOutcome<VerificationStep>> {
    return this.#run(signal, async (clerk) => {
      const session = this.#session(clerk);
      const answer =
        strategy === 'password'
          ? await session.attemptFirstFactorVerification({ strategy, password: secret })
          : await session.attemptSecondFactorVerification({ strategy, code: secret });
      return stepOf(answer);
    });
  }
}
