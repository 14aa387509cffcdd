// The real clerk-js managing a signed-in user's second factors against the emulator: the calls
// Clerk's own profile page and session tasks make (user.createTOTP(), createBackupCode(),
// createPhoneNumber(), phone.setReservedForSecondFactor(), getSessions(), ...).
import { expect } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import { addUser, apiError, lastMessage, loadClerk, PASSWORD, randomPhone, signInWithPassword, signOutAll, totpCode, type Mode } from './support.js';

const noSecondFactor = { totp_secret: undefined, backup_codes: [] };

interface OfferedFactor {
  strategy: string;
  phoneNumberId?: string;
  safeIdentifier?: string;
  default?: boolean;
}
const offered = (signIn: { supportedSecondFactors: unknown }) => signIn.supportedSecondFactors as OfferedFactor[];

for (const mode of ['production', 'dev-browser'] as Mode[]) {
  describe(`clerk-js manages an authenticator app against the emulator (${mode} key)`, () => {
    afterEach(signOutAll);

    it('adds one with its first code, then removes it: the next sign-in no longer offers it', async () => {
      const phone = randomPhone();
      const email = await addUser({ ...noSecondFactor, phone_number: phone });
      const clerk = await loadClerk(mode);
      const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      await signIn.prepareSecondFactor({ strategy: 'phone_code', phoneNumberId: offered(signIn)[0]!.phoneNumberId! });
      const done = await signIn.attemptSecondFactor({ strategy: 'phone_code', code: (await lastMessage(phone)).code });
      await clerk.setActive({ session: done.createdSessionId });

      const totp = await clerk.user!.createTOTP();
      expect(totp.verified).to.equal(false);
      expect(totp.uri).to.match(/^otpauth:\/\/totp\//);
      const wrong = await apiError(() => clerk.user!.verifyTOTP({ code: '000000' }));
      expect(wrong).to.include({ status: 422, code: 'form_code_incorrect' });
      const verified = await clerk.user!.verifyTOTP({ code: totpCode(totp.secret!) });
      expect(verified.verified).to.equal(true);
      expect(verified.backupCodes).to.have.length(10);
      expect([clerk.user!.totpEnabled, clerk.user!.twoFactorEnabled, clerk.user!.backupCodeEnabled]).to.deep.equal([true, true, true]);
      expect((await apiError(() => clerk.user!.createTOTP())).code).to.equal('totp_already_enabled');

      await clerk.user!.disableTOTP();
      expect(clerk.user!.totpEnabled).to.equal(false);
      await clerk.signOut(() => {});
      const again = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
      expect(again.supportedSecondFactors!.map((f) => f.strategy)).to.deep.equal(['phone_code', 'backup_code']);
      expect((await apiError(() => again.attemptSecondFactor({ strategy: 'totp', code: totpCode(totp.secret!) }))).code).to.equal('strategy_for_user_invalid');
    });
  });
}

describe('clerk-js manages backup codes, SMS numbers and sessions against the emulator', () => {
  afterEach(signOutAll);

  it('regenerates backup codes (POST /v1/me/backup_codes/); the old set stops working', async () => {
    const email = await addUser();
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    const first = await clerk.user!.createBackupCode();
    const second = await clerk.user!.createBackupCode();
    expect(first.codes).to.have.length(10);
    expect(second.codes.filter((code) => first.codes.includes(code))).to.deep.equal([]);
    await clerk.signOut(() => {});
    const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
    expect((await apiError(() => signIn.attemptSecondFactor({ strategy: 'backup_code', code: first.codes[0]! }))).code).to.equal('form_code_incorrect');
    expect((await signIn.attemptSecondFactor({ strategy: 'backup_code', code: second.codes[0]! })).status).to.equal('complete');
  });

  it('adds an SMS number, verifies it with the code from the inbox, reserves it, makes it the default and removes it', async () => {
    const [seeded, added] = [randomPhone(), randomPhone()];
    const email = await addUser({ phone_number: seeded });
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    const phone = await clerk.user!.createPhoneNumber({ phoneNumber: added });
    expect([phone.verification.status, phone.reservedForSecondFactor]).to.deep.equal([null, false]);
    await phone.prepareVerification();
    const code = (await lastMessage(added)).code;
    expect((await apiError(() => phone.attemptVerification({ code: code === '000000' ? '111111' : '000000' }))).code).to.equal('form_code_incorrect');
    const verified = await phone.attemptVerification({ code });
    expect(verified.verification.status).to.equal('verified');
    const reserved = await verified.setReservedForSecondFactor({ reserved: true });
    expect([reserved.reservedForSecondFactor, reserved.defaultSecondFactor]).to.deep.equal([true, false]);
    await reserved.makeDefaultSecondFactor();
    expect(clerk.user!.phoneNumbers.map((p) => [p.phoneNumber, p.defaultSecondFactor])).to.deep.equal([
      [seeded, false],
      [added, true],
    ]);

    await clerk.signOut(() => {});
    const signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
    expect(offered(signIn).map((f) => [f.strategy, f.safeIdentifier?.slice(-4) ?? null, f.default])).to.deep.equal([
      ['totp', null, true],
      ['phone_code', added.slice(-4), false],
      ['phone_code', seeded.slice(-4), false],
      ['backup_code', null, false],
    ]);
    await signIn.prepareSecondFactor({ strategy: 'phone_code', phoneNumberId: offered(signIn)[1]!.phoneNumberId! });
    const done = await signIn.attemptSecondFactor({ strategy: 'phone_code', code: (await lastMessage(added)).code });
    await clerk.setActive({ session: done.createdSessionId });

    await clerk.user!.phoneNumbers.find((p) => p.phoneNumber === added)!.destroy();
    await clerk.user!.reload();
    expect(clerk.user!.phoneNumbers.map((p) => [p.phoneNumber, p.defaultSecondFactor])).to.deep.equal([[seeded, true]]);
  });

  it("lists the user's active sessions with their browser (getSessions), and revokes another device's", async () => {
    const email = await addUser({ ...noSecondFactor });
    // Another device: a sign-in without this page's cookies.
    const elsewhere = await fetch('/__clerk/v1/client/sign_ins', { method: 'POST', body: new URLSearchParams({ identifier: email, password: PASSWORD }), credentials: 'omit' });
    const otherSession = (await elsewhere.json()).response.created_session_id as string;
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    const sessions = await clerk.user!.getSessions();
    expect(sessions.map((s) => s.id).sort()).to.deep.equal([clerk.session!.id, otherSession].sort());
    const current = sessions.find((s) => s.id === clerk.session!.id)!;
    expect(current.latestActivity.browserName).to.be.oneOf(['Chrome', 'Firefox', 'Safari']);
    expect(current.latestActivity.isMobile).to.equal(false);
    const revoked = await sessions.find((s) => s.id === otherSession)!.revoke();
    expect(revoked.status).to.equal('revoked');
  });

  it('completes a setup-mfa task: the pending session becomes active once an authenticator app is enrolled', async () => {
    const email = await addUser({ ...noSecondFactor, tasks: ['setup-mfa'] });
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    expect(clerk.session!.status).to.equal('pending');
    expect(clerk.session!.currentTask!.key).to.equal('setup-mfa');
    expect(clerk.isSignedIn).to.equal(false);
    const totp = await clerk.user!.createTOTP();
    await clerk.user!.verifyTOTP({ code: totpCode(totp.secret!) });
    expect(clerk.session!.status).to.equal('active');
    expect(decodeJwt((await clerk.session!.getToken({ skipCache: true }))!).sts).to.equal('active');
  });
});
