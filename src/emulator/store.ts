/** In-memory state: users, clients, sign-ins, sessions, inbox. */
import type { EmulatorLimits, EmulatorMessage, EmulatorUser, SessionTaskKey } from './types.js';
import { LruMap } from './lru.js';
import { decodePasswordHash, digestCode, hashPassword, randomId, type PasswordHash } from './security.js';
import { checkUsers } from './user-input.js';

export interface Organization {
  id: string;
  name: string;
  slug: string;
  membershipId: string;
  role: string;
  createdAt: number;
}

export interface StoredUser {
  id: string;
  email: string;
  emailId: string;
  phone: string | null;
  phoneId: string | null;
  firstName: string | null;
  lastName: string | null;
  password: PasswordHash;
  totpSecret: string | null;
  /** Highest TOTP step counter accepted so far: codes of that step or older are refused. */
  lastTotpCounter: number;
  /** TOTP enrolment started through /v1/me/totp and not yet verified. */
  pendingTotp: { id: string; secret: string; createdAt: number } | null;
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
}

export type VerificationStatus = 'unverified' | 'verified' | 'failed' | 'expired';

export type SecondFactorStrategy = 'totp' | 'backup_code' | 'phone_code' | 'email_code';

export interface Verification {
  strategy: 'password' | SecondFactorStrategy;
  status: VerificationStatus;
  attempts: number | null;
  expireAt: number | null;
  /** For phone_code/email_code: digest of the code sent. */
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

export interface StoredSession {
  id: string;
  clientId: string;
  userId: string;
  status: SessionStatus;
  tasks: SessionTaskKey[];
  lastActiveOrganizationId: string | null;
  firstFactorAt: number;
  secondFactorAt: number | null;
  lastActiveToken: string | null;
  createdAt: number;
  updatedAt: number;
  lastActiveAt: number;
  expireAt: number;
  abandonAt: number;
}

export interface StoredClient {
  id: string;
  signInId: string | null;
  sessionIds: string[];
  lastActiveSessionId: string | null;
  lastAuthenticationStrategy: string | null;
  /** Users who completed a sign-in on this client (Client Trust: "known"). */
  trustedUserIds: Set<string>;
  createdAt: number;
  updatedAt: number;
}

/** Codes kept in the inbox: older ones are forgotten. */
export const MAX_MESSAGES = 1_000;

export class Store {
  users = new Map<string, StoredUser>();
  usersByEmail = new Map<string, StoredUser>();
  /** What browsers leave behind, each kept to `capacity()` entries, least recently used forgotten first. */
  clients: Map<string, StoredClient>;
  /** `__client` cookie values and dev browser tokens, each naming a client. */
  clientKeys: Map<string, string>;
  /** Dev browser tokens, with when each was made. */
  devBrowsers: Map<string, number>;
  signIns: Map<string, StoredSignIn>;
  sessions: Map<string, StoredSession>;
  inbox: EmulatorMessage[] = [];
  /** Users are hashed asynchronously: additions run one after the other, requests wait for them. */
  #adding: Promise<unknown> = Promise.resolve();

  /** @param capacity how many clients (and as many dev browsers, sign-ins, sessions) are kept */
  constructor(
    private readonly now: () => number,
    capacity: () => number = () => Infinity,
  ) {
    this.clients = new LruMap(capacity);
    this.clientKeys = new LruMap(capacity);
    this.devBrowsers = new LruMap(capacity);
    this.signIns = new LruMap(capacity);
    this.sessions = new LruMap(capacity);
  }

  /** Forgets everything but the users (whose lockouts and replay state are cleared). */
  reset(): void {
    this.clients.clear();
    this.clientKeys.clear();
    this.devBrowsers.clear();
    this.signIns.clear();
    this.sessions.clear();
    this.inbox = [];
    for (const user of this.users.values()) {
      user.failedAttempts = 0;
      user.lockedUntil = 0;
    }
  }

  /** A code "sent": into the inbox, which keeps the last `MAX_MESSAGES`. */
  receive(message: EmulatorMessage): void {
    this.inbox.push(message);
    // Trimmed in batches, so a long run does not copy the inbox on every message.
    if (this.inbox.length > MAX_MESSAGES * 1.1) this.inbox = this.inbox.slice(-MAX_MESSAGES);
  }

