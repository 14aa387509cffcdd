import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ClerkLike } from './clerk-types.js';
import { dispatch } from './events.js';
import { loadedOnDemand } from './load-on-demand.js';
import { LocalizeController } from './localization.js';
import { loadLocale, text } from './sign-in-strings.js';
import { endEnrolment, renderEnrolment } from './mfa/load-enrolment.js';
import { SignInController } from './sign-in-controller.js';
import { secondsLeft } from './countdown.js';
import { isCodeState, isDone, isFormState, pendingOf } from './sign-in-machine.js';
import type { SignInError, SignInState, StepName } from './sign-in-types.js';
import { renderStep, type StepContext } from './step-templates.js';
import type { Strings } from './strings.js';
import { signInStyles } from './clerk-mfa-sign-in.styles.js';
import { styles } from './theme.styles.js';

/**
 * Clerk's two-step sign-in (password, then an authenticator-app, SMS or backup
 * code; new-device check; new password; "Forgot password?") as one element. The server decides
 * each next step; the element renders it.
 *
 * Light and dark: the colour defaults follow the element's CSS `color-scheme`, which is
 * `light dark` (the user's `prefers-color-scheme`) unless the page sets it: `color-scheme: dark`
 * (or `light`) on the element forces one, `color-scheme: inherit` follows the page's.
 *
 * The form has `novalidate`: the element checks the fields itself (an empty field, an email that
 * cannot be one) and says what is wrong on the field, in its own language, with a `sign-in-error`.
 *
 * @tag clerk-mfa-sign-in
 *
 * @fires signed-in - `{ sessionId, userId, alreadySignedIn, mfaEnrolled? }` when a session is active; `mfaEnrolled` (`totp` or `phone_code`) when the user enrolled that second factor to finish Clerk's `setup-mfa` task. Cancelable: cancel it to stop the navigation to `after-sign-in-url`.
 * @fires task-required - `{ sessionId, userId, task: { key } }` when the session is signed in but waits for a Clerk session task other than `setup-mfa` (which the element runs itself: the user enrols an authenticator app or an SMS number).
 * @fires password-reset - `{ identifier, signedOutOfOtherSessions }` when Clerk accepted a new password (after "Forgot password?", or when Clerk required one); the sign-in then goes on (second factor, new device, ...).
 * @fires sign-in-error - `{ code, message, step, key }` for every error shown to the user, the element's own checks included (`form_param_missing`, `form_param_format_invalid`).
 * @fires step-change - `{ step, previousStep }` whenever the step changes (also after "Sign out" on the task screen).
 *
 * @slot header - Above the form: a logo or title.
 * @slot footer - Below the form: links such as "Sign up".
 * @slot task - On the task screen (`task-required`), between what Clerk waits for and "Sign out": the host's own UI for the task (choose an organization, ...).
 *
 * @csspart form - The `<form>` of the current step.
 * @csspart heading - The step's heading.
 * @csspart subtitle - The explanation under the heading.
 * @csspart identity - Who is signing in, on the steps after the first (with "Change"), and who is signed in on the task screen (with "Sign out").
 * @csspart field - Each field: its label, input and error line.
 * @csspart label - Every field label.
 * @csspart input - Every text field.
 * @csspart identifier-input - The email field.
 * @csspart password-input - The password field (also the new-password field).
 * @csspart show-password-button - The show/hide toggle in the password field (`aria-pressed`).
 * @csspart caps-lock - The warning under the password while Caps Lock is on.
 * @csspart code-input - The verification or backup code field.
 * @csspart submit-button - The primary button of each step (also "Continue" on the signed-in screen).
 * @csspart continue-button - "Continue" on the signed-in screen, when `after-sign-in-url` is set.
 * @csspart back-button - "Change", beside the email on the steps after the first, and "Back" after "Forgot password?": back to the first step (enrolment: "Use another method").
 * @csspart forgot-password-button - "Forgot password?" on the first step: a code to the email typed, then a new password.
 * @csspart sign-out-others-checkbox - "Sign out of all other devices" with the new password (ticked by default).
 * @csspart sign-out-button - "Sign out" on the task screen.
 * @csspart methods - The "Use another method" group: a caption and a list of choices.
 * @csspart methods-label - Its caption ("Use another method").
 * @csspart method-button - Each row of the list, switching to another second-factor method (also each method to enrol).
 * @csspart resend-button - "Resend" for SMS and email codes.
 * @csspart spinner - The progress indicator in the submit button, and where a step that is still downloading will be.
 * @csspart error - Every error message (field errors and the form error), each with its icon.
 * @csspart form-error - The error shown at the top of the form.
 * @csspart message - Informative text: where a code was sent, who is signed in, "Copied!".
 * @csspart qr-code - Enrolment: the authenticator app's QR code (an inline SVG, `role="img"`, with a text alternative).
 * @csspart totp-secret - Enrolment: the authenticator app's key for manual entry, in groups of four.
 * @csspart copy-button - Enrolment: "Copy key" and "Copy all" (the backup codes).
 * @csspart backup-codes - Enrolment: the list of backup codes, one per item.
 * @csspart download-button - Enrolment: "Download .txt" of the backup codes.
 * @csspart saved-checkbox - Enrolment: "I have saved these codes", needed before Continue.
 * @csspart phone-input - Enrolment: the phone number field.
 *
 * @cssprop [--clerk-mfa-sign-in-accent-color=#4f46e5] - Primary button, links and the focus ring (dark: #818cf8).
 * @cssprop [--clerk-mfa-sign-in-accent-text-color=#ffffff] - Text on the primary button (dark: #111827).
 * @cssprop [--clerk-mfa-sign-in-text-color=#1f2937] - Text (dark: #f3f4f6).
 * @cssprop [--clerk-mfa-sign-in-muted-text-color=#4b5563] - Subtitles, notes, the other methods' caption (dark: #d1d5db).
 * @cssprop [--clerk-mfa-sign-in-background=#ffffff] - Background (dark: #111827).
 * @cssprop [--clerk-mfa-sign-in-input-background=#ffffff] - Field background (dark: #1f2937).
 * @cssprop [--clerk-mfa-sign-in-border-color=#868c98] - Field borders, at least 3:1 against the field and the card (dark: #7d8594).
 * @cssprop [--clerk-mfa-sign-in-radius=0.5rem] - Corner radius.
 * @cssprop [--clerk-mfa-sign-in-font-family=system-ui] - Font family.
 * @cssprop [--clerk-mfa-sign-in-font-size=1rem] - Base font size.
 * @cssprop [--clerk-mfa-sign-in-spacing=1rem] - Base spacing: between the parts of a step (one and a half of it around the card).
 * @cssprop [--clerk-mfa-sign-in-focus-ring=0 0 0 2px background, 0 0 0 4px accent] - Focus ring, a box-shadow: a gap in the background colour, then a 2px ring in the accent colour (the border inside stays visible).
 * @cssprop [--clerk-mfa-sign-in-error-color=#b91c1c] - Error text and invalid borders (dark: #fca5a5).
 * @cssprop [--clerk-mfa-sign-in-min-height=none] - None by default: each step is as tall as its content. Set a height (e.g. `26em`) that holds your steps to keep it, so the page below does not move when an error or the next step shows.
 *
 * @cssstate credentials - Email and password.
 * @cssstate second-factor - Authenticator app, SMS or backup code.
 * @cssstate client-trust - New-device code.
 * @cssstate reset-code - "Forgot password?": the code sent to the email.
 * @cssstate new-password - A new password: after the reset code, or when Clerk requires one.
 * @cssstate signed-in - Done: a greeting, who is signed in, "Continue" when `after-sign-in-url` is set.
 * @cssstate task-required - Signed in, a session task remains: what it is, the `task` slot, "Sign out"; for `setup-mfa`, the enrolment of a second factor.
 * @cssstate pending - A request is in flight.
 *
 * Under a strict Content Security Policy, give the element the page's `nonce` (it is passed to
 * the clerk-js `<script>` it adds). With Trusted Types enforced (`require-trusted-types-for
 * 'script'`), allow the policy `clerk-mfa-sign-in` in `trusted-types`: the element creates the
 * clerk-js script URL through it.
 */
