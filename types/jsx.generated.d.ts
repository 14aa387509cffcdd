import type {
  ClerkMfaSignInElement,
  SignedInDetail,
  TaskRequiredDetail,
  PasswordResetDetail,
  SignInErrorDetail,
  StepChangeDetail,
} from "../dist/index.js";
import type { ClerkMfaSetupElement, MfaChangedDetail, MfaErrorDetail } from "../dist/index.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type ClerkMfaSignInElementProps = {
  /** Clerk publishable key (`pk_test_...` / `pk_live_...`). Not needed with `clerk`. */
  "publishable-key"?: ClerkMfaSignInElement["publishableKey"];
  /** Clerk proxy URL, absolute or relative (`/__clerk`). */
  "proxy-url"?: ClerkMfaSignInElement["proxyUrl"];
  /** Load clerk-js from this URL instead of `<proxy or Frontend API>/npm/@clerk/clerk-js@6/dist/clerk.browser.js`.
Like the proxy's, only an `https:` URL, or `http:` on the page's own origin or on loopback
(`localhost`, `127.0.0.0/8`, `[::1]`); any other (`data:`, `blob:`, plain http to another
host) is refused, with the `loadFailed` message. */
  "clerk-js-url"?: ClerkMfaSignInElement["clerkJsUrl"];
  /** Pre-fills the email field (at most 320 characters, the longest email address, are kept). */
  email?: ClerkMfaSignInElement["email"];
  /** Where to go after `signed-in` (unless the event is cancelled): a URL on the page's own
origin, or on one listed in `allowed-redirect-origins`. Any other is not followed. */
  "after-sign-in-url"?: ClerkMfaSignInElement["afterSignInUrl"];
  /** Origins besides the page's own that `after-sign-in-url` may lead to, space-separated
(`https://app.example https://admin.example`), as Clerk's `allowedRedirectOrigins`. The
property also takes a list. */
  "allowed-redirect-origins"?: ClerkMfaSignInElement["allowedRedirectOrigins"];
  /** Language of the element (BCP 47, e.g. `de-DE`). Without it, the nearest `lang` decides (the
element's own, an ancestor's, the page's), and a change of it is followed. English by default.
A right-to-left language sets `dir="rtl"` on the element, unless the page sets `dir` on it (or
on an ancestor nearer than the `lang` that decides). */
  locale?: ClerkMfaSignInElement["locale"];
  /** Do not offer the credentials to the browser's password manager after signing in. */
  "no-store-credentials"?: ClerkMfaSignInElement["noStoreCredentials"];
  /** Milliseconds a step's request may take before the element gives up on it, says the network
failed and lets the user try again. A late answer is ignored. */
  "request-timeout"?: ClerkMfaSignInElement["requestTimeout"];
  /**  */
  lang?: ClerkMfaSignInElement["langAttribute"];
  /** An existing Clerk instance (e.g. `window.Clerk`), loaded or being loaded by the page. */
  clerk?: ClerkMfaSignInElement["clerk"];
  /** Overrides for any string the element shows, by message key. */
  localization?: ClerkMfaSignInElement["localization"];
  /** `{ sessionId, userId, alreadySignedIn, mfaEnrolled? }` when a session is active; `mfaEnrolled` (`totp` or `phone_code`) when the user enrolled that second factor to finish Clerk's `setup-mfa` task. Cancelable: cancel it to stop the navigation to `after-sign-in-url`. */
  "onsigned-in"?: (e: CustomEvent<SignedInDetail>) => void;
  /** `{ sessionId, userId, task: { key } }` when the session is signed in but waits for a Clerk session task other than `setup-mfa` (which the element runs itself: the user enrols an authenticator app or an SMS number). */
  "ontask-required"?: (e: CustomEvent<TaskRequiredDetail>) => void;
  /** `{ identifier, signedOutOfOtherSessions }` when Clerk accepted a new password (after "Forgot password?", or when Clerk required one); the sign-in then goes on (second factor, new device, ...). */
  "onpassword-reset"?: (e: CustomEvent<PasswordResetDetail>) => void;
  /** `{ code, message, step, key }` for every error shown to the user, the element's own checks included (`form_param_missing`, `form_param_format_invalid`). */
  "onsign-in-error"?: (e: CustomEvent<SignInErrorDetail>) => void;
  /** `{ step, previousStep }` whenever the step changes (also after "Sign out" on the task screen). */
  "onstep-change"?: (e: CustomEvent<StepChangeDetail>) => void;
};

