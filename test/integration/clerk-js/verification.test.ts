// The real clerk-js against the emulator for the first factors the environment advertises
// (the password, an email code, "Forgot password?") and for reverification: a sensitive change
// refused as stale, the session verified again, the change retried.
import { expect } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import { addUser, ageSession, apiError, lastMessage, loadClerk, PASSWORD, signInWithPassword, signOutAll, totpCode, TOTP_SECRET } from './support.js';

/** Older than Clerk's `strict` level allows (10 minutes). */
const STALE_MINUTES = 11;

describe('clerk-js first factors against the emulator', () => {
  afterEach(signOutAll);

  it('signIn.create({ identifier }) alone needs a first factor, and lists the password, an email code and a reset', async () => {
    const email = await addUser();
    const clerk = await loadClerk('production');
    const signIn = await clerk.client!.signIn.create({ identifier: email });
    expect(signIn.status).to.equal('needs_first_factor');
    expect(signIn.supportedFirstFactors!.map((f) => [f.strategy, 'safeIdentifier' in f ? f.safeIdentifier : null])).to.deep.equal([
      ['password', null],
      ['email_code', email],
      ['reset_password_email_code', email],
    ]);
    expect((await signIn.attemptFirstFactor({ strategy: 'password', password: PASSWORD })).status).to.equal('needs_second_factor');
  });

  it('an email code from the inbox completes the first factor, then the second factor', async () => {
    const email = await addUser();
    const clerk = await loadClerk('production');
    const signIn = await clerk.client!.signIn.create({ identifier: email });
    const factor = signIn.supportedFirstFactors!.find((f) => f.strategy === 'email_code') as { emailAddressId: string };
    await signIn.prepareFirstFactor({ strategy: 'email_code', emailAddressId: factor.emailAddressId });
    const message = await lastMessage(email);
    expect(message.channel).to.equal('email');
    expect((await apiError(() => signIn.attemptFirstFactor({ strategy: 'email_code', code: message.code === '000000' ? '111111' : '000000' }))).code).to.equal('form_code_incorrect');
    const next = await signIn.attemptFirstFactor({ strategy: 'email_code', code: message.code });
    expect(next.status).to.equal('needs_second_factor');
    expect((await next.attemptSecondFactor({ strategy: 'totp', code: totpCode() })).status).to.equal('complete');
  });

  it('SignInFuture: emailCode.sendCode() and verifyCode()', async () => {
    const email = await addUser({ totp_secret: undefined, backup_codes: [] });
    const clerk = await loadClerk('production');
    const future = (clerk.client!.signIn as unknown as { __internal_future: SignInFutureLike }).__internal_future;
    expect((await future.emailCode.sendCode({ emailAddress: email })).error).to.equal(null);
    expect(future.status).to.equal('needs_first_factor');
    expect((await future.emailCode.verifyCode({ code: (await lastMessage(email)).code })).error).to.equal(null);
    expect(future.status).to.equal('complete');
    expect(future.createdSessionId).to.match(/^sess_/);
  });

  it('"Forgot password?": the reset code, a new password, then the authenticator; the new password works', async () => {
    const email = await addUser();
    const clerk = await loadClerk('production');
    const signIn = await clerk.client!.signIn.create({ identifier: email });
    const factor = signIn.supportedFirstFactors!.find((f) => f.strategy === 'reset_password_email_code') as { emailAddressId: string };
    await signIn.prepareFirstFactor({ strategy: 'reset_password_email_code', emailAddressId: factor.emailAddressId });
    const coded = await signIn.attemptFirstFactor({ strategy: 'reset_password_email_code', code: (await lastMessage(email)).code });
    expect(coded.status).to.equal('needs_new_password');
    const renewed = await coded.resetPassword({ password: 'a brand new passphrase', signOutOfOtherSessions: true });
    expect(renewed.status).to.equal('needs_second_factor');
    const done = await renewed.attemptSecondFactor({ strategy: 'totp', code: totpCode() });
    await clerk.setActive({ session: done.createdSessionId });
    await clerk.signOut(() => {});
    expect((await apiError(() => clerk.client!.signIn.create({ identifier: email, password: PASSWORD }))).code).to.equal('form_password_incorrect');
    expect((await clerk.client!.signIn.create({ identifier: email, password: 'a brand new passphrase' })).status).to.equal('needs_second_factor');
  });
});

interface SignInFutureLike {
  status: string;
  createdSessionId: string | null;
  emailCode: {
    sendCode(params: { emailAddress: string }): Promise<{ error: unknown }>;
    verifyCode(params: { code: string }): Promise<{ error: unknown }>;
  };
}

describe('clerk-js reverification against the emulator', () => {
  afterEach(signOutAll);

  it('a stale session: session_reverification_required, then the authenticator verifies it and the retry goes through', async () => {
    const email = await addUser();
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    await ageSession(clerk.session!.id, STALE_MINUTES);
    const refused = await apiError(() => clerk.user!.createBackupCode());
    expect(refused).to.include({ isApi: true, status: 403, code: 'session_reverification_required' });

    const started = await clerk.session!.startVerification({ level: 'second_factor' });
    expect([started.status, started.level]).to.deep.equal(['needs_second_factor', 'second_factor']);
    expect(started.supportedSecondFactors!.map((f) => f.strategy)).to.deep.equal(['totp', 'backup_code']);
    // The next step's code: the one that signed in is spent.
    const verified = await clerk.session!.attemptSecondFactorVerification({ strategy: 'totp', code: totpCode(TOTP_SECRET, Date.now() + 30_000) });
    expect(verified.status).to.equal('complete');
    await clerk.setActive({ session: verified.session.id });
    expect((await clerk.user!.createBackupCode()).codes).to.have.length(10);
    expect((decodeJwt((await clerk.session!.getToken({ skipCache: true }))!).fva as number[])[1]).to.equal(0);
  });

  it('a user without a second factor verifies with the password (attemptFirstFactorVerification)', async () => {
    const email = await addUser({ totp_secret: undefined, backup_codes: [] });
    const clerk = await loadClerk('production');
    await signInWithPassword(clerk, email);
    await ageSession(clerk.session!.id, STALE_MINUTES);
    expect((await apiError(() => clerk.user!.createTOTP())).code).to.equal('session_reverification_required');
    const started = await clerk.session!.startVerification({ level: 'second_factor' });
    expect([started.status, started.level]).to.deep.equal(['needs_first_factor', 'first_factor']);
    expect((await apiError(() => clerk.session!.attemptFirstFactorVerification({ strategy: 'password', password: 'wrong' }))).code).to.equal('form_password_incorrect');
    expect((await clerk.session!.attemptFirstFactorVerification({ strategy: 'password', password: PASSWORD })).status).to.equal('complete');
    expect((await clerk.user!.createTOTP()).uri).to.match(/^otpauth:/);
  });
});
