// State that survives a restart (`dataFile`, `--data`): an authenticator enrolled before signs in
// after, sessions and cookies stay valid, the inbox is kept; the file is replaced whole; a corrupt
// file is refused with a clear error. Users export in users.json's format and load elsewhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { createEmulator } from '../../../src/emulator/index.js';
import { control, errorCode, FapiClient, PASSWORD, startEmulator } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emulator-data-'));
let clock = Date.now();
const now = () => clock;
const code = (secret: string) => {
  clock += 30_000;
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock });
};

/** Signs in without a second factor, enrols an authenticator app; answers its secret and backup codes. */
async function enrolTotp(c: FapiClient, email: string): Promise<{ secret: string; backupCodes: string[]; sessionId: string }> {
  const signIn = (await c.signIn(email, PASSWORD)).body.response;
  assert.equal(signIn.status, 'complete');
  await c.call('POST', `/v1/client/sessions/${signIn.created_session_id}/touch`, {});
  const secret = (await c.call('POST', '/v1/me/totp')).body.response.secret as string;
  const verified = (await c.call('POST', '/v1/me/totp/attempt_verification', { code: code(secret) })).body.response;
  assert.equal(verified.verified, true);
  return { secret, backupCodes: verified.backup_codes, sessionId: signIn.created_session_id };
}

test('an authenticator enrolled before a restart signs in after it; the session, its cookie, its tokens and the inbox are kept', async () => {
  const dataFile = join(dir, 'state.json');
  const email = 'kept@example.com';
  const first = await startEmulator({ users: [{ email, password: PASSWORD, phone_numbers: [{ phone_number: '+15555550142', verified: false }] }], dataFile, now });
  const browser = first.client();
  const { secret, backupCodes, sessionId } = await enrolTotp(browser, email);
  const token = (await browser.call('POST', `/v1/client/sessions/${sessionId}/tokens`, {})).body.jwt;
  const phone = (await browser.call('GET', '/v1/me')).body.response.phone_numbers[0].id;
  await browser.call('POST', `/v1/me/phone_numbers/${phone}/prepare_verification`, { strategy: 'phone_code' });
  const sent = first.emulator.messages().at(-1)!;
  await first.close();
  const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
  assert.equal(saved.format, 'clerk-fapi-emulator-data');
  assert.equal(statSync(dataFile).mode & 0o777, 0o600);

  // Started again with the same users file: the data file's state wins.
  const second = await startEmulator({ users: [{ email, password: PASSWORD }], dataFile, now });
  try {
    assert.deepEqual(second.emulator.messages().at(-1), sent);
    const again = new FapiClient(second.base);
    again.cookies.set('__client', browser.cookies.get('__client')!);
    const client = (await again.call('GET', '/v1/client')).body.response;
    assert.deepEqual(client.sessions.map((s: { id: string }) => s.id), [sessionId]);
    const jwks = (await again.call('GET', '/v1/jwks')).body;
    assert.equal((await jwtVerify(token, createLocalJWKSet(jwks), { currentDate: new Date(clock) })).payload.sid, sessionId);

    const fresh = second.client();
    const signIn = (await fresh.signIn(email, PASSWORD)).body.response;
    assert.deepEqual(signIn.supported_second_factors.map((f: { strategy: string }) => f.strategy), ['totp', 'backup_code']);
    assert.equal((await fresh.attempt(signIn.id, 'totp', code(secret))).body.response.status, 'complete');
    const other = second.client();
    const withBackup = (await other.signIn(email, PASSWORD)).body.response;
    assert.equal((await other.attempt(withBackup.id, 'backup_code', backupCodes[0]!)).body.response.status, 'complete');
    // The verification code sent before the restart still verifies the number.
    const verified = await again.call('POST', `/v1/me/phone_numbers/${phone}/attempt_verification`, { code: sent.code });
    assert.equal(verified.body.response.verification.status, 'verified');
  } finally {
    await second.close();
  }
});

test('a corrupt or foreign data file is refused with an error naming it; the CLI says so and exits 2', async () => {
  const cases: Array<[string, RegExp]> = [
    ['{"users": [', /not valid JSON/],
    ['{"users": []}', /"format" is not "clerk-fapi-emulator-data"/],
    [JSON.stringify({ format: 'clerk-fapi-emulator-data', version: 99 }), /version 99/],
  ];
  for (const [index, [text, message]] of cases.entries()) {
    const dataFile = join(dir, `corrupt-${index}.json`);
    writeFileSync(dataFile, text);
    const emulator = createEmulator({ users: [], dataFile, log: () => {} });
    await assert.rejects(emulator.ready, (error: Error) => error.message.startsWith(`${dataFile}: not an emulator data file`) && message.test(error.message));
    assert.equal(readFileSync(dataFile, 'utf8'), text, 'left as it was');
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--data', join(dir, 'corrupt-0.json')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [exitCode] = await once(child, 'exit');
  assert.equal(exitCode, 2);
  assert.match(stderr, /corrupt-0\.json: not an emulator data file: not valid JSON/);
});

test('the CLI keeps its state in --data across a restart, written on SIGTERM', async () => {
  const dataFile = join(dir, 'cli.json');
  const start = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--data', dataFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve) => {
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const found = /(http:\/\/127\.0\.0\.1:\d+\/__clerk)/.exec(output);
        if (found) resolve(found[1]!);
      });
    });
    return { child, url };
  };
  const first = await start();
  assert.equal((await control(first.url, 'POST', '/users', { users: [{ email: 'cli@example.com', password: PASSWORD }] })).status, 200);
  first.child.kill('SIGTERM');
  assert.equal((await once(first.child, 'exit'))[0], 0);
  const second = await start();
  try {
    const signIn = await new FapiClient(second.url).signIn('cli@example.com', PASSWORD);
    assert.equal(signIn.body.response.status, 'complete');
  } finally {
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }
});

test('users export in users.json\'s format (password and backup codes as digests) and load into another emulator', async () => {
  const email = 'export@example.com';
  const source = await startEmulator({ users: [{ email, password: PASSWORD, first_name: 'Ex' }], now });
  const target = await startEmulator({ users: [], now });
  try {
    const { secret, backupCodes } = await enrolTotp(source.client(), email);
    const exported = await source.control('GET', '/users');
    assert.equal(exported.status, 200);
    const [user] = exported.body.users;
    assert.equal(user.email, email);
    assert.equal(user.first_name, 'Ex');
    assert.equal(user.totp_secret, secret);
    assert.equal(user.password, undefined);
    assert.match(user.password_digest, /^scrypt:/);
    assert.equal(user.backup_code_digests.length, backupCodes.length);
    assert.ok(!JSON.stringify(exported.body).includes(backupCodes[0]!));

    assert.equal((await target.control('POST', '/users', { users: exported.body.users })).status, 200);
    const c = target.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    assert.equal((await c.attempt(signIn.id, 'backup_code', backupCodes[1]!)).body.response.status, 'complete');
    assert.equal(errorCode(await target.control('POST', '/users', { users: [{ email: 'x@example.com', backup_code_digests: ['short'], password: 'p' }] })), 'form_param_format_invalid');
  } finally {
    await source.close();
    await target.close();
  }
});
