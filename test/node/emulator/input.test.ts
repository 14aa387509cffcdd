// Malformed and hostile input: deeply nested JSON, lists and objects where text is expected,
// test-control users checked whole before anything is stored, limit names, and the caps that
// keep a long run's memory bounded.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, describe, test } from 'node:test';
import { createEmulator, InputError } from '../../../src/emulator/index.js';
import { CONTROL_HEADERS, errorCode, PASSWORD, startEmulator, userFactory } from './helpers.js';

let clock = Date.now();
const env = await startEmulator({ now: () => clock });
const freshUser = userFactory(env.emulator, 'input');
after(() => env.close());

function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const url = new URL(env.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const JSON_TYPE = { 'content-type': 'application/json' };
const param = (reply: { body: any }) => reply.body.errors[0].meta.param_name;

describe('deeply nested JSON', () => {
  test('40 KB of nesting is a 400, never a 500, for the Frontend API and the test controls', async () => {
    const arrays = '['.repeat(20_000) + ']'.repeat(20_000);
    const objects = '{"a":'.repeat(7_000) + '1' + '}'.repeat(7_000);
    for (const nested of [arrays, objects, `{"identifier":${arrays}}`, `{"users":[{"email":"x@example.com","password":"p","limits":${objects}}]}`]) {
      assert.ok(nested.length >= 40_000);
      for (const path of ['/__clerk/v1/client/sign_ins', '/__clerk/_emulator/users', '/__clerk/_emulator/faults', '/__clerk/_emulator/limits']) {
        const reply = await post(path, nested, CONTROL_HEADERS);
        assert.equal(reply.status, 400, `${path}: ${reply.status}`);
        assert.equal(errorCode(reply as never), 'malformed_request');
      }
    }
    // Nesting within the bound is read as usual.
    const within = await post('/__clerk/v1/client/sign_ins', JSON.stringify({ identifier: 'nobody@example.com', deep: JSON.parse('['.repeat(31) + ']'.repeat(31)) }), JSON_TYPE);
    assert.equal(errorCode(within as never), 'form_identifier_not_found');
  });
});

describe('lists and objects where text is expected', () => {
  test('a JSON array or object, or a repeated form key, is 422 form_param_format_invalid naming the parameter', async () => {
    const email = await freshUser();
    for (const identifier of [{ toString: 'x' }, [email], [email, email], { $ne: null }]) {
      const reply = await post('/__clerk/v1/client/sign_ins', JSON.stringify({ identifier, password: PASSWORD }), JSON_TYPE);
      assert.equal(reply.status, 422, JSON.stringify(identifier));
      assert.equal(errorCode(reply as never), 'form_param_format_invalid');
      assert.equal(param(reply), 'identifier');
    }
    const password = await post('/__clerk/v1/client/sign_ins', JSON.stringify({ identifier: email, password: [PASSWORD] }), JSON_TYPE);
    assert.deepEqual([password.status, param(password)], [422, 'password']);
    const repeated = await post('/__clerk/v1/client/sign_ins', `identifier=${encodeURIComponent(email)}&identifier=other%40example.com&password=x`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.deepEqual([repeated.status, param(repeated)], [422, 'identifier']);
  });

  test('the /v1/me and session verify steps refuse a repeated key too, before any code or password is checked', async () => {
    const email = await freshUser({ totp_secret: undefined, backup_codes: undefined, phone_number: undefined, limits: { lockoutAttempts: 1 } });
    const c = env.client();
    const sid = (await c.signIn(email, PASSWORD)).body.response.created_session_id;
    const twice = (path: string, method: string, body: string) => c.call(method, path, undefined, { body });
    const phone = await twice('/v1/me/phone_numbers/', 'POST', 'phone_number=%2B15555550170&phone_number=%2B15555550171');
    assert.deepEqual([phone.status, param(phone)], [422, 'phone_number']);
    const added = (await c.call('POST', '/v1/me/phone_numbers/', { phone_number: '+15555550170' })).body.response;
    const flag = await twice(`/v1/me/phone_numbers/${added.id}`, 'PATCH', 'reserved_for_second_factor=true&reserved_for_second_factor=false');
    assert.deepEqual([flag.status, param(flag)], [422, 'reserved_for_second_factor']);
    await c.call('POST', `/v1/me/phone_numbers/${added.id}/prepare_verification`, { strategy: 'phone_code' });
    const code = await twice(`/v1/me/phone_numbers/${added.id}/attempt_verification`, 'POST', 'code=000000&code=111111');
    assert.deepEqual([code.status, param(code)], [422, 'code']);
    await c.call('POST', '/v1/me/totp');
    const totp = await twice('/v1/me/totp/attempt_verification', 'POST', 'code=000000&code=111111');
    assert.deepEqual([totp.status, param(totp)], [422, 'code']);
    await c.call('POST', `/v1/client/sessions/${sid}/verify`, { level: 'first_factor' });
    const password = await twice(`/v1/client/sessions/${sid}/verify/attempt_first_factor`, 'POST', `strategy=password&password=x&password=${encodeURIComponent(PASSWORD)}`);
    assert.deepEqual([password.status, param(password)], [422, 'password']);
    // None of them was a try: one wrong password would have locked this user.
    const verified = await c.call('POST', `/v1/client/sessions/${sid}/verify/attempt_first_factor`, { strategy: 'password', password: PASSWORD });
    assert.equal(verified.body.response.status, 'complete');
  });

  test('lists in parameters no handler reads as text do not matter', async () => {
    const email = await freshUser({ totp_secret: undefined, backup_codes: undefined, phone_number: undefined });
    const reply = await post('/__clerk/v1/client/sign_ins', JSON.stringify({ identifier: email, password: PASSWORD, unknown: [1, 2], count: 3, flag: true, none: null }), JSON_TYPE);
    assert.equal(reply.body.response.status, 'complete');
  });
});

describe('users from the test control', () => {
  const addUsers = (users: unknown) => env.control('POST', '/users', { users });
  const valid = (email: string) => ({ email, password: 'a pass phrase' });

  test('are checked whole: a 422 names the field and stores none of the users, not even the valid ones before it', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tasks: 'setup-mfa' }, 'users[1].tasks'],
      [{ tasks: ['setup-mfa', 'launch-rockets'] }, 'users[1].tasks[1]'],
      [{ backup_codes: 'k3n8-x2q9' }, 'users[1].backup_codes'],
      [{ backup_codes: ['ok', 7] }, 'users[1].backup_codes[1]'],
      [{ totp_secret: 'not base32!' }, 'users[1].totp_secret'],
      [{ totp_secret: 'JBSWY3DP' }, 'users[1].totp_secret'],
      [{ phone_number: '555-0100' }, 'users[1].phone_number'],
      [{ phone_number: '+0123' }, 'users[1].phone_number'],
      [{ phone_numbers: { phone_number: '+15555550100' } }, 'users[1].phone_numbers'],
      [{ phone_numbers: ['+15555550100'] }, 'users[1].phone_numbers[0]'],
      [{ phone_numbers: [{ phone_number: '+15555550100' }, { verified: true }] }, 'users[1].phone_numbers[1].phone_number'],
      [{ phone_numbers: [{ phone_number: '555-0100' }] }, 'users[1].phone_numbers[0].phone_number'],
      [{ phone_numbers: [{ phone_number: '+15555550100', verified: 'yes' }] }, 'users[1].phone_numbers[0].verified'],
      [{ phone_numbers: [{ phone_number: '+15555550100', reserved: true }] }, 'users[1].phone_numbers[0].reserved'],
      [{ phone_number: '+15555550100', phone_numbers: [{ phone_number: '+15555550100' }] }, 'users[1].phone_numbers[0].phone_number'],
      [{ email: 'not an email' }, 'users[1].email'],
      [{ email: { $gt: '' } }, 'users[1].email'],
      [{ password: '' }, 'users[1].password'],
      [{ password: ['x'] }, 'users[1].password'],
      [{ first_name: { a: 1 } }, 'users[1].first_name'],
      [{ password_reset_required: 'yes' }, 'users[1].password_reset_required'],
      [{ client_trust: 1 }, 'users[1].client_trust'],
      [{ limits: { toString: 1 } }, 'users[1].limits.toString'],
      [{ limits: { lockoutAttempts: -1 } }, 'users[1].limits.lockoutAttempts'],
      [{ totpSecret: 'JBSWY3DPEHPK3PXP' }, 'users[1].totpSecret'],
      [{ password_digest: 'plain' }, 'users[1].password_digest'],
    ];
    let n = 0;
    for (const [fields, field] of cases) {
      const first = `stored-${++n}@example.com`;
      const reply = await addUsers([valid(first), { ...valid(`bad-${n}@example.com`), ...fields }]);
      assert.equal(reply.status, 422, field);
      assert.equal(reply.body.errors[0].code, 'form_param_format_invalid');
      assert.equal(reply.body.errors[0].meta.param_name, field);
      assert.match(reply.body.errors[0].long_message, new RegExp(field.replace(/[[\].]/g, '\\$&')));
      assert.equal(errorCode(await env.client().signIn(first, 'a pass phrase')), 'form_identifier_not_found', `${field}: nothing stored`);
    }
    assert.equal((await addUsers('everyone')).status, 422);
    assert.equal((await addUsers([null])).body.errors[0].meta.param_name, 'users[0]');
    assert.equal((await addUsers([{ password: 'x' }])).body.errors[0].meta.param_name, 'users[0].email');
  });

  test('the same checks guard createEmulator and addUsers, as InputError (a TypeError) naming the field', async () => {
    await assert.rejects(env.emulator.addUsers([{ email: 'x@example.com', password: 'p', tasks: 'setup-mfa' as never }]), (error: unknown) => {
      assert.ok(error instanceof InputError && error instanceof TypeError);
      assert.equal(error.field, 'users[0].tasks');
      return true;
    });
    assert.throws(() => createEmulator({ users: [], limits: { constructor: 1 } as never }), /limits\.constructor is not a limit/);
  });

  test('valid users in every field are stored, whitespace and case in secrets as before', async () => {
    const email = 'All.Fields@Example.com';
    const user = {
      email,
      password: 'a pass phrase',
      first_name: 'A',
      last_name: null,
      totp_secret: 'jbsw y3dp ehpk 3pxp',
      backup_codes: ['aaaa-1111'],
      phone_number: '+15555550142',
      phone_numbers: [{ phone_number: '+15555550143', verified: true, reserved_for_second_factor: true, default_second_factor: false }],
      tasks: ['setup-mfa'],
      password_reset_required: false,
      client_trust: false,
      limits: { lockoutAttempts: 3 },
    };
    const reply = await addUsers([user]);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.users, [{ email: 'all.fields@example.com' }]);
    assert.equal((await env.client().signIn(email, 'a pass phrase')).body.response.status, 'needs_second_factor');
  });
});

