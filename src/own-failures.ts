/**
 * The failures this package detects itself, thrown as `{ code }`: clerk-js did not load, an action
 * got no answer in time, clerk-js resolved without an answer, or Clerk offers no password reset for
 * the account (`clerk-recovery.ts`). `normalizeError`
 * (`clerk-errors.ts`) passes them through. And when clerk-js hides a failure instead of throwing.
 */
export type OwnFailureCode = 'clerk_load_failed' | 'request_timeout' | 'network_error' | 'reset_password_unavailable';

export function ownFailure(code: OwnFailureCode): { code: OwnFailureCode } {
  return { code };
}

export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * clerk-js resolves with nothing instead of throwing when a request fails
 * while the browser looks offline or automated (`navigator.webdriver`).
 */
export function failuresMayBeSilent(): boolean {
  return isOffline() || (typeof navigator !== 'undefined' && navigator.webdriver === true);
}
