// What the setup's download tests share (setup-downloads.test.ts, setup-download-failure.test.ts):
// the user, the switch that makes the server refuse the downloaded parts, what the page requested,
// the element mounted on the overview, and WebKit left out.
import { fixture, html } from '@open-wc/testing';
import '../../../src/setup/index.js';
import type { ClerkMfaSetupElement } from '../../../src/setup/clerk-mfa-setup.js';
import { FakeClerk, type FakeUser } from '../../../src/testing/index.js';
import { SetupPage } from '../../integration/setup/setup-page.js';

const USER: FakeUser = {
  email: 'ada@example.com',
  password: 'correct horse battery staple',
  backupCodes: ['aaaa-1111'],
  phone: '+15555550100',
  phoneNumbers: [{ phoneNumber: '+15555550101' }],
};

/** The server answers the setup's downloaded parts with a 503 while this is on (test/support/wtr-on-demand.ts). */
export const failDownloads = (fail: boolean) => {
  document.cookie = `fail-setup-parts=${fail ? 1 : 0}; path=/`;
};

/** Whether this page asked the server for a module whose path ends so. */
export const requested = (path: string) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith(path));

/** The element for USER, signed in, on its overview. */
export async function mountOverview() {
  const clerk = new FakeClerk({ users: [{ ...USER }], signedInAs: USER.email });
  const el = await fixture<ClerkMfaSetupElement>(html`<clerk-mfa-setup .clerk=${clerk} lang="en"></clerk-mfa-setup>`);
  const page = new SetupPage(el);
  await page.waitForView('overview');
  return { el, page, clerk };
}

// WebKit driven through WebDriver opens each test file in a page of the same web process, and
// serves a module an earlier test file already imported from its memory cache without asking the
// server: the download can neither be seen nor made to fail there. Chromium and Firefox prove these.
export const webKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium/.test(navigator.userAgent);
