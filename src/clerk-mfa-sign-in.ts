import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ClerkAdapter } from './clerk-adapter.js';
import type { ClerkLike } from './clerk-types.js';
import { dispatch } from './events.js';
import { formatDuration, interpolate, loadLocale, mergeStrings } from './localization.js';
import {
  blockedSecondsLeft,
  errorFor,
  initialState,
  isCodeState,
  isDone,
  isFormState,
  resendSecondsLeft,
  secondsLeft,
  transition,
} from './sign-in-machine.js';
import type {
  ClientTrustState,
  ErrorField,
  Factor,
  Outcome,
  PendingAction,
  SecondFactorState,
  SessionSnapshot,
  SignInError,
  SignInEvent,
  SignInSnapshot,
  SignInState,
  StepName,
} from './sign-in-types.js';
import { normalizeCode, STRATEGIES, type CodeFormat } from './strategies.js';
import type { MessageKey, Strings } from './strings.js';
import { styles } from './clerk-mfa-sign-in.styles.js';

/**
 * Clerk's two-step sign-in (password, then an authenticator-app, SMS or backup
 * code; new-device check; new password) as one element. The server decides
 * each next step; the element renders it.
 *
 * Light and dark: the colour defaults follow the element's CSS `color-scheme`, which is
 * `light dark` (the user's `prefers-color-scheme`) unless the page sets it: `color-scheme: dark`
 * (or `light`) on the element forces one, `color-scheme: inherit` follows the page's.
 *
 * @tag clerk-mfa-sign-in
 *
 * @fires signed-in - `{ sessionId, userId, alreadySignedIn }` when a session is active. Cancelable: cancel it to stop the navigation to `after-sign-in-url`.
 * @fires task-required - `{ sessionId, userId, task: { key } }` when the session is signed in but waits for a Clerk session task.
 * @fires sign-in-error - `{ code, message, step, key }` for every error shown to the user.
 * @fires step-change - `{ step, previousStep }` whenever the step changes.
 *
 * @slot header - Above the form: a logo or title.
 * @slot footer - Below the form: links such as "Forgot password?" or "Sign up".
 *
 * @csspart form - The `<form>` of the current step.
 * @csspart heading - The step's heading.
 * @csspart subtitle - The explanation under the heading.
 * @csspart field - Each field: its label, input and error line.
 * @csspart label - Every field label.
 * @csspart input - Every text field.
 * @csspart identifier-input - The email field.
 * @csspart password-input - The password field (also the new-password field).
 * @csspart code-input - The verification or backup code field.
 * @csspart submit-button - The primary button of each step.
 * @csspart back-button - "Back" to the first step.
 * @csspart methods - The "Use another method" group (a `<fieldset>`).
 * @csspart methods-label - Its caption ("Use another method").
 * @csspart method-button - Each button that switches to another second-factor method.
 * @csspart resend-button - "Resend" for SMS and email codes.
 * @csspart spinner - The progress indicator in the submit button.
 * @csspart error - Every error message (field errors and the form error).
 * @csspart form-error - The error shown at the top of the form.
 * @csspart message - Informative text: where a code was sent, the signed-in message.
 *
 * @cssprop [--clerk-mfa-sign-in-accent-color=#4f46e5] - Primary button and links (dark: #818cf8).
 * @cssprop [--clerk-mfa-sign-in-accent-text-color=#ffffff] - Text on the primary button (dark: #111827).
 * @cssprop [--clerk-mfa-sign-in-text-color=#1f2937] - Text (dark: #f3f4f6).
 * @cssprop [--clerk-mfa-sign-in-muted-text-color=#4b5563] - Subtitles (dark: #d1d5db).
 * @cssprop [--clerk-mfa-sign-in-background=#ffffff] - Background (dark: #111827).
 * @cssprop [--clerk-mfa-sign-in-input-background=#ffffff] - Field background (dark: #1f2937).
 * @cssprop [--clerk-mfa-sign-in-border-color=#9ca3af] - Field borders (dark: #6b7280).
 * @cssprop [--clerk-mfa-sign-in-radius=0.5rem] - Corner radius.
 * @cssprop [--clerk-mfa-sign-in-font-family=system-ui] - Font family.
 * @cssprop [--clerk-mfa-sign-in-font-size=1rem] - Base font size.
 * @cssprop [--clerk-mfa-sign-in-spacing=1rem] - Base spacing.
 * @cssprop [--clerk-mfa-sign-in-focus-ring=0 0 0 3px] - Focus ring (a box-shadow in the accent colour).
 * @cssprop [--clerk-mfa-sign-in-error-color=#b91c1c] - Error text and invalid borders (dark: #fca5a5).
 * @cssprop [--clerk-mfa-sign-in-min-height=31.5em] - Room kept for each step, so the page below does not move when the step changes.
 *
 * @cssstate credentials - Email and password.
 * @cssstate second-factor - Authenticator app, SMS or backup code.
 * @cssstate client-trust - New-device code.
 * @cssstate new-password - Clerk asks for a new password.
 * @cssstate signed-in - Done.
 * @cssstate task-required - Signed in, a session task remains.
 * @cssstate pending - A request is in flight.
 *
 * Under a strict Content Security Policy, give the element the page's `nonce` (it is passed to
 * the clerk-js `<script>` it adds). With Trusted Types enforced (`require-trusted-types-for
 * 'script'`), allow the policy `clerk-mfa-sign-in` in `trusted-types`: the element creates the
 * clerk-js script URL through it.
 */
