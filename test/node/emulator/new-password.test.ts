import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { ADA, errorCode, FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

const clock = Date.now();
const env = await startEmulator({ now: () => clock });
after(() => env.close());

const freshUser = userFactory(env.emulator, 'reset', { password_reset_required: true, limits: { signInAttemptLimit: 100 } });
const totpCode = () => new TOTP({ secret: Secret.fromBase32(ADA.totp_secret!) }).generate({ timestamp: clock });
const NEW_PASSWORD = 'a brand new passphrase';

async function toNewPassword(email: string, c: FapiClient = env.client()) {
  const created = await c.signIn(email, PASSWORD);
  assert.equal(created.status, 200);
  return { c, signIn: created.body.response };
}

const reset = (c: FapiClient, id: string, form: Record<string, string>) => c.call('POST', `/v1/client/sign_ins/${id}/reset_password`, form);

describe('needs_new_password and reset_password', () => {
  test('a user who must choose a new password gets needs_new_password for the right password only', async () => {
    const email = await freshUser();
    const c = env.client();
    assert.equal(errorCode(await c.signIn(email, 'not the password')), 'form_password_incorrect');
    const { signIn } = await toNewPassword(email, c);
    assert.equal(signIn.status, 'needs_new_password');
    assert.equal(signIn.first_factor_verification.status, 'verified');
    assert.equal(signIn.supported_second_factors, null);
    assert.equal(signIn.created_session_id, null);
  });

  test("Clerk's password rules, each with its error on the password field", async () => {
    const email = await freshUser();
    const { c, signIn } = await toNewPassword(email);
    for (const [password, code] of [
      ['short', 'form_password_length_too_short'],
      ['é'.repeat(40), 'form_password_size_in_bytes_exceeded'],
      ['password123', 'form_password_pwned'],
      ['12345678', 'form_password_pwned'],
      [PASSWORD, 'form_new_password_matches_current'],
    ]) {
      const refused = await reset(c, signIn.id, { password: password! });
      assert.equal(refused.status, 422, password);
      assert.equal(errorCode(refused), code, password);
      assert.equal(refused.body.errors[0].meta.param_name, 'password');
    }
    assert.equal(errorCode(await reset(c, signIn.id, {})), 'form_param_missing');
    assert.equal((await c.call('GET', `/v1/client/sign_ins/${signIn.id}`)).body.response.status, 'needs_new_password');
  });

  test('a new password continues to the second factor; then the old password is refused and the new one works', async () => {
    const email = await freshUser();
    const { c, signIn } = await toNewPassword(email);
    const changed = await reset(c, signIn.id, { password: NEW_PASSWORD, sign_out_of_other_sessions: 'true' });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.response.status, 'needs_second_factor');
    assert.deepEqual(changed.body.response.supported_second_factors.map((f: { strategy: string }) => f.strategy), ['totp', 'phone_code', 'backup_code']);
    assert.equal(errorCode(await reset(c, signIn.id, { password: 'yet another passphrase' })), 'sign_in_not_ready');
    const done = await c.attempt(signIn.id, 'totp', totpCode());
    assert.equal(done.body.response.status, 'complete');

    await c.call('DELETE', '/v1/client/sessions');
    assert.equal(errorCode(await c.signIn(email, PASSWORD)), 'form_password_incorrect');
    assert.equal((await c.signIn(email, NEW_PASSWORD)).body.response.status, 'needs_second_factor');
  });

  test('without a second factor the sign-in completes with a session; other sessions of the user can be signed out', async () => {
    const email = await freshUser({ totp_secret: undefined, phone_number: undefined, backup_codes: [], password_reset_required: false });
    const elsewhere = env.client();
    const first = (await elsewhere.signIn(email, PASSWORD)).body;
    assert.equal(first.response.status, 'complete');
    await env.emulator.addUsers([{ email, password: PASSWORD, password_reset_required: true }]);

    const { c, signIn } = await toNewPassword(email);
    assert.equal(signIn.status, 'needs_new_password');
    const done = await reset(c, signIn.id, { password: NEW_PASSWORD, sign_out_of_other_sessions: 'true' });
    assert.equal(done.body.response.status, 'complete');
    assert.match(done.body.response.created_session_id, /^sess_/);
    assert.equal(done.body.client.sessions[0].status, 'active');
    assert.deepEqual((await elsewhere.call('GET', '/v1/client')).body.response.sessions, [], 'the other browser is signed out');
  });

  test('Client Trust still applies after the new password', async () => {
    const email = await freshUser({ totp_secret: undefined, phone_number: undefined, backup_codes: [], client_trust: true });
    const { c, signIn } = await toNewPassword(email);
    const next = await reset(c, signIn.id, { password: NEW_PASSWORD });
    assert.equal(next.body.response.status, 'needs_client_trust');
    assert.equal(next.body.response.supported_second_factors[0].strategy, 'email_code');
  });
});

describe('backup codes are compared as Clerk compares them', () => {
  const CODES = ['h2j6-b8n4', 'k3n8-x2q9', 'p7d4-m6w2', 'r9t5-c3v8', 'w5q7-z9x3', 'a1b2-c3d4', 'e5f6-g7h8', 'spar-e000'];
  test('with or without the dash, with any dash, any case and any spacing; each once', async () => {
    const email = await freshUser({ password_reset_required: false, backup_codes: CODES, limits: { signInAttemptLimit: 100, signInCreateLimit: 100 } });
    const c = env.client();
    const typed = ['h2j6-b8n4', 'K3N8X2Q9', 'P7D4\u2013M6W2', ' r9t5 c3v8 ', 'w5q7\u2212z9x3', '\uff41\uff11\uff42\uff12\uff0dc3d4', 'e5f6\ufe63g7h8'];
    for (const code of typed) {
      const signIn = (await c.signIn(email, PASSWORD)).body.response;
      const done = await c.attempt(signIn.id, 'backup_code', code);
      assert.equal(done.body.response?.status, 'complete', JSON.stringify(code));
      await c.call('DELETE', '/v1/client/sessions');
    }
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    for (const used of ['h2j6b8n4', 'H2J6\u2014B8N4', 'k3n8-x2q9']) {
      const refused = await c.attempt(signIn.id, 'backup_code', used);
      assert.equal(errorCode(refused), 'form_code_incorrect', used);
      assert.equal(refused.body.errors[0].meta.param_name, 'code');
    }
  });
});
