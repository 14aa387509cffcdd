/**
 * What `<clerk-mfa-setup>` downloads the first time a method is added (`load-setup-parts.ts`):
 * the enrolment's controller (with its machine and the calls to Clerk) and its views (with the
 * QR encoder), the same modules the sign-in downloads for its `setup-mfa` task
 * (`../mfa/enrolment.ts`, which also holds what only a host inside the sign-in needs).
 *
 * None of these modules may be imported by the setup's built-in code (a module shared with it
 * would become a chunk the CDN file imports before it can render; `scripts/build.mjs` refuses
 * that): what they need of it comes as arguments (the clock, the failure table, Lit in the kit).
 */
export { EnrolController } from '../mfa/enrol-controller.js';
export { renderEnrolment } from '../mfa/enrol-templates.js';
