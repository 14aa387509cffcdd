// Clerk's "require multi-factor authentication": a user without a second factor signs in to a
// pending session with the setup-mfa task, which enrolling one through /v1/me completes.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { errorCode, type FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock, requireMfa: true });
after(() => env.close());

const freshUser = userFactory(env.emulator, 'req', { limits: { signInCreateLimit: 100, signInAttemptLimit: 100 } });
const noSecondFactor = { totp_secret: undefined, phone_number: undefined, backup_codes: [] };
const totpCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock });
const status = (body: { client: { sessions: Array<{ status: string; last_active_token: { jwt: string } }> } }) => {
  const session = body.client.sessions[0]!;
  return [session.status, decodeJwt(session.last_active_token.jwt).sts];
};

async function pendingSession(email: string): Promise<{ c: FapiClient; body: any }> {
  const c = env.client();
  const done = (await c.signIn(email, PASSWORD)).body;
  assert.equal(done.response.status, 'complete');
  assert.deepEqual(done.client.sessions[0].tasks, [{ key: 'setup-mfa' }]);
  assert.deepEqual(status(done), ['pending', 'pending']);
  return { c, body: done };
}

describe('require MFA', () => {
  test('the environment says a second factor is required', async () => {
    const settings = (await env.client().call('GET', '/v1/environment')).body.user_settings;
    assert.equal(settings.sign_in.second_factor.required, true);
    assert.equal(settings.sign_up.mfa.required, true);
  });

  test('without a second factor: pending setup-mfa, completed by enrolling an authenticator app; the next sign-in asks for it', async () => {
    const email = await freshUser(noSecondFactor);
    const { c } = await pendingSession(email);
    const secret = (await c.call('POST', '/v1/me/totp')).body.response.secret;
    const verified = (await c.call('POST', '/v1/me/totp/attempt_verification', { code: totpCode(secret) })).body;
    assert.deepEqual(status(verified), ['active', 'active']);
    assert.equal(verified.client.sessions[0].tasks, null);

    await c.call('DELETE', '/v1/client/sessions');
    clock += 30_000;
    const again = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal(again.status, 'needs_second_factor');
    const done = (await c.attempt(again.id, 'totp', totpCode(secret))).body;
    assert.deepEqual(status(done), ['active', 'active']);
  });

  test('... or an SMS number: added and verified it is not yet a second factor; reserved, the session becomes active', async () => {
    const email = await freshUser(noSecondFactor);
    const { c } = await pendingSession(email);
    const phone = (await c.call('POST', '/v1/me/phone_numbers/', { phone_number: '+15555550180' })).body.response;
    await c.call('POST', `/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' });
    const code = env.emulator.messages().at(-1)!.code;
    const verified = (await c.call('POST', `/v1/me/phone_numbers/${phone.id}/attempt_verification`, { code })).body;
    assert.deepEqual(status(verified), ['pending', 'pending']);
    const reserved = (await c.call('PATCH', `/v1/me/phone_numbers/${phone.id}`, { reserved_for_second_factor: 'true' })).body;
    assert.deepEqual(status(reserved), ['active', 'active']);
    assert.equal(reserved.response.backup_codes.length, 10);
  });

  test('a just-signed-in pending session enrols without reverifying: its verification is fresh', async () => {
    const email = await freshUser(noSecondFactor);
    const { c, body } = await pendingSession(email);
    assert.deepEqual(body.client.sessions[0].factor_verification_age, [0, -1]);
    assert.equal((await c.call('POST', '/v1/me/totp')).status, 200);
    assert.equal((await c.call('POST', '/v1/me/phone_numbers/', { phone_number: '+15555550181' })).status, 200);
  });

  test('a user with a second factor signs in to an active session; a setup-mfa task of the user stands only without one', async () => {
    const withFactor = await freshUser({ tasks: ['setup-mfa'] });
    const c = env.client();
    const signIn = (await c.signIn(withFactor, PASSWORD)).body.response;
    const done = (await c.attempt(signIn.id, 'totp', totpCode('JBSWY3DPEHPK3PXP'))).body;
    assert.deepEqual(status(done), ['active', 'active']);
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp')), 'totp_already_enabled');
  });
});
