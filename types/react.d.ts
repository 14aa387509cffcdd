/**
 * `<clerk-mfa-sign-in>` in React 19 JSX, checked by tsc:
 *
 *   // env.d.ts (or any module in the program)
 *   import type {} from 'clerk-mfa-sign-in/react';
 *
 *   <clerk-mfa-sign-in publishable-key="pk_..." onsigned-in={(event) => event.detail.userId} />
 *
 * React 19 sets a custom element's known properties as properties, other props as attributes, and
 * turns `on<event>` props into listeners for `<event>`. The props come from the manifest
 * (jsx.generated.d.ts).
 */
import type { CustomElements } from './jsx.generated.js';

export type { ClerkMfaSignInElementProps, CustomElements, ScopedElements } from './jsx.generated.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
