// The /v1/me endpoints Clerk's clients use to manage second factors, request by request as
// clerk-js sends them (form bodies, `_method` overrides, some paths with a trailing slash).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, type FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock });
after(() => env.close());

const freshUser = userFactory(env.emulator, 'mfa', { limits: { signInCreateLimit: 100, signInAttemptLimit: 100 } });
const noSecondFactor = { totp_secret: undefined, phone_number: undefined, backup_codes: [] };
/** The authenticator's code now; each call moves the clock a step on, so no code is refused as a replay. */
const totpCode = (secret = ADA.totp_secret!) => {
  clock += 30_000;
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock });
};
const strategies = (signIn: { supported_second_factors: Array<{ strategy: string }> | null }) => signIn.supported_second_factors?.map((f) => f.strategy) ?? null;
const lastCodeTo = (to: string) => env.emulator.messages().filter((m) => m.to === to).at(-1)!;

/** Signs `email` in on a new client, with the authenticator when the sign-in asks for a second factor. */
async function signedIn(email: string, c: FapiClient = env.client()) {
  let signIn = (await c.signIn(email, PASSWORD)).body.response;
  if (signIn.status === 'needs_second_factor') signIn = (await c.attempt(signIn.id, 'totp', totpCode())).body.response;
  assert.equal(signIn.status, 'complete');
  return c;
}