describe('limit names', () => {
  test('only the known limits: never toString, constructor or __proto__', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'nope']) {
      const reply = await env.control('POST', '/limits', JSON.parse(`{"${name}": 1}`));
      assert.equal(reply.status, 422, name);
      assert.equal(reply.body.errors[0].meta.param_name, name);
    }
    assert.equal(env.emulator.limits().lockoutAttempts, 10);
  });
});

describe('what a long run keeps', () => {
  test('clients, their cookies and dev browsers are capped (maxClients), least recently used forgotten first', async () => {
    const capped = await startEmulator({ limits: { maxClients: 5, ipLimit: 1_000_000 } });
    try {
      const kept = capped.client();
      await kept.call('POST', '/v1/client');
      const first = capped.client();
      await first.call('POST', '/v1/client');
      for (let i = 0; i < 10; i++) {
        await capped.client().call('POST', '/v1/client');
        await kept.call('GET', '/v1/client'); // in use: stays
      }
      assert.equal((await kept.call('GET', '/v1/client')).body.response.object, 'client');
      assert.deepEqual((await first.call('GET', '/v1/client')).body, { response: null, client: null }, 'the oldest idle client is forgotten');

      const browser = capped.client();
      browser.devBrowser = (await browser.call('POST', '/v1/dev_browser')).body.id;
      for (let i = 0; i < 6; i++) await capped.client().call('POST', '/v1/dev_browser');
      assert.equal(errorCode(await browser.call('GET', '/v1/environment')), 'dev_browser_unauthenticated');
    } finally {
      await capped.close();
    }
  });

  test('sign-ins are capped too, and abandoned after 24 hours', async () => {
    const capped = await startEmulator({ limits: { maxClients: 3 } });
    const add = userFactory(capped.emulator, 'capped');
    try {
      const email = await add({ limits: { signInCreateLimit: 100, identifierLimit: 100 } });
      const c = capped.client();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await c.call('POST', '/v1/client/sign_ins', { identifier: email })).body.response.id);
      assert.equal((await c.call('GET', `/v1/client/sign_ins/${ids[0]}`)).status, 404, 'the oldest sign-in is forgotten');
      assert.equal((await c.call('GET', `/v1/client/sign_ins/${ids[4]}`)).status, 200);
      capped.advance(24 * 3600 * 1000 + 1);
      assert.equal((await c.call('GET', `/v1/client/sign_ins/${ids[4]}`)).status, 404, 'abandoned');
    } finally {
      await capped.close();
    }
  });

  test('the inbox keeps the newest 1,000 codes', async () => {
    clock += 60_000;
    const email = await freshUser({ limits: { lockoutAttempts: 100_000 } });
    const c = env.client();
    const signIn = (await c.signIn(email, PASSWORD)).body.response;
    for (let i = 0; i < 1_150; i++) await c.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { strategy: 'phone_code' });
    const messages = env.emulator.messages();
    assert.ok(messages.length >= 1_000 && messages.length <= 1_100, `${messages.length} kept`);
    const sent = messages.filter((m) => m.to === '+15555550100');
    const done = await c.attempt(signIn.id, 'phone_code', sent.at(-1)!.code);
    assert.equal(done.body.response.status, 'complete', 'the newest code is the one in force');
  });
});
