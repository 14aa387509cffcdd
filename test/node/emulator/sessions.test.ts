// Sessions beyond signing in: reading one (`session.reload()`), tokens made from JWT templates,
// and Clerk's multi-session mode, request by request as clerk-js sends them.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { errorCode, type FapiClient, PASSWORD, startEmulator, userFactory } from './helpers.js';

const env = await startEmulator({
  tokenTemplates: {
    supabase: { claims: { aud: 'authenticated', role: 'authenticated', email: '{{user.primary_email_address}}', meta: { name: 'Hi {{user.first_name}}', org: '{{org.slug}}' } }, lifetimeSeconds: 3600 },
  },
});
const multi = await startEmulator({ multiSession: true });
after(() => Promise.all([env.close(), multi.close()]));
const noSecondFactor = { totp_secret: undefined, phone_number: undefined, backup_codes: [] };
const freshUser = userFactory(env.emulator, 'sessions', noSecondFactor);
const freshMultiUser = userFactory(multi.emulator, 'multi', noSecondFactor);

async function signIn(c: FapiClient, email: string): Promise<{ sessionId: string; userId: string }> {
  const done = (await c.signIn(email, PASSWORD)).body;
  assert.equal(done.response?.status, 'complete', JSON.stringify(done));
  const sessionId = done.response.created_session_id as string;
  await c.call('POST', `/v1/client/sessions/${sessionId}/touch`, {});
  return { sessionId, userId: done.client.sessions.find((s: { id: string }) => s.id === sessionId).user.id };
}

describe('a session', () => {
  test('GET /v1/client/sessions/{id} answers it with the client; another client\'s or an unknown one is 404', async () => {
    const c = env.client();
    const { sessionId } = await signIn(c, await freshUser());
    const read = await c.call('GET', `/v1/client/sessions/${sessionId}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.response.id, sessionId);
    assert.equal(read.body.response.status, 'active');
    assert.equal(read.body.client.last_active_session_id, sessionId);
    assert.equal((await env.client().call('GET', `/v1/client/sessions/${sessionId}`)).status, 404);
    assert.equal(errorCode(await c.call('GET', '/v1/client/sessions/sess_unknown')), 'resource_not_found');
  });
});

describe('JWT templates', () => {
  test('a template\'s token carries its claims with the shortcodes filled in, Clerk\'s claims and its lifetime, and the template category', async () => {
    const c = env.client();
    const email = await freshUser({ first_name: 'Lin' });
    const { sessionId, userId } = await signIn(c, email);
    const answer = await c.call('POST', `/v1/client/sessions/${sessionId}/tokens/supabase`, {});
    assert.equal(answer.status, 200);
    assert.equal(answer.body.object, 'token');
    const jwks = (await c.call('GET', '/v1/jwks')).body;
    const { payload } = await jwtVerify(answer.body.jwt, createLocalJWKSet(jwks), { currentDate: new Date(Date.now()) });
    assert.deepEqual(
      { aud: payload.aud, role: payload.role, email: payload.email, meta: payload.meta, sub: payload.sub, lifetime: payload.exp! - payload.iat! },
      { aud: 'authenticated', role: 'authenticated', email, meta: { name: 'Hi Lin', org: null }, sub: userId, lifetime: 3600 },
    );
    assert.equal(payload.sid, undefined);
    // Clerk's template category: the server SDKs never take it for a session token.
    assert.equal(decodeProtectedHeader(answer.body.jwt).cat, 'cl_B7d4PD222AAA');
    const session = (await c.call('POST', `/v1/client/sessions/${sessionId}/tokens`, {})).body.jwt;
    assert.equal(decodeProtectedHeader(session).cat, 'cl_B7d4PD111AAA');
  });

  test('an unknown template is Clerk\'s 404; templates are added with a test control, checked whole', async () => {
    const c = env.client();
    const { sessionId } = await signIn(c, await freshUser());
    const unknown = await c.call('POST', `/v1/client/sessions/${sessionId}/tokens/hasura`, {});
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'resource_not_found');
    assert.match(unknown.body.errors[0].long_message, /hasura/);

    const bad = await env.control('POST', '/token_templates', { templates: { hasura: { claims: { a: 1 } }, 'no spaces': { claims: {} } } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].meta.param_name, 'templates.no spaces');
    assert.equal((await c.call('POST', `/v1/client/sessions/${sessionId}/tokens/hasura`, {})).status, 404);
    const added = await env.control('POST', '/token_templates', { templates: { hasura: { claims: { 'https://hasura.io/jwt/claims': { 'x-hasura-user-id': '{{user.id}}' } } } } });
    assert.deepEqual(Object.keys(added.body.templates).sort(), ['hasura', 'supabase']);
    assert.equal((await c.call('POST', `/v1/client/sessions/${sessionId}/tokens/hasura`, {})).status, 200);
  });
});

describe('multi-session mode', () => {
  test('the environment says so; a second account adds a session, touch switches, signing one out leaves the other', async () => {
    assert.equal((await multi.client().call('GET', '/v1/environment')).body.auth_config.single_session_mode, false);
    assert.equal((await env.client().call('GET', '/v1/environment')).body.auth_config.single_session_mode, true);
    const c = multi.client();
    const [ada, grace] = [await freshMultiUser(), await freshMultiUser()];
    const first = await signIn(c, ada);
    const again = await c.signIn(ada, PASSWORD);
    assert.equal(errorCode(again), 'identifier_already_signed_in');
    const second = await signIn(c, grace);
    let client = (await c.call('GET', '/v1/client')).body.response;
    assert.deepEqual(client.sessions.map((s: { id: string }) => s.id).sort(), [first.sessionId, second.sessionId].sort());
    assert.equal(client.last_active_session_id, second.sessionId);

    const switched = await c.call('POST', `/v1/client/sessions/${first.sessionId}/touch`, {});
    assert.equal(switched.body.client.last_active_session_id, first.sessionId);
    const removed = await c.call('POST', `/v1/client/sessions/${second.sessionId}/remove`, {});
    assert.equal(removed.body.response.status, 'removed');
    client = removed.body.client;
    assert.deepEqual(client.sessions.map((s: { user: { id: string } }) => s.user.id), [first.userId]);
    assert.equal(client.last_active_session_id, first.sessionId);
    assert.equal((await c.call('POST', `/v1/client/sessions/${first.sessionId}/tokens`, {})).status, 200);
  });
});
