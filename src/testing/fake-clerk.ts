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
import { FAKE_MFA_METHODS, fakeEnvironment, fakeMfaUser, type FakeMfaMethod } from './fake-mfa.js';
import { fakeClerkError } from './fake-errors.js';
import { fakeAccount, secondFactorsOf, type FakeAccount } from './fake-factors.js';
import type { FakeReverification } from './fake-reverification.js';
import { FakeSignIn } from './fake-sign-in.js';

export { FakeClerkAPIResponseError, fakeClerkError, fakeNetworkError, fakeRateLimitError } from './fake-errors.js';
export type { FakeAccount } from './fake-factors.js';

/** One of the user's phone numbers (`user.phoneNumbers`). */
export interface FakeUserPhone {
  /** E.164 (`+15555550100`). */
  phoneNumber: string;
  /** Verified with a code (default true). */
  verified?: boolean;
  /** Reserved for two-step sign-in (default true; `false` for a number the user has for other uses). */
  reserved?: boolean;
  /** The default second factor among the reserved numbers (default: the first reserved one). */
  default?: boolean;
}

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
  /** A phone for SMS codes, in E.164 (`+15555550100`): verified, reserved for two-step sign-in, listed first. */
  phone?: string;
  /** More phone numbers (after `phone`), each reserved for two-step sign-in unless `reserved: false`. */
  phoneNumbers?: FakeUserPhone[];
  /** Clerk asks for a new password after the password step. */
  needsNewPassword?: boolean;
  /** Clerk offers no password reset for this account ("Forgot password?" cannot help). */
  noPasswordReset?: boolean;
  /** Clerk asks to verify this new device (email code) after the password step. */
  needsClientTrust?: boolean;
  /** The session ends up `pending` with this task (`choose-organization`, `setup-mfa`, ...). */
  task?: string;
  /** The account is locked for this many seconds (`user_locked`). */
  lockedForSeconds?: number;
  /** The code the authenticator app shows once enrolled (`createTOTP`, `verifyTOTP`; default `'123456'`). */
  enrolTotp?: string;
  /** Changes to second factors need the session verified again first (Clerk's reverification); see also `requireReverification()`. */
  reverify?: boolean;
}

export type FakeMethod =
  | 'load'
  | 'create'
  | 'prepareFirstFactor'
  | 'attemptFirstFactor'
  | 'prepareSecondFactor'
  | 'attemptSecondFactor'
  | 'resetPassword'
  | 'setActive'
  | 'signOut'
  | 'reload'
  | FakeMfaMethod;

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

interface FakeSession extends ClerkSessionLike {
  user: ClerkUserLike;
}

/** What `addListener` hears, as clerk-js's listeners do. */
export type FakeListener = (resources: { client: FakeClerk['client']; session: FakeClerk['session']; user: FakeClerk['user'] }) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FakeClerk implements ClerkLike {
  loaded: boolean;
  client: { signIn: ClerkSignInLike; sessions: FakeSession[] };
  session: FakeSession | null = null;
  user: ClerkUserLike | null = null;

  /** The users as the fake keeps them (their phone numbers in `phones`); changes made through Clerk's methods show here. */
  readonly users: FakeAccount[];
  readonly sentCode: string;
  /** Every SMS or email "sent", in order, with the number or email address it went `to`. */
  readonly sentCodes: { strategy: string; code: string; to: string | undefined }[] = [];
  readonly usedBackupCodes = new Set<string>();
  /** How often each method was called. */
  readonly calls: Record<FakeMethod, number> = {
    load: 0,
    create: 0,
    prepareFirstFactor: 0,
    attemptFirstFactor: 0,
    prepareSecondFactor: 0,
    attemptSecondFactor: 0,
    resetPassword: 0,
    setActive: 0,
    signOut: 0,
    reload: 0,
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
  readonly #listeners = new Set<FakeListener>();
  readonly #statusHandlers = new Set<(status: string) => void>();
  readonly #reverifications = new Map<string, FakeReverification>();
  #gate: Promise<void> | null = null;
  #sessionCount = 0;

  constructor(options: FakeClerkOptions = {}) {
    this.users = (options.users ?? []).map((u, i) => fakeAccount(u, u.id ?? `user_${i + 1}`));
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
    for (const handler of [...this.#statusHandlers]) handler('ready');
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

  /** As clerk-js's: `handler` hears `ready` when `load()` has finished. */
  on(event: 'status', handler: (status: string) => void): void {
    if (event === 'status') this.#statusHandlers.add(handler);
  }

  /**
   * As clerk-js's: `listener` hears the client, session and user now, then after every answer
   * (each call, `setActive`, `signOut`) that may have changed them. Answers the unsubscribe.
   */
  addListener(listener: FakeListener): () => void {
    this.#listeners.add(listener);
    listener(this.#resources());
    return () => void this.#listeners.delete(listener);
  }

  #resources() {
    return { client: this.client, session: this.session, user: this.user };
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener(this.#resources());
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
  findUser(email: string): FakeAccount | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** Second factors Clerk would list for `user`, in Clerk's order (authenticator app, SMS, backup codes); the first is the default. */
  secondFactorsOf(user: FakeAccount): ClerkFactorLike[] {
    return secondFactorsOf(user);
  }

  /**
   * As if the signed-in session (or `sessionId`) had verified long ago: its next sensitive change
   * (`createTOTP`, `disableTOTP`, `createBackupCode`, a number added, reserved, unreserved or
   * removed; not the choice of default number) is refused with `session_reverification_required` until it verifies again.
   */
  requireReverification(sessionId = this.session?.id): this {
    const reverification = sessionId ? this.#reverifications.get(sessionId) : undefined;
    if (!reverification) throw new Error('FakeClerk: no such session to verify again');
    reverification.expire();
    return this;
  }

  createSession(user: FakeAccount): FakeSession {
    const id = `sess_${++this.#sessionCount}`;
    const session: FakeSession = {
      id,
      status: user.task ? 'pending' : 'active',
      user: { id: user.id, firstName: user.firstName ?? null, primaryEmailAddress: { emailAddress: user.email } },
      currentTask: user.task ? { key: user.task } : null,
      tasks: user.task ? [{ key: user.task }] : null,
    };
    const mfa = fakeMfaUser(this, user, session as FakeSession & { currentTask: { key: string } | null; tasks: { key: string }[] | null });
    // Getters too (`totpEnabled`, `phoneNumbers`, ...): they read the account as it is now.
    Object.defineProperties(session.user, Object.getOwnPropertyDescriptors(mfa.user));
    Object.assign(session, mfa.session);
    this.#reverifications.set(id, mfa.reverification);
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
    const result = await body();
    // As clerk-js updates its client from each answer before the call resolves.
    this.#emit();
    return result;
  }
}
