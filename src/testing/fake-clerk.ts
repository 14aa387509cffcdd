/**
 * An in-memory Clerk for fast tests of pages that use `<clerk-mfa-sign-in>`.
 * It implements exactly what the element calls (`ClerkLike`), answers with
 * Clerk's statuses and error codes, and counts every call.
 *
 * ```ts
 * const clerk = new FakeClerk({ users: [{ email: 'ada@example.com', password: 'pw', totp: '123456' }] });
 * el.clerk = clerk;
 * clerk.failNext('attemptSecondFactor', fakeClerkError('form_code_incorrect', { paramName: 'code' }));
 * ```
 */
import type { ClerkFactorLike, ClerkLike, ClerkSessionLike, ClerkSignInLike, ClerkUserLike } from '../clerk-types.js';
import type { SecondFactorStrategy } from '../strategies.js';
import { FAKE_MFA_METHODS, fakeEnvironment, fakeMfaUser, type FakeMfaMethod } from './fake-mfa.js';

export interface FakeUser {
  email: string;
  password: string;
  id?: string;
  /** Shown on the signed-in screen ("Welcome back, Ada!"). */
  firstName?: string;
  /** The authenticator-app code the fake accepts (e.g. `'123456'`). */
  totp?: string;
  /** Backup codes; each works once. */
  backupCodes?: string[];
  /** A phone for SMS codes, in E.164 (`+15555550100`). */
  phone?: string;
  /** Clerk asks for a new password after the password step. */
  needsNewPassword?: boolean;
  /** Clerk asks to verify this new device (email code) after the password step. */
  needsClientTrust?: boolean;
  /** The session ends up `pending` with this task (`choose-organization`, `setup-mfa`, ...). */
  task?: string;
  /** The account is locked for this many seconds (`user_locked`). */
  lockedForSeconds?: number;
  /** The code the authenticator app shows once enrolled (`createTOTP`, `verifyTOTP`; default `'123456'`). */
  enrolTotp?: string;
  /** Changes to second factors need the password again first (Clerk's reverification). */
  reverify?: boolean;
}

export type FakeMethod = 'load' | 'create' | 'prepareSecondFactor' | 'attemptSecondFactor' | 'resetPassword' | 'setActive' | 'signOut' | FakeMfaMethod;

export interface FakeClerkOptions {
  users?: FakeUser[];
  /** Start unloaded; `load()` then takes `loadDelayMs`. Default: already loaded. */
  loaded?: boolean;
  loadDelayMs?: number;
  /** Delay of every call, in ms (default 0). */
  delayMs?: number;
  /** The code "sent" by SMS and by email (default `'123456'`). */
  sentCode?: string;
  /** Start with this user already signed in. */
  signedInAs?: string;
  /** The second factors users may enrol (Clerk's environment); default both. */
  enrolMethods?: ('totp' | 'phone_code')[];
}

/** An error shaped like clerk-js's `ClerkAPIResponseError`. */
export class FakeClerkAPIResponseError extends Error {
  readonly clerkError = true;
  override name = 'ClerkAPIResponseError';
  status: number;
  retryAfter?: number;
  errors: { code: string; message: string; longMessage?: string; meta: Record<string, unknown> }[];

  constructor(
    code: string,
    options: { status?: number; message?: string; longMessage?: string; paramName?: string; retryAfter?: number; meta?: Record<string, unknown> } = {},
  ) {
    const message = options.message ?? code.replace(/_/g, ' ');
    super(options.longMessage ?? message);
    this.status = options.status ?? 422;
    if (options.retryAfter != null) this.retryAfter = options.retryAfter;
    const error: FakeClerkAPIResponseError['errors'][number] = {
      code,
      message,
      meta: { ...(options.paramName ? { paramName: options.paramName } : {}), ...options.meta },
    };
    if (options.longMessage) error.longMessage = options.longMessage;
    this.errors = [error];
  }
}

/** Shorthand for `new FakeClerkAPIResponseError(...)`. */
export function fakeClerkError(code: string, options?: ConstructorParameters<typeof FakeClerkAPIResponseError>[1]): FakeClerkAPIResponseError {
  return new FakeClerkAPIResponseError(code, options);
}

/** What clerk-js throws when the network is down (`fetch` fails). */
export function fakeNetworkError(): TypeError {
  return new TypeError('Failed to fetch');
}

