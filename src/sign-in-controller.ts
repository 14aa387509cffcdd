/**
 * The sign-in's one owner of work and time, as a Lit reactive controller in the shape of
 * `@lit/task`. It holds the machine's state; runs each action the machine asks for through the
 * adapter exactly once (one call id, one `AbortController`), and drops the answers of actions
 * that were abandoned; aborts what is under way when the element leaves the page; checks for a
 * session Clerk already has (at start, on reconnect, and when Clerk says one exists); and keeps
 * the clock the countdowns read.
 *
 * Secrets arrive with the intent (`submit({ identifier, password })`, `submit({ code })`),
 * are held only until their action has started (the credential for the browser's password
 * manager until the sign-in ends), and never enter the state.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClerkAdapterOptions } from './clerk-adapter.js';
import { SignInAdapter } from './sign-in-adapter.js';
import { countdown } from './countdown.js';
import type { PasswordResetDetail } from './events.js';
import { checkFields, checkIdentifier, type FieldValues } from './field-rules.js';
import { loadedOnDemand, loadOnDemand } from './load-on-demand.js';
import { isOffline } from './own-failures.js';
import { blockedSecondsLeft, initialState, isCodeState, isDone, pendingOf, resendSecondsLeft, transition } from './sign-in-machine.js';
import type {
  ActionFailure,
  Answer,
  DoneState,
  ErrorField,
  Factor,
  FormState,
  Outcome,
  PendingAction,
  SessionSnapshot,
  SignInEvent,
  SignInSnapshot,
  SignInError,
  SignInState,
  StepName,
} from './sign-in-types.js';
import type { EnrolMethod } from './mfa/enrol-types.js';
import { redirectUrl } from './safe-url.js';
import { normalizeCode, type SecondFactorStrategy } from './strategies.js';

export type { FieldValues };

/** What the controller reads from its element after a sign-in. */
export interface SignInHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** Rendered at least once: the sign-in has started. */
  readonly hasUpdated: boolean;
  /** Where to go after `signed-in` (unless it was cancelled). */
  readonly afterSignInUrl: string | null;
  /** Origins besides the page's own that `afterSignInUrl` may lead to. */
  readonly allowedRedirectOrigins: string | readonly string[] | null;
  /** Do not offer the credential to the browser's password manager. */
  readonly noStoreCredentials: boolean;
}

export interface SignInControllerOptions {
  /**
   * Called after every change of state, with the state before it, for the element to announce
   * (events, focus). Returns `false` when the host cancelled the `signed-in` it announced.
   */
  onTransition(previous: SignInState, next: SignInState): boolean;
  /** Leaves the page after signing in. */
  navigate(url: string): void;
  /** Clerk accepted the new password (never handed over). */
  passwordReset(detail: PasswordResetDetail): void;
}

/** An email and password, as the password manager stores them. */
type Login = { id: string; password: string };

/** The longest email address there is; a longer one, from wherever, is cut here. */
const MAX_EMAIL = 320;

export class SignInController implements ReactiveController {
  /** The machine's state. */
  state: SignInState = initialState();
  /** The time the view shows (epoch ms): taken at every change of state, and each second a countdown runs. */
  now = Date.now();

