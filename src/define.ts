import { ClerkMfaSignInElement } from './clerk-mfa-sign-in.js';
import { loadClerkScriptEarly } from './clerk-script.js';

export const tagName = 'clerk-mfa-sign-in';

/**
 * Registers `<clerk-mfa-sign-in>` once; a second copy of the script is harmless. Elements already
 * on the page start loading clerk-js first, so its download overlaps their first render.
 */
export function define(name = tagName, registry: CustomElementRegistry = customElements): void {
  if (registry.get(name)) return;
  loadClerkScriptEarly(name);
  registry.define(name, name === tagName ? ClerkMfaSignInElement : class extends ClerkMfaSignInElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'clerk-mfa-sign-in': ClerkMfaSignInElement;
  }
}
