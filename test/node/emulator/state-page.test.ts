// The page to look at (GET /__clerk/_emulator/): from a plain browser tab, the codes sent newest
// first, the signed-in sessions and the users with their factors; every value escaped, no secret
// shown, never framed, behind the host and origin checks.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { ADA, PASSWORD, startEmulator } from './helpers.js';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_EMAIL = '<svg/onload=alert(1)>@example.com';
const env = await startEmulator({ users: [ADA, { email: HOSTILE_EMAIL, password: PASSWORD, first_name: HOSTILE_NAME, last_name: '"&\'' }] });
after(() => env.close());
const page = () => fetch(`${env.base}/_emulator/`);

test('shows the codes sent newest first, the signed-in session and the users with their factors', async () => {
  const c = env.client();
  const signIn = (await c.signIn(ADA.email, PASSWORD)).body.response;
  for (let i = 0; i < 2; i++) await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'phone_code' });
  const [older, newer] = env.emulator.messages().slice(-2);
  assert.ok(older && newer && older.code !== newer.code);
  const done = (await c.attempt(signIn.id, 'phone_code', newer.code)).body.response;

  const response = await page();
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const html = await response.text();
  const inbox = html.slice(html.indexOf('id="inbox"'), html.indexOf('id="sessions"'));
  assert.ok(inbox.indexOf(newer.code) !== -1 && inbox.indexOf(newer.code) < inbox.indexOf(older.code), 'newest code first');
  assert.match(inbox, /\+15555550100/);
  const sessions = html.slice(html.indexOf('id="sessions"'), html.indexOf('id="users"'));
  assert.match(sessions, new RegExp(done.created_session_id));
  assert.match(sessions, /ada@example\.com/);
  const users = html.slice(html.indexOf('id="users"'));
  assert.match(users, /authenticator app/);
  assert.match(users, /SMS \+15555550100 \(verified, second factor, default\)/);
  assert.match(users, /2 backup codes left/);
});

test('escapes every value and shows no password, TOTP secret or backup code', async () => {
  const html = await (await page()).text();
  assert.ok(!html.includes('<img src=x') && !html.includes('<svg/onload'), 'no markup from user input');
  assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62; &#34;&#38;&#39;'), 'the name shown as text');
  assert.ok(html.includes('&#60;svg/onload=alert(1)&#62;@example.com'), 'the email shown as text');
  for (const secret of [PASSWORD, ADA.totp_secret!, ...ADA.backup_codes!]) assert.ok(!html.includes(secret), `does not show ${secret}`);
  assert.equal((html.match(/<script/g) ?? []).length, 0);
});

test('from a plain tab, never framed, with a CSP without inline code, its stylesheet its own; no CORS', async () => {
  const response = await page();
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /style-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('access-control-allow-origin'), null);
  assert.match(await response.text(), /<link rel="stylesheet" href="page.css">/);
  const css = await fetch(`${env.base}/_emulator/page.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  const bare = await fetch(`${env.base}/_emulator`, { redirect: 'manual' });
  assert.equal(bare.status, 308);
  assert.equal(bare.headers.get('location'), '/__clerk/_emulator/');
});

test('refused to a foreign Host (421) and to a page on a foreign origin (403)', async () => {
  const target = new URL(env.base);
  const status = await new Promise<number>((resolve, reject) => {
    request({ host: target.hostname, port: target.port, path: '/__clerk/_emulator/', headers: { host: 'rebind.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
  assert.equal(status, 421);
  const foreign = await fetch(`${env.base}/_emulator/`, { headers: { origin: 'http://evil.example' } });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
});
