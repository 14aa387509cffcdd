// Lets a test page make the download of a part loaded on demand fail, as a flaky network or a CDN
// folder copied without its chunks would: while the page has the cookie `fail-on-demand=1`, the
// test server answers the requests of the sign-in's on-demand part (src/on-demand.ts and what it
// imports) with a 503; while it has `fail-setup-parts=1`, those of <clerk-mfa-setup>'s parts (the
// enrolment, src/setup/setup-enrolment.ts, and the downloaded views, src/setup/setup-views.ts).
// They are never stored: a page of another test file (pages share the browser's cache) must not
// hand one over.
import type { Context, Next } from 'koa';

const PARTS: [cookie: string, path: RegExp][] = [
  ['fail-on-demand', /^\/src\/(?:on-demand|lazy-steps|lazy-english|clerk-errors|sign-in-failures|recovery-machine|clerk-recovery)\.ts$/],
  ['fail-setup-parts', /^\/src\/setup\/(?:setup-enrolment|setup-views)\.ts$/],
];

export async function onDemandFaultMiddleware(ctx: Context, next: Next): Promise<void> {
  const part = PARTS.find(([, path]) => path.test(ctx.path));
  if (!part) return next();
  if (new RegExp(`(?:^|;\\s*)${part[0]}=1(?:;|$)`).test(ctx.get('cookie'))) {
    ctx.status = 503;
    ctx.body = 'unavailable';
  } else {
    await next();
  }
  ctx.set('Cache-Control', 'no-store');
}
