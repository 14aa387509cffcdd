/** The Frontend API operations: sign-ins, sessions, the current user. Pure state changes, no HTTP. */
import { ApiError, errors } from './errors.js';
import { codesEqual, decoyPasswordHash, digestCode, hashPassword, randomDigits, randomId, RateLimiter, verifyPassword } from './security.js';
import {
  clientJson,
  environmentJson,
  sessionJson,
  signInJson,
  userJson,
} from './serializers.js';
import { normalizeBackupCode, type Store, type StoredClient, type StoredSession, type StoredSignIn, type StoredUser } from './store.js';
import type { TokenIssuer } from './tokens.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';
import type { EmulatorLimits, EmulatorMessage } from './types.js';

/** What an operation needs to know about the request it serves. */
export interface RequestContext {
  params: Record<string, string>;
  form: Map<string, string>;
  query: URLSearchParams;
  now: number;
  /** Origin of the page (for azp and environment URLs). */
  origin: string;
  /** The emulator's own base URL (token issuer). */
  issuer: string;
  client: StoredClient | null;
  /** The current client, created (and its cookie set) when there is none yet. */
  ensureClient(): StoredClient;
  /** Cookie value or dev browser token: the per-client rate-limit key. */
  clientKey: string | null;
}

export interface ApiDependencies {
  store: Store;
  tokens: TokenIssuer;
  limiter: RateLimiter;
  limits: () => EmulatorLimits;
  clientTrust: boolean;
  send: (message: EmulatorMessage) => void;
}

export class FrontendApi {
  constructor(private readonly deps: ApiDependencies) {}

  private get store(): Store {
    return this.deps.store;
  }

  limitsFor(user?: StoredUser): EmulatorLimits {
    return { ...this.deps.limits(), ...(user?.limits ?? {}) };
  }

  // ---- serialization helpers -------------------------------------------------------------

  private clientBody(ctx: RequestContext, client: StoredClient | null) {
    return client ? clientJson(client, this.store, ctx.now, this.deps.limits().lockoutAttempts) : null;
  }

  private wrap(ctx: RequestContext, response: unknown, client: StoredClient | null = ctx.client) {
    return { response, client: this.clientBody(ctx, client) };
  }

  private signInBody(ctx: RequestContext, signIn: StoredSignIn, client: StoredClient) {
    return this.wrap(ctx, signInJson(signIn, this.store), client);
  }

  private sessionBody(ctx: RequestContext, session: StoredSession) {
    return sessionJson(session, this.store, ctx.now, this.limitsFor(this.store.users.get(session.userId)).lockoutAttempts);
  }

  // ---- security helpers ------------------------------------------------------------------

  private rateLimit(ctx: RequestContext, kind: 'create' | 'attempt', subject: string, user?: StoredUser): void {
    const limits = this.limitsFor(user);
    const limit = kind === 'create' ? limits.signInCreateLimit : limits.signInAttemptLimit;
    const key = `${kind}|${ctx.clientKey ?? 'none'}|${subject}`;
    const retryAfter = this.deps.limiter.hit(key, limit, limits.rateLimitWindowSeconds * 1000, ctx.now);
    if (retryAfter > 0) throw errors.tooManyRequests(retryAfter);
  }

  private assertNotLocked(user: StoredUser, now: number): void {
    if (user.lockedUntil > now) throw errors.userLocked(Math.ceil((user.lockedUntil - now) / 1000));
    if (user.lockedUntil !== 0) {
      user.lockedUntil = 0;
      user.failedAttempts = 0;
    }
  }

  /** Counts a failed password or code; throws user_locked when this failure reaches the limit. */
  private recordFailure(user: StoredUser, now: number): void {
    const limits = this.limitsFor(user);
    user.failedAttempts += 1;
    if (user.failedAttempts >= limits.lockoutAttempts) {
      user.failedAttempts = 0;
      user.lockedUntil = now + limits.lockoutSeconds * 1000;
      throw errors.userLocked(limits.lockoutSeconds);
    }
  }