export class ClerkMfaSignInElement extends LitElement {
  static override styles = [styles, signInStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Reactive properties declared without decorators, which cost a helper and a call per property
  // in every build. `lang` is declared so it is documented and its change re-renders; the
  // language itself is resolved by the LocalizeController.
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    proxyUrl: { attribute: 'proxy-url' },
    clerkJsUrl: { attribute: 'clerk-js-url' },
    email: {},
    afterSignInUrl: { attribute: 'after-sign-in-url' },
    allowedRedirectOrigins: { attribute: 'allowed-redirect-origins' },
    locale: {},
    noStoreCredentials: { type: Boolean, attribute: 'no-store-credentials' },
    requestTimeout: { type: Number, attribute: 'request-timeout' },
    clerk: { attribute: false },
    localization: { attribute: false },
    langAttribute: { attribute: 'lang' },
  };

  /** Clerk publishable key (`pk_test_...` / `pk_live_...`). Not needed with `clerk`. */
  publishableKey: string | null = null;

  /** Clerk proxy URL, absolute or relative (`/__clerk`). */
  proxyUrl: string | null = null;

  /**
   * Load clerk-js from this URL instead of `<proxy or Frontend API>/npm/@clerk/clerk-js@6/dist/clerk.browser.js`.
   * Like the proxy's, only an `https:` URL, or `http:` on the page's own origin or on loopback
   * (`localhost`, `127.0.0.0/8`, `[::1]`); any other (`data:`, `blob:`, plain http to another
   * host) is refused, with the `loadFailed` message.
   */
  clerkJsUrl: string | null = null;