export type ClerkMfaSetupElementProps = {
  /** Clerk publishable key (`pk_test_...` / `pk_live_...`). Not needed with `clerk`. */
  "publishable-key"?: ClerkMfaSetupElement["publishableKey"];
  /** Clerk proxy URL, absolute or relative (`/__clerk`). */
  "proxy-url"?: ClerkMfaSetupElement["proxyUrl"];
  /** Load clerk-js from this URL (the same rules as `<clerk-mfa-sign-in>`'s `clerk-js-url`). */
  "clerk-js-url"?: ClerkMfaSetupElement["clerkJsUrl"];
  /** Language of the element (BCP 47). Without it, the nearest `lang` decides, as for the sign-in. */
  locale?: ClerkMfaSetupElement["locale"];
  /** Milliseconds a request may take before the element says the network failed. */
  "request-timeout"?: ClerkMfaSetupElement["requestTimeout"];
  /**  */
  lang?: ClerkMfaSetupElement["langAttribute"];
  /** An existing Clerk instance (e.g. `window.Clerk`), loaded or being loaded by the page. */
  clerk?: ClerkMfaSetupElement["clerk"];
  /** Overrides for any string the element shows, by message key (its own and the enrolment's). */
  localization?: ClerkMfaSetupElement["localization"];
  /** `{ method, action }` once a change took effect: `method` `totp`, `phone_code` or `backup_code`; `action` `added`, `removed`, `regenerated` or `default`. Never a code or a secret. */
  "onmfa-changed"?: (e: CustomEvent<MfaChangedDetail>) => void;
  /** `{ code, message }` for every error shown (Clerk's code, or `signed_out` when nobody is signed in, `offline`, `network_error`, `clerk_load_failed`, `form_param_missing`). */
  "onmfa-error"?: (e: CustomEvent<MfaErrorDetail>) => void;
};

