// Reverification: sensitive /v1/me changes need a recent factor verification (Clerk's levels),
// and the session verify endpoints renew it, as clerk-js's session.startVerification() and
// attempt...FactorVerification() send them.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, type FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock });
const mfaOnly = await startEmulator({ now: () => clock, reverification: 'strict_mfa' });
const never = await startEmulator({ now: () => clock, reverification: false });
after(() => Promise.all([env.close(), mfaOnly.close(), never.close()]));

const MINUTE = 60_000;
const limits = { signInCreateLimit: 100, signInAttemptLimit: 100 };
const noSecondFactor = { totp_secret: undefined, phone_number: undefined, backup_codes: [] };
/** The authenticator's code now; each call moves the clock a step on, so no code is refused as a replay. */
const totpCode = () => {
  clock += 30_000;
  return new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate({ timestamp: clock });
};

/** Signs a new user of `on` in on a new client (with the authenticator when asked): the client and the session id. */
async function signedIn(on: typeof env, extra: Record<string, unknown> = {}) {
  const email = await userFactory(on.emulator, `rv${Math.random().toString(36).slice(2)}-`, { limits })(extra);
  const c = on.client();
  let signIn = (await c.signIn(email, PASSWORD)).body.response;
  if (signIn.status === 'needs_second_factor') signIn = (await c.attempt(signIn.id, 'totp', totpCode())).body.response;
  assert.equal(signIn.status, 'complete');
  return { c, email, sid: signIn.created_session_id as string };
}

const verify = (c: FapiClient, sid: string, step: string, form: Record<string, string>) => c.call('POST', `/v1/client/sessions/${sid}/verify${step}`, form);
const fva = (reply: { body: { response: { session: { last_active_token: { jwt: string } } } } }) => decodeJwt(reply.body.response.session.last_active_token.jwt).fva;

