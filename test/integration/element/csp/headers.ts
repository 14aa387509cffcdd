// Serves the strict-policy test page with the Content Security Policy the README promises works.
import type { Context, Next } from 'koa';

export const CSP_PAGE = '/test/integration/element/csp/page.html';

/**
 * The policy of issue 5 plus two Trusted Types policy names: `clerk-mfa-sign-in` (the element's,
 * for the clerk-js script URL) and `default` (the page's, for clerk-js's blob: timer Worker;
 * see default-policy.js). `?no-default-policy` leaves `default` out.
 */
export const STRICT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html clerk-mfa-sign-in default',
].join('; ');

/** `?nonce=N` serves the same policy with `'nonce-N'` added to script-src. */
export function policyFor(search: URLSearchParams): string {
  let policy = STRICT_POLICY;
  const nonce = search.get('nonce');
  if (nonce && /^[A-Za-z0-9+/=_-]+$/.test(nonce)) policy = policy.replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`);
  if (search.has('no-default-policy')) policy = policy.replace(' default', '');
  return policy;
}

export async function strictPolicyMiddleware(ctx: Context, next: Next): Promise<void> {
  await next();
  if (ctx.path === CSP_PAGE) ctx.set('Content-Security-Policy', policyFor(new URLSearchParams(ctx.querystring)));
}