  /**
   * Adds (or replaces) users in order, after the additions still under way; their passwords are
   * hashed in parallel. Adds none if one is invalid (`user-input.ts`).
   */
  addUsers(inputs: EmulatorUser[]): Promise<StoredUser[]> {
    try {
      checkUsers(inputs);
    } catch (error) {
      return Promise.reject(error);
    }
    const adding = this.#adding.then(() => this.#insertUsers(inputs));
    this.#adding = adding.catch(() => {});
    return adding;
  }

  /** Resolves once every addition made so far is stored. */
  usersSettled(): Promise<void> {
    return this.#adding.then(() => {});
  }

  async #insertUsers(inputs: EmulatorUser[]): Promise<StoredUser[]> {
    // Checked whole before: nothing below can fail half-way.
    const hashes = await Promise.all(inputs.map((input) => (input.password_digest ? decodePasswordHash(input.password_digest)! : hashPassword(input.password))));
    return inputs.map((input, index) => this.#insertUser(input, hashes[index]!));
  }

  #insertUser(input: EmulatorUser, password: PasswordHash): StoredUser {
    const email = input.email.trim().toLowerCase();
    const now = this.now();
    const previous = this.usersByEmail.get(email);
    const firstName = input.first_name ?? null;
    const user: StoredUser = {
      id: previous?.id ?? randomId('user'),
      email,
      emailId: randomId('idn'),
      phone: input.phone_number ?? null,
      phoneId: input.phone_number ? randomId('idn') : null,
      firstName,
      lastName: input.last_name ?? null,
      password,
      totpSecret: input.totp_secret ? input.totp_secret.replace(/\s+/g, '').toUpperCase() : null,
      lastTotpCounter: -1,
      pendingTotp: null,
      backupCodes: (input.backup_codes ?? []).map((code) => digestCode(normalizeBackupCode(code))),
      tasks: [...new Set(input.tasks ?? [])],
      passwordResetRequired: input.password_reset_required === true,
      organizations: [],
      limits: { ...(input.limits ?? {}) },
      clientTrust: typeof input.client_trust === 'boolean' ? input.client_trust : null,
      failedAttempts: 0,
      checksInFlight: 0,
      lockedUntil: 0,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      mfaEnabledAt: input.totp_secret || input.phone_number ? now : null,
    };
    if (user.tasks.includes('choose-organization')) {
      const name = `${firstName ?? email.split('@')[0]}'s Organization`;
      user.organizations.push({
        id: randomId('org'),
        name,
        slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
        membershipId: randomId('orgmem'),
        role: 'org:admin',
        createdAt: now,
      });
    }
    if (previous) this.users.delete(previous.id);
    this.users.set(user.id, user);
    this.usersByEmail.set(email, user);
    return user;
  }

  findUserByIdentifier(identifier: string): StoredUser | undefined {
    return this.usersByEmail.get(identifier.trim().toLowerCase());
  }

  createClient(): StoredClient {
    const now = this.now();
    const client: StoredClient = {
      id: randomId('client'),
      signInId: null,
      sessionIds: [],
      lastActiveSessionId: null,
      lastAuthenticationStrategy: null,
      trustedUserIds: new Set(),
      createdAt: now,
      updatedAt: now,
    };
    this.clients.set(client.id, client);
    return client;
  }

  /** Sessions that still count for the client (not ended or removed). */
  liveSessions(client: StoredClient): StoredSession[] {
    return client.sessionIds
      .map((id) => this.sessions.get(id))
      .filter((session): session is StoredSession => !!session && (session.status === 'active' || session.status === 'pending'));
  }
}

/** The second factors a user has, in the order Clerk lists them: authenticator app, SMS, backup codes. */
export function secondFactorStrategies(user: StoredUser): SecondFactorStrategy[] {
  const strategies: SecondFactorStrategy[] = [];
  if (user.totpSecret) strategies.push('totp');
  if (user.phone && user.phoneId) strategies.push('phone_code');
  if (user.backupCodes.length > 0) strategies.push('backup_code');
  return strategies;
}

/**
 * A backup code as Clerk compares it, applied alike to the stored codes and to what is typed:
 * NFKC (full-width letters and digits become ASCII), no whitespace, no dash of any kind (hyphen,
 * en and em dashes, minus sign, small and full-width hyphens), lower case. So `h2j6-b8n4`,
 * `h2j6b8n4`, `H2J6–B8N4` and ` h2j6 b8n4 ` are one code.
 */
export function normalizeBackupCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\p{Pd}\u2212]/gu, '').toLowerCase();
}
