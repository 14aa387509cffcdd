import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { ClerkAdapter } from '../clerk-adapter.js';
import type { ClerkLike } from '../clerk-types.js';
import { styles } from '../theme.styles.js';
import { dispatch } from '../events.js';
import { interpolate, LocalizeController } from '../localization.js';
import { adoptEnrolStyles } from '../mfa/enrol-styles.js';
import { MFA_EN, type MfaKey } from '../mfa/strings.js';
import { SetupController } from './setup-controller.js';
import { loadSetupStrings } from './setup-locales.js';
import { setupStyles } from './setup-styles.js';
import { renderSetup, type SetupContext } from './setup-templates.js';
import type { SetupError, SetupViewName } from './setup-types.js';
import { SETUP_EN, type SetupKey, type SetupStrings } from './strings.js';

const ENGLISH: Record<string, string> = { ...MFA_EN, ...SETUP_EN };

/**
 * The signed-in user's two-step verification, as one element for an account page: whether an
 * authenticator app is set up (add it from a QR code or its key, remove it), the numbers that
 * receive SMS codes (add one, verified with a code, make one the default, remove one), and the
 * backup codes (regenerate them, shown once, to copy or download). When Clerk wants a recent
 * verification for a change, the element asks for the password or a second factor inline and
 * makes the change once more. Nobody signed in: it says so and fires `mfa-error` (`signed_out`).
 *
 * Light and dark, and styled with the same public custom properties as `<clerk-mfa-sign-in>`
 * (`--clerk-mfa-sign-in-*`, documented there and in the README), so a page themes both at once.
 *
 * @tag clerk-mfa-setup
 *
 * @fires mfa-changed - `{ method, action }` once a change took effect: `method` `totp`, `phone_code` or `backup_code`; `action` `added`, `removed`, `regenerated` or `default`. Never a code or a secret.
 * @fires mfa-error - `{ code, message }` for every error shown (Clerk's code, or `signed_out` when nobody is signed in, `offline`, `network_error`, `clerk_load_failed`, `form_param_missing`).
 *
 * @csspart card - The card around every view.
 * @csspart header - The title and the explanation over the overview.
 * @csspart title - The title ("Two-step verification").
 * @csspart method-list - The list of second factors.
 * @csspart method - Each row: the authenticator app, SMS codes, backup codes, and each number reserved for SMS codes.
 * @csspart status - "On" or "Off" beside each method.
 * @csspart badge - "Default", beside the number the sign-in sends its code to first.
 * @csspart add-totp-button - "Add authenticator application".
 * @csspart remove-totp-button - "Remove", beside the authenticator app.
 * @csspart add-phone-button - "Add phone number".
 * @csspart make-default-button - "Set as default", beside each number that is not the default.
 * @csspart remove-phone-button - "Remove", beside each number.
 * @csspart regenerate-button - "Regenerate" the backup codes.
 * @csspart heading - The heading of every view but the overview.
 * @csspart subtitle - The explanation under a heading.
 * @csspart form - The form of a view.
 * @csspart field - Each field: its label, input and error line.
 * @csspart label - Every field label.
 * @csspart input - Every text field.
 * @csspart qr-code - Adding an authenticator app: its QR code (an inline SVG, `role="img"`, with a text alternative).
 * @csspart totp-secret - Adding an authenticator app: its key for manual entry, in groups of four.
 * @csspart code-input - The verification or backup code field.
 * @csspart phone-input - The phone number field.
 * @csspart password-input - The password field of the reverification.
 * @csspart backup-codes - The list of backup codes, one per item.
 * @csspart copy-button - "Copy key", "Copy all".
 * @csspart download-button - "Download .txt" of the backup codes.
 * @csspart saved-checkbox - After adding a method: "I have saved these codes".
 * @csspart submit-button - The primary button of each view.
 * @csspart confirm-button - The primary button of a confirmation ("Remove") and of the new backup codes ("Finish").
 * @csspart verify-button - "Continue" in the reverification.
 * @csspart cancel-button - "Cancel": back to the overview.
 * @csspart method-button - Each verified number to pick, and each other way to verify.
 * @csspart methods - In the reverification, the other ways to verify.
 * @csspart methods-label - Their caption ("Use another method").
 * @csspart resend-button - "Resend" an SMS code.
 * @csspart spinner - The progress indicator of the action under way.
 * @csspart error - Every error message, each with its icon.
 * @csspart form-error - The error at the top of a view.
 * @csspart message - Informative text: where a code was sent, "Copied!", the last change.
 * @csspart notice - The announcement of the last change (a polite live region).
 *
 * @cssstate loading - Reading who is signed in and their second factors.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate overview - The list of second factors and their actions.
 * @cssstate adding-totp - Adding an authenticator app (QR code, key, code, backup codes).
 * @cssstate adding-phone - Adding a number (a verified one picked, or a new one and its code).
 * @cssstate confirm-remove - Confirming a removal.
 * @cssstate backup-codes - The new backup codes, shown once.
 * @cssstate reverify - Clerk wants a recent verification: the password or a second factor.
 * @cssstate busy - A request is in flight.
 *
 * Under a strict Content Security Policy, give the element the page's `nonce` (passed to the
 * clerk-js `<script>` it adds); with Trusted Types, allow the policy `clerk-mfa-sign-in`.
 */