async function addVerifiedNumber(c: FapiClient, number: string) {
  const phone = (await c.call('POST', '/v1/me/phone_numbers/', { phone_number: number })).body.response;
  await c.call('POST', `/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' });
  const verified = await c.call('POST', `/v1/me/phone_numbers/${phone.id}/attempt_verification`, { code: lastCodeTo(number).code });
  assert.equal(verified.body.response.verification.status, 'verified');
  return phone.id as string;
}

describe('the authenticator app (/v1/me/totp)', () => {
  test('added with its first code; removed, the sign-in stops offering it and its codes stop working', async () => {
    const phone = '+15555550120';
    const email = await freshUser({ totp_secret: undefined, backup_codes: [], phone_number: phone });
    const c = env.client();
    const started = (await c.signIn(email, PASSWORD)).body.response;
    await c.call('POST', `/v1/client/sign_ins/${started.id}/prepare_second_factor`, { strategy: 'phone_code' });
    assert.equal((await c.attempt(started.id, 'phone_code', lastCodeTo(phone).code)).body.response.status, 'complete');

    const created = (await c.call('POST', '/v1/me/totp')).body;
    assert.equal(created.response.object, 'totp');
    assert.equal(created.response.verified, false);
    assert.match(created.response.uri, /^otpauth:\/\/totp\/.*secret=/);
    assert.equal(created.client.sessions[0].user.totp_enabled, false);
    const secret = created.response.secret as string;
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp/attempt_verification', { code: '000000' })), 'form_code_incorrect');
    const verified = (await c.call('POST', '/v1/me/totp/attempt_verification', { code: totpCode(secret) })).body;
    assert.equal(verified.response.verified, true);
    assert.equal(verified.response.secret, null);
    assert.equal(verified.response.backup_codes.length, 10);
    const user = verified.client.sessions[0].user;
    assert.deepEqual([user.totp_enabled, user.backup_code_enabled, user.two_factor_enabled], [true, true, true]);
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp')), 'totp_already_enabled');

    const again = env.client();
    assert.deepEqual(strategies((await again.signIn(email, PASSWORD)).body.response), ['totp', 'phone_code', 'backup_code']);

    const deleted = await c.call('DELETE', '/v1/me/totp');
    assert.deepEqual(deleted.body.response, { object: 'totp', id: created.response.id, deleted: true });
    assert.equal(deleted.body.client.sessions[0].user.totp_enabled, false);
    assert.equal(errorCode(await c.call('DELETE', '/v1/me/totp')), 'resource_not_found');

    const after = env.client();
    const signIn = (await after.signIn(email, PASSWORD)).body.response;
    assert.deepEqual(strategies(signIn), ['phone_code', 'backup_code']);
    assert.equal(errorCode(await after.attempt(signIn.id, 'totp', totpCode(secret))), 'strategy_for_user_invalid');
  });

  test('a second POST before the first code replaces the secret: only the new one is accepted', async () => {
    const c = await signedIn(await freshUser(noSecondFactor));
    const first = (await c.call('POST', '/v1/me/totp')).body.response.secret;
    const second = (await c.call('POST', '/v1/me/totp')).body.response.secret;
    assert.notEqual(first, second);
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp/attempt_verification', { code: totpCode(first) })), 'form_code_incorrect');
    assert.equal((await c.call('POST', '/v1/me/totp/attempt_verification', { code: totpCode(second) })).body.response.verified, true);
  });

  test('signed out, every /v1/me endpoint answers 401 signed_out', async () => {
    const c = env.client();
    for (const [method, path] of [['POST', '/v1/me/totp'], ['DELETE', '/v1/me/totp'], ['POST', '/v1/me/backup_codes/'], ['POST', '/v1/me/phone_numbers/'], ['GET', '/v1/me/sessions/active']]) {
      const reply = await c.call(method!, path!);
      assert.equal(reply.status, 401, path);
      assert.equal(errorCode(reply), 'signed_out', path);
    }
  });
});

describe('backup codes (/v1/me/backup_codes)', () => {
  test('regenerated with and without the trailing slash clerk-js sends; only the newest set works', async () => {
    const email = await freshUser({ phone_number: undefined });
    const c = await signedIn(email);
    const first = (await c.call('POST', '/v1/me/backup_codes/')).body.response;
    assert.equal(first.object, 'backup_code');
    assert.equal(first.codes.length, 10);
    assert.equal(new Set(first.codes).size, 10);
    const second = (await c.call('POST', '/v1/me/backup_codes')).body.response.codes as string[];
    assert.equal(second.some((code) => first.codes.includes(code)), false);

    const retry = env.client();
    const signIn = (await retry.signIn(email, PASSWORD)).body.response;
    assert.equal(errorCode(await retry.attempt(signIn.id, 'backup_code', first.codes[0])), 'form_code_incorrect');
    assert.equal(errorCode(await retry.attempt(signIn.id, 'backup_code', ADA.backup_codes![0]!)), 'form_code_incorrect');
    assert.equal((await retry.attempt(signIn.id, 'backup_code', second[0]!)).body.response.status, 'complete');
  });

  test('without an authenticator app or an SMS number there is nothing for them to back up', async () => {
    const c = await signedIn(await freshUser(noSecondFactor));
    const refused = await c.call('POST', '/v1/me/backup_codes/');
    assert.equal(refused.status, 400);
    assert.equal(errorCode(refused), 'backup_codes_not_available_code');
  });
});

describe('phone numbers (/v1/me/phone_numbers)', () => {
  test('added unverified, verified by SMS code, reserved (the first one is the default), made the default, removed', async () => {
    const email = await freshUser({ phone_number: undefined });
    const c = await signedIn(email);
    const added = (await c.call('POST', '/v1/me/phone_numbers/', { phone_number: '+1 (555) 555-0130' })).body.response;
    assert.deepEqual(
      [added.object, added.phone_number, added.verification, added.reserved_for_second_factor, added.default_second_factor],
      ['phone_number', '+15555550130', null, false, false],
    );
    assert.equal(errorCode(await c.call('POST', '/v1/me/phone_numbers', { phone_number: '+15555550130' })), 'form_identifier_exists');
    assert.equal(errorCode(await c.call('POST', '/v1/me/phone_numbers', { phone_number: '5550130' })), 'form_param_format_invalid');
    assert.equal(errorCode(await c.call('PATCH', `/v1/me/phone_numbers/${added.id}`, { reserved_for_second_factor: 'true' })), 'form_param_format_invalid');
    assert.equal(errorCode(await c.call('POST', `/v1/me/phone_numbers/${added.id}/prepare_verification`, { strategy: 'email_code' })), 'strategy_for_user_invalid');

    const prepared = (await c.call('POST', `/v1/me/phone_numbers/${added.id}/prepare_verification`, { strategy: 'phone_code' })).body.response;
    assert.deepEqual([prepared.verification.status, prepared.verification.strategy], ['unverified', 'phone_code']);
    const sms = lastCodeTo('+15555550130');
    assert.equal(sms.channel, 'sms');
    assert.match(sms.code, /^\d{6}$/);
    assert.equal(errorCode(await c.call('POST', `/v1/me/phone_numbers/${added.id}/attempt_verification`, { code: sms.code === '000000' ? '111111' : '000000' })), 'form_code_incorrect');
    const verified = (await c.call('POST', `/v1/me/phone_numbers/${added.id}/attempt_verification`, { code: sms.code })).body;
    assert.equal(verified.response.verification.status, 'verified');
    assert.equal(verified.client.sessions[0].user.phone_numbers[0].id, added.id);
    assert.equal(errorCode(await c.call('POST', `/v1/me/phone_numbers/${added.id}/prepare_verification`, { strategy: 'phone_code' })), 'verification_already_verified');

    const reserved = (await c.call('PATCH', `/v1/me/phone_numbers/${added.id}`, { reserved_for_second_factor: 'true' })).body.response;
    assert.deepEqual([reserved.reserved_for_second_factor, reserved.default_second_factor, reserved.backup_codes], [true, true, null]);
    const second = await addVerifiedNumber(c, '+15555550131');
    const reservedToo = (await c.call('PATCH', `/v1/me/phone_numbers/${second}`, { reserved_for_second_factor: 'true' })).body.response;
    assert.equal(reservedToo.default_second_factor, false);

    const offered = async () => (await env.client().signIn(email, PASSWORD)).body.response.supported_second_factors;
    let factors = await offered();
    assert.deepEqual(factors.map((f: { strategy: string; phone_number_id?: string }) => f.phone_number_id ?? f.strategy), ['totp', added.id, second, 'backup_code']);
    assert.equal(factors[1].safe_identifier, '+1*******0130');

    const defaulted = await c.call('PATCH', `/v1/me/phone_numbers/${second}`, { default_second_factor: 'true' });
    assert.equal(defaulted.body.response.default_second_factor, true);
    const numbers = defaulted.body.client.sessions[0].user.phone_numbers;
    assert.deepEqual(numbers.map((p: { default_second_factor: boolean }) => p.default_second_factor), [false, true]);
    factors = await offered();
    assert.deepEqual(factors.map((f: { phone_number_id?: string; strategy: string }) => f.phone_number_id ?? f.strategy), ['totp', second, added.id, 'backup_code']);
    assert.equal(factors[0].default, true);

    const removed = await c.call('DELETE', `/v1/me/phone_numbers/${second}`);
    assert.deepEqual(removed.body.response, { object: 'phone_number', id: second, deleted: true });
    assert.deepEqual(removed.body.client.sessions[0].user.phone_numbers.map((p: { id: string; default_second_factor: boolean }) => [p.id, p.default_second_factor]), [[added.id, true]]);
    assert.equal(errorCode(await c.call('DELETE', `/v1/me/phone_numbers/${second}`)), 'resource_not_found');
    const unreserved = (await c.call('PATCH', `/v1/me/phone_numbers/${added.id}`, { reserved_for_second_factor: 'false' })).body.response;
    assert.deepEqual([unreserved.reserved_for_second_factor, unreserved.default_second_factor], [false, false]);
    assert.deepEqual(strategies((await env.client().signIn(email, PASSWORD)).body.response), ['totp', 'backup_code']);
  });

  test('the only second factor: reserving the number answers the backup codes, removing it removes them', async () => {
    const email = await freshUser(noSecondFactor);
    const c = await signedIn(email);
    const id = await addVerifiedNumber(c, '+15555550140');
    const reserved = (await c.call('PATCH', `/v1/me/phone_numbers/${id}`, { reserved_for_second_factor: 'true' })).body;
    assert.equal(reserved.response.backup_codes.length, 10);
    let user = reserved.client.sessions[0].user;
    assert.deepEqual([user.two_factor_enabled, user.backup_code_enabled, typeof user.mfa_enabled_at], [true, true, 'number']);
    const signIn = (await env.client().signIn(email, PASSWORD)).body.response;
    assert.deepEqual(strategies(signIn), ['phone_code', 'backup_code']);
    assert.equal(signIn.supported_second_factors[0].default, true);

    user = (await c.call('DELETE', `/v1/me/phone_numbers/${id}`)).body.client.sessions[0].user;
    assert.deepEqual([user.two_factor_enabled, user.backup_code_enabled, typeof user.mfa_disabled_at], [false, false, 'number']);
    assert.equal((await env.client().signIn(email, PASSWORD)).body.response.status, 'complete');
  });

  test('a verification code: three wrong tries fail it, a new one can be sent; it expires after ten minutes', async () => {
    const c = await signedIn(await freshUser(noSecondFactor));
    const phone = (await c.call('POST', '/v1/me/phone_numbers/', { phone_number: '+15555550150' })).body.response;
    const attempt = (code: string) => c.call('POST', `/v1/me/phone_numbers/${phone.id}/attempt_verification`, { code });
    assert.equal(errorCode(await attempt('123456')), 'verification_missing');
    await c.call('POST', `/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' });
    const sent = lastCodeTo('+15555550150').code;
    const wrong = sent === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await attempt(wrong)), 'form_code_incorrect');
    assert.equal(errorCode(await attempt(sent)), 'verification_failed');

    await c.call('POST', `/v1/me/phone_numbers/${phone.id}/prepare_verification`, { strategy: 'phone_code' });
    clock += 10 * 60_000 + 1;
    assert.equal(errorCode(await attempt(lastCodeTo('+15555550150').code)), 'verification_expired');
  });

  test("EmulatorUser.phone_numbers: the sign-in offers the verified, reserved ones, the default first; the first verified is primary", async () => {
    const email = await freshUser({
      ...noSecondFactor,
      phone_numbers: [
        { phone_number: '+15555550161', reserved_for_second_factor: false },
        { phone_number: '+15555550162', reserved_for_second_factor: true },
        { phone_number: '+15555550163', reserved_for_second_factor: true, default_second_factor: true },
        { phone_number: '+15555550164', verified: false, reserved_for_second_factor: true },
      ],
    });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.deepEqual(signIn.supported_second_factors.map((f: { safe_identifier: string; default: boolean }) => [f.safe_identifier, f.default]), [
      ['+1*******0163', true],
      ['+1*******0162', false],
    ]);
    await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'phone_code', phone_number_id: signIn.supported_second_factors[1].phone_number_id });
    assert.equal(env.emulator.messages().at(-1)!.to, '+15555550162');
    const user = (await c.attempt(signIn.id, 'phone_code', env.emulator.messages().at(-1)!.code)).body.client.sessions[0].user;
    assert.equal(user.primary_phone_number_id, user.phone_numbers[0].id);
    assert.deepEqual(user.phone_numbers.map((p: { verification: { status: string } | null }) => p.verification?.status ?? null), ['verified', 'verified', 'verified', null]);
  });
});