  private requireParam(ctx: RequestContext, name: string): string {
    const value = ctx.form.get(name);
    if (value === undefined || value.trim() === '') throw errors.paramMissing(name);
    return value;
  }

  // ---- environment and client ------------------------------------------------------------

  environment(ctx: RequestContext) {
    const limits = this.deps.limits();
    return environmentJson(ctx.origin, 'development', limits.lockoutAttempts, limits.lockoutSeconds);
  }

  getClient(ctx: RequestContext) {
    const body = this.clientBody(ctx, ctx.client);
    return { response: body, client: body };
  }

  createClient(ctx: RequestContext) {
    const client = ctx.ensureClient();
    const body = this.clientBody(ctx, client);
    return { response: body, client: body };
  }

  /** Signs every session of the client out (Clerk's sign out), keeping the client. */
  removeClientSessions(ctx: RequestContext) {
    const client = ctx.client;
    if (client) {
      for (const session of this.store.liveSessions(client)) {
        session.status = 'removed';
        session.updatedAt = ctx.now;
      }
      client.lastActiveSessionId = null;
      client.signInId = null;
      client.updatedAt = ctx.now;
    }
    const body = this.clientBody(ctx, client);
    return { response: body, client: body };
  }

  // ---- sign-ins -------------------------------------------------------------------------------

  private findSignIn(ctx: RequestContext): { signIn: StoredSignIn; client: StoredClient; user: StoredUser } {
    const client = ctx.client;
    const signIn = client ? this.store.signIns.get(ctx.params.sign_in_id ?? '') : undefined;
    if (!client || !signIn || signIn.clientId !== client.id) throw errors.notFound('sign in');
    if (signIn.status === 'abandoned' || signIn.abandonAt <= ctx.now) throw errors.notFound('sign in');
    const user = this.store.users.get(signIn.userId);
    if (!user) throw errors.notFound('sign in');
    return { signIn, client, user };
  }

  async createSignIn(ctx: RequestContext) {
    const client = ctx.ensureClient();
    if (this.store.liveSessions(client).length > 0) throw errors.sessionExists();
    const identifier = this.requireParam(ctx, 'identifier').trim();
    const password = ctx.form.get('password');
    const strategy = ctx.form.get('strategy') || (password !== undefined ? 'password' : undefined);
    if (strategy !== undefined && strategy !== 'password') throw errors.strategyInvalid('strategy');
    const user = this.store.findUserByIdentifier(identifier);
    this.rateLimit(ctx, 'create', user?.id ?? identifier.toLowerCase(), user);
    if (!user) {
      if (password) await verifyPassword(password, await decoyPasswordHash);
      throw errors.identifierNotFound();
    }
    this.assertNotLocked(user, ctx.now);
    if (strategy === 'password' && (password === undefined || password === '')) throw errors.paramMissing('password');

    const signIn: StoredSignIn = {
      id: randomId('sia'),
      clientId: client.id,
      userId: user.id,
      identifier: user.email,
      status: 'needs_first_factor',
      firstFactor: null,
      secondFactor: null,
      createdSessionId: null,
      clientTrustState: (user.clientTrust ?? this.deps.clientTrust) ? (client.trustedUserIds.has(user.id) ? 'known' : 'new') : null,
      createdAt: ctx.now,
      abandonAt: ctx.now + 24 * 3600 * 1000,
    };
    if (password !== undefined) await this.checkPassword(ctx, signIn, user, password);
    this.store.signIns.set(signIn.id, signIn);
    client.signInId = signIn.id;
    client.updatedAt = ctx.now;
    if ((signIn.status as StoredSignIn['status']) === 'complete') await this.completeSignIn(ctx, signIn, client, user);
    return this.signInBody(ctx, signIn, client);
  }