describe('sensitive changes need a recent verification (strict: the strongest factor, 10 minutes)', () => {
  test("past ten minutes: 403 session_reverification_required; the second factor renews it and the change goes through", async () => {
    const { c, sid } = await signedIn(env);
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
    clock += 10 * MINUTE;
    for (const [method, path] of [['POST', '/v1/me/backup_codes/'], ['DELETE', '/v1/me/totp'], ['POST', '/v1/me/phone_numbers/'], ['POST', '/v1/me/change_password']]) {
      const refused = await c.call(method!, path!, { phone_number: '+15555550170', new_password: 'a brand new passphrase' });
      assert.equal(refused.status, 403, path);
      assert.deepEqual(refused.body.errors.map((e: { code: string; meta: object }) => [e.code, e.meta]), [['session_reverification_required', {}]], path);
    }
    assert.equal((await c.call('PATCH', '/v1/me', { first_name: 'Lin' })).status, 200);

    const started = (await verify(c, sid, '', { level: 'second_factor' })).body.response;
    assert.deepEqual([started.object, started.level, started.status], ['session_reverification', 'second_factor', 'needs_second_factor']);
    assert.deepEqual(started.supported_second_factors.map((f: { strategy: string }) => f.strategy), ['totp', 'phone_code', 'backup_code']);
    assert.deepEqual(started.supported_first_factors.map((f: { strategy: string }) => f.strategy), ['password', 'email_code']);
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: PASSWORD })), 'strategy_for_user_invalid');
    assert.equal(errorCode(await verify(c, sid, '/attempt_second_factor', { strategy: 'totp', code: '000000' })), 'form_code_incorrect');
    const done = await verify(c, sid, '/attempt_second_factor', { strategy: 'totp', code: totpCode() });
    assert.equal(done.body.response.status, 'complete');
    assert.deepEqual(done.body.response.second_factor_verification.status, 'verified');
    assert.deepEqual(fva(done), [10, 0]);
    assert.deepEqual(done.body.response.session.factor_verification_age, [10, 0]);
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);

    clock += 10 * MINUTE - 1;
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
    clock += 1;
    assert.equal(errorCode(await c.call('POST', '/v1/me/backup_codes/')), 'session_reverification_required');
  });

  test('an SMS code or a backup code verifies the session too', async () => {
    const { c, sid } = await signedIn(env);
    clock += 10 * MINUTE;
    const started = (await verify(c, sid, '', { level: 'second_factor' })).body.response;
    const phone = started.supported_second_factors.find((f: { strategy: string }) => f.strategy === 'phone_code');
    await verify(c, sid, '/prepare_second_factor', { strategy: 'phone_code', phone_number_id: phone.phone_number_id });
    const sms = env.emulator.messages().at(-1)!;
    assert.deepEqual([sms.to, sms.channel], [ADA.phone_number, 'sms']);
    assert.equal((await verify(c, sid, '/attempt_second_factor', { strategy: 'phone_code', code: sms.code })).body.response.status, 'complete');

    clock += 10 * MINUTE;
    await verify(c, sid, '', { level: 'second_factor' });
    assert.equal((await verify(c, sid, '/attempt_second_factor', { strategy: 'backup_code', code: ADA.backup_codes![0]! })).body.response.status, 'complete');
    await verify(c, sid, '', { level: 'second_factor' });
    assert.equal(errorCode(await verify(c, sid, '/attempt_second_factor', { strategy: 'backup_code', code: ADA.backup_codes![0]! })), 'form_code_incorrect');
  });

  test('a user without a second factor verifies the first instead: the password, or a code sent to their email', async () => {
    const { c, sid, email } = await signedIn(env, noSecondFactor);
    clock += 10 * MINUTE;
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp')), 'session_reverification_required');
    const started = (await verify(c, sid, '', { level: 'second_factor' })).body.response;
    assert.deepEqual([started.level, started.status, started.supported_second_factors], ['first_factor', 'needs_first_factor', null]);
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: 'not the password' })), 'form_password_incorrect');
    const done = await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: PASSWORD });
    assert.equal(done.body.response.status, 'complete');
    assert.deepEqual(fva(done), [0, -1]);
    assert.equal((await c.call('POST', '/v1/me/totp')).status, 200);

    clock += 10 * MINUTE;
    const factor = (await verify(c, sid, '', { level: 'first_factor' })).body.response.supported_first_factors[1];
    assert.deepEqual([factor.strategy, factor.safe_identifier], ['email_code', email]);
    assert.equal(errorCode(await verify(c, sid, '/prepare_first_factor', { strategy: 'email_code', email_address_id: 'idn_someone_else' })), 'strategy_for_user_invalid');
    await verify(c, sid, '/prepare_first_factor', { strategy: 'email_code', email_address_id: factor.email_address_id });
    const message = env.emulator.messages().at(-1)!;
    assert.deepEqual([message.to, message.channel], [email, 'email']);
    assert.equal((await verify(c, sid, '/attempt_first_factor', { strategy: 'email_code', code: message.code })).body.response.status, 'complete');
    assert.equal((await c.call('POST', '/v1/me/totp')).status, 200);
  });

  test('wrong passwords and codes count towards the lockout; a step out of turn or an unknown level is refused', async () => {
    const { c, sid } = await signedIn(env, { ...noSecondFactor, limits: { ...limits, lockoutAttempts: 2 } });
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: PASSWORD })), 'resource_not_found');
    assert.equal(errorCode(await verify(c, sid, '', { level: 'all_factors' })), 'form_param_format_invalid');
    await verify(c, sid, '', { level: 'first_factor' });
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'reset_password_email_code', code: '123456' })), 'strategy_for_user_invalid');
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: 'wrong' })), 'form_password_incorrect');
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: 'wrong' })), 'user_locked');
    assert.equal(errorCode(await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: PASSWORD })), 'user_locked');
  });

  test('the default number may be chosen without one (not a sensitive action); reserving or unreserving a number, removing it or the authenticator app needs one', async () => {
    const other = '+15555550171';
    const { c } = await signedIn(env, { phone_numbers: [{ phone_number: other, reserved_for_second_factor: true }] });
    clock += 10 * MINUTE;
    const me = (await c.call('GET', '/v1/me')).body.response;
    const id = me.phone_numbers.find((p: { phone_number: string }) => p.phone_number === other).id as string;
    const madeDefault = await c.call('PATCH', `/v1/me/phone_numbers/${id}`, { default_second_factor: 'true' });
    assert.equal(madeDefault.status, 200);
    assert.equal(madeDefault.body.response.default_second_factor, true);
    for (const [method, form] of [['PATCH', { reserved_for_second_factor: 'false' }], ['PATCH', { reserved_for_second_factor: 'true', default_second_factor: 'true' }], ['DELETE', {}]] as const) {
      assert.equal(errorCode(await c.call(method, `/v1/me/phone_numbers/${id}`, form)), 'session_reverification_required', JSON.stringify(form));
    }
    assert.equal(errorCode(await c.call('DELETE', '/v1/me/totp')), 'session_reverification_required');
  });

  test('limits.reverificationSeconds sets the age; the environment says reverification is on', async () => {
    const { c } = await signedIn(env, { limits: { ...limits, reverificationSeconds: 60 } });
    clock += 60_000;
    assert.equal(errorCode(await c.call('POST', '/v1/me/backup_codes/')), 'session_reverification_required');
    assert.equal((await c.call('GET', '/v1/environment')).body.auth_config.reverification, true);
  });
});

