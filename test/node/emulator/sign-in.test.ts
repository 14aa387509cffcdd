import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, PASSWORD, startEmulator } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock });
after(() => env.close());

let n = 0;
/** A fresh user per test, so lockouts and used codes never leak between tests. */
async function freshUser(extra: Record<string, unknown> = {}) {
  const email = `user${++n}@example.com`;
  await env.emulator.addUsers([{ ...ADA, email, ...extra }]);
  return email;
}
const totpCode = (secret = ADA.totp_secret!, at = clock) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe('sign-in with password and a second factor', () => {
  test('an unknown client gets a null client, then password -> TOTP -> complete session with a JWT', async () => {
    const c = env.client();
    assert.deepEqual((await c.call('GET', '/v1/client')).body, { response: null, client: null });
    const env200 = await c.call('PATCH', '/v1/environment');
    assert.equal(env200.status, 200);
    const email = await freshUser();
    const created = await c.signIn(email, PASSWORD);
    assert.equal(created.status, 200);
    assert.match(created.headers.get('set-cookie') ?? '', /__client=.*HttpOnly/);
    const signIn = created.body.response;
    assert.equal(signIn.status, 'needs_second_factor');
    assert.deepEqual(signIn.supported_second_factors.map((f: { strategy: string }) => f.strategy), ['totp', 'phone_code', 'backup_code']);
    assert.equal(signIn.supported_second_factors[0].default, true);
    assert.equal(created.body.client.sign_in.id, signIn.id);

    const got = await c.call('GET', `/v1/client/sign_ins/${signIn.id}`);
    assert.equal(got.body.response.status, 'needs_second_factor');

    const done = await c.attempt(signIn.id, 'totp', totpCode());
    assert.equal(done.status, 200);
    assert.equal(done.body.response.status, 'complete');
    const sid = done.body.response.created_session_id;
    const session = done.body.client.sessions.find((s: { id: string }) => s.id === sid);
    assert.equal(session.status, 'active');
    assert.equal(done.body.client.last_active_session_id, sid);
    assert.equal(session.last_active_token.object, 'token');

    const touched = await c.call('POST', `/v1/client/sessions/${sid}/touch`, {});
    assert.equal(touched.body.response.id, sid);
    const token = await c.call('POST', `/v1/client/sessions/${sid}/tokens`, {});
    assert.equal(token.status, 200);

    for (const path of ['/.well-known/jwks.json', '/v1/jwks']) {
      const jwks = (await c.call('GET', path)).body;
      const { payload, protectedHeader } = await jwtVerify(token.body.jwt, createLocalJWKSet(jwks), { currentDate: new Date(clock) });
      assert.equal(protectedHeader.alg, 'RS256');
      assert.equal(payload.sid, sid);
      assert.equal(payload.sub, session.user.id);
      assert.equal(payload.v, 2);
      assert.equal(payload.sts, 'active');
      assert.deepEqual(payload.fva, [0, 0]);
      // The Frontend API the cookie flow's keys name, as the server SDKs compare it.
      const keyHost = Buffer.from(env.emulator.publishableKey('development').slice('pk_test_'.length), 'base64').toString().replace(/\$$/, '');
      assert.equal(payload.iss, `https://${keyHost}`);
      assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 60);
      assert.ok(typeof payload.nbf === 'number' && typeof payload.azp === 'string');
    }

    const me = await c.call('GET', `/v1/me?_clerk_session_id=${sid}`);
    assert.equal(me.body.response.email_addresses[0].email_address, email);
    assert.equal(me.body.response.totp_enabled, true);

    const again = await c.signIn(email, PASSWORD);
    assert.equal(errorCode(again), 'session_exists');

    const out = await c.call('DELETE', '/v1/client/sessions');
    assert.equal(out.status, 200);
    assert.deepEqual(out.body.response.sessions, []);
    assert.equal(errorCode(await c.call('POST', `/v1/client/sessions/${sid}/tokens`, {})), 'resource_not_found');
  });

  test('a backup code works once', async () => {
    const email = await freshUser();
    const c = env.client();
    const first = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal((await c.attempt(first.id, 'backup_code', 'K3N8-X2Q9')).body.response.status, 'complete');
    await c.call('DELETE', '/v1/client/sessions');
    const second = (await c.signIn(email, PASSWORD)).body.response;
    const reused = await c.attempt(second.id, 'backup_code', 'k3n8-x2q9');
    assert.equal(reused.status, 422);
    assert.equal(errorCode(reused), 'form_code_incorrect');
    assert.equal(reused.body.errors[0].meta.param_name, 'code');
  });

  test('an SMS code from the inbox signs in', async () => {
    const email = await freshUser({ phone_number: '+15555550123', totp_secret: undefined, backup_codes: [] });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.deepEqual(signIn.supported_second_factors, [
      { strategy: 'phone_code', phone_number_id: signIn.supported_second_factors[0].phone_number_id, safe_identifier: '+1*******0123', default: true },
    ]);
    const prepared = await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, {
      strategy: 'phone_code',
      phone_number_id: signIn.supported_second_factors[0].phone_number_id,
    });
    assert.equal(prepared.body.response.second_factor_verification.status, 'unverified');
    const inbox = (await env.control('GET', '/messages')).body.messages;
    const message = inbox.at(-1);
    assert.equal(message.to, '+15555550123');
    assert.equal(message.channel, 'sms');
    assert.match(message.code, /^\d{6}$/);
    assert.equal(message.sent_at, clock);
    assert.deepEqual(env.emulator.messages().at(-1), message);
    const done = await c.attempt(signIn.id, 'phone_code', message.code);
    assert.equal(done.body.response.status, 'complete');
  });

  test('a wrong password, an unknown email, a missing identifier', async () => {
    const email = await freshUser();
    const c = env.client();
    const wrong = await c.signIn(email, 'nope nope nope');
    assert.equal(wrong.status, 422);
    assert.equal(errorCode(wrong), 'form_password_incorrect');
    assert.equal(wrong.body.errors[0].meta.param_name, 'password');
    const unknown = await c.signIn('nobody@example.com', PASSWORD);
    assert.equal(errorCode(unknown), 'form_identifier_not_found');
    assert.equal(unknown.body.errors[0].meta.param_name, 'identifier');
    const missing = await c.call('POST', '/v1/client/sign_ins', { password: PASSWORD });
    assert.equal(errorCode(missing), 'form_param_missing');
    assert.equal(missing.body.errors[0].meta.param_name, 'identifier');
    const noCode = await c.call('POST', '/v1/client/sign_ins/sia_nope/attempt_second_factor', { strategy: 'totp' });
    assert.equal(errorCode(noCode), 'resource_not_found');
  });

  test('identifier first, then the password as first factor', async () => {
    const email = await freshUser();
    const c = env.client();
    const created = await c.call('POST', '/v1/client/sign_ins', { identifier: email });
    assert.equal(created.body.response.status, 'needs_first_factor');
    const first = await c.call('POST', `/v1/client/sign_ins/${created.body.response.id}/attempt_first_factor`, { strategy: 'password', password: PASSWORD });
    assert.equal(first.body.response.status, 'needs_second_factor');
  });

  test('a wrong TOTP code, a replayed TOTP code, a strategy the user lacks', async () => {
    const email = await freshUser();
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    const wrong = await c.attempt(signIn.id, 'totp', '000000' === totpCode() ? '111111' : '000000');
    assert.equal(errorCode(wrong), 'form_code_incorrect');
    const code = totpCode();
    assert.equal((await c.attempt(signIn.id, 'totp', code)).body.response.status, 'complete');
    await c.call('DELETE', '/v1/client/sessions');
    const again = (await c.signIn(email, PASSWORD)).body.response;
    const replay = await c.attempt(again.id, 'totp', code);
    assert.equal(errorCode(replay), 'form_code_incorrect');
    clock += 10_001;
    const invalid = await c.attempt(again.id, 'email_code', '123456');
    assert.equal(errorCode(invalid), 'strategy_for_user_invalid');
  });

  test('SMS codes expire after 10 minutes and die after 3 wrong tries', async () => {
    const email = await freshUser({ totp_secret: undefined, backup_codes: [] });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    const prepare = () => c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'phone_code' });
    await prepare();
    const code = env.emulator.messages().at(-1)!.code;
    clock += 600_001;
    assert.equal(errorCode(await c.attempt(signIn.id, 'phone_code', code)), 'verification_expired');
    await prepare();
    const fresh = env.emulator.messages().at(-1)!.code;
    const wrongCode = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      clock += 4000;
      assert.equal(errorCode(await c.attempt(signIn.id, 'phone_code', wrongCode)), 'form_code_incorrect');
    }
    clock += 10_000;
    assert.equal(errorCode(await c.attempt(signIn.id, 'phone_code', fresh)), 'verification_failed');
  });

  test('10 failures lock the user for an hour with lockout_expires_in_seconds', async () => {
    const email = await freshUser({ limits: { signInCreateLimit: 100, signInAttemptLimit: 100 } });
    const c = env.client();
    for (let i = 1; i < 10; i++) assert.equal(errorCode(await c.signIn(email, 'wrong password')), 'form_password_incorrect', `try ${i}`);
    const locked = await c.signIn(email, 'wrong password');
    assert.equal(locked.status, 403);
    assert.equal(errorCode(locked), 'user_locked');
    assert.equal(locked.body.errors[0].meta.lockout_expires_in_seconds, 3600);
    clock += 600_000;
    const still = await c.signIn(email, PASSWORD);
    assert.equal(errorCode(still), 'user_locked');
    assert.equal(still.body.errors[0].meta.lockout_expires_in_seconds, 3000);
    clock += 3_000_001;
    assert.equal((await c.signIn(email, PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('wrong codes count towards the lockout too', async () => {
    const email = await freshUser({ limits: { signInAttemptLimit: 100, lockoutAttempts: 3 } });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'nope')), 'form_code_incorrect');
    assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'nope')), 'form_code_incorrect');
    assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'nope')), 'user_locked');
    assert.equal(errorCode(await c.attempt(signIn.id, 'totp', totpCode())), 'user_locked');
  });

  test('per-client rate limits answer 429 too_many_requests with Retry-After', async () => {
    clock += 60_000;
    const email = await freshUser();
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', `bad${i}`)), 'form_code_incorrect');
    const limited = await c.attempt(signIn.id, 'backup_code', 'bad3');
    assert.equal(limited.status, 429);
    assert.equal(errorCode(limited), 'too_many_requests');
    assert.equal(limited.headers.get('retry-after'), '10');
    // Another client is not affected; after the window the first one may try again.
    const other = env.client();
    const otherSignIn = (await other.signIn(email, PASSWORD)).body.response;
    assert.equal((await other.attempt(otherSignIn.id, 'backup_code', 'p7d4-m6w2')).body.response.status, 'complete');
    clock += 10_001;
    assert.equal(errorCode(await c.attempt(signIn.id, 'backup_code', 'bad4')), 'form_code_incorrect');

    const creator = env.client();
    const second = await freshUser();
    for (let i = 0; i < 5; i++) assert.equal(errorCode(await creator.signIn(second, 'bad')), 'form_password_incorrect');
    const tooMany = await creator.signIn(second, PASSWORD);
    assert.equal(tooMany.status, 429);
    assert.ok(Number(tooMany.headers.get('retry-after')) >= 1);
  });
});

