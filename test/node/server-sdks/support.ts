/**
 * A server that uses Clerk's server SDKs with the emulator mounted beside it (one origin, as
 * `npm start` and the Express example run), and a Node stand-in for a browser running clerk-js:
 * it keeps the cookies a browser would, as clerk-js writes them (`__session` after each token,
 * `__client_uat` in development instances, `__clerk_db_jwt` for a dev browser) and as the
 * emulator's answers set them, and follows redirects on page loads.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { createEmulator, type Emulator, type KeyMode, type ServerSdkOptions } from '../../../src/emulator/index.js';
import { conformance, cookieHeader, PASSWORD, storeCookies } from '../emulator/helpers.js';

export { PASSWORD } from '../emulator/helpers.js';

// The SDKs of development instances report usage to Clerk's servers: never from a test.
process.env.CLERK_TELEMETRY_DISABLED = '1';

/** Cookie suffix of a publishable key, as clerk-js and the SDKs compute it. */
async function suffixOf(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(key)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8);
}

/**
 * One server: the emulator at /__clerk, `app` for every other path. The emulator's clock runs
 * `offset` milliseconds from now (a test sets it back to sign in with tokens that are already
 * expired by the time the SDK, on the real clock, reads them).
 */
export async function startServer(app: (options: (mode: KeyMode) => ServerSdkOptions) => (req: IncomingMessage, res: ServerResponse) => void) {
  const clock = { offset: 0 };
  let counter = 0;
  const emulator: Emulator = createEmulator({ users: [], now: () => Date.now() + clock.offset, onResponse: conformance.observe });
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  const server = createServer((req, res) => {
    emulator.handle(req, res).then((handled) => handled || handler(req, res), (error) => res.destroy(error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = app((mode) => emulator.serverOptions(origin, mode));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    emulator,
    origin,
    clock,
    /** A new user without a second factor, so sign-ins in one TOTP step never meet replay protection. */
    async user(): Promise<string> {
      const email = `sdk-${process.pid}-${++counter}@example.com`;
      await emulator.addUsers([{ email, password: PASSWORD }]);
      return email;
    },
    browser: (mode: KeyMode) => new Browser(origin, mode, emulator.publishableKey(mode)),
  };
}

export interface Page {
  status: number;
  body: string;
  /** Every URL the browser was sent to, from the first request on. */
  hops: string[];
}

export class Browser {
  readonly cookies = new Map<string, string>();
  #devBrowser: string | null = null;
  #suffix: Promise<string>;

  constructor(
    readonly origin: string,
    readonly mode: KeyMode,
    readonly publishableKey: string,
  ) {
    this.#suffix = suffixOf(publishableKey);
  }

  /** Sets a cookie from page script, under its name and its suffixed name, as clerk-js does. */
  async #writeFromScript(name: string, value: string): Promise<void> {
    for (const each of [name, `${name}_${await this.#suffix}`]) {
      if (value === '') this.cookies.delete(each);
      else this.cookies.set(each, value);
    }
  }

  /** A Frontend API call as clerk-js sends it (form body, `_method`, the dev browser in the query). */
  async fapi(method: string, path: string, form: Record<string, string> = {}): Promise<any> {
    const url = new URL(`${this.origin}/__clerk${path}`);
    if (method !== 'GET' && method !== 'POST') url.searchParams.set('_method', method);
    if (this.#devBrowser) url.searchParams.set('__clerk_db_jwt', this.#devBrowser);
    const response = await fetch(url, {
      method: method === 'GET' ? 'GET' : 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(this.cookies), origin: this.origin },
      ...(method === 'GET' ? {} : { body: new URLSearchParams(form).toString() }),
    });
    storeCookies(this.cookies, response.headers);
    const body = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    await this.#afterResponse(body);
    return body;
  }

  /** clerk-js's `load()`: a dev browser first where the key names a Clerk dev domain (or the one a handshake left). */
  async load(): Promise<void> {
    if (this.mode === 'dev-browser') {
      this.#devBrowser = this.cookies.get('__clerk_db_jwt') ?? (await this.fapi('POST', '/v1/dev_browser')).id;
      await this.#writeFromScript('__clerk_db_jwt', this.#devBrowser!);
    }
    await this.fapi('GET', '/v1/environment');
    await this.fapi('GET', '/v1/client');
  }

  /** Signs in with the password and activates the session (`setActive`). */
  async signIn(email: string): Promise<string> {
    const signIn = (await this.fapi('POST', '/v1/client/sign_ins', { identifier: email, password: PASSWORD })).response;
    if (signIn.status !== 'complete') throw new Error(`sign-in ended ${signIn.status}`);
    await this.fapi('POST', `/v1/client/sessions/${signIn.created_session_id}/touch`);
    return signIn.created_session_id;
  }

  /** `clerk.signOut()`. */
  async signOut(): Promise<void> {
    await this.fapi('DELETE', '/v1/client/sessions');
  }

  /** What clerk-js writes after each answer: the active session's token, and in development `__client_uat`. */
  async #afterResponse(body: any): Promise<void> {
    const client = body?.client;
    if (client === undefined) return;
    const session = client?.sessions?.find((s: { id: string }) => s.id === client.last_active_session_id);
    await this.#writeFromScript('__session', session?.last_active_token?.jwt ?? '');
    if (this.mode !== 'production') {
      const signedIn = (client?.sessions?.length ?? 0) > 0;
      await this.#writeFromScript('__client_uat', signedIn ? String(Math.floor(client.updated_at / 1000)) : '0');
    }
  }

  /** A page load (a document request), following redirects as a browser does, cookies included. */
  async page(path: string): Promise<Page> {
    const hops: string[] = [];
    let url = new URL(path, this.origin).href;
    for (let i = 0; i < 10; i++) {
      hops.push(url);
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(this.cookies), accept: 'text/html', 'sec-fetch-dest': 'document' } });
      storeCookies(this.cookies, response.headers);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { status: response.status, body: await response.text(), hops };
      await response.body?.cancel();
      url = new URL(location, url).href;
    }
    throw new Error(`too many redirects: ${hops.join(' -> ')}`);
  }

  /** A request from page script (`fetch`), which the SDK never redirects. */
  async api(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(new URL(path, this.origin), { headers: { cookie: cookieHeader(this.cookies), 'sec-fetch-dest': 'empty' } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}
