/**
 * The parts of `<clerk-mfa-setup>` downloaded on first use, each once (`../download-once.ts`): the
 * views a visit may never show (`setup-views.ts`), and the enrolment (`setup-enrolment.ts`), which
 * only adding an authenticator app or a number needs. A failed download is tried again the next
 * time the part is asked for. Built in; neither part imports anything of the built-in code but types.
 */
import { downloadOnce, type DownloadedPart } from '../download-once.js';

export type SetupViewsPart = typeof import('./setup-views.js');
export type SetupEnrolmentPart = typeof import('./setup-enrolment.js');

export const setupViewsPart: DownloadedPart<SetupViewsPart> = downloadOnce(() => import('./setup-views.js'));
export const enrolmentPart: DownloadedPart<SetupEnrolmentPart> = downloadOnce(() => import('./setup-enrolment.js'));

/** Starts the enrolment's download before it is needed (a pointer over "Add", or focus on it); a failure waits for the click. */
export function prefetchEnrolment(): void {
  enrolmentPart.load().catch(() => {});
}
