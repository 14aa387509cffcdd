/**
 * `--data FILE` (option `dataFile`): the emulator's state kept in a JSON file across restarts.
 * Loaded at start (users with the factors they enrolled, clients, sessions, sign-ins, the inbox,
 * and the signing key, so tokens and cookies issued before still verify); written back a moment
 * after each change and when the emulator stops, atomically (a temporary file, then a rename), so
 * a crash never leaves half a file. The file holds secrets (TOTP secrets, the signing key): it is
 * written readable by its owner only.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Store, StoreState } from './store.js';
import type { StoredSigningKey, TokenIssuer } from './tokens.js';

const FORMAT = 'clerk-fapi-emulator-data';
const VERSION = 1;
/** How long after a change the file is written: a burst of requests is one write. */
const WRITE_DELAY_MS = 200;

interface DataFileContents extends StoreState {
  format: typeof FORMAT;
  version: number;
  savedAt: number;
  signingKey: StoredSigningKey;
}

/** Buffers and Sets as JSON (`{"$buffer": base64}`, `{"$set": [...]}`), and back. */
function encode(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { $buffer: value.toString('base64') };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encode(inner)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$buffer === 'string') return Buffer.from(record.$buffer, 'base64');
  if (Array.isArray(record.$set)) return new Set(record.$set.map(decode));
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, decode(inner)]));
}

const isList = (value: unknown): value is unknown[] => Array.isArray(value);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** The file's contents, once they have the shape this version writes; else an error saying what is wrong. */
function parse(path: string, text: string): DataFileContents {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not an emulator data file: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const fail = (what: string) => new Error(`${path}: not an emulator data file: ${what}. Move it away to start afresh.`);
  if (!isObject(data) || data.format !== FORMAT) throw fail(`"format" is not "${FORMAT}"`);
  if (data.version !== VERSION) throw fail(`version ${JSON.stringify(data.version)}, this emulator reads version ${VERSION}`);
  const key = data.signingKey;
  if (!isObject(key) || typeof key.kid !== 'string' || !isObject(key.jwk)) throw fail('"signingKey" is missing');
  for (const name of ['users', 'clients', 'signIns', 'sessions', 'inbox'] as const) {
    const list = data[name];
    if (!isList(list) || !list.every((item) => isObject(item) && (name === 'inbox' || typeof item.id === 'string'))) throw fail(`"${name}" must be a list of records with an id`);
  }
  for (const name of ['clientKeys', 'devBrowsers'] as const) {
    const pairs = data[name];
    if (!isList(pairs) || !pairs.every((pair) => isList(pair) && pair.length === 2 && typeof pair[0] === 'string')) throw fail(`"${name}" must be a list of [key, value] pairs`);
  }
  const users = data.users as Array<Record<string, unknown>>;
  if (!users.every((user) => typeof user.email === 'string' && isObject(user.password))) throw fail('a user has no email or password hash');
  return decode(data) as DataFileContents;
}

export class DataFile {
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly store: Store,
    private readonly tokens: TokenIssuer,
    private readonly log: (line: string) => void,
  ) {}

  /** Loads the file into the store and the signing key; false when there is no file yet. */
  async load(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(`${this.path}: cannot read the data file (${(error as Error).message})`);
    }
    const data = parse(this.path, text);
    try {
      await this.tokens.importKey(data.signingKey);
    } catch (error) {
      throw new Error(`${this.path}: not an emulator data file: its signing key is not an RS256 key (${(error as Error).message})`);
    }
    this.store.restore(data);
    return true;
  }

  /** Something changed: the file is written shortly. */
  changed(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, WRITE_DELAY_MS);
  }

  /** Writes the state now (after any write under way); resolves once it is on disk. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#writing = this.#writing.then(() => this.#write()).catch((error: unknown) => this.log(`could not write ${this.path}: ${error instanceof Error ? error.message : String(error)}`));
    return this.#writing;
  }

  async #write(): Promise<void> {
    this.store.startHashing();
    await this.store.passwordsHashed();
    const contents: DataFileContents = { format: FORMAT, version: VERSION, savedAt: Date.now(), signingKey: await this.tokens.exportKey(), ...this.store.state() };
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(encode(contents))}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