describe('pending sessions and Client Trust', () => {
  test('choose-organization: pending session, resolved by touch with active_organization_id', async () => {
    const email = await freshUser({ tasks: ['choose-organization'], totp_secret: undefined, phone_number: undefined, backup_codes: [] });
    const c = env.client();
    const done = (await c.signIn(email, PASSWORD)).body;
    assert.equal(done.response.status, 'complete');
    const session = done.client.sessions[0];
    assert.equal(session.status, 'pending');
    assert.deepEqual(session.tasks, [{ key: 'choose-organization' }]);
    assert.equal(decodeJwt(session.last_active_token.jwt).sts, 'pending');
    const org = session.user.organization_memberships[0].organization;
    assert.equal(errorCode(await c.call('POST', `/v1/client/sessions/${session.id}/touch`, { active_organization_id: 'org_nope' })), 'resource_not_found');
    const touched = await c.call('POST', `/v1/client/sessions/${session.id}/touch`, { active_organization_id: org.id });
    assert.equal(touched.body.response.status, 'active');
    assert.equal(touched.body.response.last_active_organization_id, org.id);
    const claims = decodeJwt(touched.body.response.last_active_token.jwt);
    assert.equal(claims.sts, 'active');
    assert.deepEqual(claims.o, { id: org.id, slg: org.slug, rol: 'admin', per: '', fpm: '' });
  });

  test('setup-mfa: resolved by enrolling TOTP through /v1/me/totp', async () => {
    const email = await freshUser({ tasks: ['setup-mfa'], totp_secret: undefined, phone_number: undefined, backup_codes: [] });
    const c = env.client();
    const session = (await c.signIn(email, PASSWORD)).body.client.sessions[0];
    assert.equal(session.status, 'pending');
    const totp = (await c.call('POST', `/v1/me/totp?_clerk_session_id=${session.id}`, {})).body.response;
    assert.match(totp.uri, /^otpauth:\/\/totp\//);
    assert.equal(errorCode(await c.call('POST', '/v1/me/totp/attempt_verification', { code: '12' })), 'form_code_incorrect');
    const verified = await c.call('POST', '/v1/me/totp/attempt_verification', { code: totpCode(totp.secret) });
    assert.equal(verified.body.response.verified, true);
    assert.equal(verified.body.response.backup_codes.length, 10);
    assert.equal(verified.body.client.sessions[0].status, 'active');
    const codes = await c.call('POST', '/v1/me/backup_codes', {});
    assert.equal(codes.body.response.codes.length, 10);
    const me = await c.call('GET', '/v1/me');
    assert.equal(me.body.response.totp_enabled, true);
    assert.equal((await c.call('PATCH', '/v1/me', { first_name: 'Lin' })).body.response.first_name, 'Lin');
  });

  test('reset-password: resolved by changing the password', async () => {
    const email = await freshUser({ tasks: ['reset-password'], totp_secret: undefined, phone_number: undefined, backup_codes: [] });
    const c = env.client();
    const session = (await c.signIn(email, PASSWORD)).body.client.sessions[0];
    const changed = await c.call('POST', '/v1/me/change_password', { new_password: 'a brand new passphrase' });
    assert.equal(changed.body.client.sessions[0].status, 'active');
    const ended = await c.call('POST', `/v1/client/sessions/${session.id}/end`, {});
    assert.equal(ended.body.response.status, 'ended');
    assert.equal((await c.signIn(email, 'a brand new passphrase')).body.response.status, 'complete');
  });

  test('Client Trust: a new client verifies an email code, a known one does not', async () => {
    const trusting = await startEmulator({ clientTrust: true, users: [] });
    try {
      await trusting.emulator.addUsers([{ email: 'plain@example.com', password: PASSWORD }]);
      const c = trusting.client();
      const signIn = (await c.signIn('plain@example.com', PASSWORD)).body.response;
      assert.equal(signIn.status, 'needs_client_trust');
      assert.equal(signIn.client_trust_state, 'new');
      const factor = signIn.supported_second_factors[0];
      assert.equal(factor.strategy, 'email_code');
      assert.equal(factor.safe_identifier, 'p****@example.com');
      await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'email_code', email_address_id: factor.email_address_id });
      const message = trusting.emulator.messages().at(-1)!;
      assert.equal(message.channel, 'email');
      assert.equal(message.to, 'plain@example.com');
      assert.equal(errorCode(await c.attempt(signIn.id, 'totp', '123456')), 'strategy_for_user_invalid');
      assert.equal((await c.attempt(signIn.id, 'email_code', message.code)).body.response.status, 'complete');
      await c.call('DELETE', '/v1/client/sessions');
      const known = (await c.signIn('plain@example.com', PASSWORD)).body.response;
      assert.equal(known.status, 'complete');
      assert.equal(known.client_trust_state, 'known');
      // Users with a second factor are asked for it instead.
      await trusting.emulator.addUsers([{ ...ADA }]);
      const mfa = (await trusting.client().signIn(ADA.email, PASSWORD)).body.response;
      assert.equal(mfa.status, 'needs_second_factor');
    } finally {
      await trusting.close();
    }
  });
});

