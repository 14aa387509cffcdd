/** Password hashing, constant-time comparison, random identifiers and sliding-window rate limits. */
import { createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

const SCRYPT_KEYLEN = 32;

/**
 * How passwords are hashed. `strong` (the default): scrypt at N=16384, about 60 ms of CPU per
 * check, so a stolen digest is slow to crack. `fast`: scrypt at N=16, microseconds per check, for
 * test suites that sign users in over and over; unsafe for any password that matters. Both keep
 * every other behaviour: the constant-time comparison, the decoy check for unknown identifiers and
 * the lockout, whose reservations are made before the (still asynchronous) check.
 */
export type PasswordHashing = 'strong' | 'fast';

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const SCRYPT_COSTS: Record<PasswordHashing, ScryptCost> = { strong: { N: 16384, r: 8, p: 1 }, fast: { N: 16, r: 1, p: 1 } };

function scryptAsync(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT_KEYLEN, cost, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A stored password: its salt, its digest and the cost it was made with (a check uses the same). */
export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
  cost: ScryptCost;
}

export async function hashPassword(password: string, hashing: PasswordHashing = 'strong'): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const cost = SCRYPT_COSTS[hashing];
  return { salt, hash: await scryptAsync(password, salt, cost), cost };
}

const costFormat = (cost: ScryptCost) => `scrypt:${cost.N}:${cost.r}:${cost.p}`;

/** A stored hash as text: `scrypt:N:r:p$<salt>$<hash>` (base64url). */
export function encodePasswordHash(stored: PasswordHash): string {
  if (digestsToCome.has(stored)) throw new Error('a password is still being hashed');
  return `${costFormat(stored.cost)}$${stored.salt.toString('base64url')}$${stored.hash.toString('base64url')}`;
}

/** Reads a digest made by `encodePasswordHash`; null when it is not one (other parameters included). */
export function decodePasswordHash(digest: string): PasswordHash | null {
  const [prefix, salt, hash, ...rest] = digest.split('$');
  const cost = Object.values(SCRYPT_COSTS).find((known) => costFormat(known) === prefix);
  if (!cost || !salt || !hash || rest.length > 0) return null;
  const stored = { salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url'), cost };
  return stored.salt.length >= 16 && stored.hash.length === SCRYPT_KEYLEN ? stored : null;
}

/** The scrypt digest of a password, for `EmulatorUser.password_digest` (users then load without hashing). */
export async function hashPasswordDigest(password: string, hashing: PasswordHashing = 'strong'): Promise<string> {
  return encodePasswordHash(await hashPassword(password, hashing));
}

/** Hashes still being made: each digest to come, and what lets its hashing begin (`hashPasswordLater`). */
const digestsToCome = new WeakMap<PasswordHash, { hashed: Promise<unknown>; start: () => void }>();

/**
 * A password's hash now, its digest made in the background once `after` settles (one at a time
 * leaves a core to the server): users load without waiting for scrypt, and a check of this
 * password (`verifyPassword`) calls `start` (what lets `after` settle), waits for its digest, then
 * costs what any other check costs.
 */
export function hashPasswordLater(password: string, hashing: PasswordHashing, after: Promise<unknown>, start: () => void): { stored: PasswordHash; hashed: Promise<unknown> } {
  const stored: PasswordHash = { salt: randomBytes(16), hash: Buffer.alloc(0), cost: SCRYPT_COSTS[hashing] };
  const hashed = after.then(() => scryptAsync(password, stored.salt, stored.cost)).then((hash) => {
    stored.hash = hash;
    digestsToCome.delete(stored);
  });
  digestsToCome.set(stored, { hashed, start });
  return { stored, hashed };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const toCome = digestsToCome.get(stored);
  toCome?.start();
  await toCome?.hashed;
  const candidate = await scryptAsync(password, stored.salt, stored.cost);
  return constantTimeEqual(candidate, stored.hash);
}

const decoys = new Map<PasswordHashing, Promise<PasswordHash>>();

/** A hash for a password nobody has, so an unknown identifier costs the same time as a known one. */
export function decoyPasswordHash(hashing: PasswordHashing): Promise<PasswordHash> {
  let decoy = decoys.get(hashing);
  if (!decoy) decoys.set(hashing, (decoy = hashPassword(randomBytes(16).toString('hex'), hashing)));
  return decoy;
}

const codeKey = randomBytes(32);

/**
 * Compares two secrets in time that depends on neither their contents nor their lengths: both
 * are reduced to keyed digests of equal length first, so inputs of different lengths return
 * false instead of throwing (as `timingSafeEqual` does) or returning early.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = createHmac('sha256', codeKey).update(a).digest();
  const right = createHmac('sha256', codeKey).update(b).digest();
  return timingSafeEqual(left, right);
}

/**
 * The SHA-256 of a short secret (a backup or one-time code), as it is stored and compared in
 * constant time. Unkeyed, so it means the same after a restart (`--data`) and in exported users
 * (`backup_code_digests`); the codes are random, and only their holder can tell one.
 */
export function digestCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

/** A stored code digest as text (base64url), for `EmulatorUser.backup_code_digests`. */
export function decodeCodeDigest(text: string): Buffer | null {
  const digest = /^[A-Za-z0-9_-]{43}$/.test(text) ? Buffer.from(text, 'base64url') : null;
  return digest?.length === 32 ? digest : null;
}

export function codesEqual(candidate: string, digest: Buffer): boolean {
  return timingSafeEqual(digestCode(candidate), digest);
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url')}`;
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** Sliding-window counter: at most `limit` hits per key in `windowMs`. */
export class RateLimiter {
  #hits = new Map<string, { windowMs: number; at: number[] }>();
  #sinceSweep = 0;

  /** Records a hit; returns 0 when allowed, else the seconds until a retry would be allowed. */
  hit(key: string, limit: number, windowMs: number, now: number): number {
    // Keys carry user input (an identifier of up to 64 KB): long ones are stored as digests.
    const id = key.length > 128 ? `#${createHmac('sha256', codeKey).update(key).digest('base64url')}` : key;
    if (++this.#sinceSweep >= 10_000) this.#sweep(now);
    let entry = this.#hits.get(id);
    if (!entry) this.#hits.set(id, (entry = { windowMs, at: [] }));
    entry.windowMs = windowMs;
    // Hits are recorded in time order, so the expired ones are at the front.
    let expired = 0;
    while (expired < entry.at.length && entry.at[expired]! <= now - windowMs) expired++;
    if (expired > 0) entry.at.splice(0, expired);
    if (entry.at.length >= limit) return Math.max(1, Math.ceil((entry.at[0]! + windowMs - now) / 1000));
    entry.at.push(now);
    return 0;
  }

  /** Forgets keys with no hit left in their window, so random identifiers cannot fill memory. */
  #sweep(now: number): void {
    this.#sinceSweep = 0;
    for (const [id, entry] of this.#hits) {
      if (entry.at.length === 0 || entry.at[entry.at.length - 1]! <= now - entry.windowMs) this.#hits.delete(id);
    }
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.#hits.size;
  }

  clear(): void {
    this.#hits.clear();
  }
}
