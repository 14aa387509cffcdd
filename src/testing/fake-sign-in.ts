/**
 * The fake Clerk's sign-in attempt (`client.signIn`): Clerk's statuses, factors and error codes
 * for each step, the password, "Forgot password?" (the reset code, the new password) and the
 * second factor or new-device code. `fake-clerk.ts` is the instance around it.
 */
import type { ClerkFactorLike, ClerkSignInLike } from '../clerk-types.js';
import type { SecondFactorStrategy } from '../strategies.js';
import type { FakeClerk } from './fake-clerk.js';
import { fakeClerkError } from './fake-errors.js';
import { incorrectCode, SentCodes, secondFactorsOf, spendBackupCode, type FakeAccount } from './fake-factors.js';

export class FakeSignIn implements ClerkSignInLike {
  status: string | null = null;
  supportedFirstFactors: ClerkFactorLike[] | null = null;
  supportedSecondFactors: ClerkFactorLike[] | null = null;
  createdSessionId: string | null = null;
  user: FakeAccount | null = null;
  /** Codes sent, by strategy, with the wrong tries made at each. */
  readonly prepared = new SentCodes();

  constructor(private readonly clerk: FakeClerk) {}

  /** Without a password, as "Forgot password?" starts: the sign-in waits for a first factor. */
  create(params: { identifier: string; password?: string }): Promise<ClerkSignInLike> {
    return this.clerk.call('create', { identifier: params.identifier }, () => {
      const user = this.clerk.findUser(params.identifier);
      if (!user) throw fakeClerkError('form_identifier_not_found', { paramName: 'identifier', message: "Couldn't find your account." });
      if (user.lockedForSeconds) {
        throw fakeClerkError('user_locked', {
          status: 403,
          message: 'Account locked',
          longMessage: `Your account is locked. You will be able to try again in ${Math.ceil(user.lockedForSeconds / 60)} minutes.`,
          meta: { lockoutExpiresInSeconds: user.lockedForSeconds },
        });
      }
      if (params.password !== undefined && user.password !== params.password) {
        throw fakeClerkError('form_password_incorrect', { paramName: 'password', message: 'Password is incorrect. Try again, or use another method.' });
      }
      this.user = user;
      this.prepared.clear();
      this.createdSessionId = null;
      this.supportedSecondFactors = null;
      this.supportedFirstFactors = null;
      if (params.password === undefined) this.#needFirstFactor();
      else if (user.needsNewPassword) this.status = 'needs_new_password';
      else this.#afterFirstFactor();
      return this;
    });
  }