export class ClerkMfaSetupElement extends LitElement {
  static override styles = [styles, setupStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    proxyUrl: { attribute: 'proxy-url' },
    clerkJsUrl: { attribute: 'clerk-js-url' },
    locale: {},
    requestTimeout: { type: Number, attribute: 'request-timeout' },
    clerk: { attribute: false },
    localization: { attribute: false },
    langAttribute: { attribute: 'lang' },
  };

  /** Clerk publishable key (`pk_test_...` / `pk_live_...`). Not needed with `clerk`. */
  publishableKey: string | null = null;

  /** Clerk proxy URL, absolute or relative (`/__clerk`). */
  proxyUrl: string | null = null;

  /** Load clerk-js from this URL (the same rules as `<clerk-mfa-sign-in>`'s `clerk-js-url`). */
  clerkJsUrl: string | null = null;

  /** Language of the element (BCP 47). Without it, the nearest `lang` decides, as for the sign-in. */
  locale: string | null = null;

  /** Milliseconds a request may take before the element says the network failed. */
  requestTimeout: number = 30000;

  /** An existing Clerk instance (e.g. `window.Clerk`), loaded or being loaded by the page. */
  clerk: ClerkLike | null = null;

  /** Overrides for any string the element shows, by message key (its own and the enrolment's). */
  localization: Partial<SetupStrings & Record<MfaKey, string>> | null = null;

  protected langAttribute: string | null = null;

  /** The language, and its tables once downloaded (none for US English; English if they fail). */
  readonly #l10n = new LocalizeController(this, loadSetupStrings);
  readonly #setup = new SetupController(this, {
    onChange: (method, action) => dispatch(this, 'mfa-changed', { method, action }),
    onError: (error) => dispatch(this, 'mfa-error', { code: error.code, message: this.errorMessage(error) }),
  });
  #adapter: ClerkAdapter | null = null;
  #internals = this.attachInternals();

  /** The view on screen (`overview`, `adding-totp`, `reverify`, ...), as its `:state()`. */
  get view(): string {
    const s = this.#setup.state;
    return viewState(s.view, s.view === 'adding' ? s.adding : null);
  }

  /** A request is in flight (also reading the factors again in the background, or downloading the view). */
  get busy(): boolean {
    return !!(this.#setup.state.pending || this.#setup.enrol?.state?.pending || this.#context.downloading);
  }

  /** The text shown for an error. */
  errorMessage(error: SetupError): string {
    return this.#t(error.key);
  }

  #t = (key: SetupKey | MfaKey, values?: Record<string, string | number>): string => {
    const override = this.localization?.[key as SetupKey];
    const text = typeof override === 'string' ? override : (this.#l10n.strings[key] ?? ENGLISH[key] ?? '');
    return interpolate(text, values);
  };

  readonly #context: SetupContext = { setup: this.#setup, t: this.#t, lang: '', update: () => this.requestUpdate(), reload: () => this.reload() };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#adapter || changed.has('clerk') || changed.has('publishableKey') || changed.has('proxyUrl') || changed.has('clerkJsUrl')) {
      this.#adapter = new ClerkAdapter({
        clerk: this.clerk,
        publishableKey: this.publishableKey,
        proxyUrl: this.proxyUrl,
        scriptUrl: this.clerkJsUrl,
        nonce: this.nonce || null,
        requestTimeoutMs: this.requestTimeout,
      });
      this.#setup.useClerk(this.#adapter);
    } else if (changed.has('requestTimeout')) {
      this.#adapter.requestTimeoutMs = this.requestTimeout;
    }
  }

  protected override firstUpdated(): void {
    // The enrolment's views (QR code, key, backup codes) bring their rules, as in the sign-in.
    if (this.shadowRoot) adoptEnrolStyles(this.shadowRoot);
  }

  protected override updated(): void {
    const states = this.#internals.states;
    try {
      states.clear();
      states.add(this.view);
      if (this.busy) states.add('busy');
    } catch {
      // No `ElementInternals.states` (Firefox before 126), or only the `--name` form (Chrome before 125).
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Codes and passwords leave the fields when the element leaves the page.
    for (const input of this.shadowRoot?.querySelectorAll<HTMLInputElement>('#password, #code') ?? []) input.value = '';
  }

  /** After a part of the element could not be downloaded: the page once more (a test replaces it). */
  protected reload(): void {
    window.location.reload();
  }

  protected override render(): TemplateResult {
    this.#context.lang = this.#l10n.lang;
    return renderSetup(this.#context);
  }
}

/** The `:state()` of a view. */
function viewState(view: SetupViewName, adding: string | null): string {
  if (view === 'adding') return adding === 'totp' ? 'adding-totp' : 'adding-phone';
  return view;
}
