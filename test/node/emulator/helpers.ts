/** Starts an emulator on a free port, with a cookie-keeping Frontend API client and conformance checks. */
import { after } from 'node:test';
import { CONTROL_HEADER, createEmulator, type EmulatorOptions, type EmulatorUser } from '../../../src/emulator/index.js';
import { createConformanceRecorder } from '../../support/fapi-conformance.js';

/** One recorder per test file (each file runs in its own process); checked when the file ends. */
export const conformance = createConformanceRecorder();
after(() => {
  console.log(`# conformance: ${conformance.summary()}`);
  conformance.assertAllConform();
});

export const ADA: EmulatorUser = {
  email: 'ada@example.com',
  password: 'correct horse battery staple',
  first_name: 'Ada',
  totp_secret: 'JBSWY3DPEHPK3PXP',
  backup_codes: ['k3n8-x2q9', 'p7d4-m6w2'],
  phone_number: '+15555550100',
};
export const PASSWORD = 'correct horse battery staple';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** Applies `Set-Cookie` headers to a cookie jar, as a browser does (a cookie given `Max-Age=0` or no value is removed). */
export function storeCookies(jar: Map<string, string>, headers: Headers): void {
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (value === '' || attributes.some((a) => /^max-age=0$/i.test(a))) jar.delete(name);
    else jar.set(name, value);
  }
}

/** A `Cookie` header with every cookie in the jar. */
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** A browser-like client: keeps the cookies the emulator sets (`__client`, `__client_uat`), or a dev browser token. */
export class FapiClient {
  readonly cookies = new Map<string, string>();
  devBrowser: string | null = null;
  /** Sent as `User-Agent` when set (the emulator shows it with the sessions this client starts). */
  userAgent: string | null = null;
  constructor(readonly base: string) {}

  async call(method: string, path: string, form?: Record<string, string>, init: RequestInit = {}): Promise<Reply> {
    const url = new URL(this.base + path);
    let verb = method;
    if (method === 'PATCH' || method === 'DELETE') {
      url.searchParams.set('_method', method);
      verb = 'POST';
    }
    if (this.devBrowser) url.searchParams.set('__clerk_db_jwt', this.devBrowser);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.userAgent) headers['user-agent'] = this.userAgent;
    const response = await fetch(url, { method: verb, headers, body: form ? new URLSearchParams(form).toString() : verb === 'GET' ? undefined : '', ...init });
    storeCookies(this.cookies, response.headers);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** The `Cookie` header this client sends. */
  get cookie(): string {
    return cookieHeader(this.cookies);
  }

  async signIn(identifier: string, password: string): Promise<Reply> {
    return this.call('POST', '/v1/client/sign_ins', { identifier, password });
  }

  async attempt(signInId: string, strategy: string, code: string): Promise<Reply> {
    return this.call('POST', `/v1/client/sign_ins/${signInId}/attempt_second_factor`, { strategy, code });
  }
}

/** What a test sends with every test control request. */
export const CONTROL_HEADERS = { [CONTROL_HEADER]: '1', 'content-type': 'application/json' };

/** A test control request (`/_emulator/*` below `base`), as a test sends it: the control header, JSON in and out. */
export async function control(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${base}/_emulator${path}`, {
    method,
    headers: CONTROL_HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function startEmulator(options: Partial<EmulatorOptions> = {}) {
  let clock = options.now ? null : Date.now();
  const emulator = createEmulator({
    users: [ADA],
    // Cheap hashing where password strength is not what is tested; the lockout, concurrency and
    // security tests ask for the default.
    passwordHashing: 'fast',
    log: () => {},
    ...options,
    now: options.now ?? (() => clock ?? Date.now()),
    onResponse: conformance.observe,
  });
  const server = await emulator.listen({});
  const base = `${server.url}/__clerk`;
  return {
    emulator,
    url: server.url,
    base,
    client: () => new FapiClient(base),
    /** A test control request, e.g. `control('GET', '/messages')`. */
    control: (method: string, path: string, body?: unknown) => control(base, method, path, body),
    /** Moves the emulator's clock forward. */
    advance(ms: number) {
      clock = (clock ?? Date.now()) + ms;
    },
    close: () => server.close(),
  };
}

/** A function that adds a new user per call, with its own email, so lockouts and used codes never leak between tests. */
export function userFactory(emulator: { addUsers(users: EmulatorUser[]): Promise<void> }, prefix: string, defaults: Partial<EmulatorUser> = {}) {
  let n = 0;
  return async (extra: Record<string, unknown> = {}): Promise<string> => {
    const email = `${prefix}${++n}@example.com`;
    await emulator.addUsers([{ ...ADA, email, ...defaults, ...extra }]);
    return email;
  };
}

export function errorCode(reply: Reply): string | undefined {
  return reply.body?.errors?.[0]?.code;
}