  /** The first factors Clerk offers for the email, in its order; the codes name the email as typed. */
  #needFirstFactor(): void {
    const { id, email, noPasswordReset } = this.user!;
    const emailFactor = { safeIdentifier: email, emailAddressId: `idn_email_${id}`, primary: true };
    this.status = 'needs_first_factor';
    this.supportedFirstFactors = [
      { strategy: 'password' },
      { strategy: 'email_code', ...emailFactor },
      ...(noPasswordReset ? [] : [{ strategy: RESET, ...emailFactor }]),
    ];
  }

  /** Sends the reset code to the account's email. */
  prepareFirstFactor(params: { strategy: typeof RESET; emailAddressId: string }): Promise<ClerkSignInLike> {
    return this.clerk.call('prepareFirstFactor', { ...params }, () => {
      if (!this.user || this.status !== 'needs_first_factor') throw fakeClerkError('sign_in_not_ready', { status: 400 });
      const offered = this.supportedFirstFactors?.find((f) => f.strategy === params.strategy);
      if (!offered || offered.emailAddressId !== params.emailAddressId) throw fakeClerkError('strategy_for_user_invalid', { paramName: 'strategy' });
      this.prepared.sent(RESET);
      this.clerk.sentCodes.push({ strategy: RESET, code: this.clerk.sentCode });
      return this;
    });
  }

  /** Checks the reset code; Clerk then asks for the new password. */
  attemptFirstFactor(params: { strategy: typeof RESET; code: string }): Promise<ClerkSignInLike> {
    return this.clerk.call('attemptFirstFactor', { strategy: params.strategy }, () => {
      if (!this.user || this.status !== 'needs_first_factor') throw fakeClerkError('sign_in_not_ready', { status: 400 });
      this.prepared.check(params.strategy, params.code, this.clerk.sentCode);
      this.status = 'needs_new_password';
      return this;
    });
  }

  #afterFirstFactor(): void {
    const user = this.user!;
    const factors = secondFactorsOf(user);
    if (factors.length) {
      this.status = 'needs_second_factor';
      this.supportedSecondFactors = factors;
    } else if (user.needsClientTrust) {
      this.status = 'needs_client_trust';
      this.supportedSecondFactors = [
        { strategy: 'email_code', emailAddressId: `idn_email_${user.id}`, safeIdentifier: maskEmail(user.email), primary: true, default: true },
      ];
    } else {
      this.#complete();
    }
  }

  #complete(): void {
    this.status = 'complete';
    this.createdSessionId = this.clerk.createSession(this.user!).id;
  }

  prepareSecondFactor(params: { strategy: 'phone_code' | 'email_code' }): Promise<ClerkSignInLike> {
    return this.clerk.call('prepareSecondFactor', { ...params }, () => {
      if (!this.user || (this.status !== 'needs_second_factor' && this.status !== 'needs_client_trust')) {
        throw fakeClerkError('sign_in_not_ready', { status: 400 });
      }
      if (!this.supportedSecondFactors?.some((f) => f.strategy === params.strategy)) {
        throw fakeClerkError('strategy_for_user_invalid', { status: 422, paramName: 'strategy' });
      }
      this.prepared.sent(params.strategy);
      this.clerk.sentCodes.push({ strategy: params.strategy, code: this.clerk.sentCode });
      return this;
    });
  }

  attemptSecondFactor(params: { strategy: SecondFactorStrategy; code: string }): Promise<ClerkSignInLike> {
    return this.clerk.call('attemptSecondFactor', { strategy: params.strategy }, () => {
      const user = this.user;
      if (!user || (this.status !== 'needs_second_factor' && this.status !== 'needs_client_trust')) {
        throw fakeClerkError('sign_in_not_ready', { status: 400 });
      }
      if (!this.supportedSecondFactors?.some((f) => f.strategy === params.strategy)) {
        throw fakeClerkError('strategy_for_user_invalid', { status: 422, paramName: 'strategy' });
      }
      let ok = false;
      switch (params.strategy) {
        case 'totp':
          ok = params.code === user.totp;
          break;
        case 'backup_code':
          ok = spendBackupCode(user, params.code, this.clerk.usedBackupCodes);
          break;
        case 'phone_code':
        case 'email_code':
          this.prepared.check(params.strategy, params.code, this.clerk.sentCode);
          ok = true;
      }
      if (!ok) throw incorrectCode();
      this.#complete();
      return this;
    });
  }

  resetPassword(params: { password: string; signOutOfOtherSessions?: boolean }): Promise<ClerkSignInLike> {
    return this.clerk.call('resetPassword', { signOutOfOtherSessions: params.signOutOfOtherSessions }, () => {
      if (!this.user || this.status !== 'needs_new_password') throw fakeClerkError('sign_in_not_ready', { status: 400 });
      if ([...params.password].length < 8) {
        throw fakeClerkError('form_password_length_too_short', { paramName: 'password' });
      }
      if (BREACHED_PASSWORDS.has(params.password)) throw fakeClerkError('form_password_pwned', { paramName: 'password' });
      if (params.password === this.user.password) {
        throw fakeClerkError('form_new_password_matches_current', { paramName: 'password' });
      }
      this.user.password = params.password;
      this.user.needsNewPassword = false;
      this.#afterFirstFactor();
      return this;
    });
  }
}

/** The first letter, a star for each other letter, the domain: `ada@example.com` → `a**@example.com`. */
function maskEmail(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}@${domain}`;
}

const RESET = 'reset_password_email_code';

/** Passwords Clerk refuses as found in a breach (`form_password_pwned`): a few of the commonest. */
const BREACHED_PASSWORDS = new Set(['password', 'password1', 'password123', '12345678', '123456789', 'qwerty123', '11111111', 'iloveyou']);
