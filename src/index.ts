/**
 * `<clerk-mfa-sign-in>`: importing this module registers the element.
 * Import `clerk-mfa-sign-in/element` (the class module) to register it yourself.
 */
export { ClerkMfaSignInElement } from './clerk-mfa-sign-in.js';
import { define } from './define.js';

define();

export { define, tagName } from './define.js';
export type { ClerkMfaSetupElement } from './setup/clerk-mfa-setup.js';
export type {
  ClerkMfaSetupEventMap,
  MfaChangedDetail,
  MfaErrorDetail,
  ClerkMfaSignInEventMap,
  ClerkMfaSignInEventName,
  PasswordResetDetail,
  SignedInDetail,
  SignInErrorDetail,
  StepChangeDetail,
  TaskRequiredDetail,
} from './events.js';
export type { ClerkLike, ClerkSignInLike, ClerkSessionLike, ClerkFactorLike } from './clerk-types.js';
export type { ErrorKey, MessageKey, Strings, UiKey } from './strings.js';
export type { SecondFactorStrategy } from './strategies.js';
export type { StepName } from './sign-in-types.js';
export type { EnrolMethod } from './mfa/enrol-types.js';
export type { MfaKey, MfaStrings } from './mfa/strings.js';
