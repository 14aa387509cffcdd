// <clerk-mfa-setup> downloads the enrolment (its controller, views, calls to Clerk and the QR
// encoder: src/setup/setup-enrolment.ts) only when a method is added. The overview works without
// it; a pointer or the focus on "Add" begins the download; the add view shows a spinner and its
// way back until the enrolment has arrived. The tests run in order, in one page: the first
// downloads nothing. A download that fails: setup-download-failure.test.ts (a page keeps a failed
// module for its life, so that one has a page of its own).
import { expect } from '@open-wc/testing';
import { failDownloads, mountOverview, requested, webKit } from './downloads.js';

/** The enrolment's entry and modules only it imports (the QR code, its encoder, its controller). */
const ENROLMENT = ['/src/setup/setup-enrolment.ts', '/src/mfa/enrol-controller.ts', '/src/mfa/qr-code.ts', 'uqr/dist/index.mjs'];

const mount = mountOverview;

after(() => failDownloads(false));

beforeEach(function () {
  if (webKit) this.skip();
});

it('the overview works without the enrolment: nothing of it is requested before a pointer or the focus is on "Add"', async () => {
  const { el, page, clerk } = await mount();
  expect([page.status('totp'), page.status('phone_code'), page.status('backup_code')]).to.deep.equal(['Off', 'On', 'On']);
  await page.click('make-default-button');
  await page.waitFor(() => page.text('notice'), 'the notice');
  expect(clerk.calls.makeDefaultSecondFactor).to.equal(1);
  expect(ENROLMENT.filter(requested), 'downloaded before "Add"').to.deep.equal([]);
  await expect(el).to.be.accessible();
});

it('"Add" shows the spinner and the way back until the enrolment has arrived, then its views', async () => {
  const { el, page, clerk } = await mount();
  await page.click('add-totp-button');
  expect(el.view).to.equal('adding-totp');
  expect(page.text('heading'), 'its heading while it downloads').to.equal('Add authenticator application');
  expect(page.part('spinner'), 'the spinner').to.not.equal(null);
  expect(page.part('cancel-button'), 'and the way back').to.not.equal(null);
  expect(el.busy).to.equal(true);
  await expect(el).to.be.accessible();
  await page.waitFor(() => page.secret(), 'the key');
  expect(requested('/src/setup/setup-enrolment.ts')).to.equal(true);
  expect(page.part('qr-code')).to.not.equal(null);
  await page.waitFor(() => page.focusedId() === 'code', 'focus on the code');
  expect(clerk.calls.createTOTP).to.equal(1);
  await page.type('code-input', '123456');
  await page.waitForView('overview');
  expect(clerk.calls.verifyTOTP).to.equal(1);
  expect(page.status('totp')).to.equal('On');
});

it('once downloaded, "Add" shows the enrolment at once; clicked twice, it starts one add', async () => {
  const { el, page, clerk } = await mount();
  const add = page.part('add-phone-button')!;
  add.click();
  add.click();
  await el.updateComplete;
  expect(el.view).to.equal('adding-phone');
  expect(page.part('spinner'), 'no download').to.equal(null);
  await page.waitFor(() => page.part('phone-input'), 'the number field');
  expect(clerk.calls.createPhoneNumber).to.equal(0);
  await page.enter('phone-input', '+15555550199');
  await page.waitFor(() => page.part('code-input'), 'the code field');
  expect(clerk.calls.createPhoneNumber).to.equal(1);
});