export class ClerkMfaSignInElement extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Reactive properties declared without decorators, which cost a helper and a call per property
  // in every build. The internal states use `attribute: false` (what `state: true` amounts to),
  // which the manifest analyzer reads correctly.
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    proxyUrl: { attribute: 'proxy-url' },
    clerkJsUrl: { attribute: 'clerk-js-url' },
    email: {},
    afterSignInUrl: { attribute: 'after-sign-in-url' },
    locale: {},
    noStoreCredentials: { type: Boolean, attribute: 'no-store-credentials' },
    requestTimeout: { type: Number, attribute: 'request-timeout' },
    clerk: { attribute: false },
    localization: { attribute: false },
    langAttribute: { attribute: 'lang' },
    signInState: { attribute: false },
    localeStrings: { attribute: false },
    now: { attribute: false },
  };

  /** Clerk publishable key (`pk_test_...` / `pk_live_...`). Not needed with `clerk`. */
  publishableKey: string | null = null;

  /** Clerk proxy URL, absolute or relative (`/__clerk`). */
  proxyUrl: string | null = null;

  /** Load clerk-js from this URL instead of `<proxy or Frontend API>/npm/@clerk/clerk-js@6/dist/clerk.browser.js`. */
  clerkJsUrl: string | null = null;

  /** Pre-fills the email field. */
  email = '';

  /** Where to go after `signed-in` (unless the event is cancelled). Only http(s) URLs are followed. */
  afterSignInUrl: string | null = null;

  /** Language of the element (BCP 47, e.g. `de-DE`); `lang` works too. English by default. */
  locale: string | null = null;

  /** Do not offer the credentials to the browser's password manager after signing in. */
  noStoreCredentials = false;

  /**
   * Milliseconds a step's request may take before the element gives up on it, says the network
   * failed and lets the user try again. A late answer is ignored.
   */
  requestTimeout: number = 30000;

  /** An existing Clerk instance (e.g. `window.Clerk`), loaded or being loaded by the page. */
  clerk: ClerkLike | null = null;

  /** Overrides for any string the element shows, by message key. */
  localization: Partial<Strings> | null = null;

  protected langAttribute: string | null = null;

  protected signInState: SignInState = initialState();
  private localeStrings: Partial<Strings> = {};
  private now = Date.now();

  get #formElement(): HTMLFormElement | null {
    return this.renderRoot.querySelector('form');
  }

  /** Made on the first update, and again whenever the Clerk settings change. */
  #adapter!: ClerkAdapter;
  #inflight: { id: number; controller: AbortController } | null = null;
  /** Kept in memory only until the sign-in ends, for the browser's password manager. */
  #credential: { id: string; password: string } | null = null;
  /** Custom states (`:state(second-factor)`) live here. */
  #internals = this.attachInternals();
  #ticker: ReturnType<typeof setInterval> | null = null;
  #focusPending = false;
  #started = false;
  #localeRequest = 0;

  /** The current step. */
  get step(): StepName {
    return this.signInState.step;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-added to the page after a removal: Clerk may have finished signing in meanwhile.
    if (this.#started) void this.#checkExistingSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abortInflight();
    this.#send({ type: 'cancel' });
    this.#clearSecrets();
    this.#stopTicker();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated) this.signInState = initialState(this.email ?? '');
    else if (changed.has('email') && this.signInState.step === 'credentials' && !this.signInState.pending) {
      this.signInState = { ...this.signInState, identifier: this.email ?? '' };
    }
    if (changed.has('locale') || changed.has('langAttribute') || !this.hasUpdated) void this.#loadStrings();
    if (!this.hasUpdated || changed.has('clerk') || changed.has('publishableKey') || changed.has('proxyUrl') || changed.has('clerkJsUrl')) {
      this.#adapter = new ClerkAdapter({
        clerk: this.clerk,
        publishableKey: this.publishableKey,
        proxyUrl: this.proxyUrl,
        scriptUrl: this.clerkJsUrl,
        nonce: this.nonce || null,
        requestTimeoutMs: this.requestTimeout,
      });
      // Start downloading clerk-js now, before the first render rather than after it: the script
      // is async, so the form still renders at once. Failures surface on the first action.
      this.#adapter.ready().catch(() => {});
      if (this.#started) void this.#checkExistingSession();
    } else if (changed.has('requestTimeout')) {
      this.#adapter.requestTimeoutMs = this.requestTimeout;
    }
  }

  protected override firstUpdated(): void {
    // The form is on screen; see whether Clerk already has a session. One task later, so a host
    // that adds its listeners right after putting the element on the page still hears an
    // immediate `signed-in` (Clerk already signed in).
    this.#started = true;
    setTimeout(() => {
      if (this.isConnected) void this.#checkExistingSession();
    }, 0);
  }

  protected override updated(): void {
    this.#syncStates();
    this.#syncTicker();
    if (this.#focusPending) {
      this.#focusPending = false;
      this.#focusFirstField();
    }
  }

  // ---- strings ---------------------------------------------------------------------------

  get #strings(): Strings {
    return mergeStrings(this.localeStrings, this.localization);
  }

  #t(key: MessageKey, values?: Record<string, string | number>): string {
    return interpolate(this.#strings[key], values);
  }

  async #loadStrings(): Promise<void> {
    const request = ++this.#localeRequest;
    const tag = this.locale || this.langAttribute || (typeof document !== 'undefined' ? document.documentElement.lang : '');
    try {
      const strings = await loadLocale(tag);
      if (request === this.#localeRequest) this.localeStrings = strings;
    } catch {
      if (request === this.#localeRequest) this.localeStrings = {};
    }
  }

  /** The text shown for an error, countdowns included. */
  errorMessage(error: SignInError): string {
    // A rate limit or lockout with a known end says how long is left.
    const until = error.retryAt ?? error.lockedUntil;
    if (until != null) return this.#t(`${error.key as 'tooManyRequests' | 'userLocked'}Wait`, { time: formatDuration(secondsLeft(until, this.now)) });
    if (error.key === 'unknown' && error.longMessage) return error.longMessage;
    return this.#t(error.key);
  }

  // ---- machine ---------------------------------------------------------------------------

  #send(event: SignInEvent): boolean {
    const previous = this.signInState;
    const next = transition(previous, event);
    if (next === previous) return false;
    this.now = Date.now();
    this.signInState = next;
    this.#afterTransition(previous, next);
    return true;
  }

  get #pending(): PendingAction | null {
    return isFormState(this.signInState) ? this.signInState.pending : null;
  }

  /** `adopt`: Clerk refused a sign-in because the client has a session; make it the active one. */
  async #checkExistingSession(adopt = false): Promise<void> {
    if (isDone(this.signInState)) return;
    const session = await this.#adapter.existingSession(adopt);
    if (session && this.isConnected) this.#send({ type: 'existing-session', session });
  }

  #clearSecrets(): void {
    this.#credential = null;
    this.#clearSecretFields();
  }

  #clearSecretFields(): void {
    for (const input of this.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=password], input[name=code]') ?? []) {
      input.value = '';
    }
  }

  #abortInflight(): void {
    this.#inflight?.controller.abort();
    this.#inflight = null;
  }

  // ---- handlers --------------------------------------------------------------------------

  protected handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const s = this.signInState;
    if (!isFormState(s) || s.pending || blockedSecondsLeft(s, Date.now()) > 0) return;
    let identifier: string | undefined;
    if (s.step === 'credentials') {
      identifier = this.#readField('identifier').trim();
      this.#credential = { id: identifier, password: this.#readField('password') };
    }
    this.#send({ type: 'submit', identifier });
  }

  protected handleCodeInput(event: InputEvent): void {
    const s = this.signInState;
    if (!isCodeState(s)) return;
    const input = event.target as HTMLInputElement;
    const format: CodeFormat = STRATEGIES[s.method.strategy].code;
    this.#send({ type: 'edit', field: 'code' });
    if (!format.length) return;
    const code = format.normalize(input.value);
    // Pasted "123 456" or "123-456" becomes "123456".
    if (code !== input.value && code.length <= format.length) input.value = code;
    // A complete code submits itself; the submit handler refuses it while a request is pending or a wait runs.
    if (code.length === format.length) this.#formElement?.requestSubmit();
  }

  protected handleFieldInput(field: ErrorField): void {
    this.#send({ type: 'edit', field });
  }

  protected handleChooseMethod(factor: Factor): void {
    if (this.#send({ type: 'choose-method', factor })) this.#focusPending = true;
  }

  protected handleResend(): void {
    if (resendSecondsLeft(this.signInState, Date.now()) > 0) return;
    this.#send({ type: 'resend' });
  }

  protected handleBack(): void {
    this.#abortInflight();
    this.#adapter.reset();
    this.#send({ type: 'back' });
  }

  // ---- effects ---------------------------------------------------------------------------

  #readField(name: string): string {
    const input = this.#formElement?.elements.namedItem(name) as HTMLInputElement | null | undefined;
    return input?.value ?? '';
  }

  async #run(action: PendingAction): Promise<void> {
    this.#abortInflight();
    const controller = new AbortController();
    this.#inflight = { id: action.id, controller };
    const adapter = this.#adapter;
    const signal = controller.signal;
    let outcome: Outcome<SignInSnapshot> | Outcome<SessionSnapshot>;
    try {
      switch (action.kind) {
        case 'create': {
          const credential = this.#credential;
          outcome = await adapter.create(credential?.id ?? '', credential?.password ?? '', signal);
          break;
        }
        case 'prepare':
          outcome = await adapter.prepare(action.factor, signal);
          break;
        case 'attempt': {
          const code = normalizeCode(this.#readField('code'), action.strategy);
          outcome = await adapter.attempt(action.strategy, code, signal);
          break;
        }
        case 'reset-password': {
          const password = this.#readField('new-password');
          outcome = await adapter.resetPassword(password, signal);
          if (outcome.ok && this.#credential) this.#credential = { ...this.#credential, password };
          break;
        }
        case 'activate':
          outcome = await adapter.activate(action.sessionId, signal);
          break;
      }
    } catch {
      return; // aborted: the result belongs to an abandoned action
    } finally {
      if (this.#inflight?.id === action.id) this.#inflight = null;
    }
    this.#send({ type: 'result', id: action.id, outcome, now: Date.now() });
    if (!outcome.ok && outcome.failure.code === 'session_exists') void this.#checkExistingSession(true);
  }

  #afterTransition(previous: SignInState, next: SignInState): void {
    const nextPending = isFormState(next) ? next.pending : null;
    const previousPending = isFormState(previous) ? previous.pending : null;

    if (previousPending && !nextPending && this.#inflight?.id === previousPending.id) {
      // Cancelled (back, removal) rather than answered: stop listening for the answer.
      this.#abortInflight();
    }

    if (next.step !== previous.step) {
      if (next.step === 'credentials') this.#clearSecrets();
      else if (previous.step === 'credentials') this.#clearSecretFields();
      this.#focusPending = true;
      dispatch(this, 'step-change', { step: next.step, previousStep: previous.step });
    }

    if (isFormState(next) && next.error && (!isFormState(previous) || previous.error !== next.error)) {
      dispatch(this, 'sign-in-error', {
        code: next.error.code,
        message: this.errorMessage(next.error),
        step: next.step,
        key: next.error.key,
      });
      if (next.error.field !== 'form') this.#focusPending = true;
    }

    if (isDone(next) && !isDone(previous)) void this.#finish(next);
    if (nextPending && nextPending !== previousPending) void this.#run(nextPending);
  }

  async #finish(done: Extract<SignInState, { step: 'signed-in' | 'task-required' }>): Promise<void> {
    const credential = this.#credential;
    this.#clearSecrets();
    if (done.step === 'task-required') {
      dispatch(this, 'task-required', { sessionId: done.sessionId, userId: done.userId, task: { key: done.taskKey } });
      return;
    }
    const proceed = dispatch(
      this,
      'signed-in',
      { sessionId: done.sessionId, userId: done.userId, alreadySignedIn: done.alreadySignedIn },
      { cancelable: true },
    );
    const stored = credential && !done.alreadySignedIn && !this.noStoreCredentials ? this.#storeCredential(credential) : null;
    if (!proceed || !this.afterSignInUrl) return;
    const url = safeUrl(this.afterSignInUrl);
    if (!url) return;
    // Give the password manager its moment before the page goes away.
    if (stored) await Promise.race([stored, new Promise((resolve) => setTimeout(resolve, 1000))]);
    this.navigate(url);
  }

  /** Hands the credential to the browser's password manager (Credential Management API). */
  async #storeCredential(credential: { id: string; password: string }): Promise<void> {
    const PasswordCredentialCtor = (globalThis as { PasswordCredential?: new (data: { id: string; password: string }) => Credential })
      .PasswordCredential;
    if (!PasswordCredentialCtor || !navigator.credentials?.store) return;
    try {
      await navigator.credentials.store(new PasswordCredentialCtor(credential));
    } catch {
      // The user or the browser declined; signing in is unaffected.
    }
  }

  /** Navigation after sign-in; a separate method so tests and subclasses can replace it. */
  protected navigate(url: string): void {
    window.location.assign(url);
  }

  // ---- view state ------------------------------------------------------------------------

  #syncStates(): void {
    const states = this.#internals.states;
    try {
      states.clear();
      states.add(this.signInState.step);
      if (this.#pending) states.add('pending');
    } catch {
      // No `ElementInternals.states` (Firefox before 126), or only the `--name` form (Chrome before 125).
    }
  }

  #syncTicker(): void {
    const now = Date.now();
    const counting = blockedSecondsLeft(this.signInState, now) > 0 || resendSecondsLeft(this.signInState, now) > 0;
    if (counting && !this.#ticker) {
      this.#ticker = setInterval(() => {
        this.now = Date.now();
        this.#send({ type: 'tick', now: this.now });
      }, 1000);
    } else if (!counting) {
      this.#stopTicker();
    }
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
  }

  /** The field with the error, else the field to fill next, else the heading. A field's id is its name. */
  #focusFirstField(): void {
    const s = this.signInState;
    let field: string | undefined;
    if (isFormState(s) && s.error && s.error.field !== 'form') field = s.error.field;
    else if (s.step === 'credentials' && s.identifier) field = 'password';
    const root = this.renderRoot;
    const target = root.querySelector<HTMLElement>(field ? `#${field}` : 'form input:not([hidden])') ?? root.querySelector<HTMLElement>('#heading');
    target?.focus();
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const s = this.signInState;
    let body: TemplateResult;
    switch (s.step) {
      case 'credentials':
        body = this.renderCredentials();
        break;
      case 'second-factor':
        body = this.renderSecondFactor(s);
        break;
      case 'client-trust':
        body = this.renderClientTrust(s);
        break;
      case 'new-password':
        body = this.renderNewPassword();
        break;
      default:
        body = this.renderDone();
    }
    // A fresh form per step: nothing from the last step moves into place (no layout shift).
    return html`<slot name="header"></slot>${keyed(s.step, body)}<slot name="footer"></slot>`;
  }

  /** A step's form: heading, form error, fields, the primary button, then secondary actions. */
  #form(
    heading: string,
    subtitle: string | null,
    content: TemplateResult,
    submitLabel: string,
    back = true,
    after: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    const s = this.signInState;
    const pending = this.#pending;
    const blocked = blockedSecondsLeft(s, this.now) > 0;
    const formError = errorFor(s, 'form');
    return html`
      <form part="form" aria-labelledby="heading" aria-busy=${pending ? 'true' : 'false'} @submit=${this.handleSubmit}>
        <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
        ${subtitle ? html`<p class="subtitle" part="subtitle">${subtitle}</p>` : nothing}
        <p class="error form-error" part="error form-error" role="alert">${formError ? this.errorMessage(formError) : ''}</p>
        ${content}
        <button
          class="primary"
          part="submit-button"
          type="submit"
          aria-disabled=${pending || blocked ? 'true' : 'false'}
          ?disabled=${blocked}
        >
          ${pending ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
          <span>${submitLabel}</span>
          ${pending ? html`<span class="visually-hidden">${this.#t('working')}</span>` : nothing}
        </button>
        ${after}
        ${back
          ? html`<button class="link" part="back-button" type="button" @click=${this.handleBack}>${this.#t('back')}</button>`
          : nothing}
      </form>
    `;
  }

  /** A labelled input with its error line; the field's name is also its id and its error's key. */
  #field(
    field: Exclude<ErrorField, 'form'>,
    label: string,
    input: { part: string; type: string; autocomplete: string; inputmode?: string; maxlength?: number; value?: string },
    onInput: (event: InputEvent) => void = () => this.handleFieldInput(field),
  ): TemplateResult {
    const error = errorFor(this.signInState, field);
    return html`
      <div class="field" part="field">
        <label part="label" for=${field}>${label}</label>
        <input
          id=${field}
          name=${field}
          part="input ${input.part}"
          type=${input.type}
          inputmode=${input.inputmode ?? nothing}
          maxlength=${input.maxlength ?? nothing}
          autocomplete=${input.autocomplete}
          autocapitalize="none"
          spellcheck="false"
          required
          .value=${input.value ?? ''}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${field}-error"
          @input=${onInput}
        />
        <p id="${field}-error" class="error" part="error" aria-live="polite">${error ? this.errorMessage(error) : ''}</p>
      </div>
    `;
  }

  protected renderCredentials(): TemplateResult {
    const s = this.signInState as Extract<SignInState, { step: 'credentials' }>;
    return this.#form(
      this.#t('title'),
      null,
      html`
        ${this.#field('identifier', this.#t('identifierLabel'), {
          part: 'identifier-input',
          type: 'email',
          autocomplete: 'username',
          value: s.identifier,
        })}
        ${this.#field('password', this.#t('passwordLabel'), {
          part: 'password-input',
          type: 'password',
          autocomplete: 'current-password',
        })}
      `,
      this.#t('continue'),
      false,
    );
  }

  #codeField(strategy: Factor['strategy']): TemplateResult {
    const { code, label } = STRATEGIES[strategy];
    return this.#field(
      'code',
      this.#t(label),
      { part: 'code-input', type: 'text', inputmode: code.inputmode, maxlength: code.maxlength, autocomplete: 'one-time-code' },
      this.handleCodeInput,
    );
  }

  #sentTo(s: SecondFactorState | ClientTrustState): TemplateResult | typeof nothing {
    if (!STRATEGIES[s.method.strategy].needsPrepare) return nothing;
    const wait = resendSecondsLeft(s, this.now);
    // The message line is there (empty) before the code is sent, so its arrival moves nothing.
    return html`
      <p class="note" part="message" aria-live="polite">
        ${s.sentAt != null && s.method.safeIdentifier ? this.#t('sentTo', { identifier: s.method.safeIdentifier }) : ''}
      </p>
      <button
        class="link"
        part="resend-button"
        type="button"
        aria-disabled=${wait > 0 || s.pending ? 'true' : 'false'}
        @click=${this.handleResend}
      >
        ${wait > 0 ? this.#t('resendIn', { seconds: wait }) : this.#t('resend')}
      </button>
    `;
  }

  protected renderSecondFactor(s: SecondFactorState): TemplateResult {
    const strategy = s.method.strategy;
    const { title, subtitle } = STRATEGIES[strategy];
    const others = s.methods.filter((m) => m !== s.method);
    // The code field, then "Verify" right under it; other ways to get a code come after.
    return this.#form(
      this.#t(title),
      this.#t(subtitle),
      this.#codeField(strategy),
      this.#t('verify'),
      true,
      html`
        ${this.#sentTo(s)}
        ${others.length
          ? html`<fieldset part="methods">
              <legend part="methods-label">${this.#t('otherMethods')}</legend>
              ${others.map(
                (m) => html`<button
                  part="method-button"
                  type="button"
                  data-strategy=${m.strategy}
                  aria-disabled=${s.pending ? 'true' : 'false'}
                  @click=${() => this.handleChooseMethod(m)}
                >
                  ${this.#t(STRATEGIES[m.strategy].method, { identifier: m.safeIdentifier ?? '' })}
                </button>`,
              )}
            </fieldset>`
          : nothing}
      `,
    );
  }

  protected renderClientTrust(s: ClientTrustState): TemplateResult {
    return this.#form(
      this.#t(STRATEGIES[s.method.strategy].title),
      this.#t('newDeviceNotice'),
      this.#codeField(s.method.strategy),
      this.#t('verify'),
      true,
      this.#sentTo(s),
    );
  }

  protected renderNewPassword(): TemplateResult {
    return this.#form(
      this.#t('newPasswordTitle'),
      this.#t('newPasswordSubtitle'),
      html`
        <input type="text" name="username" autocomplete="username" hidden .value=${this.signInState.step === 'new-password' ? this.signInState.identifier : ''} />
        ${this.#field('new-password', this.#t('newPasswordLabel'), {
          part: 'password-input',
          type: 'password',
          autocomplete: 'new-password',
        })}
      `,
      this.#t('newPasswordSubmit'),
    );
  }

  protected renderDone(): TemplateResult {
    const s = this.signInState;
    const text =
      s.step === 'task-required' ? this.#t('taskRequired') : this.#t(isDone(s) && s.alreadySignedIn ? 'alreadySignedIn' : 'signedIn');
    return html`<div class="done" role="status" part="message"><h2 id="heading" part="heading" tabindex="-1">${text}</h2></div>`;
  }
}

function safeUrl(value: string): string | null {
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
