/** In-memory state: users, clients, sign-ins, sessions, inbox. */
import type { StoredClient, StoredPhoneNumber, StoredSession, StoredSignIn, StoredUser } from './records.js';
import { LruMap } from './lru.js';
import { decodeCodeDigest, decodePasswordHash, digestCode, hashPasswordLater, randomId, type PasswordHash, type PasswordHashing } from './security.js';
import type { EmulatorMessage, EmulatorPhoneNumber, EmulatorUser } from './types.js';
import { hasStrongSecondFactor, normalizeBackupCode, settleDefaultPhone } from './user-factors.js';
import { checkUsers } from './user-input.js';

/** Codes kept in the inbox: older ones are forgotten. */
export const MAX_MESSAGES = 1_000;

/** Everything the store holds, as plain records in their order (least recently used first): what `--data` keeps. */
export interface StoreState {
  users: StoredUser[];
  clients: StoredClient[];
  clientKeys: Array<[string, string]>;
  devBrowsers: Array<[string, number]>;
  signIns: StoredSignIn[];
  sessions: StoredSession[];
  inbox: EmulatorMessage[];
}

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
  /** Additions run one after the other; requests wait for them. */
  #adding: Promise<unknown> = Promise.resolve();
  /**
   * The passwords of added users, hashed in the background one after the other once
   * `startHashing()` is called (a check waits for its own).
   */
  #hashing: Promise<unknown>;
  #startHashing: () => void = () => {};

  /** @param capacity how many clients (and as many dev browsers, sign-ins, sessions) are kept */
  constructor(
    private readonly now: () => number,
    capacity: () => number = () => Infinity,
    /** How the passwords of added users are hashed. */
    readonly passwordHashing: PasswordHashing = 'strong',
  ) {
    this.clients = new LruMap(capacity);
    this.clientKeys = new LruMap(capacity);
    this.devBrowsers = new LruMap(capacity);
    this.signIns = new LruMap(capacity);
    this.sessions = new LruMap(capacity);
    this.#hashing = new Promise<void>((resolve) => (this.#startHashing = resolve));
  }

  /** Lets the background hashing begin (once the server has answered: its first answer does not share the CPU with scrypt). */
  startHashing(): void {
    this.#startHashing();
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

  state(): StoreState {
    return {
      users: [...this.users.values()],
      clients: [...this.clients.values()],
      clientKeys: [...this.clientKeys],
      devBrowsers: [...this.devBrowsers],
      signIns: [...this.signIns.values()],
      sessions: [...this.sessions.values()],
      inbox: this.inbox,
    };
  }

  /** Replaces everything with `state` (as `state()` gave it); checks in flight start again from none. */
  restore(state: StoreState): void {
    this.users.clear();
    this.usersByEmail.clear();
    for (const user of state.users) {
      user.checksInFlight = 0;
      this.users.set(user.id, user);
      this.usersByEmail.set(user.email, user);
    }
    const refill = <V>(map: Map<string, V>, entries: Iterable<[string, V]>) => {
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    };
    refill(this.clients, state.clients.map((client) => [client.id, client]));
    refill(this.clientKeys, state.clientKeys);
    refill(this.devBrowsers, state.devBrowsers);
    refill(this.signIns, state.signIns.map((signIn) => [signIn.id, signIn]));
    refill(this.sessions, state.sessions.map((session) => [session.id, session]));
    this.inbox = state.inbox.slice(-MAX_MESSAGES);
  }

  /** A code "sent": into the inbox, which keeps the last `MAX_MESSAGES`. */
  receive(message: EmulatorMessage): void {
    this.inbox.push(message);
    // Trimmed in batches, so a long run does not copy the inbox on every message.
    if (this.inbox.length > MAX_MESSAGES * 1.1) this.inbox = this.inbox.slice(-MAX_MESSAGES);
  }

  /**
   * Adds (or replaces) users in order, after the additions still under way; resolves once they are
   * stored, while their passwords are hashed in the background (`passwordsHashed()`). Adds none if
   * one is invalid (`user-input.ts`).
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

  /** Resolves once every addition made so far is stored and its passwords hashed (after `startHashing()`). */
  passwordsHashed(): Promise<void> {
    return this.#adding.then(() => this.#hashing).then(() => {});
  }

  #insertUsers(inputs: EmulatorUser[]): StoredUser[] {
    // Checked whole before: nothing below can fail half-way.
    return inputs.map((input) => {
      if (input.password_digest) return this.#insertUser(input, decodePasswordHash(input.password_digest)!);
      const { stored, hashed } = hashPasswordLater(input.password!, this.passwordHashing, this.#hashing, () => this.startHashing());
      this.#hashing = hashed;
      return this.#insertUser(input, stored);
    });
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
      backupCodes: [...(input.backup_codes ?? []).map((code) => digestCode(normalizeBackupCode(code))), ...(input.backup_code_digests ?? []).map((text) => decodeCodeDigest(text)!)],
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

  /** @param devBrowser whether the browser has a dev browser (else the `__client` cookie) */
  createClient(devBrowser: boolean): StoredClient {
    const now = this.now();
    const client: StoredClient = {
      id: randomId('client'),
      devBrowser,
      signInId: null,
      sessionIds: [],
      lastActiveSessionId: null,
      lastAuthenticationStrategy: null,
      trustedUserIds: new Set(),
      sessionsChangedAt: now,
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
