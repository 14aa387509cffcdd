/**
 * The enrolment of a second factor, as one file an element downloads the first time it needs it
 * (`load-enrolment.ts`): the controller and its machine, the adapter that calls Clerk, the views,
 * the QR encoder, their styles and the English; another language's strings load with it.
 *
 * Like `on-demand.ts`, these modules import only types from the element's built-in code (a module
 * shared with it would become a chunk the CDN file imports before it can render); Lit comes in the
 * views' `kit`.
 */
export { EnrolController, type EnrolControllerOptions } from './enrol-controller.js';
export { endHosted, renderHosted } from './hosted-enrolment.js';
export { renderEnrolment, type EnrolContext, type EnrolKit } from './enrol-templates.js';
export { adoptEnrolStyles } from './enrol-styles.js';
export { loadMfaStrings } from './mfa-locales.js';
export { MFA_EN } from './strings.js';
