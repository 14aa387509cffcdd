/**
 * The fake session's reverification, as Clerk's: a sensitive change (adding or removing a second
 * factor, new backup codes, a default number) needs the session verified within the last ten
 * minutes, else it is refused with 403 `session_reverification_required`; the session is then
 * verified again with `startVerification({ level })` and the password, or a second factor
 * (authenticator app, SMS code, backup code) when the level asks for one.
 */
import type { ClerkFactorLike } from '../clerk-types.js';
import type { FakeClerk } from './fake-clerk.js';
import { fakeClerkError } from './fake-errors.js';
import { incorrectCode, SentCodes, secondFactorsOf, spendBackupCode, type FakeAccount } from './fake-factors.js';

export type VerificationLevel = 'first_factor' | 'second_factor' | 'multi_factor';
type VerificationStatus = 'needs_first_factor' | 'needs_second_factor' | 'complete';

/** clerk-js's `SessionVerificationResource`, as far as it says what to verify next. */
export interface FakeSessionVerification {
  status: VerificationStatus;
  level: VerificationLevel;
  supportedFirstFactors: ClerkFactorLike[];
  supportedSecondFactors: ClerkFactorLike[] | null;
}

/** How long a verification lasts for sensitive changes (Clerk's `strict` level). */
const FRESH_MS = 10 * 60_000;
const LEVELS: readonly string[] = ['first_factor', 'second_factor', 'multi_factor'];

const error = (code: string, status: number, paramName?: string) => fakeClerkError(code, { status, ...(paramName ? { paramName } : {}) });

export class FakeReverification {
  #verifiedAt: number;
  #under: { level: VerificationLevel; status: VerificationStatus } | null = null;
  readonly #sent = new SentCodes();

  constructor(
    private readonly clerk: FakeClerk,
    private readonly account: FakeAccount,
  ) {
    this.#verifiedAt = account.reverify ? -Infinity : Date.now();
  }

  /** Throws `session_reverification_required` unless the session was verified recently. */
  recent(): void {
    if (Date.now() - this.#verifiedAt > FRESH_MS) throw error('session_reverification_required', 403);
  }

  /** As if the last verification were long ago: the next sensitive change is refused until the session verifies again. */
  expire(): void {
    this.#verifiedAt = -Infinity;
  }

  /** The session's methods: `startVerification`, `attemptFirstFactorVerification`, `prepareSecondFactorVerification`, `attemptSecondFactorVerification`. */
  sessionMethods() {
    const clerk = this.clerk;
    return {
      startVerification: ({ level }: { level: VerificationLevel } = { level: 'first_factor' }) =>
        clerk.call('startVerification', { level }, () => {
          if (!LEVELS.includes(level)) throw error('form_param_format_invalid', 422, 'level');
          // A user without a second factor verifies the first instead, as in Clerk.
          const actual = secondFactorsOf(this.account).length ? level : 'first_factor';
          this.#under = { level: actual, status: actual === 'second_factor' ? 'needs_second_factor' : 'needs_first_factor' };
          this.#sent.clear();
          return this.#answer();
        }),
      attemptFirstFactorVerification: ({ password }: { strategy?: 'password'; password: string }) =>
        clerk.call('attemptFirstFactorVerification', {}, () => {
          this.#expect('needs_first_factor');
          if (password !== this.account.password) throw error('form_password_incorrect', 422, 'password');
          this.#stepDone('first');
          return this.#answer();
        }),
      prepareSecondFactorVerification: ({ strategy, phoneNumberId }: { strategy: 'phone_code'; phoneNumberId?: string }) =>
        clerk.call('prepareSecondFactorVerification', { strategy, phoneNumberId }, () => {
          this.#expect('needs_second_factor');
          const phone = this.#offered(strategy, phoneNumberId);
          this.#sent.sent(strategy);
          clerk.sentCodes.push({ strategy, code: clerk.sentCode, to: phone });
          return this.#answer();
        }),
      attemptSecondFactorVerification: ({ strategy, code }: { strategy: 'totp' | 'phone_code' | 'backup_code'; code: string }) =>
        clerk.call('attemptSecondFactorVerification', { strategy }, () => {
          this.#expect('needs_second_factor');
          this.#offered(strategy);
          if (strategy === 'phone_code') this.#sent.check(strategy, code, clerk.sentCode);
          else if (strategy === 'totp' ? code !== this.account.totp : !spendBackupCode(this.account, code, clerk.usedBackupCodes)) throw incorrectCode();
          this.#stepDone('second');
          return this.#answer();
        }),
    };
  }

  #expect(status: VerificationStatus): void {
    if (!this.#under) throw error('resource_not_found', 404);
    if (this.#under.status !== status) throw error('strategy_for_user_invalid', 422, 'strategy');
  }

  /** The factor must be one the session's verification offers; answers the number a code goes to. */
  #offered(strategy: string, phoneNumberId?: string): string | undefined {
    const factors = secondFactorsOf(this.account).filter((f) => f.strategy === strategy);
    const factor = phoneNumberId ? factors.find((f) => f.phoneNumberId === phoneNumberId) : factors[0];
    if (!factor) throw error('strategy_for_user_invalid', 422, 'strategy');
    return this.account.phones.find((p) => p.id === factor.phoneNumberId)?.phoneNumber;
  }

  #stepDone(step: 'first' | 'second'): void {
    const under = this.#under!;
    under.status = step === 'first' && under.level === 'multi_factor' ? 'needs_second_factor' : 'complete';
    if (under.status === 'complete') this.#verifiedAt = Date.now();
  }

  #answer(): FakeSessionVerification {
    const { level, status } = this.#under!;
    const { id, email } = this.account;
    return {
      status,
      level,
      supportedFirstFactors: [{ strategy: 'password' }, { strategy: 'email_code', emailAddressId: `idn_email_${id}`, safeIdentifier: email, primary: true }],
      supportedSecondFactors: secondFactorsOf(this.account).length ? secondFactorsOf(this.account) : null,
    };
  }
}
