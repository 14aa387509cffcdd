/**
 * Everything an authenticator-app sign-in without a mistake never needs, as one file that the
 * element downloads the first time it needs any of it (`load-on-demand.ts`): the steps such a
 * sign-in never shows (`lazy-steps.ts`), "Forgot password?" (`recovery-machine.ts`, `clerk-recovery.ts`), the handling of failures (`clerk-errors.ts`,
 * `sign-in-failures.ts`) and their English (`lazy-english.ts`).
 *
 * These modules import only types, and each other: a module they shared with the built-in code
 * would become a chunk that the CDN file imports before it can render (`scripts/build.mjs` refuses
 * that). What they need of the built-in code comes as arguments (the steps' `kit`).
 */
export { normalizeError } from './clerk-errors.js';
export { failureMessage, mapFailure } from './sign-in-failures.js';
export { renderStep, sentTo } from './lazy-steps.js';
export { recover } from './recovery-machine.js';
export { runRecovery } from './clerk-recovery.js';
export { LAZY_EN as strings } from './lazy-english.js';
