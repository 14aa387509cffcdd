/**
 * `<clerk-mfa-sign-in>` and `<clerk-mfa-setup>` in Svelte 5 markup, checked by svelte-check:
 *
 *   // src/env.d.ts
 *   import type {} from 'clerk-mfa-sign-in/svelte';
 *
 *   <clerk-mfa-sign-in publishable-key="pk_..." onsigned-in={(event) => event.detail.userId} />
 *
 * Svelte 5 sets a custom element's known properties as properties, other attributes as attributes,
 * and turns `on<event>` attributes into listeners for `<event>`, as React 19 does, so the props are
 * the manifest's generated ones (jsx.generated.d.ts) on top of Svelte's own HTML attributes.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { ClerkMfaSetupElement, ClerkMfaSignInElement } from '../dist/index.js';
import type { ClerkMfaSetupElementProps, ClerkMfaSignInElementProps } from './jsx.generated.js';

export type { ClerkMfaSetupElementProps, ClerkMfaSignInElementProps } from './jsx.generated.js';

export type ClerkMfaSignInSvelteProps = Omit<HTMLAttributes<ClerkMfaSignInElement>, keyof ClerkMfaSignInElementProps> & ClerkMfaSignInElementProps;
export type ClerkMfaSetupSvelteProps = Omit<HTMLAttributes<ClerkMfaSetupElement>, keyof ClerkMfaSetupElementProps> & ClerkMfaSetupElementProps;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace svelteHTML {
    interface IntrinsicElements {
      'clerk-mfa-sign-in': ClerkMfaSignInSvelteProps;
      'clerk-mfa-setup': ClerkMfaSetupSvelteProps;
    }
  }
}
