/**
 * `<clerk-mfa-setup>` as a user works it, for the tests with the real clerk-js: its parts by
 * role, clicks by the name a screen reader reads, and waits for the view or the answer.
 */
import '../../../src/setup/index.js';
import type { ClerkMfaSetupElement } from '../../../src/setup/clerk-mfa-setup.js';
import type { MfaChangedDetail, MfaErrorDetail } from '../../../src/events.js';

export class SetupPage {
  readonly changes: MfaChangedDetail[] = [];
  readonly errors: MfaErrorDetail[] = [];

  constructor(readonly el: ClerkMfaSetupElement) {
    el.addEventListener('mfa-changed', (e) => this.changes.push(e.detail));
    el.addEventListener('mfa-error', (e) => this.errors.push(e.detail));
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  part(name: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  parts(name: string): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
  }

  text(name: string): string {
    return this.part(name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The name a screen reader reads for a button. */
  static nameOf(button: HTMLElement): string {
    return (button.getAttribute('aria-label') ?? button.textContent ?? '').replace(/[\u2066\u2069]/g, '').replace(/\s+/g, ' ').trim();
  }

  async waitFor<T>(check: () => T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value as NonNullable<T>;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what} (view ${this.el.view}; error "${this.text('form-error')}")`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async waitForView(view: string, timeoutMs?: number): Promise<void> {
    await this.waitFor(() => this.el.view === view && !this.busy(), `the ${view} view`, timeoutMs);
    await this.el.updateComplete;
  }

  busy(): boolean {
    return this.el.busy;
  }

  /** The error under a field (`code`, `password`, `phone`). */
  fieldError(name: string): string {
    return this.root.querySelector(`#${name}-error`)?.textContent?.trim() ?? '';
  }

  async click(part: string, name?: RegExp): Promise<void> {
    const button = this.parts(part).find((b) => !name || name.test(SetupPage.nameOf(b)));
    if (!button) throw new Error(`no ${part}${name ? ` named ${name}` : ''} (view ${this.el.view})`);
    button.click();
    await this.el.updateComplete;
  }

  async type(part: string, value: string): Promise<void> {
    const input = this.part(part) as HTMLInputElement | null;
    if (!input) throw new Error(`no ${part} (view ${this.el.view})`);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }

  /** Types into a field and sends its form (a 6-digit code sends itself). */
  async enter(part: string, value: string): Promise<void> {
    await this.type(part, value);
    const input = this.part(part) as HTMLInputElement;
    if (this.el.view !== 'reverify' || !/^\d{6}$/.test(value)) input.form?.requestSubmit();
    await this.el.updateComplete;
  }

  /** The key for manual entry, without its spaces. */
  secret(): string {
    return this.text('totp-secret').replace(/\s/g, '');
  }

  backupCodes(): string[] {
    return [...(this.part('backup-codes')?.querySelectorAll('li') ?? [])].map((li) => li.textContent!.trim());
  }

  /** The rows of the numbers reserved for SMS codes: number (E.164) and whether it is the default. */
  phones(): { number: string; isDefault: boolean }[] {
    return [...this.root.querySelectorAll<HTMLElement>('[data-phone-id]')].map((row) => ({
      number: row.querySelector('data[dir="ltr"]')!.getAttribute('value')!,
      isDefault: !!row.querySelector('[part~="badge"]'),
    }));
  }

  /** "On" or "Off" beside a method. */
  status(method: 'totp' | 'phone_code' | 'backup_code'): string {
    return this.root.querySelector(`[data-method="${method}"] [part~="status"]`)?.textContent?.trim() ?? '';
  }

  focusedId(): string | undefined {
    return (this.root.activeElement as HTMLElement | null)?.id;
  }
}
