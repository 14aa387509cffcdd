/**
 * Sign-ins: created with an identifier (and usually a password), then, as Clerk decides, a first
 * factor (the password or an email code), a new password, a second factor or a new device's
 * email code, until `complete` starts a session.
 */
import { errors } from '../errors.js';
import { checkNewPassword } from '../password-rules.js';
import type { RequestContext } from '../request-context.js';
import { decoyPasswordHash, hashPassword, randomId, verifyPassword } from '../security.js';
import { signInJson } from '../serializers/sign-in.js';
import type { FirstFactorStrategy, SignInStatus, StoredClient, StoredSignIn, StoredUser } from '../records.js';
import { secondFactorStrategies } from '../user-factors.js';
import { firstFactorMethod, sendFirstFactorCode, verifyFirstFactor, type OfferedFirstFactor } from './first-factors.js';
import { type Instance, withClient } from './instance.js';
import { assertNotLocked, checkSecret, rateLimit } from './protection.js';
import { attemptSecondFactorOf, prepareSecondFactorOf } from './second-factors.js';
import { revokeOtherSessions, startSession } from './sessions.js';

const SIGN_IN_ABANDON_MS = 24 * 3600 * 1000;

function signInBody(instance: Instance, ctx: RequestContext, signIn: StoredSignIn, client: StoredClient) {
  return withClient(instance, ctx, signInJson(signIn, instance.store), client);
}

function clientTrustApplies(instance: Instance, user: StoredUser): boolean {
  return user.clientTrust ?? instance.clientTrust;
}

/** Where a sign-in goes once its first factor is verified and no new password is (still) needed, in the order Clerk decides it. */
function statusAfterNewPassword(instance: Instance, user: StoredUser, client: StoredClient, strategy: FirstFactorStrategy): SignInStatus {
  if (secondFactorStrategies(user).length > 0) return 'needs_second_factor';
  // Client Trust asks a new device that gave only a password to prove itself; an email code already did.
  if (strategy === 'password' && clientTrustApplies(instance, user) && !client.trustedUserIds.has(user.id)) return 'needs_client_trust';
  return 'complete';
}

/** Where a sign-in goes once its first factor is verified: a new password after a reset code, or when the user must choose one. */
function statusAfterFirstFactor(instance: Instance, user: StoredUser, client: StoredClient, strategy: FirstFactorStrategy): SignInStatus {
  if (strategy === 'reset_password_email_code' || (strategy === 'password' && user.passwordResetRequired)) return 'needs_new_password';
  return statusAfterNewPassword(instance, user, client, strategy);
}

/** Checks the password or code (a wrong one counts towards the lockout) and answers the status the sign-in moves to. */
async function checkFirstFactor(instance: Instance, ctx: RequestContext, signIn: StoredSignIn, user: StoredUser, client: StoredClient, method: OfferedFirstFactor): Promise<SignInStatus> {
  const context = { user, subject: signIn, now: ctx.now, limits: instance.limits.forUser(user) };
  const secret = ctx.required(method.field);
  if (!(await checkSecret(instance, user, ctx.now, () => verifyFirstFactor(method, context, secret)))) throw method.incorrect();
  return statusAfterFirstFactor(instance, user, client, method.strategy);
}

/** Records the status a step reached; a `complete` sign-in starts its session. */
async function advance(instance: Instance, ctx: RequestContext, signIn: StoredSignIn, client: StoredClient, user: StoredUser, status: SignInStatus) {
  signIn.status = status;
  if (status === 'complete') await startSession(instance, ctx, signIn, client, user);
  return signInBody(instance, ctx, signIn, client);
}

function findSignIn(instance: Instance, ctx: RequestContext): { signIn: StoredSignIn; client: StoredClient; user: StoredUser } {
  const client = ctx.client;
  const signIn = client ? instance.store.signIns.get(ctx.params.sign_in_id ?? '') : undefined;
  if (signIn && signIn.abandonAt <= ctx.now) {
    // Abandoned (after 24 hours, as Clerk does): forgotten for good.
    instance.store.signIns.delete(signIn.id);
    throw errors.notFound('sign in');
  }
  if (!client || !signIn || signIn.clientId !== client.id) throw errors.notFound('sign in');
  const user = instance.store.users.get(signIn.userId);
  if (!user) throw errors.notFound('sign in');
  return { signIn, client, user };
}

/** The sign-in a step that checks a secret is for, once the client's rate limit and the user's lockout allow the try. */
function signInForAttempt(instance: Instance, ctx: RequestContext) {
  const found = findSignIn(instance, ctx);
  rateLimit(instance, ctx, 'attempt', found.user.id, found.user);
  assertNotLocked(found.user, ctx.now);
  return found;
}

/** Sends the first factor's email code (to the address the form names, which must be the user's). */
function sendEmailCode(instance: Instance, ctx: RequestContext, signIn: StoredSignIn, user: StoredUser, method: OfferedFirstFactor): void {
  const context = { user, subject: signIn, now: ctx.now, limits: instance.limits.forUser(user) };
  sendFirstFactorCode(method, context, ctx.form.get('email_address_id'), (message) => instance.send(message));
}

/**
 * `POST /v1/client/sign_ins` with `identifier` and a `password`, or with no first factor yet
 * (`needs_first_factor`, as Clerk's `<SignIn />` starts), or with a code `strategy` whose email is sent at once.
 */