  readonly #host: SignInHost;
  readonly #options: SignInControllerOptions;
  /** Made by `useClerk`, before the first update. */
  #adapter!: SignInAdapter;
  #inflight: { id: number; abort: AbortController } | null = null;
  /** Kept in memory only until the sign-in ends, for the browser's password manager. */
  #credential: Login | null = null;
  /** Ticks each second while a rate limit, a lockout or the resend wait counts down. */
  readonly #countdown = countdown(
    (now) => blockedSecondsLeft(this.state, now) > 0 || resendSecondsLeft(this.state, now) > 0,
    (now) => {
      this.now = now;
      this.#host.requestUpdate();
      this.#send({ type: 'tick', now });
    },
  );

  constructor(host: SignInHost, options: SignInControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The Clerk to sign in with. A new one is checked for an existing session once the sign-in has started. */
  useClerk(options: ClerkAdapterOptions): void {
    this.#adapter = new SignInAdapter(options);
    // Start downloading clerk-js now, before the first render rather than after it: the script
    // is async, so the form still renders at once. Failures surface on the first action.
    this.#adapter.ready().catch(() => {});
    if (this.#host.hasUpdated) void this.#checkExistingSession();
  }

  /** Milliseconds each action may take (the element's `request-timeout`). */
  set requestTimeout(ms: number) {
    this.#adapter.requestTimeoutMs = ms;
  }

  hostConnected(): void {
    // Re-added to the page after a removal: Clerk may have finished signing in meanwhile.
    if (this.#host.hasUpdated) void this.#checkExistingSession();
  }

  hostDisconnected(): void {
    this.#abort();
    this.#send({ type: 'cancel' });
    this.#credential = null;
    this.#countdown.stop();
  }

  hostUpdated(): void {
    if (!this.#host.hasUpdated) {
      // The form is on screen; see whether Clerk already has a session. One task later, so a host
      // that adds its listeners right after putting the element on the page still hears an
      // immediate `signed-in` (Clerk already signed in).
      setTimeout(() => {
        if (this.#host.isConnected) void this.#checkExistingSession();
      }, 0);
    }
    this.#countdown.sync();
  }

  // ---- intents ---------------------------------------------------------------------------

  /**
   * The user submitted the step's form. Refused while a wait runs (and by the machine while an
   * action is under way); an empty field or a malformed email gets its message instead.
   */
  submit(values: FieldValues = {}): void {
    if (blockedSecondsLeft(this.state, this.now) > 0) return;
    const identifier = values.identifier?.trim().slice(0, MAX_EMAIL);
    const checked = { ...values, identifier };
    const error = checkFields(this.state, checked);
    if (error) this.#send({ type: 'invalid', error });
    else this.#send({ type: 'submit', identifier }, checked);
  }

  /**
   * "Forgot password?": the email typed is checked as for signing in, then (once the steps it leads
   * to have downloaded) a reset code goes to it.
   */
  async forgotPassword(typed: string): Promise<void> {
    if (blockedSecondsLeft(this.state, this.now) > 0) return;
    const identifier = typed.trim().slice(0, MAX_EMAIL);
    const notLoaded = () => describeFailure({ code: 'clerk_load_failed' }, 'credentials', 0);
    const error = checkIdentifier(identifier) ?? (await loadOnDemand().then(() => null, notLoaded));
    if (error) this.#send({ type: 'invalid', error });
    else this.#send({ type: 'forgot-password', identifier }, { identifier });
  }

  chooseMethod(factor: Factor): void {
    this.#send({ type: 'choose-method', factor });
  }

  /** Sends the SMS or email code again, once its countdown is over. */
  resend(): void {
    if (resendSecondsLeft(this.state, this.now) > 0) return;
    this.#send({ type: 'resend' });
  }

  /** Back to the first step; whatever was under way is abandoned. */
  back(): void {
    this.#adapter.reset();
    this.#send({ type: 'back' });
  }

  /** The user edited `field`: its error goes. */
  edit(field: ErrorField): void {
    this.#send({ type: 'edit', field });
  }

  /** Ends the session of the task screen, then back to the first step (it stays when Clerk could not). */
  async signOut(): Promise<void> {
    const s = this.state;
    if (!isDone(s) || !(await this.#adapter.signOut(s.sessionId)).ok) return;
    this.#send({ type: 'signed-out' });
  }

  /** The adapter, for the enrolment the `setup-mfa` task runs inside the sign-in (`src/mfa/`). */
  get adapter(): SignInAdapter {
    return this.#adapter;
  }

  /** The `setup-mfa` task's enrolment is done: signed in once Clerk's session is active. */
  async enrolled(method: EnrolMethod): Promise<void> {
    const s = this.state;
    if (s.step !== 'task-required') return;
    const outcome = await this.#adapter.activate(s.sessionId);
    if (outcome.ok) this.#send({ type: 'enrolled', session: outcome.value, method });
  }

  /** Where "Continue" on the signed-in screen goes: `after-sign-in-url`, when it may be followed. */
  get continueUrl(): string | null {
    const { afterSignInUrl, allowedRedirectOrigins } = this.#host;
    return afterSignInUrl ? redirectUrl(afterSignInUrl, allowedRedirectOrigins) : null;
  }

  /** "Continue" on the signed-in screen. */
  continue(): void {
    const url = this.continueUrl;
    if (url) this.#options.navigate(url);
  }

  /** The email the host fills in, shown while nothing is under way on the first step. */
  prefill(identifier: string): void {
    this.#send({ type: 'prefill', identifier: identifier.slice(0, MAX_EMAIL) });
  }

  // ---- the machine and its actions ---------------------------------------------------------

  /** `values`: what the user submitted, for the action the event starts (if it starts one). */
  #send(event: SignInEvent, values: FieldValues = {}): void {
    const previous = this.state;
    // "Forgot password?"'s own transitions first, once they have downloaded.
    const next = loadedOnDemand()?.recover(previous, event) ?? transition(previous, event);
    if (next === previous) return;
    this.now = Date.now();
    this.state = next;
    this.#host.requestUpdate();
    const before = pendingOf(previous);
    const pending = pendingOf(next);
    // Cancelled (back, removal) rather than answered: stop listening for the answer.
    if (before && !pending && this.#inflight?.id === before.id) this.#abort();
    // Back at the first step: the password of the last attempt is not kept.
    if (next.step === 'credentials' && previous.step !== 'credentials') this.#credential = null;
    const proceed = this.#options.onTransition(previous, next);
    if (isDone(next) && next.step !== previous.step) void this.#finish(next, proceed);
    if (pending && pending !== before) void this.#run(pending, values);
  }

  /** Runs `action` once; its answer goes back to the machine unless the action was abandoned. */
  async #run(action: PendingAction, values: FieldValues): Promise<void> {
    const abort = new AbortController();
    this.#inflight = { id: action.id, abort };
    const { signal } = abort;
    const adapter = this.#adapter;
    // Only form states have an action to run.
    const { step, identifier: account } = this.state as FormState;
    const strategy = isCodeState(this.state) ? this.state.method.strategy : undefined;
    const { identifier = '', password = '', code = '', 'new-password': newPassword = '', 'sign-out-of-other-sessions': signOutOthers } = values;
    let call: Promise<Outcome<SignInSnapshot> | Outcome<SessionSnapshot>>;
    switch (action.kind) {
      case 'create':
        // Kept for the password manager until the sign-in ends.
        this.#credential = { id: identifier.trim(), password };
        call = adapter.create(this.#credential.id, password, signal);
        break;
      case 'attempt':
        call = adapter.attempt(action.strategy, normalizeCode(code, action.strategy), signal);
        break;
      case 'activate':
        call = adapter.activate(action.sessionId, signal);
        break;
      default:
        // Another method's code sent, a new password, "Forgot password?": in the on-demand part
        // (mostly there already, with the step that asked). Not downloaded: Clerk cannot be reached.
        call = loadOnDemand().then(
          (parts) => parts.runRecovery(adapter, action, { ...values, code: normalizeCode(code, 'email_code') }, signal),
          () => ({ ok: false, failure: { code: 'clerk_load_failed' } }),
        );
    }
    let outcome: Outcome<SignInSnapshot> | Outcome<SessionSnapshot>;
    try {
      outcome = await call;
    } catch {
      return; // aborted: the answer belongs to an abandoned action
    } finally {
      if (this.#inflight?.id === action.id) this.#inflight = null;
    }
    const now = Date.now();
    if (action.kind === 'reset-password' && outcome.ok) {
      // The password manager learns the new password with the sign-in.
      this.#credential = { id: account, password: newPassword };
      this.#options.passwordReset({ identifier: account, signedOutOfOtherSessions: signOutOthers === 'true' });
    }
    const answer: Answer = outcome.ok ? outcome : { ok: false, error: await describeFailure(outcome.failure, step, now, strategy) };
    // The machine drops an answer whose id is no longer the pending one.
    this.#send({ type: 'result', id: action.id, outcome: answer, now });
    // Clerk refused a sign-in because the client has a session: make that one active.
    if (!outcome.ok && outcome.failure.code === 'session_exists') void this.#checkExistingSession(true);
  }

  #abort(): void {
    this.#inflight?.abort.abort();
    this.#inflight = null;
  }

  /** `adopt`: Clerk refused a sign-in because the client has a session; make it the active one. */
  async #checkExistingSession(adopt = false): Promise<void> {
    if (isDone(this.state)) return;
    const session = await this.#adapter.existingSession(adopt);
    if (session && this.#host.isConnected) this.#send({ type: 'existing-session', session });
  }

  /** Signed in: the credential goes to the password manager, then the page to `afterSignInUrl`. */
  async #finish(done: DoneState, proceed: boolean): Promise<void> {
    const credential = this.#credential;
    this.#credential = null;
    if (done.step !== 'signed-in') return;
    const stored = credential && !done.alreadySignedIn && !this.#host.noStoreCredentials ? storeCredential(credential) : null;
    const url = proceed ? this.continueUrl : null;
    if (!url) return;
    // Give the password manager its moment before the page goes away.
    if (stored) await Promise.race([stored, new Promise((resolve) => setTimeout(resolve, 1000))]);
    this.#options.navigate(url);
  }
}

/**
 * The message and the field of a failure (`mapFailure`, downloaded with the first failure). When
 * even that cannot be downloaded, the element says it is offline, or that sign-in is unavailable.
 */
async function describeFailure(failure: ActionFailure, step: StepName, now: number, strategy?: SecondFactorStrategy): Promise<SignInError> {
  try {
    return (await loadOnDemand()).mapFailure(failure, step, now, strategy);
  } catch {
    return { code: failure.code, key: isOffline() ? 'offline' : 'loadFailed', field: 'form' };
  }
}

/** Hands the credential to the browser's password manager (Credential Management API). */
async function storeCredential(login: Login): Promise<void> {
  const PasswordCredentialCtor = (globalThis as { PasswordCredential?: new (data: Login) => Credential }).PasswordCredential;
  if (!PasswordCredentialCtor || !navigator.credentials?.store) return;
  try {
    await navigator.credentials.store(new PasswordCredentialCtor(login));
  } catch {
    // The user or the browser declined; signing in is unaffected.
  }
}
