/**
 * Getting clerk-js onto the page the way Clerk's own SDKs do: the Frontend API host decoded
 * from the publishable key, the script URL (proxy, Frontend API or an override), created
 * through a Trusted Types policy, and `clerk.browser.js` injected once per page (or the page's
 * own clerk-js `<script>` waited for), as early as the page allows: when the element's module
 * runs, before its first render.
 *
 * Only types come from `@clerk/*`: clerk-js itself is fetched at run time as Clerk's script build.
 */
import type { ClerkLike } from './clerk-types.js';
import { ownFailure } from './own-failures.js';
import { scriptUrl } from './safe-url.js';

/** Where and how to load clerk-js. */
export interface ClerkScriptOptions {
  publishableKey?: string | null;
  proxyUrl?: string | null;
  /** Load clerk-js from here instead of the Frontend API / proxy. */
  scriptUrl?: string | null;
  /** Nonce for the injected `<script>` under a strict CSP. */
  nonce?: string | null;
  /** How long to wait for clerk-js to download and load. */
  timeoutMs?: number;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 15_000;
const CLERK_JS_MAJOR = '6';

/** The Trusted Types policy that turns the clerk-js script URL into a `TrustedScriptURL`. */
export const TRUSTED_TYPES_POLICY_NAME = 'clerk-mfa-sign-in';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
}

let scriptUrlPolicy: { createScriptURL(input: string): unknown } | null | undefined;

/**
 * The value to assign to `script.src`: a `TrustedScriptURL` from the `clerk-mfa-sign-in`
 * policy where the browser has Trusted Types, so pages with `require-trusted-types-for 'script'`
 * can load clerk-js by allowing that one policy name. The policy is private to this module, only
 * ever given the URL computed by `clerkJsScriptUrl`, and refuses any URL clerk-js may not be
 * loaded from (`scriptUrl`), so it cannot be made to create an arbitrary script URL.
 */
function trustedScriptUrl(url: string): string {
  if (scriptUrlPolicy === undefined) {
    const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    const createScriptURL = (input: string) => {
      const allowed = scriptUrl(input);
      if (!allowed) throw new TypeError(`clerk-mfa-sign-in: refused script URL ${input}`);
      return allowed;
    };
    try {
      scriptUrlPolicy = tt?.createPolicy ? tt.createPolicy(TRUSTED_TYPES_POLICY_NAME, { createScriptURL }) : null;
    } catch {
      // The page's `trusted-types` directive does not allow this name: assign the string, which
      // works wherever Trusted Types are not enforced.
      scriptUrlPolicy = null;
    }
  }
  return (scriptUrlPolicy ? scriptUrlPolicy.createScriptURL(url) : url) as string;
}

/** Decodes the Frontend API host from a publishable key (`pk_test_<base64(host$)>`). */
export function frontendApiFromKey(publishableKey: string): string | null {
  const match = /^pk_(?:test|live)_(.+)$/.exec(publishableKey.trim());
  if (!match) return null;
  try {
    const decoded = atob(match[1]!);
    return decoded.endsWith('$') ? decoded.slice(0, -1) : null;
  } catch {
    return null;
  }
}

/**
 * Where Clerk's SDKs fetch the script build of clerk-js from: the proxy when
 * there is one, otherwise the Frontend API host named by the key.
 */
export function clerkJsScriptUrl(options: Pick<ClerkScriptOptions, 'publishableKey' | 'proxyUrl' | 'scriptUrl'>): string | null {
  if (options.scriptUrl) return options.scriptUrl;
  const path = `/npm/@clerk/clerk-js@${CLERK_JS_MAJOR}/dist/clerk.browser.js`;
  const proxy = options.proxyUrl?.trim().replace(/\/+$/, '');
  // An absolute proxy keeps its own scheme, so a plain-http local proxy works too.
  if (proxy) return `${proxy}${path}`;
  const host = options.publishableKey ? frontendApiFromKey(options.publishableKey) : null;
  return host ? `https://${host}${path}` : null;
}