export async function createSignIn(instance: Instance, ctx: RequestContext) {
  const client = ctx.ensureClient();
  const signedIn = instance.store.liveSessions(client);
  // Clerk's multi-session mode adds another account's session beside those signed in.
  if (signedIn.length > 0 && !instance.multiSession) throw errors.sessionExists();
  const identifier = ctx.required('identifier').trim();
  const password = ctx.form.get('password');
  const strategy = ctx.form.get('strategy') || (password !== undefined ? 'password' : undefined);
  const method = strategy === undefined ? undefined : firstFactorMethod(strategy, 'sign_in');
  const user = instance.store.findUserByIdentifier(identifier);
  rateLimit(instance, ctx, 'create', user?.id ?? identifier.toLowerCase(), user);
  if (!user) {
    // As slow as a wrong password, so the answer's timing does not tell which emails exist.
    if (password) await verifyPassword(password, await decoyPasswordHash(instance.passwordHashing));
    throw errors.identifierNotFound();
  }
  if (signedIn.some((session) => session.userId === user.id)) throw errors.alreadySignedIn();
  assertNotLocked(user, ctx.now);
  if (method?.strategy === 'password' && (password === undefined || password === '')) throw errors.paramMissing('password');

  const signIn: StoredSignIn = {
    id: randomId('sia'),
    clientId: client.id,
    userId: user.id,
    identifier: user.email,
    status: 'needs_first_factor',
    firstFactor: null,
    secondFactor: null,
    createdSessionId: null,
    clientTrustState: clientTrustApplies(instance, user) ? (client.trustedUserIds.has(user.id) ? 'known' : 'new') : null,
    createdAt: ctx.now,
    abandonAt: ctx.now + SIGN_IN_ABANDON_MS,
  };
  let status: SignInStatus = 'needs_first_factor';
  if (method?.strategy === 'password') status = await checkFirstFactor(instance, ctx, signIn, user, client, method);
  else if (method) sendEmailCode(instance, ctx, signIn, user, method);
  instance.store.signIns.set(signIn.id, signIn);
  client.signInId = signIn.id;
  client.updatedAt = ctx.now;
  return advance(instance, ctx, signIn, client, user, status);
}

/** `GET /v1/client/sign_ins/{id}`. */
export function getSignIn(instance: Instance, ctx: RequestContext) {
  const { signIn, client } = findSignIn(instance, ctx);
  return signInBody(instance, ctx, signIn, client);
}

/** `POST .../prepare_first_factor` with `strategy=email_code` or `reset_password_email_code`: the code goes to the user's email. */
export function prepareFirstFactor(instance: Instance, ctx: RequestContext) {
  const { signIn, client, user } = findSignIn(instance, ctx);
  assertNotLocked(user, ctx.now);
  const method = firstFactorMethod(ctx.required('strategy'), 'sign_in');
  if (signIn.status !== 'needs_first_factor') throw errors.strategyInvalid();
  sendEmailCode(instance, ctx, signIn, user, method);
  return signInBody(instance, ctx, signIn, client);
}

/** `POST .../attempt_first_factor` with `strategy=password` and `password`, or a code strategy and `code`. */
export async function attemptFirstFactor(instance: Instance, ctx: RequestContext) {
  const { signIn, client, user } = signInForAttempt(instance, ctx);
  const method = firstFactorMethod(ctx.required('strategy'), 'sign_in');
  if (signIn.status !== 'needs_first_factor') throw errors.strategyInvalid();
  const status = await checkFirstFactor(instance, ctx, signIn, user, client, method);
  return advance(instance, ctx, signIn, client, user, status);
}

/** `POST .../reset_password` with `password` (and `sign_out_of_other_sessions`), when the sign-in `needs_new_password`. */
export async function resetPassword(instance: Instance, ctx: RequestContext) {
  const { signIn, client, user } = signInForAttempt(instance, ctx);
  if (signIn.status !== 'needs_new_password') throw errors.signInNotReady();
  const password = ctx.required('password');
  await checkNewPassword(password, user, 'password');
  const hash = await hashPassword(password, instance.passwordHashing);
  assertNotLocked(user, ctx.now);
  user.password = hash;
  user.passwordResetRequired = false;
  user.updatedAt = ctx.now;
  if (ctx.form.get('sign_out_of_other_sessions') === 'true') revokeOtherSessions(instance, user, client, ctx.now);
  const strategy = (signIn.firstFactor?.strategy ?? 'password') as FirstFactorStrategy;
  return advance(instance, ctx, signIn, client, user, statusAfterNewPassword(instance, user, client, strategy));
}

/** `POST .../prepare_second_factor`: sends the SMS (or Client Trust email) code; nothing to send for TOTP and backup codes. */
export function prepareSecondFactor(instance: Instance, ctx: RequestContext) {
  const { signIn, client, user } = findSignIn(instance, ctx);
  prepareSecondFactorOf(instance, ctx, signIn, user);
  return signInBody(instance, ctx, signIn, client);
}

/** `POST .../attempt_second_factor` with `strategy` and `code`. */
export async function attemptSecondFactor(instance: Instance, ctx: RequestContext) {
  const { signIn, client, user } = signInForAttempt(instance, ctx);
  await attemptSecondFactorOf(instance, ctx, signIn, user);
  return advance(instance, ctx, signIn, client, user, 'complete');
}
