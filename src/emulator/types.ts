/** Public types of the Clerk Frontend API emulator. */
import type { FaultRule } from './faults.js';

export const SESSION_TASK_KEYS = ['choose-organization', 'reset-password', 'setup-mfa'] as const;
export type SessionTaskKey = (typeof SESSION_TASK_KEYS)[number];

/** A user the emulator knows. Only `email` and `password` (or `password_digest`) are required. */
export interface EmulatorUser {
  email: string;
  /** Required unless `password_digest` is given. */
  password?: string;
  /**
   * The scrypt digest of `password` from `hashPasswordDigest()`, stored as is instead of hashing
   * `password` again: large sets of users load without spending a hash each.
   */
  password_digest?: string;
  first_name?: string;
  last_name?: string;
  /** Base32 TOTP secret of 16 characters or more (SHA-1, 6 digits, 30 s steps); spaces and case do not matter. */
  totp_secret?: string;
  backup_codes?: string[];
  /**
   * Unused backup codes as `GET /__clerk/_emulator/users` exports them: the SHA-256 of each
   * normalised code, base64url. Kept beside `backup_codes` (the codes themselves).
   */
  backup_code_digests?: string[];
  /**
   * E.164 phone number used for SMS codes as a second factor: short for one entry of
   * `phone_numbers`, verified, reserved for second factor and the default one.
   */
  phone_number?: string;
  /** The user's phone numbers (after `phone_number`, if given). */
  phone_numbers?: EmulatorPhoneNumber[];
  /** Tasks the session is left pending with after sign-in. */
  tasks?: SessionTaskKey[];
  /**
   * The user must choose a new password, as after an administrator's reset: a correct password
   * answers `needs_new_password`, and `POST /v1/client/sign_ins/{id}/reset_password` (Clerk's
   * password rules apply) sets the new one and clears this flag.
   */
  password_reset_required?: boolean;
  /**
   * Limits for this user only (rate limits, lockout, code expiry), on top of the emulator's.
   * Lets a test shorten or raise limits for its own fresh user without affecting other tests.
   */
  limits?: Partial<EmulatorLimits>;
  /** Client Trust for this user only, overriding the emulator's `clientTrust` option. */
  client_trust?: boolean;
}

/** A JWT template (Clerk's), by name in `EmulatorOptions.tokenTemplates`: what `session.getToken({ template })` gets. */
export interface TokenTemplate {
  /**
   * The claims, any JSON; text may hold Clerk's shortcodes (`{{user.id}}`, `{{user.primary_email_address}}`,
   * `{{org.slug}}`...). Clerk's own claims (`sub`, `iss`, `azp`, `exp`, `iat`, `nbf`, `jti`) are set over them.
   */
  claims: Record<string, unknown>;
  /** Token lifetime in seconds (default: the session token's, 60). */
  lifetimeSeconds?: number;
}

/** A phone number of a user, as `EmulatorUser.phone_numbers` lists it. */
export interface EmulatorPhoneNumber {
  /** E.164, e.g. `+15555550100`. */
  phone_number: string;
  /** Default true; an unverified number must be verified (`/v1/me/phone_numbers/{id}/...`) before use. */
  verified?: boolean;
  /** Sends second-factor codes (default false). Only verified numbers can be reserved. */
  reserved_for_second_factor?: boolean;
  /** The default among the reserved numbers; when none is marked, the first reserved one. */
  default_second_factor?: boolean;
}

/**
 * Clerk's reverification levels: how recent the session's factor verification must be for a
 * sensitive action, and which factors renew it (`strict_mfa`: both, 10 minutes; `strict`: the
 * strongest the user has, 10 minutes; `moderate`: 1 hour; `lax`: 1 day).
 */
export type ReverificationPreset = 'strict_mfa' | 'strict' | 'moderate' | 'lax';