  private async checkPassword(ctx: RequestContext, signIn: StoredSignIn, user: StoredUser, password: string) {
    if (!(await verifyPassword(password, user.password))) {
      this.recordFailure(user, ctx.now);
      throw errors.passwordIncorrect();
    }
    signIn.firstFactor = { strategy: 'password', status: 'verified', attempts: null, expireAt: null };
    const hasSecondFactor = !!user.totpSecret || !!user.phone || user.backupCodes.length > 0;
    const client = this.store.clients.get(signIn.clientId)!;
    if (hasSecondFactor) signIn.status = 'needs_second_factor';
    else if ((user.clientTrust ?? this.deps.clientTrust) && !client.trustedUserIds.has(user.id)) signIn.status = 'needs_client_trust';
    else signIn.status = 'complete';
  }

  getSignIn(ctx: RequestContext) {
    const { signIn, client } = this.findSignIn(ctx);
    return this.signInBody(ctx, signIn, client);
  }

  async attemptFirstFactor(ctx: RequestContext) {
    const { signIn, client, user } = this.findSignIn(ctx);
    this.rateLimit(ctx, 'attempt', user.id, user);
    this.assertNotLocked(user, ctx.now);
    const strategy = this.requireParam(ctx, 'strategy');
    if (signIn.status !== 'needs_first_factor' || strategy !== 'password') throw errors.strategyInvalid();
    await this.checkPassword(ctx, signIn, user, this.requireParam(ctx, 'password'));
    if ((signIn.status as StoredSignIn['status']) === 'complete') await this.completeSignIn(ctx, signIn, client, user);
    return this.signInBody(ctx, signIn, client);
  }

  prepareSecondFactor(ctx: RequestContext) {
    const { signIn, client, user } = this.findSignIn(ctx);
    this.assertNotLocked(user, ctx.now);
    const strategy = this.requireParam(ctx, 'strategy');
    const limits = this.limitsFor(user);
    if (signIn.status === 'needs_second_factor' && strategy === 'phone_code' && user.phone) {
      const phoneId = ctx.form.get('phone_number_id');
      if (phoneId && phoneId !== user.phoneId) throw errors.strategyInvalid('phone_number_id');
      this.sendCode(ctx, signIn, 'phone_code', { to: user.phone, channel: 'sms' }, limits);
    } else if (signIn.status === 'needs_client_trust' && strategy === 'email_code') {
      const emailId = ctx.form.get('email_address_id');
      if (emailId && emailId !== user.emailId) throw errors.strategyInvalid('email_address_id');
      this.sendCode(ctx, signIn, 'email_code', { to: user.email, channel: 'email' }, limits);
    } else if (signIn.status === 'needs_second_factor' && ((strategy === 'totp' && user.totpSecret) || (strategy === 'backup_code' && user.backupCodes.length))) {
      // Nothing to send: the user already holds the code.
    } else {
      throw errors.strategyInvalid();
    }
    return this.signInBody(ctx, signIn, client);
  }

  private sendCode(
    ctx: RequestContext,
    signIn: StoredSignIn,
    strategy: 'phone_code' | 'email_code',
    target: { to: string; channel: 'sms' | 'email' },
    limits: EmulatorLimits,
  ): void {
    const code = randomDigits(6);
    signIn.secondFactor = {
      strategy,
      status: 'unverified',
      attempts: 0,
      expireAt: ctx.now + limits.codeTtlSeconds * 1000,
      codeDigest: digestCode(code),
    };
    this.deps.send({ to: target.to, channel: target.channel, code, sent_at: ctx.now });
  }

