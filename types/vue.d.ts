/**
 * `<clerk-mfa-sign-in>` and `<clerk-mfa-setup>` in Vue templates, checked by vue-tsc (`strictTemplates` included):
 *
 *   // env.d.ts
 *   import type {} from 'clerk-mfa-sign-in/vue';
 *
 * Attributes, properties and event handlers come from the manifest's generated props
 * (jsx.generated.d.ts), renamed the way Vue's template compiler names them: `:publishable-key`
 * is the prop `publishableKey`, `@signed-in` the prop `onSignedIn`, `@mfa-changed` the prop `onMfaChanged`.
 */
import type { DefineComponent } from 'vue';
import type { ClerkMfaSetupElementProps, ClerkMfaSignInElementProps } from './jsx.generated.js';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** Vue's name for each generated prop: `no-store-credentials` → `noStoreCredentials`, `onsigned-in` → `onSignedIn`. */
export type VueProps<Props> = {
  [Key in keyof Props as Key extends string
    ? Props[Key] extends ((event: never) => void) | undefined
      ? Key extends `on${infer Name}`
        ? `on${Capitalize<CamelCase<Name>>}`
        : CamelCase<Key>
      : CamelCase<Key>
    : never]+?: Props[Key];
};

export type ClerkMfaSignInVueProps = VueProps<ClerkMfaSignInElementProps>;
export type ClerkMfaSetupVueProps = VueProps<ClerkMfaSetupElementProps>;

export type CustomElements = {
  'clerk-mfa-sign-in': DefineComponent<ClerkMfaSignInVueProps>;
  'clerk-mfa-setup': DefineComponent<ClerkMfaSetupVueProps>;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends CustomElements {}
}
