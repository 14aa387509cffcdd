import assert from 'node:assert/strict';
import { test } from 'node:test';

// scripts/size-parts.mjs is plain JavaScript.
const sizePartsModule: string = '../../../scripts/size-parts.mjs';
const { measureParts } = (await import(sizePartsModule)) as {
  measureParts(): Promise<{ whole: number; parts: { name: string; bytes: number }[] }>;
};

test('npm run size:parts takes each part out of the element bundle and reports what it saved', async () => {
  const { whole, parts } = await measureParts();
  assert.equal(parts.length, 9);
  for (const { name, bytes } of parts) {
    // A stand-in that did not replace its part would cost nothing.
    assert.ok(bytes > 100, `${name}: ${bytes} bytes`);
  }
  // Parts compress better together: their costs never add up to more than the whole.
  const sum = parts.reduce((total, part) => total + part.bytes, 0);
  assert.ok(sum <= whole, `parts ${sum} > whole ${whole}`);
});
