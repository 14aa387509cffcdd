/**
 * The URLs the element goes to or runs code from. Each is resolved against the page and must be
 * http(s); the page's own origin is always allowed, anything else only where its rule says.
 */

/** `localhost`, `127.0.0.0/8` and `[::1]` (the URL parser has already normalised `127.1` and the like). */
const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

function parse(value: string): URL | null {
  try {
    return new URL(value, location.href);
  } catch {
    return null;
  }
}

/** `value` as an absolute http(s) URL on the page's own origin or one `allowed` accepts; else `null`. */
function checked(value: string, allowed: (url: URL) => boolean): string | null {
  const url = parse(value);
  return url && /^https?:$/.test(url.protocol) && (url.origin === location.origin || allowed(url)) ? url.href : null;
}

/**
 * Where to go after signing in: the page's own origin, or one of `origins` (space-separated, or a
 * list, like Clerk's `allowedRedirectOrigins`). `//evil.example`, `\\evil.example`,
 * `https:evil.example` (from an http page), `javascript:` and `data:` give `null`.
 */
export function redirectUrl(value: string, origins: string | readonly string[] | null): string | null {
  return checked(value, (url) => String(origins ?? '').split(/[\s,]+/).some((origin) => parse(origin)?.origin === url.origin));
}

/** Where clerk-js may be loaded from: https, or http on the page's own origin or on loopback. */
export function scriptUrl(value: string): string | null {
  return checked(value, (url) => url.protocol === 'https:' || LOOPBACK.test(url.hostname));
}