  async attemptSecondFactor(ctx: RequestContext) {
    const { signIn, client, user } = this.findSignIn(ctx);
    this.rateLimit(ctx, 'attempt', user.id, user);
    this.assertNotLocked(user, ctx.now);
    const strategy = this.requireParam(ctx, 'strategy');
    const code = this.requireParam(ctx, 'code').trim();
    const limits = this.limitsFor(user);
    const trust = signIn.status === 'needs_client_trust';
    if (signIn.status !== 'needs_second_factor' && !trust) throw errors.strategyInvalid();
    if (trust !== (strategy === 'email_code')) throw errors.strategyInvalid();

    if (strategy === 'totp') {
      if (!user.totpSecret) throw errors.strategyInvalid();
      const counter = verifyTotp({ secret: user.totpSecret, token: code, timestamp: ctx.now });
      if (counter === null || counter <= user.lastTotpCounter) {
        this.recordFailure(user, ctx.now);
        throw errors.codeIncorrect();
      }
      user.lastTotpCounter = counter;
      signIn.secondFactor = { strategy: 'totp', status: 'verified', attempts: null, expireAt: null };
    } else if (strategy === 'backup_code') {
      if (user.backupCodes.length === 0) throw errors.strategyInvalid();
      const candidate = normalizeBackupCode(code);
      let match = -1;
      // Compare against every code so the time taken does not reveal which one matched.
      user.backupCodes.forEach((digest, index) => {
        if (codesEqual(candidate, digest) && match === -1) match = index;
      });
      if (match === -1) {
        this.recordFailure(user, ctx.now);
        throw errors.codeIncorrect();
      }
      user.backupCodes.splice(match, 1);
      user.updatedAt = ctx.now;
      signIn.secondFactor = { strategy: 'backup_code', status: 'verified', attempts: null, expireAt: null };
    } else if (strategy === 'phone_code' || strategy === 'email_code') {
      const verification = signIn.secondFactor;
      if (!verification || verification.strategy !== strategy || !verification.codeDigest) {
        throw new ApiError(422, 'verification_missing', 'Code not sent', 'No code has been sent for this strategy yet; prepare it first.', { param_name: 'strategy' });
      }
      if (verification.status === 'failed') throw errors.verificationFailed();
      if (verification.status === 'expired' || (verification.expireAt ?? 0) <= ctx.now) {
        verification.status = 'expired';
        throw errors.verificationExpired();
      }
      if (!codesEqual(code, verification.codeDigest)) {
        verification.attempts = (verification.attempts ?? 0) + 1;
        if (verification.attempts >= limits.codeMaxAttempts) verification.status = 'failed';
        this.recordFailure(user, ctx.now);
        throw errors.codeIncorrect();
      }
      verification.status = 'verified';
      verification.attempts = (verification.attempts ?? 0) + 1;
      delete verification.codeDigest;
    } else {
      throw errors.strategyInvalid();
    }
    signIn.status = 'complete';
    await this.completeSignIn(ctx, signIn, client, user);
    return this.signInBody(ctx, signIn, client);
  }

  private async completeSignIn(ctx: RequestContext, signIn: StoredSignIn, client: StoredClient, user: StoredUser) {
    user.failedAttempts = 0;
    user.lastSignInAt = ctx.now;
    client.trustedUserIds.add(user.id);
    const lifetime = this.limitsFor(user).sessionLifetimeSeconds * 1000;
    const secondFactorUsed = signIn.secondFactor?.status === 'verified' && signIn.secondFactor.strategy !== 'email_code';
    const session: StoredSession = {
      id: randomId('sess'),
      clientId: client.id,
      userId: user.id,
      status: user.tasks.length > 0 ? 'pending' : 'active',
      tasks: [...user.tasks],
      lastActiveOrganizationId: null,
      firstFactorAt: ctx.now,
      secondFactorAt: secondFactorUsed ? ctx.now : null,
      lastActiveToken: null,
      lastActiveTokenExp: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      lastActiveAt: ctx.now,
      expireAt: ctx.now + lifetime,
      abandonAt: ctx.now + 30 * 24 * 3600 * 1000,
    };
    this.store.sessions.set(session.id, session);
    client.sessionIds.push(session.id);
    client.lastActiveSessionId = session.id;
    client.lastAuthenticationStrategy = 'password';
    client.updatedAt = ctx.now;
    signIn.createdSessionId = session.id;
    await this.mintToken(ctx, session);
  }

  // ---- sessions -------------------------------------------------------------------------------

