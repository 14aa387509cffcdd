/**
 * The part of clerk-js the element uses, as clerk-js 6 shapes it. A real instance
 * (`window.Clerk`) satisfies `ClerkLike`, and so does the fake in `clerk-mfa-sign-in/testing`.
 * Types only: nothing here calls Clerk.
 */
import type { SecondFactorStrategy } from './strategies.js';

/** A second factor as clerk-js describes it (`SignInSecondFactor`). */
export interface ClerkFactorLike {
  strategy: string;
  safeIdentifier?: string;
  phoneNumberId?: string;
  emailAddressId?: string;
  default?: boolean;
  primary?: boolean;
}

/** The part of clerk-js's `SignInResource` the element uses. */
export interface ClerkSignInLike {
  id?: string | null;
  status: string | null;
  supportedSecondFactors: readonly ClerkFactorLike[] | null;
  createdSessionId: string | null;
  /** The first factors Clerk offers for the identifier (`reset_password_email_code` for "Forgot password?"). */
  supportedFirstFactors?: readonly ClerkFactorLike[] | null;
  /** Without a password: the sign-in then waits for a first factor (`needs_first_factor`). */
  create(params: { identifier: string; password?: string }): Promise<ClerkSignInLike>;
  prepareFirstFactor(params: { strategy: 'reset_password_email_code'; emailAddressId: string }): Promise<ClerkSignInLike>;
  attemptFirstFactor(params: { strategy: 'reset_password_email_code'; code: string }): Promise<ClerkSignInLike>;
  prepareSecondFactor(
    params: { strategy: 'phone_code'; phoneNumberId?: string } | { strategy: 'email_code'; emailAddressId?: string },
  ): Promise<ClerkSignInLike>;
  attemptSecondFactor(params: { strategy: SecondFactorStrategy; code: string }): Promise<ClerkSignInLike>;
  resetPassword(params: { password: string; signOutOfOtherSessions?: boolean }): Promise<ClerkSignInLike>;
  /** Replaced by clerk-js with a new object each time an answer from Clerk arrives. */
  secondFactorVerification?: unknown;
}

/** The part of clerk-js's `UserResource` the element reads: who to greet on the signed-in screen. */
export interface ClerkUserLike {
  id: string;
  firstName?: string | null;
  primaryEmailAddress?: { emailAddress: string } | null;
}

/** The part of clerk-js's `SessionResource` the element reads. */
export interface ClerkSessionLike {
  id: string;
  status: string;
  user?: ClerkUserLike | null;
  currentTask?: { key: string } | null;
  tasks?: readonly { key: string }[] | null;
}

/**
 * The part of a `Clerk` instance the element uses. A real clerk-js 6 instance
 * (`window.Clerk`) satisfies it, and so does the fake in `clerk-mfa-sign-in/testing`.
 */
export interface ClerkLike {
  loaded: boolean;
  /** Present on the instance clerk.browser.js creates; the element calls it only for that one. */
  load?(options?: { telemetry?: boolean | object; experimental?: object }): Promise<unknown>;
  /** clerk-js's status events (`ready` once loaded): heard while a page's own instance loads. */
  on?(event: 'status', handler: () => void): void;
  client: { signIn: ClerkSignInLike; sessions?: readonly ClerkSessionLike[] } | null | undefined;
  session: ClerkSessionLike | null | undefined;
  user?: ClerkUserLike | null | undefined;
  setActive(params: {
    session: string;
    navigate?: (params: { session: ClerkSessionLike }) => void | Promise<unknown>;
  }): Promise<void>;
  /** Ends `sessionId` (the only one: the client's), then calls `callback` instead of navigating. */
  signOut?(callback: () => void, options: { sessionId: string }): Promise<unknown>;
}