describe('dev browser mode', () => {
  test('POST /v1/dev_browser, then __clerk_db_jwt names the client; unknown tokens get 401', async () => {
    const c = env.client();
    const created = await c.call('POST', '/v1/dev_browser');
    assert.match(created.body.id, /^dvb_/);
    c.devBrowser = created.body.id;
    const email = await freshUser();
    const signIn = await c.signIn(email, PASSWORD);
    assert.equal(signIn.headers.get('set-cookie'), null);
    assert.equal((await c.call('GET', '/v1/client')).body.response.sign_in.id, signIn.body.response.id);
    c.devBrowser = 'dvb_unknown';
    const unknown = await c.call('GET', '/v1/client');
    assert.equal(unknown.status, 401);
    assert.equal(errorCode(unknown), 'dev_browser_unauthenticated');
  });
});

before(() => assert.ok(env.emulator.publishableKey().startsWith('pk_test_')));
test('publishable keys encode a dotted host for each mode', () => {
  const decode = (key: string) => Buffer.from(key.replace(/^pk_(test|live)_/, ''), 'base64').toString();
  assert.match(env.emulator.publishableKey('production'), /^pk_live_/);
  assert.match(decode(env.emulator.publishableKey('dev-browser')), /\.accounts\.dev\$$/);
  assert.match(decode(env.emulator.publishableKey('development')), /^[^$]+\.[^$]+\$$/);
});
