/** The shapes of what the emulator stores: users and their factors, sign-ins, sessions, clients. */
import type { PasswordHash } from './security.js';
import type { EmulatorLimits, SessionTaskKey } from './types.js';

export type FirstFactorStrategy = 'password' | 'email_code' | 'reset_password_email_code';
export type SecondFactorStrategy = 'totp' | 'backup_code' | 'phone_code' | 'email_code';

export interface Organization {
  id: string;
  name: string;
  slug: string;
  membershipId: string;
  role: string;
  createdAt: number;
}

export interface StoredPhoneNumber {
  id: string;
  /** E.164. */
  number: string;
  verified: boolean;
  /** The code sent to verify the number (`prepare_verification`), until it is verified. */
  verification: Verification | null;
  reservedForSecondFactor: boolean;
  defaultSecondFactor: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredTotp {
  id: string;
  /** Base32. */
  secret: string;
  createdAt: number;
}

export interface StoredUser {
  id: string;
  email: string;
  emailId: string;
  phoneNumbers: StoredPhoneNumber[];
  firstName: string | null;
  lastName: string | null;
  password: PasswordHash;
  /** The authenticator app in force. */
  totp: StoredTotp | null;
  /** Highest TOTP step counter accepted so far: codes of that step or older are refused. */
  lastTotpCounter: number;
  /** TOTP enrolment started through /v1/me/totp and not yet verified. */
  pendingTotp: StoredTotp | null;
  /** Keyed digests of the unused backup codes. */
  backupCodes: Buffer[];
  tasks: SessionTaskKey[];
  /** A correct password leads to `needs_new_password` until the user sets a new one. */
  passwordResetRequired: boolean;
  organizations: Organization[];
  limits: Partial<EmulatorLimits>;
  clientTrust: boolean | null;
  failedAttempts: number;
  /** Password and code checks under way, each counted as a failure until it is settled (`protection.ts`). */
  checksInFlight: number;
  lockedUntil: number;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  mfaEnabledAt: number | null;
  mfaDisabledAt: number | null;
}

export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired';

export interface Verification {
  strategy: FirstFactorStrategy | SecondFactorStrategy;
  status: VerificationStatus;
  attempts: number | null;
  expireAt: number | null;
  /** For a code sent by SMS or email: its digest. */
  codeDigest?: Buffer;
}

export type SignInStatus = 'needs_first_factor' | 'needs_new_password' | 'needs_second_factor' | 'needs_client_trust' | 'complete';

export interface StoredSignIn {
  id: string;
  clientId: string;
  userId: string;
  identifier: string;
  status: SignInStatus;
  firstFactor: Verification | null;
  secondFactor: Verification | null;
  createdSessionId: string | null;
  clientTrustState: 'new' | 'known' | null;
  createdAt: number;
  abandonAt: number;
}

export type SessionStatus = 'active' | 'pending' | 'ended' | 'removed' | 'revoked';

export type ReverificationLevel = 'first_factor' | 'second_factor' | 'multi_factor';

/** A reverification under way on a session (`POST /v1/client/sessions/{id}/verify`). */
export interface StoredReverification {
  /** The level asked for, after Clerk's fallback to `first_factor` for a user without a second factor. */
  level: ReverificationLevel;
  status: 'needs_first_factor' | 'needs_second_factor' | 'complete';
  firstFactor: Verification | null;
  secondFactor: Verification | null;
}

/** The browser a session was started from, for `GET /v1/me/sessions/active`. */
export interface SessionActivity {
  id: string;
  userAgent: string;
  ipAddress: string;
}

export interface StoredSession {
  id: string;
  clientId: string;
  userId: string;
  status: SessionStatus;
  tasks: SessionTaskKey[];
  lastActiveOrganizationId: string | null;
  /** When a first (and a second) factor was last verified: at sign-in, then by reverification. */
  firstFactorAt: number;
  secondFactorAt: number | null;
  verification: StoredReverification | null;
  activity: SessionActivity;
  lastActiveToken: string | null;
  createdAt: number;
  updatedAt: number;
  lastActiveAt: number;
  expireAt: number;
  abandonAt: number;
}

export interface StoredClient {
  id: string;
  /** Known by a dev browser token, not the `__client` cookie: its tokens are issued by the dev-browser key's Frontend API. */
  devBrowser: boolean;
  signInId: string | null;
  sessionIds: string[];
  lastActiveSessionId: string | null;
  lastAuthenticationStrategy: string | null;
  /** Users who completed a sign-in on this client (Client Trust: "known"). */
  trustedUserIds: Set<string>;
  /** When a session was last started, switched to or ended here: the `__client_uat` cookie (`auth-cookies.ts`). */
  sessionsChangedAt: number;
  createdAt: number;
  updatedAt: number;
}