describe('the sessions/{id}/age test control', () => {
  test('makes the last verification older without waiting: the token and the session say so, and a sensitive change asks again', async () => {
    const { c, sid } = await signedIn(env);
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
    const aged = await env.control('POST', `/sessions/${sid}/age`, { minutes: 11 });
    assert.deepEqual(aged.body, { session: { id: sid, factor_verification_age: [11, 11] } });
    assert.equal(errorCode(await c.call('POST', '/v1/me/backup_codes/')), 'session_reverification_required');
    const token = await c.call('POST', `/v1/client/sessions/${sid}/tokens`);
    assert.deepEqual(decodeJwt(token.body.jwt).fva, [11, 11]);
    await verify(c, sid, '', { level: 'second_factor' });
    assert.deepEqual(fva(await verify(c, sid, '/attempt_second_factor', { strategy: 'totp', code: totpCode() })), [11, 0]);
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
  });

  test('a session without a second factor ages its first; unknown sessions and bad minutes are refused', async () => {
    const { sid } = await signedIn(env, noSecondFactor);
    assert.deepEqual((await env.control('POST', `/sessions/${sid}/age`, { minutes: 2.5 })).body.session.factor_verification_age, [2, -1]);
    assert.equal(errorCode(await env.control('POST', '/sessions/sess_unknown/age', { minutes: 1 })), 'resource_not_found');
    for (const [body, code] of [[{}, 'form_param_missing'], [{ minutes: -1 }, 'form_param_format_invalid'], [{ minutes: '5' }, 'form_param_format_invalid']] as const) {
      const reply = await env.control('POST', `/sessions/${sid}/age`, body);
      assert.deepEqual([reply.status, errorCode(reply), reply.body.errors[0].meta.param_name], [422, code, 'minutes']);
    }
  });
});

describe('other levels', () => {
  test('strict_mfa: both factors within ten minutes; verifying the second alone is not enough', async () => {
    const { c, sid } = await signedIn(mfaOnly);
    clock += 10 * MINUTE;
    await verify(c, sid, '', { level: 'second_factor' });
    assert.equal((await verify(c, sid, '/attempt_second_factor', { strategy: 'totp', code: totpCode() })).body.response.status, 'complete');
    assert.equal(errorCode(await c.call('POST', '/v1/me/backup_codes/')), 'session_reverification_required');

    assert.equal((await verify(c, sid, '', { level: 'multi_factor' })).body.response.status, 'needs_first_factor');
    assert.equal((await verify(c, sid, '/attempt_first_factor', { strategy: 'password', password: PASSWORD })).body.response.status, 'needs_second_factor');
    const done = await verify(c, sid, '/attempt_second_factor', { strategy: 'totp', code: totpCode() });
    assert.equal(done.body.response.status, 'complete');
    assert.deepEqual(fva(done), [0, 0]);
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
  });

  test('reverification: false never asks', async () => {
    const { c } = await signedIn(never);
    clock += 48 * 60 * MINUTE;
    assert.equal((await c.call('POST', '/v1/me/backup_codes/')).status, 200);
    assert.equal((await c.call('GET', '/v1/environment')).body.auth_config.reverification, false);
  });
});
