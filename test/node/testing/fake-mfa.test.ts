// The fake Clerk's second-factor management where the contract suite (test/contract/, the same
// facts as the emulator's) does not reach: scripted failures, the reverification switch, the
// calls counted, where codes went, and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClerk, fakeClerkError, fakeNetworkError, fakeRateLimitError, type FakeUser } from '../../../src/testing/index.js';

const ADA: FakeUser = { email: 'ada@example.com', password: 'pw', totp: '123456', phone: '+15555550100', backupCodes: ['abcd-efgh'] };
const signedIn = (user: FakeUser = ADA) => new FakeClerk({ users: [user], signedInAs: user.email, sentCode: '654321' });
type Mfa = {
  disableTOTP(): Promise<unknown>;
  createBackupCode(): Promise<{ codes: string[] }>;
  createPhoneNumber(p: { phoneNumber: string }): Promise<{ id: string; prepareVerification(): Promise<unknown>; verification: { status: string | null } }>;
  phoneNumbers: { id: string; makeDefaultSecondFactor(): Promise<unknown>; destroy(): Promise<unknown> }[];
  totpEnabled: boolean;
};
type Verifying = {
  startVerification(p: { level: string }): Promise<{ status: string; supportedSecondFactors: { strategy: string }[] | null }>;
  attemptFirstFactorVerification(p: { strategy: 'password'; password: string }): Promise<{ status: string }>;
  prepareSecondFactorVerification(p: { strategy: 'phone_code'; phoneNumberId?: string }): Promise<unknown>;
  attemptSecondFactorVerification(p: { strategy: string; code: string }): Promise<{ status: string }>;
};
const mfa = (clerk: FakeClerk) => clerk.user as unknown as Mfa;
const session = (clerk: FakeClerk) => clerk.session as unknown as Verifying;
const codeOf = async (action: () => Promise<unknown>) => {
  try {
    await action();
  } catch (error) {
    return (error as { errors?: { code: string }[] }).errors?.[0]?.code ?? (error as Error).message;
  }
  return null;
};

