// The --static folder (and the clerk-js files) serve nothing outside their folder: no symbolic link
// out of it, no dotfile, no dot-segment, whatever the encoding.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createEmulator } from '../../../src/emulator/index.js';

const base = mkdtempSync(join(tmpdir(), 'emulator-static-'));
const root = join(base, 'site');
const outside = join(base, 'outside');
mkdirSync(join(root, 'sub'), { recursive: true });
mkdirSync(join(root, '.git'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
writeFileSync(join(root, 'sub', 'page.html'), 'sub page');
writeFileSync(join(root, '.env'), 'SECRET=root-dotfile');
writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/secret-branch');
writeFileSync(join(outside, 'secret.txt'), 'outside secret');
symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
symlinkSync(outside, join(root, 'leak-dir'), 'dir');
symlinkSync('/etc/passwd', join(root, 'passwd'));
symlinkSync(join(root, '.git'), join(root, 'git-link'), 'dir');
symlinkSync(join(root, 'sub', 'page.html'), join(root, 'alias.html'));

const emulator = createEmulator({ users: [] });
const server = await emulator.listen({ staticDir: root });
after(() => server.close());

function get(path: string): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the folder and links that stay inside it', async () => {
  assert.match((await get('/')).text, /home/);
  assert.equal((await get('/sub/page.html')).text, 'sub page');
  assert.equal((await get('/alias.html')).text, 'sub page', 'a link to a file inside the folder is served');
});

test('0 files outside the root: symbolic links out of it, dotfiles and dot-segments are 404', async () => {
  const refused = [
    '/leak.txt',
    '/leak-dir/secret.txt',
    '/passwd',
    '/.env',
    '/%2eenv',
    '/.git/HEAD',
    '/%2Egit/HEAD',
    '/git-link/HEAD',
    '/sub/../.env',
    '/sub/%2e%2e/.env',
    '/./index.html',
    '/sub/..%2f..%2foutside/secret.txt',
    '/..%5coutside%5csecret.txt',
    '/%00',
  ];
  for (const path of refused) {
    const res = await get(path);
    assert.ok(res.status === 404 || res.status === 400, `${path} -> ${res.status}`);
    assert.doesNotMatch(res.text, /secret|SECRET|root:|refs\/heads/, path);
  }
});

test('the clerk-js files refuse dot-segments and dotfiles too', async () => {
  for (const path of ['/__clerk/npm/@clerk/clerk-js@6/dist/.package-lock.json', '/__clerk/npm/@clerk/clerk-js@6/dist/./clerk.browser.js', '/__clerk/npm/@clerk/clerk-js@6/dist/%2e%2e/package.json']) {
    assert.equal((await get(path)).status, 404, path);
  }
  assert.equal((await get('/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js')).status, 200);
});

test('a folder that does not exist answers 404, not 500', async () => {
  const missing = await createEmulator({ users: [] }).listen({ staticDir: join(base, 'nowhere') });
  try {
    assert.equal((await fetch(`${missing.url}/`)).status, 404);
  } finally {
    await missing.close();
  }
});
