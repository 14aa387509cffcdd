/**
 * The CDN file a page includes (`dist/cdn/clerk-mfa-sign-in.js`): it starts clerk-js for the
 * elements already on the page, then imports the element (`index.ts`, built beside it). clerk-js is
 * most of what a sign-in downloads, so it is on its way while the element downloads and runs.
 *
 * The modules that load clerk-js live here, and the element's imports of them point at this file
 * (`scripts/build.mjs`): one script load per page, one Trusted Types policy.
 */
import { loadClerkScriptEarly } from './clerk-script.js';

export * from './clerk-script.js';
export * from './own-failures.js';
export * from './safe-url.js';

loadClerkScriptEarly('clerk-mfa-sign-in');
void import('./index.js');
