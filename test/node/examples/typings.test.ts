// types/jsx.generated.d.ts is generated with custom-elements.json (`npm run manifest`) and
// committed; it must be what the generator makes from the element's JSDoc today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './support.js';

test('the committed framework typings match the manifest (run `npm run manifest` after changing the JSDoc)', async () => {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const outdir = mkdtempSync('.cache/typings-');
  try {
    const result = await run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir]);
    assert.equal(result.code, 0, result.output);
    assert.equal(readFileSync(join(outdir, 'types/jsx.generated.d.ts'), 'utf8'), readFileSync('types/jsx.generated.d.ts', 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