export type CustomElements = {
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
   * ---
   *
   *
   * ### **Events:**
   *  - **signed-in** - `{ sessionId, userId, alreadySignedIn, mfaEnrolled? }` when a session is active; `mfaEnrolled` (`totp` or `phone_code`) when the user enrolled that second factor to finish Clerk's `setup-mfa` task. Cancelable: cancel it to stop the navigation to `after-sign-in-url`.
   * - **task-required** - `{ sessionId, userId, task: { key } }` when the session is signed in but waits for a Clerk session task other than `setup-mfa` (which the element runs itself: the user enrols an authenticator app or an SMS number).
   * - **password-reset** - `{ identifier, signedOutOfOtherSessions }` when Clerk accepted a new password (after "Forgot password?", or when Clerk required one); the sign-in then goes on (second factor, new device, ...).
   * - **sign-in-error** - `{ code, message, step, key }` for every error shown to the user, the element's own checks included (`form_param_missing`, `form_param_format_invalid`).
   * - **step-change** - `{ step, previousStep }` whenever the step changes (also after "Sign out" on the task screen).
   *
   * ### **Methods:**
   *  - **errorMessage(error: _SignInError_): _string_** - The text shown for an error, countdowns included.
   *
   *
   *
   * ### **Slots:**
   *  - **header** - Above the form: a logo or title.
   * - **footer** - Below the form: links such as "Sign up".
   * - **task** - On the task screen (`task-required`), between what Clerk waits for and "Sign out": the host's own UI for the task (choose an organization, ...).
   *
   * ### **CSS Properties:**
   *  - **--clerk-mfa-sign-in-accent-color** - Primary button, links and the focus ring (dark: #818cf8). _(default: #4f46e5)_
   * - **--clerk-mfa-sign-in-accent-text-color** - Text on the primary button (dark: #111827). _(default: #ffffff)_
   * - **--clerk-mfa-sign-in-text-color** - Text (dark: #f3f4f6). _(default: #1f2937)_
   * - **--clerk-mfa-sign-in-muted-text-color** - Subtitles, notes, the other methods' caption (dark: #d1d5db). _(default: #4b5563)_
   * - **--clerk-mfa-sign-in-background** - Background (dark: #111827). _(default: #ffffff)_
   * - **--clerk-mfa-sign-in-input-background** - Field background (dark: #1f2937). _(default: #ffffff)_
   * - **--clerk-mfa-sign-in-border-color** - Field borders, at least 3:1 against the field and the card (dark: #7d8594). _(default: #868c98)_
   * - **--clerk-mfa-sign-in-radius** - Corner radius. _(default: 0.5rem)_
   * - **--clerk-mfa-sign-in-font-family** - Font family. _(default: system-ui)_
   * - **--clerk-mfa-sign-in-font-size** - Base font size. _(default: 1rem)_
   * - **--clerk-mfa-sign-in-spacing** - Base spacing: between the parts of a step (one and a half of it around the card). _(default: 1rem)_
   * - **--clerk-mfa-sign-in-focus-ring** - Focus ring, a box-shadow: a gap in the background colour, then a 2px ring in the accent colour (the border inside stays visible). _(default: 0 0 0 2px background, 0 0 0 4px accent)_
   * - **--clerk-mfa-sign-in-error-color** - Error text and invalid borders (dark: #fca5a5). _(default: #b91c1c)_
   * - **--clerk-mfa-sign-in-min-height** - None by default: each step is as tall as its content. Set a height (e.g. `26em`) that holds your steps to keep it, so the page below does not move when an error or the next step shows. _(default: none)_
   *
   * ### **CSS Parts:**
   *  - **form** - The `<form>` of the current step.
   * - **heading** - The step's heading.
   * - **subtitle** - The explanation under the heading.
   * - **identity** - Who is signing in, on the steps after the first (with "Change"), and who is signed in on the task screen (with "Sign out").
   * - **field** - Each field: its label, input and error line.
   * - **label** - Every field label.
   * - **input** - Every text field.
   * - **identifier-input** - The email field.
   * - **password-input** - The password field (also the new-password field).
   * - **show-password-button** - The show/hide toggle in the password field (`aria-pressed`).
   * - **caps-lock** - The warning under the password while Caps Lock is on.
   * - **code-input** - The verification or backup code field.
   * - **submit-button** - The primary button of each step (also "Continue" on the signed-in screen).
   * - **continue-button** - "Continue" on the signed-in screen, when `after-sign-in-url` is set.
   * - **back-button** - "Change", beside the email on the steps after the first, and "Back" after "Forgot password?": back to the first step (enrolment: "Use another method").
   * - **forgot-password-button** - "Forgot password?" on the first step: a code to the email typed, then a new password.
   * - **sign-out-others-checkbox** - "Sign out of all other devices" with the new password (ticked by default).
   * - **sign-out-button** - "Sign out" on the task screen.
   * - **methods** - The "Use another method" group: a caption and a list of choices.
   * - **methods-label** - Its caption ("Use another method").
   * - **method-button** - Each row of the list, switching to another second-factor method (also each method to enrol).
   * - **resend-button** - "Resend" for SMS and email codes.
   * - **spinner** - The progress indicator in the submit button, and where a step that is still downloading will be.
   * - **error** - Every error message (field errors and the form error), each with its icon.
   * - **form-error** - The error shown at the top of the form.
   * - **message** - Informative text: where a code was sent, who is signed in, "Copied!".
   * - **qr-code** - Enrolment: the authenticator app's QR code (an inline SVG, `role="img"`, with a text alternative).
   * - **totp-secret** - Enrolment: the authenticator app's key for manual entry, in groups of four.
   * - **copy-button** - Enrolment: "Copy key" and "Copy all" (the backup codes).
   * - **backup-codes** - Enrolment: the list of backup codes, one per item.
   * - **download-button** - Enrolment: "Download .txt" of the backup codes.
   * - **saved-checkbox** - Enrolment: "I have saved these codes", needed before Continue.
   * - **phone-input** - Enrolment: the phone number field.
   */
  "clerk-mfa-sign-in": Partial<ClerkMfaSignInElementProps & BaseProps & BaseEvents>;

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
   * ---
   *
   *
   * ### **Events:**
   *  - **mfa-changed** - `{ method, action }` once a change took effect: `method` `totp`, `phone_code` or `backup_code`; `action` `added`, `removed`, `regenerated` or `default`. Never a code or a secret.
   * - **mfa-error** - `{ code, message }` for every error shown (Clerk's code, or `signed_out` when nobody is signed in, `offline`, `network_error`, `clerk_load_failed`, `form_param_missing`).
   *
   * ### **Methods:**
   *  - **errorMessage(error: _SetupError_): _string_** - The text shown for an error.
   *
   *
   * ### **CSS Parts:**
   *  - **card** - The card around every view.
   * - **header** - The title and the explanation over the overview.
   * - **title** - The title ("Two-step verification").
   * - **method-list** - The list of second factors.
   * - **method** - Each row: the authenticator app, SMS codes, backup codes, and each number reserved for SMS codes.
   * - **status** - "On" or "Off" beside each method.
   * - **badge** - "Default", beside the number the sign-in sends its code to first.
   * - **add-totp-button** - "Add authenticator application".
   * - **remove-totp-button** - "Remove", beside the authenticator app.
   * - **add-phone-button** - "Add phone number".
   * - **make-default-button** - "Set as default", beside each number that is not the default.
   * - **remove-phone-button** - "Remove", beside each number.
   * - **regenerate-button** - "Regenerate" the backup codes.
   * - **heading** - The heading of every view but the overview.
   * - **subtitle** - The explanation under a heading.
   * - **form** - The form of a view.
   * - **field** - Each field: its label, input and error line.
   * - **label** - Every field label.
   * - **input** - Every text field.
   * - **qr-code** - Adding an authenticator app: its QR code (an inline SVG, `role="img"`, with a text alternative).
   * - **totp-secret** - Adding an authenticator app: its key for manual entry, in groups of four.
   * - **code-input** - The verification or backup code field.
   * - **phone-input** - The phone number field.
   * - **password-input** - The password field of the reverification.
   * - **backup-codes** - The list of backup codes, one per item.
   * - **copy-button** - "Copy key", "Copy all".
   * - **download-button** - "Download .txt" of the backup codes.
   * - **saved-checkbox** - After adding a method: "I have saved these codes".
   * - **submit-button** - The primary button of each view.
   * - **confirm-button** - The primary button of a confirmation ("Remove") and of the new backup codes ("Finish").
   * - **verify-button** - "Continue" in the reverification.
   * - **cancel-button** - "Cancel": back to the overview.
   * - **method-button** - Each verified number to pick, and each other way to verify.
   * - **methods** - In the reverification, the other ways to verify.
   * - **methods-label** - Their caption ("Use another method").
   * - **resend-button** - "Resend" an SMS code.
   * - **spinner** - The progress indicator of the action under way.
   * - **error** - Every error message, each with its icon.
   * - **form-error** - The error at the top of a view.
   * - **message** - Informative text: where a code was sent, "Copied!", the last change.
   * - **notice** - The announcement of the last change (a polite live region).
   */
  "clerk-mfa-setup": Partial<ClerkMfaSetupElementProps & BaseProps & BaseEvents>;
};
