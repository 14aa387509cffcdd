// demo/vue: type-checked by vue-tsc with strictTemplates against the package's Vue typings, built
// with Vite, and signed in through in Chromium against the emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, ROOT, bin, closeBrowser, ensureBuilt, errorsIn, run, signInThrough, type RunResult } from './support.js';

const app = join(ROOT, 'demo/vue');
const outDir = join(OUT, 'vue');
let typecheck: Promise<RunResult>;

describe('Vue example (demo/vue)', () => {
  before(async () => {
    await ensureBuilt();
    // One vue-tsc run over the app and the fixtures that must fail.
    typecheck = run(bin('vue-tsc'), ['-p', 'tsconfig.fixtures.json'], { cwd: app });
  });
  after(closeBrowser);

  test('type-checks with vue-tsc and strictTemplates', async () => {
    const { output } = await typecheck;
    const appErrors = output.split('\n').filter((line) => /error TS/.test(line) && !line.startsWith('fixtures/'));
    assert.deepEqual(appErrors, [], output);
  });

  test('a wrong attribute type, event name or event detail is a compile error', async () => {
    const { code, output } = await typecheck;
    assert.notEqual(code, 0);
    assert.match(errorsIn(output, 'fixtures/WrongAttribute.vue').join('\n'), /not assignable to type 'boolean/, output);
    assert.match(errorsIn(output, 'fixtures/WrongEvent.vue').join('\n'), /'onSignedin' does not exist/, output);
    assert.match(errorsIn(output, 'fixtures/WrongDetail.vue').join('\n'), /Property 'user' does not exist on type 'SignedInDetail'/, output);
  });

  test('builds with Vite', async () => {
    const result = await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', app, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
    assert.equal(result.code, 0, result.output);
  });

  test('signs in against the emulator; Vue state shows the user from signed-in', async () => {
    const { text, userId, consoleErrors } = await signInThrough(outDir);
    assert.match(userId, /^user_/);
    assert.equal(text, `Signed in as ${userId}`);
    assert.deepEqual(consoleErrors, []);
  });
});