describe('active devices (/v1/me/sessions/active)', () => {
  test("every signed-in session of the user, with the browser it came from; another device's can be revoked", async () => {
    const email = await freshUser(noSecondFactor);
    const laptop = env.client();
    laptop.userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const phone = env.client();
    phone.userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    await signedIn(email, laptop);
    clock += 1000;
    await signedIn(email, phone);

    const sessions = (await laptop.call('GET', '/v1/me/sessions/active')).body;
    assert.deepEqual(
      sessions.map((s: { latest_activity: { browser_name: string; browser_version: string; device_type: string; is_mobile: boolean } }) => {
        const { browser_name, browser_version, device_type, is_mobile } = s.latest_activity;
        return [browser_name, browser_version, device_type, is_mobile];
      }),
      [
        ['Safari', '17.5', 'iPhone', true],
        ['Chrome', '131.0.0.0', 'Macintosh', false],
      ],
    );
    assert.match(sessions[0].latest_activity.ip_address, /127\.0\.0\.1|::1/);
    const phoneSession = sessions[0].id;

    const revoked = await laptop.call('POST', `/v1/me/sessions/${phoneSession}/revoke`);
    assert.equal(revoked.body.response.status, 'revoked');
    assert.deepEqual((await phone.call('GET', '/v1/client')).body.response.sessions, []);
    assert.equal((await laptop.call('GET', '/v1/me/sessions/active')).body.length, 1);
    assert.equal(errorCode(await laptop.call('POST', `/v1/me/sessions/${phoneSession}/revoke`)), 'resource_not_found');
  });
});
