// First factors that match the environment: the password, an email code, and "Forgot password?"
// (reset_password_email_code, then a new password, then the second factor), as Clerk's
// <SignIn /> and SignInFuture send them.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, type FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock });
after(() => env.close());

const freshUser = userFactory(env.emulator, 'ff', { limits: { signInCreateLimit: 100, signInAttemptLimit: 100 } });
const noSecondFactor = { totp_secret: undefined, phone_number: undefined, backup_codes: [] };
const totpCode = () => new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate({ timestamp: clock });
const lastCodeTo = (to: string) => env.emulator.messages().filter((m) => m.to === to).at(-1)!;

async function identified(email: string, c: FapiClient = env.client()) {
  const signIn = (await c.call('POST', '/v1/client/sign_ins', { identifier: email })).body.response;
  return { c, signIn };
}
const prepare = (c: FapiClient, id: string, form: Record<string, string>) => c.call('POST', `/v1/client/sign_ins/${id}/prepare_first_factor`, form);
const attempt = (c: FapiClient, id: string, form: Record<string, string>) => c.call('POST', `/v1/client/sign_ins/${id}/attempt_first_factor`, form);

describe('first factors', () => {
  test('an identifier alone: needs_first_factor, offering the password, an email code and a password reset', async () => {
    const email = await freshUser();
    const { c, signIn } = await identified(email);
    assert.equal(signIn.status, 'needs_first_factor');
    assert.equal(signIn.first_factor_verification, null);
    const emailId = signIn.supported_first_factors[1].email_address_id;
    assert.match(emailId, /^idn_/);
    assert.deepEqual(signIn.supported_first_factors, [
      { strategy: 'password' },
      { strategy: 'email_code', safe_identifier: email, email_address_id: emailId, primary: true },
      { strategy: 'reset_password_email_code', safe_identifier: email, email_address_id: emailId, primary: true },
    ]);
    const done = (await attempt(c, signIn.id, { strategy: 'password', password: PASSWORD })).body.response;
    assert.equal(done.status, 'needs_second_factor');
    assert.deepEqual([done.first_factor_verification.strategy, done.first_factor_verification.status], ['password', 'verified']);
  });

  test('email_code: the code sent to the inbox completes the first factor, then the second factor is asked', async () => {
    const email = await freshUser();
    const { c, signIn } = await identified(email);
    const prepared = (await prepare(c, signIn.id, { strategy: 'email_code', email_address_id: signIn.supported_first_factors[1].email_address_id })).body.response;
    assert.deepEqual([prepared.first_factor_verification.object, prepared.first_factor_verification.status], ['verification_otp', 'unverified']);
    const message = lastCodeTo(email);
    assert.equal(message.channel, 'email');
    assert.match(message.code, /^\d{6}$/);
    const wrong = await attempt(c, signIn.id, { strategy: 'email_code', code: message.code === '000000' ? '111111' : '000000' });
    assert.deepEqual([wrong.status, errorCode(wrong), wrong.body.errors[0].meta.param_name], [422, 'form_code_incorrect', 'code']);
    const done = (await attempt(c, signIn.id, { strategy: 'email_code', code: message.code })).body.response;
    assert.equal(done.status, 'needs_second_factor');
    assert.equal((await c.attempt(signIn.id, 'totp', totpCode())).body.response.status, 'complete');
  });

  test('email_code without a second factor signs in at once, even where Client Trust would ask a new device', async () => {
    const email = await freshUser({ ...noSecondFactor, client_trust: true });
    const c = env.client();
    const created = (await c.call('POST', '/v1/client/sign_ins', { identifier: email, strategy: 'email_code' })).body.response;
    assert.equal(created.first_factor_verification.strategy, 'email_code');
    const done = await attempt(c, created.id, { strategy: 'email_code', code: lastCodeTo(email).code });
    assert.equal(done.body.response.status, 'complete');
    assert.equal(done.body.client.last_authentication_strategy, 'email_code');
  });

  test('"Forgot password?": the reset code, a new password, then the second factor; the new password works from then on', async () => {
    const email = await freshUser();
    const { c, signIn } = await identified(email);
    await prepare(c, signIn.id, { strategy: 'reset_password_email_code' });
    const coded = (await attempt(c, signIn.id, { strategy: 'reset_password_email_code', code: lastCodeTo(email).code })).body.response;
    assert.equal(coded.status, 'needs_new_password');
    assert.deepEqual([coded.first_factor_verification.strategy, coded.first_factor_verification.status], ['reset_password_email_code', 'verified']);
    assert.equal(errorCode(await c.call('POST', `/v1/client/sign_ins/${signIn.id}/reset_password`, { password: 'password123' })), 'form_password_pwned');
    const renewed = (await c.call('POST', `/v1/client/sign_ins/${signIn.id}/reset_password`, { password: 'a brand new passphrase' })).body.response;
    assert.equal(renewed.status, 'needs_second_factor');
    assert.equal((await c.attempt(signIn.id, 'totp', totpCode())).body.response.status, 'complete');

    assert.equal(errorCode(await env.client().signIn(email, PASSWORD)), 'form_password_incorrect');
    assert.equal((await env.client().signIn(email, 'a brand new passphrase')).body.response.status, 'needs_second_factor');
  });

  test('codes as for second-factor codes: none sent, three wrong, expired; the email must be the user’s; the password needs nothing sent', async () => {
    const email = await freshUser();
    const { c, signIn } = await identified(email);
    assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: '123456' })), 'verification_missing');
    assert.equal(errorCode(await prepare(c, signIn.id, { strategy: 'password' })), 'strategy_for_user_invalid');
    assert.equal(errorCode(await prepare(c, signIn.id, { strategy: 'phone_code' })), 'strategy_for_user_invalid');
    const foreign = await prepare(c, signIn.id, { strategy: 'email_code', email_address_id: 'idn_someone_else' });
    assert.deepEqual([errorCode(foreign), foreign.body.errors[0].meta.param_name], ['strategy_for_user_invalid', 'email_address_id']);

    await prepare(c, signIn.id, { strategy: 'email_code' });
    const sent = lastCodeTo(email).code;
    const wrong = sent === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: wrong })), 'form_code_incorrect');
    assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: sent })), 'verification_failed');

    await prepare(c, signIn.id, { strategy: 'email_code' });
    clock += 10 * 60_000 + 1;
    assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: lastCodeTo(email).code })), 'verification_expired');
  });

  test('wrong codes count towards the lockout, and tries towards the attempt rate limit', async () => {
    const locking = await freshUser({ limits: { signInAttemptLimit: 100, lockoutAttempts: 2, codeMaxAttempts: 100 } });
    const { c, signIn } = await identified(locking);
    await prepare(c, signIn.id, { strategy: 'email_code' });
    const wrong = lastCodeTo(locking).code === '000000' ? '111111' : '000000';
    assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: wrong })), 'form_code_incorrect');
    assert.equal(errorCode(await attempt(c, signIn.id, { strategy: 'email_code', code: wrong })), 'user_locked');
    assert.equal(errorCode(await prepare(c, signIn.id, { strategy: 'email_code' })), 'user_locked');

    const limited = await freshUser({ limits: { signInAttemptLimit: 2 } });
    const second = await identified(limited);
    await prepare(second.c, second.signIn.id, { strategy: 'email_code' });
    for (let i = 0; i < 2; i++) await attempt(second.c, second.signIn.id, { strategy: 'email_code', code: wrong });
    const throttled = await attempt(second.c, second.signIn.id, { strategy: 'email_code', code: lastCodeTo(limited).code });
    assert.deepEqual([throttled.status, errorCode(throttled)], [429, 'too_many_requests']);
  });
});
