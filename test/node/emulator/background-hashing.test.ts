// The initial users' passwords are hashed in the background: the emulator answers before scrypt
// has run, and a sign-in that arrives first waits for its user's digest, then is checked as usual.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { after, test } from 'node:test';
import { decodePasswordHash } from '../../../src/emulator/security.js';
import { ADA, errorCode, PASSWORD, startEmulator } from './helpers.js';

// scrypt held back until `release()`, as on a machine busy hashing.
let holding = true;
const held: Array<() => void> = [];
const realScrypt = crypto.scrypt;
crypto.scrypt = ((...args: unknown[]) => {
  const run = () => (realScrypt as (...a: unknown[]) => void)(...args);
  if (holding) held.push(run);
  else run();
}) as typeof crypto.scrypt;
syncBuiltinESMExports();
const release = () => {
  holding = false;
  for (const run of held.splice(0)) run();
};
after(() => {
  release();
  crypto.scrypt = realScrypt;
  syncBuiltinESMExports();
});

const settled = (promise: Promise<unknown>) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 100))]);

test('answers before the passwords are hashed; a sign-in arriving first waits for its digest, the wrong password is still refused', async () => {
  const env = await startEmulator({ users: [ADA] });
  after(() => env.close());
  assert.equal((await env.client().call('GET', '/v1/environment')).status, 200);
  assert.equal(await settled(env.emulator.ready), false, '`ready` waits for the digests');

  const right = env.client().signIn(ADA.email, PASSWORD);
  const wrong = env.client().signIn(ADA.email, 'not the password');
  const users = env.control('GET', '/users');
  assert.equal(await settled(right), false, 'the check waits for the digest');
  release();

  assert.equal((await right).body.response.status, 'needs_second_factor');
  assert.equal(errorCode(await wrong), 'form_password_incorrect');
  await env.emulator.ready;
  const [exported] = (await users).body.users as Array<{ password_digest: string }>;
  assert.ok(decodePasswordHash(exported!.password_digest), 'the export carries the finished digest');
});
