// Clerk's own <UserProfile /> (mountUserProfile from @clerk/ui) on the real clerk-js against the
// emulator: its Security page adds and removes an authenticator app, regenerates backup codes,
// adds an SMS number (the code from the emulator's inbox) and makes it the default, and lists
// the active devices, clicking and typing as a user does.
import { expect } from '@open-wc/testing';
import type { Clerk } from '@clerk/clerk-js';
import { decodeJwt } from 'jose';
import { addUser, ageSession, click, codeSentTo, enterCode, field, loadClerkWithUi, PASSWORD, randomPhone, signOutAll, totpCode, type, waitFor, waitForText } from './support.js';

/** The row of the two-step verification list whose text contains `text`. */
function mfaRow(text: string): Promise<HTMLElement> {
  return waitFor(`the two-step verification row "${text}"`, () =>
    [...document.querySelectorAll<HTMLElement>('.cl-profileSectionItem__mfa')].find((row) => row.innerText.includes(text)),
  );
}

/** Opens the row's menu (its three dots) and picks `action`. */
async function rowAction(text: string, action: string): Promise<void> {
  const row = await mfaRow(text);
  row.querySelector<HTMLElement>('.cl-menuButton')!.click();
  await click(action);
}

/** The last four digits as Clerk's UI formats a US number: `+15555550123` → `0123`. */
const lastFour = (phone: string) => phone.slice(-4);

async function signedInProfile(extra: Record<string, unknown> = {}): Promise<{ clerk: Clerk; seeded: string }> {
  const seeded = randomPhone();
  const email = await addUser({ totp_secret: undefined, backup_codes: ['aaaa-1111', 'bbbb-2222'], phone_number: seeded, ...extra });
  const { clerk } = await loadClerkWithUi();
  const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
  const done = await signIn.attemptSecondFactor({ strategy: 'backup_code', code: 'aaaa-1111' });
  await clerk.setActive({ session: done.createdSessionId });
  const mount = document.createElement('div');
  document.body.append(mount);
  clerk.mountUserProfile(mount, { routing: 'hash' } as never);
  (await waitFor('the Security tab', () => mount.querySelector<HTMLElement>('.cl-navbarButton__security'))).click();
  await waitForText('Two-step verification');
  return { clerk, seeded };
}

describe("Clerk's <UserProfile /> security page against the emulator", function () {
  // Clerk's UI loads its chunks on first use, and a user's steps take several round trips each.
  this.timeout(60_000);
  afterEach(async () => {
    await signOutAll();
    document.querySelectorAll('body > div').forEach((element) => element.remove());
    location.hash = '';
  });

  it('adds an authenticator app (the key read from the page) and removes it', async () => {
    const { clerk } = await signedInProfile();
    await click('Add two-step verification');
    await click('Authenticator application');
    await click(/scan QR code\?$/);
    const uri = await waitFor('the otpauth URI', () => [...document.querySelectorAll<HTMLInputElement>('input')].find((input) => input.value.startsWith('otpauth://')));
    const secret = new URL(uri.value).searchParams.get('secret')!;
    await click('Continue');
    await enterCode(totpCode(secret));
    await waitForText('Two-step verification is now enabled');
    await click('Finish');
    await mfaRow('Authenticator application');
    expect(clerk.user!.totpEnabled).to.equal(true);

    await rowAction('Authenticator application', 'Remove');
    await waitForText('Verification codes from this authenticator will no longer be required');
    await click('Remove');
    await waitFor('the authenticator app gone', () => clerk.user!.totpEnabled === false);
    await waitFor('its row gone', () => ![...document.querySelectorAll('.cl-profileSectionItem__mfa')].some((row) => (row as HTMLElement).innerText.includes('Authenticator application')));
  });

  it('regenerates the backup codes, adds an SMS number with the code from the inbox, makes it the default, and lists this device', async () => {
    const { clerk, seeded } = await signedInProfile();
    await rowAction('Backup codes', 'Regenerate');
    await waitForText('Backup codes');
    const codes = await waitFor('ten backup codes', () => {
      const shown = document.body.innerText.match(/\b[a-z0-9]{8}\b/g);
      return shown && shown.length >= 10 ? shown : null;
    });
    expect(codes.length).to.be.at.least(10);
    await click('Finish');

    const added = randomPhone();
    await click('Add two-step verification');
    await click('SMS code');
    await click('Add phone number');
    await type(await field('input[type="tel"]'), added.slice(2));
    await click('Add');
    await enterCode(await codeSentTo(added));
    await waitForText('SMS code verification enabled');
    await click('Finish');

    await mfaRow(lastFour(added));
    await rowAction(lastFour(added), 'Set as default');
    await waitFor('the new number the default', () => clerk.user!.phoneNumbers.find((p) => p.phoneNumber === added)?.defaultSecondFactor === true);
    await waitFor('the Default badge on the new number', async () => (await mfaRow(lastFour(added))).innerText.includes('Default'));
    expect((await mfaRow(lastFour(seeded))).innerText).to.not.include('Default');

    const device = await waitFor('this device in Active devices', () => document.querySelector<HTMLElement>('.cl-activeDeviceListItem__current'));
    expect(device.innerText).to.include('This device');
    expect(device.innerText).to.match(/Chrome|Firefox|Safari/);
  });

  it('asks a stale session to verify again (its SMS code), then adds the authenticator app', async () => {
    const { clerk, seeded } = await signedInProfile();
    await ageSession(clerk.session!.id, 11);
    await click('Add two-step verification');
    await click('Authenticator application');
    await waitForText('Verification required');
    await enterCode(await codeSentTo(seeded));
    await click(/scan QR code\?$/);
    await waitFor('the otpauth URI', () => [...document.querySelectorAll<HTMLInputElement>('input')].some((input) => input.value.startsWith('otpauth://')));
    // The SMS code renewed the second factor's verification; the password's is as old as before.
    expect(decodeJwt((await clerk.session!.getToken())!).fva).to.deep.equal([11, 0]);
  });
});