interface FakeSession extends ClerkSessionLike {
  user: ClerkUserLike;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class FakeSignIn implements ClerkSignInLike {
  status: string | null = null;
  supportedSecondFactors: ClerkFactorLike[] | null = null;
  createdSessionId: string | null = null;
  user: (FakeUser & { id: string }) | null = null;
  /** Codes sent, by strategy, with the wrong tries made at each. */
  prepared = new Map<string, { wrongTries: number }>();

  constructor(private readonly clerk: FakeClerk) {}

  create(params: { identifier: string; password: string }): Promise<ClerkSignInLike> {
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
      if (user.password !== params.password) {
        throw fakeClerkError('form_password_incorrect', { paramName: 'password', message: 'Password is incorrect. Try again, or use another method.' });
      }
      this.user = user;
      this.prepared.clear();
      this.createdSessionId = null;
      this.supportedSecondFactors = null;
      if (user.needsNewPassword) this.status = 'needs_new_password';
      else this.#afterFirstFactor();
      return this;
    });
  }

  #afterFirstFactor(): void {
    const user = this.user!;
    const factors = this.clerk.secondFactorsOf(user);
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
      this.prepared.set(params.strategy, { wrongTries: 0 });
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
        case 'backup_code': {
          const code = normalizeBackupCode(params.code);
          ok = !!user.backupCodes?.some((c) => normalizeBackupCode(c) === code) && !this.clerk.usedBackupCodes.has(code);
          if (ok) this.clerk.usedBackupCodes.add(code);
          break;
        }
        case 'phone_code':
        case 'email_code': {
          const sent = this.prepared.get(params.strategy);
          if (!sent) throw fakeClerkError('verification_missing', { paramName: 'strategy' });
          if (sent.wrongTries >= MAX_WRONG_CODES) {
            throw fakeClerkError('verification_failed', { paramName: 'code', message: 'Too many failed attempts' });
          }
          ok = params.code === this.clerk.sentCode;
          if (!ok) sent.wrongTries++;
          break;
        }
      }
      if (!ok) throw fakeClerkError('form_code_incorrect', { paramName: 'code', message: 'Incorrect code' });
      this.#complete();
      return this;
    });
  }

  resetPassword(params: { password: string }): Promise<ClerkSignInLike> {
    return this.clerk.call('resetPassword', {}, () => {
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

/** The country prefix, stars, the last four digits: `+15555550100` → `+1*******0100`. */
function maskPhone(phone: string): string {
  return phone.length <= 6 ? phone : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

/**
 * A backup code as Clerk compares it: NFKC, no whitespace, no dash of any kind, lower case, so
 * `h2j6-b8n4`, `h2j6b8n4`, `H2J6–B8N4` and ` h2j6 b8n4 ` are one code.
 */
function normalizeBackupCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\p{Pd}\u2212]/gu, '').toLowerCase();
}

/** Wrong tries Clerk allows per SMS or email code; the next try is `verification_failed`. */
const MAX_WRONG_CODES = 3;

/** Passwords Clerk refuses as found in a breach (`form_password_pwned`): a few of the commonest. */
const BREACHED_PASSWORDS = new Set(['password', 'password1', 'password123', '12345678', '123456789', 'qwerty123', '11111111', 'iloveyou']);

export class FakeClerk implements ClerkLike {
  loaded: boolean;
  client: { signIn: ClerkSignInLike; sessions: FakeSession[] };
  session: FakeSession | null = null;
  user: ClerkUserLike | null = null;

  readonly users: (FakeUser & { id: string })[];
  readonly sentCode: string;
  /** Every SMS or email "sent", in order. */
  readonly sentCodes: { strategy: string; code: string }[] = [];
  readonly usedBackupCodes = new Set<string>();
  /** How often each method was called. */
  readonly calls: Record<FakeMethod, number> = {
    load: 0,
    create: 0,
    prepareSecondFactor: 0,
    attemptSecondFactor: 0,
    resetPassword: 0,
    setActive: 0,
    signOut: 0,
    ...(Object.fromEntries(FAKE_MFA_METHODS.map((m) => [m, 0])) as Record<FakeMfaMethod, number>),
  };
  /** What clerk-js reads of the instance's settings: the second factors users may enrol. */
  readonly __internal_environment: ReturnType<typeof fakeEnvironment>;
  /** Every call in order, with its parameters (passwords and codes left out). */
  readonly log: { method: FakeMethod; params: Record<string, unknown> }[] = [];
  /** Delay of every call in ms; change it at any time. */
  delayMs: number;
  loadDelayMs: number;

  #failures = new Map<FakeMethod, unknown[]>();
  #gate: Promise<void> | null = null;
  #sessionCount = 0;

  constructor(options: FakeClerkOptions = {}) {
    this.users = (options.users ?? []).map((u, i) => ({ ...u, id: u.id ?? `user_${i + 1}` }));
    this.loaded = options.loaded ?? true;
    this.loadDelayMs = options.loadDelayMs ?? 0;
    this.delayMs = options.delayMs ?? 0;
    this.sentCode = options.sentCode ?? '123456';
    this.client = { signIn: new FakeSignIn(this), sessions: [] };
    this.__internal_environment = fakeEnvironment(options.enrolMethods ?? ['totp', 'phone_code']);
    if (options.signedInAs) {
      const user = this.findUser(options.signedInAs);
      if (!user) throw new Error(`FakeClerk: no user ${options.signedInAs}`);
      const session = this.createSession(user);
      this.session = session;
      this.user = session.user;
    }
  }

  async load(): Promise<void> {
    this.calls.load++;
    this.log.push({ method: 'load', params: {} });
    if (this.loadDelayMs) await sleep(this.loadDelayMs);
    this.loaded = true;
  }

  setActive(params: { session: string; navigate?: (params: { session: ClerkSessionLike }) => unknown }): Promise<void> {
    return this.call('setActive', { session: params.session }, async () => {
      const session = this.client.sessions.find((s) => s.id === params.session);
      if (!session) throw fakeClerkError('resource_not_found', { status: 404 });
      await params.navigate?.({ session });
      this.session = session;
      this.user = session.user;
    });
  }

  /** Ends every session, as clerk-js's `signOut()` does; then calls `callback` (clerk-js would navigate without one). */
  signOut(callback?: () => void): Promise<void> {
    return this.call('signOut', {}, () => {
      this.client.sessions.length = 0;
      this.session = null;
      this.user = null;
      callback?.();
    });
  }

  /** The next call of `method` fails with `error` (a `fakeClerkError(...)`, `fakeNetworkError()`, ...). Queue several by calling again. */
  failNext(method: FakeMethod, error: unknown): this {
    const queue = this.#failures.get(method) ?? [];
    queue.push(error);
    this.#failures.set(method, queue);
    return this;
  }

  /** Holds every call until the returned function is called: to test what happens while a request is in flight. */
  pause(): () => void {
    let release!: () => void;
    this.#gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.#gate = null;
      release();
    };
  }

  /** The user with this email, if any. */
  findUser(email: string): (FakeUser & { id: string }) | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** Second factors Clerk would list for `user`, in Clerk's order (authenticator app, SMS, backup codes); the first is the default. */
  secondFactorsOf(user: FakeUser & { id: string }): ClerkFactorLike[] {
    const factors: ClerkFactorLike[] = [];
    if (user.totp) factors.push({ strategy: 'totp' });
    if (user.phone) factors.push({ strategy: 'phone_code', phoneNumberId: `idn_phone_${user.id}`, safeIdentifier: maskPhone(user.phone) });
    if (user.backupCodes?.length) factors.push({ strategy: 'backup_code' });
    return factors.map((factor, index) => ({ ...factor, default: index === 0 }));
  }

  createSession(user: FakeUser & { id: string }): FakeSession {
    const id = `sess_${++this.#sessionCount}`;
    const session: FakeSession = {
      id,
      status: user.task ? 'pending' : 'active',
      user: { id: user.id, firstName: user.firstName ?? null, primaryEmailAddress: { emailAddress: user.email } },
      currentTask: user.task ? { key: user.task } : null,
      tasks: user.task ? [{ key: user.task }] : null,
    };
    const mfa = fakeMfaUser(this, user, session as FakeSession & { currentTask: { key: string } | null; tasks: { key: string }[] | null });
    Object.assign(session.user, mfa.user);
    Object.assign(session, mfa.session);
    this.client.sessions.push(session);
    return session;
  }

  /** Runs one fake request: counts it, waits, fails if scripted to, else runs `body`. */
  async call<T>(method: FakeMethod, params: Record<string, unknown>, body: () => T | Promise<T>): Promise<T> {
    this.calls[method]++;
    this.log.push({ method, params });
    if (this.delayMs) await sleep(this.delayMs);
    while (this.#gate) await this.#gate;
    const failure = this.#failures.get(method)?.shift();
    if (failure !== undefined) throw failure;
    return body();
  }
}
