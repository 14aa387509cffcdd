import { ClerkMfaSignInElement } from './clerk-mfa-sign-in.js';

export const tagName = 'clerk-mfa-sign-in';

/** Registers `<clerk-mfa-sign-in>` once; a second copy of the script is harmless. */
export function define(name = tagName, registry: CustomElementRegistry = customElements): void {
  if (!registry.get(name)) registry.define(name, name === tagName ? ClerkMfaSignInElement : class extends ClerkMfaSignInElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'clerk-mfa-sign-in': ClerkMfaSignInElement;
  }
}
