/**
 * A page object for `<clerk-mfa-sign-in>`: its methods read like what a person
 * does, so tests (ours and yours) do not depend on the element's markup.
 *
 * ```ts
 * const signIn = new SignInHarness(el);
 * await signIn.fillCredentials('ada@example.com', 'correct horse battery staple');
 * await signIn.submit();
 * await signIn.waitForStep('second-factor');
 * await signIn.enterCode('123456'); // a complete code submits by itself
 * ```
 */
import type { ClerkMfaSignInElement } from '../clerk-mfa-sign-in.js';
import type { StepName } from '../sign-in-types.js';
import { secretsFoundIn, type ConsoleRecording } from './secrets.js';

export class SignInHarness {
  constructor(readonly element: ClerkMfaSignInElement) {}

  get #root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('clerk-mfa-sign-in has not rendered');
    return root;
  }

  /** The current step. */
  get step(): StepName {
    return this.element.step;
  }

  /** Waits for the element to finish rendering (and for pending promises to settle). */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.element.updateComplete;
  }

  /**
   * Waits until the element reaches `step` and shows it (a step the element downloads on first use
   * shows a spinner until then), or throws after `timeoutMs`.
   */
  async waitForStep(step: StepName, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.step !== step || !this.#shown()) {
      if (Date.now() > until) throw new Error(`Expected step ${step}, still at ${this.step}${this.#shown() ? '' : ' (loading)'}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await this.element.updateComplete;
  }

  /** Whether the step is on screen, not its loading placeholder. */
  #shown(): boolean {
    return !this.#root.querySelector('.loading');
  }

  /** Waits until no request is in flight (one just started shows its spinner first). */
  async waitForIdle(timeoutMs = 10_000): Promise<void> {
    await this.element.updateComplete;
    const until = Date.now() + timeoutMs;
    while (this.isBusy()) {
      if (Date.now() > until) throw new Error('The element stayed busy');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await this.element.updateComplete;
  }

  /** Waits until `probe` returns something truthy, and returns it (or throws after `timeoutMs`). */
  async waitFor<T>(probe: () => T, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) {
        await this.element.updateComplete;
        return value as NonNullable<T>;
      }
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what} (step ${this.step})`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** A field by its name: `identifier`, `password`, `code`, `new-password`. */
  input(name: string): HTMLInputElement | null {
    return this.#root.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  }

  #type(name: string, value: string, inputType = 'insertText'): void {
    const input = this.input(name);
    if (!input) throw new Error(`No ${name} field at step ${this.step}`);
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data: value }));
  }

  async fillCredentials(email: string, password: string): Promise<void> {
    this.#type('identifier', email);
    this.#type('password', password);
    await this.element.updateComplete;
  }

  /** Types only the password (the email stays as it is). */
  async fillPassword(password: string): Promise<void> {
    this.#type('password', password);
    await this.element.updateComplete;
  }

  /** Types a code (a complete 6-digit code submits by itself). */
  async enterCode(code: string): Promise<void> {
    this.#type('code', code);
    await this.element.updateComplete;
  }

  /** Pastes a code, as from a password manager or an SMS app. */
  async pasteCode(code: string): Promise<void> {
    this.#type('code', code, 'insertFromPaste');
    await this.element.updateComplete;
  }

  async fillNewPassword(password: string): Promise<void> {
    this.#type('new-password', password);
    await this.element.updateComplete;
  }

  submitButton(): HTMLButtonElement | null {
    return this.#root.querySelector<HTMLButtonElement>('[part~="submit-button"]');
  }

  /** Clicks the primary button of the current step. */
  async submit(): Promise<void> {
    const button = this.submitButton();
    if (!button) throw new Error(`No submit button at step ${this.step}`);
    button.click();
    await this.element.updateComplete;
  }

  /** Presses Enter in a field (submits the form the way a keyboard user does). */
  async pressEnter(name: string): Promise<void> {
    this.input(name)?.form?.requestSubmit();
    await this.element.updateComplete;
  }

  /** Double-clicks the primary button, as an impatient person does. */
  async doubleClickSubmit(): Promise<void> {
    const button = this.submitButton();
    if (!button) throw new Error(`No submit button at step ${this.step}`);
    button.click();
    button.click();
    await this.element.updateComplete;
  }

  /**
   * Holds Enter down in a field: the first keydown and `repeats` auto-repeated ones, each of
   * which a browser turns into a form submission (implicit submission).
   */
  async holdEnter(name: string, repeats = 5): Promise<void> {
    const input = this.input(name);
    if (!input?.form) throw new Error(`No ${name} field at step ${this.step}`);
    for (let i = 0; i <= repeats; i++) {
      const down = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', repeat: i > 0, bubbles: true, composed: true, cancelable: true });
      if (input.dispatchEvent(down)) input.form.requestSubmit();
    }
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', code: 'Enter', bubbles: true, composed: true }));
    await this.element.updateComplete;
  }

  /** Presses Enter twice in a row in a field. */
  async pressEnterTwice(name: string): Promise<void> {
    const form = this.input(name)?.form;
    if (!form) throw new Error(`No ${name} field at step ${this.step}`);
    form.requestSubmit();
    form.requestSubmit();
    await this.element.updateComplete;
  }

  /** Strategies offered by the method switcher (`totp`, `backup_code`, `phone_code`, `email_code`). */
  methods(): string[] {
    return [...this.#root.querySelectorAll<HTMLButtonElement>('[part~="method-button"]')].map((b) => b.dataset['strategy'] ?? '');
  }

  /** Picks another method, and waits until its code field shows. */
  async chooseMethod(strategy: string): Promise<void> {
    const button = this.#root.querySelector<HTMLButtonElement>(`[part~="method-button"][data-strategy="${strategy}"]`);
    if (!button) throw new Error(`No ${strategy} method button; offered: ${this.methods().join(', ')}`);
    button.click();
    await this.element.updateComplete;
    await this.waitFor(() => this.#shown() || this.errorText(), `the ${strategy} step`);
  }

  async resend(): Promise<void> {
    const button = this.#root.querySelector<HTMLButtonElement>('[part~="resend-button"]');
    if (!button) throw new Error('No resend button');
    button.click();
    await this.element.updateComplete;
  }

  /** Whether "resend" is unavailable (counting down or busy). */
  resendDisabled(): boolean {
    return this.#root.querySelector('[part~="resend-button"]')?.getAttribute('aria-disabled') === 'true';
  }

  resendText(): string {
    return this.#root.querySelector('[part~="resend-button"]')?.textContent?.trim() ?? '';
  }

  /** "Forgot password?" on the first step, for the email in its field. */
  async forgotPassword(): Promise<void> {
    await this.#click('forgot-password-button');
  }

  /** Whether "Sign out of all other devices" is ticked (with the new password). */
  signOutOfOtherDevices(): boolean {
    return this.#root.querySelector<HTMLInputElement>('[part~="sign-out-others-checkbox"]')?.checked ?? false;
  }

  async toggleSignOutOfOtherDevices(): Promise<void> {
    await this.#click('sign-out-others-checkbox');
  }

  /** "Change" beside the email shown after the first step: back to the first step. */
  async back(): Promise<void> {
    await this.#click('back-button');
  }

  /** Who is signing in (or signed in), as the step shows it. */
  identity(): string {
    return this.#root.querySelector('[part~="identity"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** Presses the show-password toggle of the password field. */
  async togglePassword(): Promise<void> {
    await this.#click('show-password-button');
  }

  /** Presses a key in a field, Caps Lock on or off, as a keyboard does. */
  async pressKey(name: string, key: string, options: { capsLock?: boolean } = {}): Promise<void> {
    const input = this.input(name);
    if (!input) throw new Error(`No ${name} field at step ${this.step}`);
    for (const type of ['keydown', 'keyup']) {
      const event = new KeyboardEvent(type, { key, bubbles: true, composed: true });
      // Not every engine takes `modifierCapsLock` in the event's init: answer the question directly.
      Object.defineProperty(event, 'getModifierState', { value: (k: string) => k === 'CapsLock' && !!options.capsLock });
      input.dispatchEvent(event);
    }
    await this.element.updateComplete;
  }

  /** The Caps Lock warning under the password, if it shows. */
  capsLockWarning(): string {
    return this.#root.querySelector('[part~="caps-lock"]')?.textContent?.trim() ?? '';
  }

  /** "Continue" on the signed-in screen. */
  async continue(): Promise<void> {
    await this.#click('continue-button');
  }

  /** "Sign out" on the task screen. */
  async signOut(): Promise<void> {
    await this.#click('sign-out-button');
  }

  async #click(part: string): Promise<void> {
    const button = this.#root.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
    if (!button) throw new Error(`No ${part} at step ${this.step}`);
    button.click();
    await this.element.updateComplete;
  }

  // ---- enrolling a second factor (Clerk's setup-mfa task) --------------------------------

  /** The methods offered to enrol (`totp`, `phone_code`), while the choice is on screen. */
  enrolMethods(): string[] {
    return [...this.#root.querySelectorAll<HTMLElement>('[part~="method-button"][data-method]')].map((b) => b.dataset['method']!);
  }

  async chooseEnrolMethod(method: 'totp' | 'phone_code'): Promise<void> {
    await this.#click(`method-button"][data-method="${method}`);
  }

  /** The authenticator app's key as the element shows it, without the spaces between its groups. */
  totpSecret(): string | null {
    return this.#root.querySelector('[part~="totp-secret"]')?.textContent?.replace(/\s/g, '') || null;
  }

  /** The backup codes on screen, one per item. */
  backupCodes(): string[] {
    return [...this.#root.querySelectorAll('[part~="backup-codes"] li')].map((li) => li.textContent!.trim());
  }

  /** Ticks (or unticks) "I have saved these codes". */
  async confirmSaved(): Promise<void> {
    await this.#click('saved-checkbox');
  }

  async fillPhone(number: string): Promise<void> {
    this.#type('phone', number);
    await this.element.updateComplete;
  }

  /** "Use another method" during enrolment: back to the list of methods. */
  async otherEnrolMethod(): Promise<void> {
    await this.#click('back-button');
  }

  /** The error shown next to `field`, or at the form when no field is given. */
  errorText(field?: 'identifier' | 'password' | 'code' | 'new-password' | 'phone' | 'saved'): string {
    const selector = field ? `#${field}-error` : '[part~="form-error"]';
    return this.#root.querySelector(selector)?.textContent?.trim() ?? '';
  }

  /** All error text currently shown, joined. */
  allErrors(): string {
    return [...this.#root.querySelectorAll('[part~="error"]')]
      .map((e) => e.textContent?.trim())
      .filter(Boolean)
      .join(' | ');
  }

  /** The explanation under the heading. */
  subtitle(): string {
    return this.#root.querySelector('[part~="subtitle"]')?.textContent?.trim() ?? '';
  }

  heading(): string {
    return this.#root.querySelector('[part~="heading"]')?.textContent?.trim() ?? '';
  }

  /** Informative text (where the code was sent, signed-in message). */
  messageText(): string {
    return [...this.#root.querySelectorAll('[part~="message"]')].map((e) => e.textContent?.trim()).join(' ');
  }

  isBusy(): boolean {
    return this.submitButton()?.getAttribute('aria-disabled') === 'true' && !!this.#root.querySelector('[part~="spinner"]');
  }

  /**
   * Which of `secrets` can be found in the page: the element's markup and
   * attributes (light and shadow DOM), the whole document's markup, the URL and
   * history state, the URLs the page requested, Web Storage, readable cookies;
   * with `fieldValues`, what the element's fields still hold; with `console`,
   * everything logged since `recordConsole()`.
   */
  leakedSecrets(secrets: readonly string[], options: { fieldValues?: boolean; console?: ConsoleRecording } = {}): string[] {
    return secretsFoundIn(this.element, secrets, options);
  }

  /** The element focused inside the shadow root, if any. */
  focused(): Element | null {
    return this.#root.activeElement;
  }
}
