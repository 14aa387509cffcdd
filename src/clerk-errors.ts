/**
 * How a failure looks on its way out of clerk-js: anything clerk-js throws (or this package
 * detects itself, `own-failures.ts`) becomes an `ActionFailure` here, the one shape the machine
 * reads. Loaded with the first failure (`on-demand.ts`), so it imports only types.
 */
import type { OwnFailureCode } from './own-failures.js';
import type { ActionFailure } from './sign-in-types.js';

const OWN_CODES: readonly string[] = ['clerk_load_failed', 'request_timeout', 'network_error', 'reset_password_unavailable'] satisfies OwnFailureCode[];

const DURATION_UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * clerk-js drops `meta.lockout_expires_in_seconds` when it parses errors, so
 * when it is not there the wait is read from Clerk's English long message
 * ("... try again in 29 minutes ...").
 */
export function lockoutSecondsFrom(meta: Record<string, unknown> | undefined, longMessage: string | undefined): number | undefined {
  const fromMeta = meta?.['lockoutExpiresInSeconds'];
  if (typeof fromMeta === 'number' && Number.isFinite(fromMeta)) return fromMeta;
  const match = longMessage ? /(\d+)\s*(second|minute|hour|day)s?/i.exec(longMessage) : null;
  return match ? Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]! : undefined;
}

/** Clerk's message rounds the wait up to its unit: a wait in minutes may end up to 60 s sooner. */
function lockoutPrecisionFrom(meta: Record<string, unknown> | undefined, longMessage: string | undefined): number | undefined {
  if (typeof meta?.['lockoutExpiresInSeconds'] === 'number') return undefined;
  const unit = longMessage ? /\d+\s*(minute|hour|day)s?/i.exec(longMessage)?.[1] : undefined;
  return unit ? DURATION_UNITS[unit.toLowerCase()] : undefined;
}

/** One entry of a `ClerkAPIResponseError`'s `errors`, as clerk-js parses it (camelCase). */
interface ClerkAPIErrorShape {
  code?: string;
  message?: string;
  longMessage?: string;
  meta?: Record<string, unknown> & { paramName?: string };
}

/** As `isOffline` in `own-failures.ts`, which this module cannot import. */
function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** clerk-js's own message for a request that never got an answer ("Clerk: Network error at ..."). */
const NETWORK_ERROR_MESSAGE = /\bnetwork error\b/i;

/** Turns anything clerk-js (or this package) throws into an `ActionFailure`. */
export function normalizeError(error: unknown): ActionFailure {
  const e = (error ?? {}) as { errors?: ClerkAPIErrorShape[]; status?: number; retryAfter?: number; code?: string; message?: string };
  const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
  const retryAfterSeconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
  if (first) {
    const failure: ActionFailure = { code: first.code || 'unknown' };
    if (first.message) failure.message = first.message;
    if (first.longMessage) failure.longMessage = first.longMessage;
    if (typeof first.meta?.paramName === 'string') failure.paramName = first.meta.paramName;
    if (typeof e.status === 'number') failure.status = e.status;
    if (retryAfterSeconds != null) failure.retryAfterSeconds = retryAfterSeconds;
    if (failure.code === 'user_locked') {
      const seconds = lockoutSecondsFrom(first.meta, first.longMessage);
      const precision = lockoutPrecisionFrom(first.meta, first.longMessage);
      if (seconds != null) failure.lockoutSeconds = seconds;
      if (precision) failure.lockoutPrecision = precision;
    }
    return failure;
  }
  const offline = isOffline();
  if (OWN_CODES.includes(e.code!)) return { code: offline ? 'offline' : e.code! };
  if (error instanceof TypeError || NETWORK_ERROR_MESSAGE.test(String(e.message))) return { code: offline ? 'offline' : 'network_error' };
  if (e.status === 429) return { code: 'too_many_requests', status: 429, ...(retryAfterSeconds != null ? { retryAfterSeconds } : {}) };
  // A 5xx without Clerk's error body: a proxy or load balancer answered (e.g. an HTML 502).
  if (e.status! >= 500 && e.status! <= 599) return { code: 'server_error', status: e.status! };
  if (offline) return { code: 'offline' };
  return { code: 'unknown', ...(error instanceof Error && error.message ? { longMessage: error.message } : {}) };
}
