// Lets a test page make the download of the element's on-demand part (src/on-demand.ts and what it
// imports) fail, as a flaky network or a CDN folder copied without its chunks would: while the page
// has the cookie `fail-on-demand=1`, the test server answers those requests with a 503. They are
// never stored: a page of another test file (pages share the browser's cache) must not hand one over.
import type { Context, Next } from 'koa';

const ON_DEMAND = /^\/src\/(?:on-demand|lazy-steps|lazy-english|clerk-errors|sign-in-failures|recovery-machine|clerk-recovery)\.ts$/;

export async function onDemandFaultMiddleware(ctx: Context, next: Next): Promise<void> {
  if (!ON_DEMAND.test(ctx.path)) return next();
  if (/(?:^|;\s*)fail-on-demand=1(?:;|$)/.test(ctx.get('cookie'))) {
    ctx.status = 503;
    ctx.body = 'unavailable';
  } else {
    await next();
  }
  ctx.set('Cache-Control', 'no-store');
}