  /** Pre-fills the email field (at most 320 characters, the longest email address, are kept). */
  email = '';

  /**
   * Where to go after `signed-in` (unless the event is cancelled): a URL on the page's own
   * origin, or on one listed in `allowed-redirect-origins`. Any other is not followed.
   */
  afterSignInUrl: string | null = null;

  /**
   * Origins besides the page's own that `after-sign-in-url` may lead to, space-separated
   * (`https://app.example https://admin.example`), as Clerk's `allowedRedirectOrigins`. The
   * property also takes a list.
   */
  allowedRedirectOrigins: string | readonly string[] | null = null;

  /**
   * Language of the element (BCP 47, e.g. `de-DE`). Without it, the nearest `lang` decides (the
   * element's own, an ancestor's, the page's), and a change of it is followed. English by default.
   * A right-to-left language sets `dir="rtl"` on the element, unless the page sets `dir` on it (or
   * on an ancestor nearer than the `lang` that decides).
   */
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

  readonly #signIn = new SignInController(this, {
    onTransition: (previous, next) => this.#announce(previous, next),
    navigate: (url) => this.navigate(url),
    passwordReset: (detail) => dispatch(this, 'password-reset', detail),
  });
  readonly #l10n = new LocalizeController(this, loadLocale);
  readonly #context: StepContext = {
    signIn: this.#signIn,
    t: (key, values) => text(this.#l10n.strings, this.localization, key, values),
    errorMessage: (error) => this.errorMessage(error),
    view: { passwordShown: false, capsLock: false },
    refresh: () => this.requestUpdate(),
    arrived: () => {
      this.#focusPending = true;
      this.requestUpdate();
    },
    reload: () => this.reload(),
    enrolment: () => renderEnrolment(this, { clerk: this.#signIn, l10n: this.#l10n }),
  };
  /** Custom states (`:state(second-factor)`) live here. */
  #internals = this.attachInternals();
  #focusPending = false;

  /** The current step. */
  get step(): StepName {
    return this.#signIn.state.step;
  }

  /** The sign-in's state, as the controller holds it. */
  protected get signInState(): SignInState {
    return this.#signIn.state;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clearSecretFields();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('email')) this.#signIn.prefill(this.email ?? '');
    if (!this.hasUpdated || changed.has('clerk') || changed.has('publishableKey') || changed.has('proxyUrl') || changed.has('clerkJsUrl')) {
      this.#signIn.useClerk({
        clerk: this.clerk,
        publishableKey: this.publishableKey,
        proxyUrl: this.proxyUrl,
        scriptUrl: this.clerkJsUrl,
        nonce: this.nonce || null,
        requestTimeoutMs: this.requestTimeout,
      });
    } else if (changed.has('requestTimeout')) {
      this.#signIn.requestTimeout = this.requestTimeout;
    }
  }

  protected override updated(): void {
    this.#syncStates();
    if (this.#focusPending) {
      this.#focusPending = false;
      this.#focusFirstField();
    }
  }

  /** The text shown for an error, countdowns included. */
  errorMessage(error: SignInError): string {
    const { t } = this.#context;
    // The element's own checks have plain messages; a failure's message loaded with it.
    const left = secondsLeft(error.retryAt ?? error.lockedUntil, this.#signIn.now);
    return loadedOnDemand()?.failureMessage(error, { left, lang: this.#l10n.lang, t }) ?? t(error.key);
  }

  /** Navigation after sign-in; a separate method so tests and subclasses can replace it. */
  protected navigate(url: string): void {
    window.location.assign(url);
  }

  /** "Continue" after a part of the element could not be downloaded: the page again. Replaceable, as `navigate`. */
  protected reload(): void {
    window.location.reload();
  }

  // ---- events and focus ------------------------------------------------------------------

  /** Announces a change of state: its events, and where focus goes. `false`: `signed-in` was cancelled. */
  #announce(previous: SignInState, next: SignInState): boolean {
    if (next.step !== previous.step) {
      this.#clearSecretFields();
      endEnrolment(this);
      Object.assign(this.#context.view, { passwordShown: false, capsLock: false });
      this.#focusPending = true;
      dispatch(this, 'step-change', { step: next.step, previousStep: previous.step });
    }
    const error = isFormState(next) ? next.error : null;
    if (error && (!isFormState(previous) || previous.error !== error)) {
      dispatch(this, 'sign-in-error', { code: error.code, message: this.errorMessage(error), step: next.step, key: error.key });
      if (error.field !== 'form') this.#focusPending = true;
      // A rejected code leaves the field, so the next one can be typed or pasted at once.
      if (error.field === 'code') this.#clearSecretFields('code');
    }
    // Another method chosen: its code field, empty and focused.
    if (isCodeState(previous) && isCodeState(next) && previous.method !== next.method) {
      this.#clearSecretFields('code');
      this.#focusPending = true;
    }
    // Done, or done after the `setup-mfa` task.
    if (!isDone(next) || next.step === previous.step) return true;
    const { sessionId, userId } = next;
    if (next.step === 'task-required') {
      // The element enrols the user itself, then says `signed-in`.
      return next.taskKey === 'setup-mfa' || dispatch(this, 'task-required', { sessionId, userId, task: { key: next.taskKey } });
    }
    const { alreadySignedIn, mfaEnrolled } = next;
    return dispatch(this, 'signed-in', { sessionId, userId, alreadySignedIn, ...(mfaEnrolled && { mfaEnrolled }) }, { cancelable: true });
  }

  /**
   * Passwords and codes leave the fields when the step changes and when the element leaves the
   * page (by name: a password shown as text is still one); `code`: only the code.
   */
  #clearSecretFields(only?: 'code'): void {
    const selector = only ? '#code' : '#password, #new-password, #code';
    for (const input of this.shadowRoot?.querySelectorAll<HTMLInputElement>(selector) ?? []) input.value = '';
  }

  #syncStates(): void {
    const states = this.#internals.states;
    try {
      states.clear();
      states.add(this.step);
      if (pendingOf(this.#signIn.state)) states.add('pending');
    } catch {
      // No `ElementInternals.states` (Firefox before 126), or only the `--name` form (Chrome before 125).
    }
  }

  /** The field with the error, else the field to fill next, else the heading. A field's id is its name. */
  #focusFirstField(): void {
    const s = this.#signIn.state;
    let field: string | undefined;
    if (isFormState(s) && s.error && s.error.field !== 'form') field = s.error.field;
    else if (s.step === 'credentials' && s.identifier) field = 'password';
    const root = this.renderRoot;
    const target = root.querySelector<HTMLElement>(field ? `#${field}` : 'form input:not([hidden])') ?? root.querySelector<HTMLElement>('#heading');
    target?.focus();
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const s = this.#signIn.state;
    // A fresh form per step: nothing typed on the last step stays in a field of the next.
    return html`<slot name="header"></slot>${keyed(s.step, renderStep(this.#context))}<slot name="footer"></slot>`;
  }
}