  private async mintToken(ctx: RequestContext, session: StoredSession): Promise<string> {
    const user = this.store.users.get(session.userId)!;
    const org = user.organizations.find((o) => o.id === session.lastActiveOrganizationId) ?? null;
    const minutes = (at: number | null) => (at === null ? -1 : Math.floor((ctx.now - at) / 60_000));
    const lifetime = this.limitsFor(user).tokenLifetimeSeconds;
    const jwt = await this.deps.tokens.sign(
      {
        sub: user.id,
        sid: session.id,
        azp: ctx.origin,
        sts: session.status === 'pending' ? 'pending' : 'active',
        fva: [minutes(session.firstFactorAt), minutes(session.secondFactorAt)],
        org: org ? { id: org.id, slug: org.slug, role: org.role.replace(/^org:/, '') } : null,
      },
      ctx.issuer,
      ctx.now,
      lifetime,
    );
    session.lastActiveToken = jwt;
    session.lastActiveTokenExp = ctx.now + lifetime * 1000;
    return jwt;
  }

  private findSession(ctx: RequestContext): { session: StoredSession; client: StoredClient; user: StoredUser } {
    const client = ctx.client;
    const session = client ? this.store.sessions.get(ctx.params.session_id ?? '') : undefined;
    if (!client || !session || session.clientId !== client.id) throw errors.notFound('session');
    if (session.status !== 'active' && session.status !== 'pending') throw errors.notFound('session');
    if (session.expireAt <= ctx.now) {
      session.status = 'ended';
      throw errors.signedOut();
    }
    return { session, client, user: this.store.users.get(session.userId)! };
  }

  /** Leaves the task list and promotes a pending session whose tasks are all done. */
  private resolveTask(session: StoredSession, key: string, now: number): void {
    session.tasks = session.tasks.filter((task) => task !== key);
    if (session.status === 'pending' && session.tasks.length === 0) session.status = 'active';
    session.updatedAt = now;
  }

  private selectOrganization(session: StoredSession, user: StoredUser, value: string | undefined, now: number): void {
    if (value === undefined || value === 'null') return;
    if (value === '') {
      session.lastActiveOrganizationId = null;
      return;
    }
    if (!user.organizations.some((org) => org.id === value)) throw errors.notFound('organization');
    session.lastActiveOrganizationId = value;
    this.resolveTask(session, 'choose-organization', now);
  }

  async touchSession(ctx: RequestContext) {
    const { session, client, user } = this.findSession(ctx);
    this.selectOrganization(session, user, ctx.form.get('active_organization_id'), ctx.now);
    session.lastActiveAt = ctx.now;
    session.updatedAt = ctx.now;
    client.lastActiveSessionId = session.id;
    client.updatedAt = ctx.now;
    await this.mintToken(ctx, session);
    return this.wrap(ctx, this.sessionBody(ctx, session), client);
  }

  async createToken(ctx: RequestContext) {
    const { session, user } = this.findSession(ctx);
    const organizationId = ctx.form.get('organization_id');
    if (organizationId !== undefined && organizationId !== '' && !user.organizations.some((org) => org.id === organizationId)) {
      throw errors.notFound('organization');
    }
    if (organizationId !== undefined && !(organizationId === '' && session.tasks.includes('choose-organization'))) {
      session.lastActiveOrganizationId = organizationId === '' ? null : organizationId;
    }
    const jwt = await this.mintToken(ctx, session);
    return { object: 'token', jwt };
  }

  endSession(ctx: RequestContext, status: 'ended' | 'removed') {
    const { session, client } = this.findSession(ctx);
    session.status = status;
    session.updatedAt = ctx.now;
    if (client.lastActiveSessionId === session.id) client.lastActiveSessionId = null;
    client.updatedAt = ctx.now;
    return this.wrap(ctx, this.sessionBody(ctx, session), client);
  }

  // ---- the current user ---------------------------------------------------------------------

  private currentUser(ctx: RequestContext): { user: StoredUser; client: StoredClient; session: StoredSession } {
    const client = ctx.client;
    if (!client) throw errors.signedOut();
    const wanted = ctx.query.get('_clerk_session_id') || client.lastActiveSessionId;
    const session = this.store.liveSessions(client).find((s) => s.id === wanted);
    if (!session) throw errors.signedOut();
    return { user: this.store.users.get(session.userId)!, client, session };
  }