/** Security limits. Defaults follow Clerk's documented behaviour. */
export interface EmulatorLimits {
  /** Failed password or code attempts before the user is locked (Clerk: 10). */
  lockoutAttempts: number;
  /** How long a locked user stays locked (Clerk: 1 hour). */
  lockoutSeconds: number;
  /** Lifetime of an SMS or email code (Clerk: 10 minutes). */
  codeTtlSeconds: number;
  /** Wrong tries allowed per SMS or email code (Clerk: 3). */
  codeMaxAttempts: number;
  /** Sign-in creations per client and user in one window (Clerk: 5 per 10 s). */
  signInCreateLimit: number;
  /** First/second factor attempts per client and user in one window (Clerk: 3 per 10 s). */
  signInAttemptLimit: number;
  /**
   * Sign-in creations and factor attempts for one identifier (email) in one window, from every
   * client together, so fresh clients cannot multiply the per-client limits (20 per 10 s).
   */
  identifierLimit: number;
  /** Window of the per-client limits, in seconds (Clerk: 10). */
  rateLimitWindowSeconds: number;
  /** Requests per IP address in one IP window: loose, so many people behind one address never meet it. */
  ipLimit: number;
  /** Window of the per-IP limit, in seconds. */
  ipWindowSeconds: number;
  /** Session token (JWT) lifetime in seconds (Clerk: 60). */
  tokenLifetimeSeconds: number;
  /** Session lifetime in seconds (Clerk: 7 days). */
  sessionLifetimeSeconds: number;
  /**
   * How old a session's factor verification may be before a sensitive action answers
   * `session_reverification_required` (default: the reverification level's age, `strict`: 10 minutes).
   */
  reverificationSeconds: number;
  /**
   * Clients kept at once, and as many dev browsers, sign-ins and sessions: past it the least
   * recently used is forgotten (10,000; a few megabytes). Sign-ins are also dropped once abandoned
   * (24 hours), sessions once expired.
   */
  maxClients: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = Object.freeze({
  lockoutAttempts: 10,
  lockoutSeconds: 3600,
  codeTtlSeconds: 600,
  codeMaxAttempts: 3,
  signInCreateLimit: 5,
  signInAttemptLimit: 3,
  identifierLimit: 20,
  rateLimitWindowSeconds: 10,
  ipLimit: 5000,
  ipWindowSeconds: 10,
  tokenLifetimeSeconds: 60,
  sessionLifetimeSeconds: 7 * 24 * 3600,
  reverificationSeconds: 600,
  maxClients: 10_000,
});

/** A code that would have been sent by SMS or email. */
export interface EmulatorMessage {
  to: string;
  channel: 'sms' | 'email';
  code: string;
  /** Milliseconds since the epoch. */
  sent_at: number;
}

/** One Frontend API response, as seen by an `onResponse` observer. */
export interface EmulatorResponse {
  /** Effective method (after `_method` override), upper case. */
  method: string;
  /** Path below the `/__clerk` prefix, without query, e.g. `/v1/client/sign_ins`. */
  path: string;
  status: number;
  /** The JSON body sent. */
  body: unknown;
}

export interface EmulatorOptions {
  users: EmulatorUser[];
  /**
   * Origins of pages served elsewhere than the emulator that may use its Frontend API from a
   * browser, e.g. `['http://localhost:3000']` (Clerk's allowed origins). The emulator's own origin
   * is always allowed; requests from any other origin are refused with `origin_invalid`.
   */
  allowedOrigins?: string[];
  /**
   * Host names the emulator answers to besides localhost, 127.0.0.1, [::1] and the address it
   * listens on (any port), e.g. `['app.test']`. Requests for any other `Host` get 421 `host_invalid`.
   */
  allowedHosts?: string[];
  /**
   * Clerk's multi-session mode (`single_session_mode: false`): signing in another account adds
   * its session to the browser's; `setActive` switches between them, signing one out leaves the others.
   */
  multiSession?: boolean;
  /** JWT templates by name, for `session.getToken({ template })`; also `POST /__clerk/_emulator/token_templates`. */
  tokenTemplates?: Record<string, TokenTemplate>;
  /** Clerk's Client Trust: a user without a second factor on a new client must verify an email code. */
  clientTrust?: boolean;
  /**
   * Clerk's "require multi-factor authentication": a user without a second factor signs in to a
   * pending session with the `setup-mfa` task, completed by enrolling one through `/v1/me`.
   */
  requireMfa?: boolean;
  /**
   * The level sensitive `/v1/me` actions (adding or removing an authenticator app, an SMS number,
   * backup codes) require; `false` never asks. Default `strict`. Its age can be changed with
   * `limits.reverificationSeconds`.
   */
  reverification?: ReverificationPreset | false;
  limits?: Partial<EmulatorLimits>;
  /**
   * `strong` (default): scrypt at N=16384, about 60 ms of CPU per password check. `fast`: scrypt
   * at N=16, for test suites that sign in over and over (a few hundred sign-ins per second);
   * unsafe outside tests, and logged as such. Lockout, rate limits, the constant-time comparison
   * and the decoy check for unknown identifiers work the same with both.
   */
  passwordHashing?: 'strong' | 'fast';
  /** Clock in milliseconds (tests move time instead of sleeping). */
  now?: () => number;
  /** Called for every SMS/email code "sent". */
  onMessage?: (message: EmulatorMessage) => void;
  /** Called with one line per notable event. */
  log?: (line: string) => void;
  /** Observer of every JSON body the Frontend API sends (e.g. a conformance recorder). */
  onResponse?: (response: EmulatorResponse) => void;
  /**
   * A JSON file the state is kept in across restarts (`--data`): loaded at start, written back
   * (atomically) shortly after each change and by `flush()` / `close()`. Without it, state lives
   * in memory only. The `users` given add those the file does not have.
   */
  dataFile?: string;
  /** Faults injected from the start (delays, errors, resets, hung requests); see `FaultRule`. */
  faults?: FaultRule[];
}

export interface ListenOptions {
  port?: number;
  host?: string;
  /** Served at `/`, so a page and the API share one origin. */
  staticDir?: string;
  /** Allow binding to an address other than loopback. */
  allowNonLoopback?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 when nothing was answered (a connection reset or a hung request). */
  status: number;
  at: number;
  /** Id of the injected fault applied to this request, if any. */
  fault?: string;
  /** The client that made the request (clerk-js's `client.id`), once there is one: tells apart browsers sharing one emulator. */
  client?: string;
}
