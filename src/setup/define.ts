import { loadClerkScriptEarly } from '../clerk-script.js';
import { ClerkMfaSetupElement } from './clerk-mfa-setup.js';

export const setupTagName = 'clerk-mfa-setup';

/**
 * Registers `<clerk-mfa-setup>` once; a second copy of the script is harmless. Elements already
 * on the page start loading clerk-js first, so its download overlaps their first render.
 */
export function defineSetup(name = setupTagName, registry: CustomElementRegistry = customElements): void {
  if (registry.get(name)) return;
  loadClerkScriptEarly(name);
  registry.define(name, name === setupTagName ? ClerkMfaSetupElement : class extends ClerkMfaSetupElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'clerk-mfa-setup': ClerkMfaSetupElement;
  }
}
