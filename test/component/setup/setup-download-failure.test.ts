// <clerk-mfa-setup>'s enrolment (src/setup/setup-enrolment.ts, downloaded when a method is
// added) cannot be downloaded: the add view says so, "Continue" loads the page again (browsers
// keep a failed download of a module for the page's life), "Cancel" goes back to the overview,
// which still works; and the same for the views a visit may never show. Its own page: the
// downloads succeed in setup-downloads.test.ts.
import { expect } from '@open-wc/testing';
import { failDownloads, mountOverview, requested, webKit } from './downloads.js';

async function mount() {
  const mounted = await mountOverview();
  let reloads = 0;
  (mounted.el as unknown as { reload(): void }).reload = () => void reloads++;
  return { ...mounted, reloads: () => reloads };
}

after(() => failDownloads(false));

beforeEach(function () {
  if (webKit) this.skip();
});

it('the add view says so; "Continue" loads the page again; "Cancel" goes back to an overview that works; one add however often "Add" is clicked', async () => {
  failDownloads(true);
  const { el, page, clerk, reloads } = await mount();
  // A pointer on "Add" begins the download; when it fails, the click says so.
  page.part('add-totp-button')!.dispatchEvent(new PointerEvent('pointerenter'));
  await page.waitFor(() => requested('/src/setup/setup-enrolment.ts'), 'the download begun by the pointer');
  const add = page.part('add-totp-button')!;
  add.click();
  add.click();
  await el.updateComplete;
  expect(el.view).to.equal('adding-totp');
  await page.waitFor(() => page.text('form-error'), 'the message');
  expect(page.text('form-error')).to.equal("Couldn't load this part of the page. Check your connection and try again.");
  expect(page.text('heading')).to.equal('Add authenticator application');
  expect(page.focusedId(), 'focus on the heading').to.equal('heading');
  expect(el.busy).to.equal(false);
  expect(el.matches(':state(adding-totp)')).to.equal(true);
  await expect(el).to.be.accessible();
  const retry = page.part('submit-button')!;
  expect(retry.textContent!.trim()).to.equal('Continue');
  retry.click();
  expect(reloads()).to.equal(1);

  await page.click('cancel-button');
  await page.waitForView('overview');
  expect(page.focusedId(), 'focus back on the title').to.equal('title');
  await page.click('make-default-button');
  await page.waitFor(() => page.text('notice'), 'the notice');
  expect(clerk.calls.makeDefaultSecondFactor).to.equal(1);
  expect(clerk.calls.createTOTP, 'nothing sent to Clerk for the add').to.equal(0);
});

it('the views a visit may never show cannot be downloaded either: the message, "Continue" loads the page again, "Cancel" goes back', async () => {
  failDownloads(true);
  const { el, page, clerk, reloads } = await mount();
  await page.click('remove-phone-button', /\+15555550101/);
  expect(el.view).to.equal('confirm-remove');
  await page.waitFor(() => page.text('form-error'), 'the message');
  expect(page.text('form-error')).to.equal("Couldn't load this part of the page. Check your connection and try again.");
  expect(el.busy).to.equal(false);
  await expect(el).to.be.accessible();
  page.part('submit-button')!.click();
  expect(reloads()).to.equal(1);
  await page.click('cancel-button');
  await page.waitForView('overview');
  expect(clerk.calls.setReservedForSecondFactor, 'nothing removed').to.equal(0);
});
