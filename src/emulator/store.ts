/** In-memory state: users, clients, sign-ins, sessions, inbox. */
import type { StoredClient, StoredPhoneNumber, StoredSession, StoredSignIn, StoredUser } from './records.js';
import { decodePasswordHash, digestCode, hashPassword, randomId, type PasswordHash } from './security.js';
import type { EmulatorMessage, EmulatorPhoneNumber, EmulatorUser } from './types.js';
import { hasStrongSecondFactor, normalizeBackupCode, settleDefaultPhone } from './user-factors.js';

export class Store {
  users = new Map<string, StoredUser>();
  usersByEmail = new Map<string, StoredUser>();
  clients = new Map<string, StoredClient>();
  /** `__client` cookie values and dev browser tokens, each naming a client. */
  clientKeys = new Map<string, string>();
  devBrowsers = new Set<string>();
  signIns = new Map<string, StoredSignIn>();
  sessions = new Map<string, StoredSession>();
  inbox: EmulatorMessage[] = [];
  /** Users are hashed asynchronously: additions run one after the other, requests wait for them. */
  #adding: Promise<unknown> = Promise.resolve();

  constructor(private readonly now: () => number) {}

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

  /**
   * Adds (or replaces) users in order, after the additions still under way; their passwords are
   * hashed in parallel. Adds none if one is invalid.
   */
  addUsers(inputs: EmulatorUser[]): Promise<StoredUser[]> {
    if (!Array.isArray(inputs)) return Promise.reject(new TypeError('users must be an array'));
    const adding = this.#adding.then(() => this.#insertUsers(inputs));
    this.#adding = adding.catch(() => {});
    return adding;
  }

  /** Resolves once every addition made so far is stored. */
  usersSettled(): Promise<void> {
    return this.#adding.then(() => {});
  }

  async #insertUsers(inputs: EmulatorUser[]): Promise<StoredUser[]> {
    for (const input of inputs) {
      if (!input || typeof input.email !== 'string' || !input.email.includes('@')) throw new TypeError('a user needs an email');
      if (typeof input.password !== 'string' || input.password === '') throw new TypeError(`user ${input.email} needs a password`);
      const phones = input.phone_numbers ?? [];
      if (!Array.isArray(phones) || phones.some((phone) => typeof phone?.phone_number !== 'string')) {
        throw new TypeError(`user ${input.email} has phone_numbers that are not [{"phone_number": "+1..."}]`);
      }
    }
    const hashes = await Promise.all(
      inputs.map((input) => {
        if (input.password_digest === undefined) return hashPassword(input.password);
        const stored = typeof input.password_digest === 'string' ? decodePasswordHash(input.password_digest) : null;
        if (!stored) throw new TypeError(`user ${input.email} has a password_digest not made by hashPasswordDigest()`);
        return stored;
      }),
    );
    return inputs.map((input, index) => this.#insertUser(input, hashes[index]!));
  }

  #insertUser(input: EmulatorUser, password: PasswordHash): StoredUser {
    const email = input.email.trim().toLowerCase();
    const now = this.now();
    const previous = this.usersByEmail.get(email);
    const firstName = input.first_name ?? null;
    const phones: EmulatorPhoneNumber[] = [
      ...(input.phone_number ? [{ phone_number: input.phone_number, reserved_for_second_factor: true, default_second_factor: true }] : []),
      ...(input.phone_numbers ?? []),
    ];
    const user: StoredUser = {
      id: previous?.id ?? randomId('user'),
      email,
      emailId: randomId('idn'),
      phoneNumbers: phones.map((phone) =>
        newPhoneNumber(phone.phone_number, now, {
          verified: phone.verified !== false,
          reserved: phone.reserved_for_second_factor === true,
          isDefault: phone.default_second_factor === true,
        }),
      ),
      firstName,
      lastName: input.last_name ?? null,
      password,
      totp: input.totp_secret ? { id: randomId('totp'), secret: input.totp_secret.replace(/\s+/g, '').toUpperCase(), createdAt: now } : null,
      lastTotpCounter: -1,
      pendingTotp: null,
      backupCodes: (input.backup_codes ?? []).map((code) => digestCode(normalizeBackupCode(code))),
      tasks: [...new Set(input.tasks ?? [])],
      passwordResetRequired: input.password_reset_required === true,
      organizations: [],
      limits: { ...(input.limits ?? {}) },
      clientTrust: typeof input.client_trust === 'boolean' ? input.client_trust : null,
      failedAttempts: 0,
      lockedUntil: 0,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      mfaEnabledAt: null,
      mfaDisabledAt: null,
    };
    settleDefaultPhone(user);
    if (hasStrongSecondFactor(user)) user.mfaEnabledAt = now;
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

/** A phone number, unverified unless said otherwise (a reserved number sends second-factor codes once verified). */
export function newPhoneNumber(number: string, now: number, { verified = false, reserved = false, isDefault = false } = {}): StoredPhoneNumber {
  return {
    id: randomId('idn'),
    number,
    verified,
    verification: null,
    reservedForSecondFactor: reserved,
    defaultSecondFactor: verified && reserved && isDefault,
    createdAt: now,
    updatedAt: now,
  };
}
