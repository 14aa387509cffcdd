import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the CLI prints its URL and publishable key, serves the API, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--users', 'demo/users.json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = String((await lines.next()).value);
    const second = String((await lines.next()).value);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/__clerk)/.exec(first)?.[1];
    assert.ok(url, first);
    assert.match(second, /^publishable key: pk_test_[A-Za-z0-9+/=]+$/);
    const environment = await fetch(`${url}/v1/environment`);
    assert.equal(environment.status, 200);
    const rest: string[] = [];
    for (let i = 0; i < 5; i++) rest.push(String((await lines.next()).value));
    assert.match(rest.join('\n'), /ada@example\.com/);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('the CLI refuses a non-loopback host unless asked', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--host', '0.0.0.0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(stderr, /non-loopback/);
});

test('the CLI requires MFA and sets the reverification level and age when asked, and says so', async () => {
  const args = ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--require-mfa', '--reverification', 'lax', '--reverification-minutes', '5'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const url = /(http:\/\/127\.0\.0\.1:\d+\/__clerk)/.exec(String((await lines.next()).value))?.[1];
    await lines.next(); // publishable key
    await lines.next(); // test controls
    assert.equal(String((await lines.next()).value), `codes sent, sessions and users, to look at: ${url}/_emulator/`);
    assert.equal(String((await lines.next()).value), 'security: reverification lax (5 min), MFA required (setup-mfa)');
    const environment = await (await fetch(`${url}/v1/environment`)).json();
    assert.equal(environment.user_settings.sign_in.second_factor.required, true);
    assert.equal(environment.auth_config.reverification, true);
  } finally {
    child.kill('SIGTERM');
  }
  await once(child, 'exit');
});

test('the CLI hashes passwords the fast way with --fast-hashing, and says at start that it is unsafe outside tests', async () => {
  const args = ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--users', 'demo/users.json', '--fast-hashing'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const errors = createInterface({ input: child.stderr! })[Symbol.asyncIterator]();
    assert.match(String((await errors.next()).value), /^password hashing: fast \(scrypt N=16\), UNSAFE outside tests/);
  } finally {
    child.kill('SIGTERM');
  }
  await once(child, 'exit');
});

test('the CLI refuses an unknown reverification level', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--reverification', 'sometimes'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(stderr, /invalid --reverification sometimes/);
});

test('the CLI takes --allowed-origin and --allowed-host (each repeatable), and refuses one that is not an origin or a host', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--allowed-origin', 'http://localhost:3000', '--allowed-origin', 'http://localhost:3001', '--allowed-host', 'app.test'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const url = /(http:\/\/127\.0\.0\.1:\d+\/__clerk)/.exec(String((await lines.next()).value))![1]!;
    for (const origin of ['http://localhost:3000', 'http://localhost:3001']) {
      assert.equal((await fetch(`${url}/v1/environment`, { headers: { origin } })).headers.get('access-control-allow-origin'), origin);
    }
    assert.equal((await fetch(`${url}/v1/environment`, { headers: { origin: 'http://localhost:3002' } })).status, 403);
    const answer = await new Promise<number>((resolve, reject) => {
      const target = new URL(url);
      request({ host: target.hostname, port: target.port, path: '/__clerk/v1/environment', headers: { host: 'app.test' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(answer, 200);
  } finally {
    child.kill('SIGTERM');
  }
  await once(child, 'exit');

  for (const [flag, value] of [['--allowed-origin', 'localhost:3000'], ['--allowed-host', 'http://app.test/']]) {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', flag!, value!], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, flag === '--allowed-origin' ? /--allowed-origin\): "localhost:3000" is not an origin/ : /allowedHosts/);
  }
});
