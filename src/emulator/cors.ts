/**
 * Which pages may use the Frontend API from a browser, as Clerk's allowed origins decide it: the
 * emulator's own origin and those given as `allowedOrigins`. Only they get CORS headers (clerk-js
 * sends no preflight, but other clients may); a request from any other origin, `null` included,
 * is refused with `origin_invalid`. A request without `Origin` (a server, a test, curl) is not a
 * page's and is answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The `Origin` a request carries, and whether that origin may use the Frontend API. */
export interface RequestOrigin {
  sent: string | null;
  allowed: boolean;
}

/** `http(s)://host[:port]` in the form browsers send, or null when `value` is no such origin (a path, credentials, `null`). */
function parseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return bare && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : null;
}

export class Origins {
  readonly #allowed = new Set<string>();

  /** @param allowed origins of pages on other origins than the emulator's, e.g. `http://localhost:3000` */
  constructor(allowed: readonly string[] = []) {
    for (const entry of allowed) {
      const origin = typeof entry === 'string' ? parseOrigin(entry) : null;
      if (!origin) throw new TypeError(`allowedOrigins (--allowed-origin): ${JSON.stringify(entry)} is not an origin such as http://localhost:3000`);
      this.#allowed.add(origin);
    }
  }

  /** The request's origin: allowed when it is absent, the emulator's own (the host the request was sent to) or listed. */
  of(req: IncomingMessage): RequestOrigin {
    const sent = req.headers.origin;
    if (sent === undefined) return { sent: null, allowed: true };
    const origin = parseOrigin(sent);
    const own = origin !== null && new URL(origin).host === String(req.headers.host ?? '').toLowerCase();
    return { sent, allowed: own || (origin !== null && this.#allowed.has(origin)) };
  }

  /** Whether `url` is on a page origin that may use the Frontend API: `own` (the emulator's, or the app's it is mounted in) or a listed one. */
  allowsUrl(url: string, own: string): boolean {
    const origin = parseOrigin(url.replace(/^([^:]+:\/\/[^/?#]*).*$/s, '$1'));
    return origin !== null && (origin === own.toLowerCase() || this.#allowed.has(origin));
  }

  /** Lets an allowed page read the answer, cookies included; other origins get no CORS headers at all. */
  headers(origin: RequestOrigin, res: ServerResponse): void {
    res.setHeader('Vary', 'Origin');
    if (!origin.allowed || origin.sent === null) return;
    res.setHeader('Access-Control-Allow-Origin', origin.sent);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Clerk-Db-Jwt');
  }
}

/** Answers an `OPTIONS` preflight from an allowed origin. */
export function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 204;
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', String(req.headers['access-control-request-headers'] ?? 'content-type'));
  res.setHeader('Access-Control-Max-Age', '600');
  res.end();
}
