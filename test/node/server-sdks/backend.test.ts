// @clerk/backend's authenticateRequest against the emulator: with the secret key and the
// emulator's Backend API (the JWKS), or with the emulator's public key as jwtKey; the handshake's
// refusals; a token template's JWT is never taken for a session.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createClerkClient } from '@clerk/backend';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KEY_MODES, type KeyMode, type ServerSdkOptions } from '../../../src/emulator/index.js';
import { startServer } from './support.js';

type Verifier = 'backend-api' | 'jwt-key';
let publicKey = '';

/** `GET /<verifier>/<mode>/...`: the request state as JSON (the page's status unless the SDK redirects). */
const env = await startServer((options) => async (req: IncomingMessage, res: ServerResponse) => {
  const [, verifier, mode] = (req.url ?? '').split('/') as [string, Verifier, KeyMode];
  const sdk: ServerSdkOptions = options(mode);
  const clerk =
    verifier === 'jwt-key'
      ? createClerkClient({ secretKey: sdk.secretKey, publishableKey: sdk.publishableKey, jwtKey: publicKey })
      : createClerkClient({ secretKey: sdk.secretKey, publishableKey: sdk.publishableKey, apiUrl: sdk.apiUrl });
  const headers = new Headers(Object.entries(req.headers).map(([name, value]): [string, string] => [name, String(value)]));
  const state = await clerk.authenticateRequest(new Request(`http://${req.headers.host}${req.url}`, { headers }), { proxyUrl: sdk.proxyUrl });
  state.headers.forEach((value, name) => res.appendHeader(name, value));
  if (state.headers.get('location')) {
    res.statusCode = 307;
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: state.status, reason: state.reason, userId: state.toAuth()?.userId ?? null }));
});
publicKey = await env.emulator.publicKeyPem();

for (const verifier of ['backend-api', 'jwt-key'] as const) {
  for (const mode of KEY_MODES) {
    test(`authenticateRequest (${verifier}, ${mode} key): signed in with the browser's cookies, signed out after signing out`, async () => {
      const browser = env.browser(mode);
      const path = `/${verifier}/${mode}/page`;
      assert.equal(JSON.parse((await browser.page(path)).body).status, 'signed-out');
      await browser.load();
      await browser.signIn(await env.user());
      const userId = (await browser.fapi('GET', '/v1/client')).client.sessions[0].user.id;
      assert.deepEqual(JSON.parse((await browser.page(path)).body), { status: 'signed-in', reason: null, userId });
      assert.deepEqual((await browser.api(path)).body, { status: 'signed-in', reason: null, userId });
      await browser.signOut();
      assert.equal((await browser.api(path)).body.status, 'signed-out');
    });
  }
}

describe('the Backend API', () => {
  test('serves the JWKS for the secret key only, with the error the SDKs recognise otherwise', async () => {
    const { apiUrl, secretKey } = env.emulator.serverOptions(env.origin, 'production');
    const jwks = await fetch(`${apiUrl}/v1/jwks`, { headers: { authorization: `Bearer ${secretKey}` } });
    assert.equal(jwks.status, 200);
    assert.equal(jwks.headers.get('access-control-allow-origin'), null);
    assert.equal((await jwks.json()).keys[0].alg, 'RS256');
    // None, another instance's, and the right key without its scheme.
    for (const authorization of [undefined, 'Bearer sk_test_another_instance', secretKey]) {
      const refused = await fetch(`${apiUrl}/v1/jwks`, authorization ? { headers: { authorization } } : {});
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).errors[0].code, 'clerk_key_invalid');
    }
  });
});

describe('the handshake', () => {
  const handshakeUrl = (redirect: string) => `${env.origin}/__clerk/v1/client/handshake?redirect_url=${encodeURIComponent(redirect)}&format=nonce`;

  test('sends the browser back only to an allowed origin', async () => {
    for (const target of ['http://evil.test/page', 'javascript:alert(1)', `http://user@${new URL(env.origin).host}/`, '/relative']) {
      const refused = await fetch(handshakeUrl(target), { redirect: 'manual' });
      assert.equal(refused.status, 400, target);
      assert.equal((await refused.json()).errors[0].code, 'redirect_url_invalid');
    }
    const missing = await fetch(`${env.origin}/__clerk/v1/client/handshake`, { redirect: 'manual' });
    assert.equal((await missing.json()).errors[0].meta.param_name, 'redirect_url');
    const allowed = await fetch(handshakeUrl(`${env.origin}/page?x=1`), { redirect: 'manual' });
    assert.equal(allowed.status, 307);
    assert.equal(allowed.headers.get('location'), `${env.origin}/page?x=1`);
  });

  test('a browser with no session is sent back signed out (the session cookie removed, __client_uat 0)', async () => {
    const response = await fetch(`${handshakeUrl(`${env.origin}/page`)}&__clerk_hs_reason=dev-browser-missing`, { redirect: 'manual' });
    const payload = new URL(response.headers.get('location')!).searchParams.get('__clerk_handshake')!;
    const { handshake } = JSON.parse(Buffer.from(payload.split('.')[1]!, 'base64url').toString());
    assert.ok(handshake.includes('__session=; Path=/; SameSite=Lax; Max-Age=0'), handshake);
    assert.ok(handshake.includes('__client_uat=0; Path=/; SameSite=Lax; Max-Age=31536000'), handshake);
    assert.ok(handshake.some((value: string) => /^__clerk_db_jwt=dvb_/.test(value)), handshake);
  });
});
