/**
 * `<clerk-mfa-sign-in>` and `<clerk-mfa-setup>` in React 19 JSX, checked by tsc:
 *
 *   // env.d.ts (or any module in the program)
 *   import type {} from 'clerk-mfa-sign-in/react';
 *
 *   <clerk-mfa-sign-in publishable-key="pk_..." onsigned-in={(event) => event.detail.userId} />
 *   <clerk-mfa-setup publishable-key="pk_..." onmfa-changed={(event) => event.detail.method} />
 *
 * React 19 sets a custom element's known properties as properties, other props as attributes, and
 * turns `on<event>` props into listeners for `<event>`. The props come from the manifest
 * (jsx.generated.d.ts).
 */
import type { CustomElements } from './jsx.generated.js';

export type { ClerkMfaSetupElementProps, ClerkMfaSignInElementProps, CustomElements, ScopedElements } from './jsx.generated.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