  private userBody(ctx: RequestContext, user: StoredUser, client: StoredClient) {
    return this.wrap(ctx, userJson(user, ctx.now, this.limitsFor(user).lockoutAttempts), client);
  }

  getMe(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    return this.userBody(ctx, user, client);
  }

  patchMe(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    const first = ctx.form.get('first_name');
    const last = ctx.form.get('last_name');
    if (first !== undefined) user.firstName = first || null;
    if (last !== undefined) user.lastName = last || null;
    user.updatedAt = ctx.now;
    return this.userBody(ctx, user, client);
  }

  createTotp(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    if (user.totpSecret) throw new ApiError(400, 'totp_already_enabled', 'TOTP already enabled', 'An authenticator app is already set up for this account.');
    const secret = newTotpSecret();
    user.pendingTotp = { id: randomId('totp'), secret, createdAt: ctx.now };
    return this.wrap(
      ctx,
      {
        object: 'totp',
        id: user.pendingTotp.id,
        secret,
        uri: totpUri(secret, user.email),
        verified: false,
        backup_codes: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      client,
    );
  }

  async verifyTotpEnrolment(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    this.assertNotLocked(user, ctx.now);
    const pending = user.pendingTotp;
    if (!pending) throw errors.notFound('TOTP enrolment');
    const code = this.requireParam(ctx, 'code').trim();
    const counter = verifyTotp({ secret: pending.secret, token: code, timestamp: ctx.now });
    if (counter === null) {
      this.recordFailure(user, ctx.now);
      throw errors.codeIncorrect();
    }
    user.totpSecret = pending.secret;
    user.totpId = pending.id;
    user.pendingTotp = null;
    user.lastTotpCounter = counter;
    user.mfaEnabledAt = ctx.now;
    user.updatedAt = ctx.now;
    const codes = user.backupCodes.length === 0 ? this.newBackupCodes(user) : null;
    for (const session of this.store.liveSessions(client).filter((s) => s.userId === user.id)) {
      if (session.tasks.includes('setup-mfa')) {
        this.resolveTask(session, 'setup-mfa', ctx.now);
        await this.mintToken(ctx, session);
      }
    }
    return this.wrap(
      ctx,
      { object: 'totp', id: pending.id, secret: null, uri: null, verified: true, backup_codes: codes, created_at: pending.createdAt, updated_at: ctx.now },
      client,
    );
  }

  private newBackupCodes(user: StoredUser): string[] {
    const codes = Array.from({ length: 10 }, () => randomId('x').slice(2, 10).toLowerCase().replace(/[^a-z0-9]/g, '0'));
    user.backupCodes = codes.map((code) => digestCode(code));
    return codes;
  }

  createBackupCodes(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    const codes = this.newBackupCodes(user);
    user.updatedAt = ctx.now;
    return this.wrap(ctx, { object: 'backup_code', id: randomId('bkp'), codes, created_at: ctx.now, updated_at: ctx.now }, client);
  }

  async changePassword(ctx: RequestContext) {
    const { user, client } = this.currentUser(ctx);
    const next = this.requireParam(ctx, 'new_password');
    if (next.length < 8) throw errors.paramInvalid('new_password', 'Passwords must be 8 characters or more.');
    const current = ctx.form.get('current_password');
    const resetting = this.store.liveSessions(client).some((s) => s.userId === user.id && s.tasks.includes('reset-password'));
    if (!resetting) {
      if (!current) throw errors.paramMissing('current_password');
      if (!(await verifyPassword(current, user.password))) {
        this.recordFailure(user, ctx.now);
        throw errors.passwordIncorrect();
      }
    }
    user.password = await hashPassword(next);
    user.updatedAt = ctx.now;
    for (const session of this.store.liveSessions(client).filter((s) => s.userId === user.id)) {
      if (session.tasks.includes('reset-password')) {
        this.resolveTask(session, 'reset-password', ctx.now);
        await this.mintToken(ctx, session);
      }
    }
    return this.userBody(ctx, user, client);
  }
}