declare global {
  interface Window {
    Clerk?: unknown;
  }
}

function isClerkLike(value: unknown): value is ClerkLike {
  return typeof value === 'object' && value !== null && typeof (value as ClerkLike).load === 'function';
}

/** Polls `probe` every 50 ms until it gives something, or `null` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() >= until) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let scriptLoad: Promise<ClerkLike> | null = null;

/** A clerk-js `<script>` already on the page: one injected by us or Clerk's SDKs, or Clerk's script-tag quickstart. */
const PAGE_SCRIPT = 'script[data-clerk-js-script], script[data-clerk-publishable-key]';

/**
 * Injects Clerk's script build once per page (with the data attributes it
 * reads: `data-clerk-publishable-key`, `data-clerk-proxy-url`) and resolves
 * with `window.Clerk`.
 */
export function loadClerkScript(options: ClerkScriptOptions): Promise<ClerkLike> {
  if (isClerkLike(window.Clerk)) return Promise.resolve(window.Clerk);
  if (scriptLoad) return scriptLoad;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const attempt = new Promise<ClerkLike>((resolve, reject) => {
    const fail = () => reject(ownFailure('clerk_load_failed'));
    // The script build sets `window.Clerk` as it runs: ready at its `load` event, without waiting
    // for the next poll below (which also covers a page script that ran before we looked).
    const loaded = () => isClerkLike(window.Clerk) && resolve(window.Clerk);
    const existing = document.querySelector<HTMLScriptElement>(PAGE_SCRIPT);
    if (!existing) {
      // Only https, or http on the page's own origin or on loopback: never `data:`, `javascript:` or `blob:`.
      const src = scriptUrl(clerkJsScriptUrl(options) ?? '');
      if (!src || !options.publishableKey) return fail();
      const script = document.createElement('script');
      script.setAttribute('data-clerk-js-script', '');
      script.setAttribute('data-clerk-publishable-key', options.publishableKey);
      if (options.proxyUrl) script.setAttribute('data-clerk-proxy-url', options.proxyUrl);
      if (options.nonce) script.nonce = options.nonce;
      script.async = true;
      script.crossOrigin = 'anonymous';
      script.src = trustedScriptUrl(src);
      script.addEventListener('error', fail, { once: true });
      script.addEventListener('load', loaded, { once: true });
      document.head.append(script);
    } else {
      existing.addEventListener('error', fail, { once: true });
      existing.addEventListener('load', loaded, { once: true });
    }
    void waitFor(() => (isClerkLike(window.Clerk) ? window.Clerk : null), timeoutMs).then((clerk) =>
      clerk ? resolve(clerk) : fail(),
    );
  });
  scriptLoad = attempt;
  // A failed load may be retried by the next submit (e.g. after the network is back).
  attempt.catch(() => {
    if (scriptLoad === attempt) scriptLoad = null;
    document.querySelector('script[data-clerk-js-script]')?.remove();
  });
  return attempt;
}

/**
 * Starts loading clerk-js for the elements named `tagName` already in the document, before they
 * are upgraded and first rendered: the first that says where from (`publishable-key`,
 * `proxy-url`, `clerk-js-url`) decides, unless one was handed the page's own Clerk (`clerk`,
 * set before the element's module ran). Run by `define()`. Failures wait for the element's
 * first action, which tries again.
 */
export function loadClerkScriptEarly(tagName: string): void {
  for (const el of document.querySelectorAll<HTMLElement & { clerk?: unknown }>(tagName)) {
    if (el.clerk) return;
    const [publishableKey, proxyUrl, scriptUrl] = ['publishable-key', 'proxy-url', 'clerk-js-url'].map((name) => el.getAttribute(name));
    if (publishableKey || proxyUrl || scriptUrl) return void loadClerkScript({ publishableKey, proxyUrl, scriptUrl, nonce: el.nonce || null }).catch(() => {});
  }
}