describe('the fake Clerk managing second factors', () => {
  it('failNext scripts a rate limit or a network failure on any of the new calls; the next call goes through', async () => {
    const clerk = signedIn();
    clerk.failNext('createBackupCode', fakeRateLimitError(20)).failNext('disableTOTP', fakeNetworkError());
    const limited = await mfa(clerk)
      .createBackupCode()
      .then(() => null, (error: { status: number; retryAfter: number; errors: { code: string }[] }) => error);
    assert.deepEqual([limited?.status, limited?.retryAfter, limited?.errors[0]!.code], [429, 20, 'too_many_requests']);
    assert.equal(await codeOf(() => mfa(clerk).disableTOTP()), 'Failed to fetch');
    assert.equal(mfa(clerk).totpEnabled, true);
    await mfa(clerk).disableTOTP();
    assert.equal(mfa(clerk).totpEnabled, false);
    assert.deepEqual([clerk.calls.createBackupCode, clerk.calls.disableTOTP], [1, 2]);
  });

  it('requireReverification(): every sensitive change is refused until the session verifies again with the password', async () => {
    const clerk = signedIn({ ...ADA, totp: undefined, phone: undefined, backupCodes: undefined });
    clerk.requireReverification();
    assert.equal(await codeOf(() => mfa(clerk).createPhoneNumber({ phoneNumber: '+15555550111' })), 'session_reverification_required');
    const started = await session(clerk).startVerification({ level: 'second_factor' });
    assert.deepEqual([started.status, started.supportedSecondFactors], ['needs_first_factor', null], 'no second factor: the first instead');
    assert.equal(await codeOf(() => session(clerk).attemptFirstFactorVerification({ strategy: 'password', password: 'wrong' })), 'form_password_incorrect');
    assert.equal((await session(clerk).attemptFirstFactorVerification({ strategy: 'password', password: 'pw' })).status, 'complete');
    const phone = await mfa(clerk).createPhoneNumber({ phoneNumber: '+15555550111' });
    assert.equal(phone.verification.status, null, 'no code sent yet');
    await phone.prepareVerification();
    assert.deepEqual(clerk.sentCodes.at(-1), { strategy: 'phone_code', code: '654321', to: '+15555550111' });
    assert.equal(phone.verification.status, 'unverified');
  });

  it('the first factor may be a code sent to the email instead of the password', async () => {
    const clerk = signedIn({ ...ADA, reverify: true });
    const started = await session(clerk).startVerification({ level: 'first_factor' });
    const email = (started as unknown as { supportedFirstFactors: { strategy: string; emailAddressId?: string }[] }).supportedFirstFactors.find((f) => f.strategy === 'email_code')!;
    const verifying = session(clerk) as unknown as {
      prepareFirstFactorVerification(p: { strategy: 'email_code'; emailAddressId: string }): Promise<unknown>;
      attemptFirstFactorVerification(p: { strategy: 'email_code'; code: string }): Promise<{ status: string }>;
    };
    await verifying.prepareFirstFactorVerification({ strategy: 'email_code', emailAddressId: email.emailAddressId! });
    assert.deepEqual(clerk.sentCodes.at(-1), { strategy: 'email_code', code: '654321', to: ADA.email });
    assert.equal(await codeOf(() => verifying.attemptFirstFactorVerification({ strategy: 'email_code', code: '000000' })), 'form_code_incorrect');
    assert.equal((await verifying.attemptFirstFactorVerification({ strategy: 'email_code', code: '654321' })).status, 'complete');
    assert.equal((await mfa(clerk).createBackupCode()).codes.length, 10);
  });

  it('FakeUser.reverify starts stale; a step out of turn, an unknown level or a factor the user lacks is refused', async () => {
    const clerk = signedIn({ ...ADA, reverify: true });
    assert.equal(await codeOf(() => mfa(clerk).createBackupCode()), 'session_reverification_required');
    assert.equal(await codeOf(() => session(clerk).attemptSecondFactorVerification({ strategy: 'totp', code: '123456' })), 'resource_not_found');
    assert.equal(await codeOf(() => session(clerk).startVerification({ level: 'all_factors' })), 'form_param_format_invalid');
    await session(clerk).startVerification({ level: 'second_factor' });
    assert.equal(await codeOf(() => session(clerk).attemptFirstFactorVerification({ strategy: 'password', password: 'pw' })), 'strategy_for_user_invalid');
    assert.equal(await codeOf(() => session(clerk).prepareSecondFactorVerification({ strategy: 'phone_code', phoneNumberId: 'idn_other' })), 'strategy_for_user_invalid');
    await session(clerk).prepareSecondFactorVerification({ strategy: 'phone_code' });
    assert.equal(clerk.sentCodes.at(-1)!.to, ADA.phone, 'the default number');
    assert.equal((await session(clerk).attemptSecondFactorVerification({ strategy: 'phone_code', code: '654321' })).status, 'complete');
    assert.equal((await mfa(clerk).createBackupCode()).codes.length, 10);
  });

  it('the choice of default number needs no reverification; new backup codes need a second factor beside them', async () => {
    const clerk = signedIn({ ...ADA, totp: undefined, phoneNumbers: [{ phoneNumber: '+15555550122', reserved: true }] });
    clerk.requireReverification();
    await mfa(clerk).phoneNumbers[1]!.makeDefaultSecondFactor();
    assert.deepEqual(clerk.secondFactorsOf(clerk.users[0]!).map((f) => f.safeIdentifier?.slice(-4) ?? f.strategy), ['0122', '0100', 'backup_code']);
    const alone = signedIn({ email: 'lin@example.com', password: 'pw', backupCodes: ['abcd-efgh'] });
    assert.equal(await codeOf(() => mfa(alone).createBackupCode()), 'backup_codes_not_available_code');
    assert.equal(await codeOf(() => mfa(alone).disableTOTP()), 'resource_not_found');
  });

  it('a scripted Clerk error is thrown as given, and the state is left as it was', async () => {
    const clerk = signedIn();
    clerk.failNext('makeDefaultSecondFactor', fakeClerkError('form_param_format_invalid', { paramName: 'default_second_factor' }));
    assert.equal(await codeOf(() => mfa(clerk).phoneNumbers[0]!.makeDefaultSecondFactor()), 'form_param_format_invalid');
    assert.throws(() => clerk.requireReverification('sess_none'), /no such session/);
  });
});
