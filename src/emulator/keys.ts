/**
 * The emulated instance's keys, and the Frontend API hosts they name. A publishable key is
 * `pk_test_`/`pk_live_` + base64(`<host>$`); clerk-js and the server SDKs reach the emulator
 * through a proxy URL, as with a Clerk proxy, and compare a session token's `iss` with the key's
 * host. So tokens are issued by `https://<host of the key in use>`: the dev-browser host for a
 * browser with a dev browser, the cookie-flow host otherwise.
 */
import { createHash } from 'node:crypto';

export const KEY_MODES = ['development', 'production', 'dev-browser'] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** An ordinary host (the cookie flow; pk_test_ is development, pk_live_ production) and a Clerk dev domain (a dev browser). */
const COOKIE_FLOW_HOST = 'clerk.emulator.test';
const DEV_BROWSER_HOST = 'emulator.clerk.accounts.dev';

export function publishableKey(mode: KeyMode = 'development'): string {
  const prefix = mode === 'production' ? 'pk_live_' : 'pk_test_';
  return prefix + Buffer.from(`${mode === 'dev-browser' ? DEV_BROWSER_HOST : COOKIE_FLOW_HOST}$`).toString('base64');
}

/**
 * The secret key the Backend API accepts (`CLERK_SECRET_KEY`). It guards no secret: the Backend
 * API serves only the public keys. A server set up with another instance's key fails as it would
 * with Clerk, instead of quietly verifying against the wrong keys.
 */
export function secretKey(mode: KeyMode = 'development'): string {
  return `${mode === 'production' ? 'sk_live_' : 'sk_test_'}clerk_fapi_emulator`;
}

export function isSecretKey(value: string): boolean {
  return KEY_MODES.some((mode) => secretKey(mode) === value);
}

/** What the server SDKs are given to accept the emulator's sessions (see `Emulator.serverOptions`). */
export interface ServerSdkOptions {
  publishableKey: string;
  secretKey: string;
  /** The Backend API (`CLERK_API_URL`): the JWKS. */
  apiUrl: string;
  /** The Frontend API as the SDK redirects page loads to it for a handshake (`CLERK_PROXY_URL`). */
  proxyUrl: string;
}

export function serverSdkOptions(origin: string, mount: string, backend: string, mode: KeyMode = 'development'): ServerSdkOptions {
  const base = origin.replace(/\/+$/, '') + mount;
  return { publishableKey: publishableKey(mode), secretKey: secretKey(mode), apiUrl: base + backend, proxyUrl: base };
}

/** The `iss` of the tokens a browser gets: its key's Frontend API. */
export function issuer(devBrowser: boolean): string {
  return `https://${devBrowser ? DEV_BROWSER_HOST : COOKIE_FLOW_HOST}`;
}

/** The keys a browser of this flow may have been given: their cookie suffixes name its suffixed cookies. */
export function keysOfFlow(devBrowser: boolean): string[] {
  return devBrowser ? [publishableKey('dev-browser')] : [publishableKey('development'), publishableKey('production')];
}

/** The keys of development instances (pk_test_), whose server SDKs read a dev browser cookie. */
export function developmentKeys(): string[] {
  return [publishableKey('development'), publishableKey('dev-browser')];
}

/** Clerk's cookie suffix of a publishable key: the first 8 characters of its SHA-1, base64url. */
export function cookieSuffix(key: string): string {
  return createHash('sha1').update(key).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8);
}
