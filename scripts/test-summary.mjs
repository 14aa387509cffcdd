#!/usr/bin/env node
// Closing line of `npm test`: the Node and browser test counts added up.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync('.cache/node-tests.tap')) {
  const tap = readFileSync('.cache/node-tests.tap', 'utf8');
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
}
if (existsSync('.cache/browser-tests.json')) {
  const browser = JSON.parse(readFileSync('.cache/browser-tests.json', 'utf8'));
  passed += browser.passed;
  failed += browser.failed;
  skipped += browser.skipped;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// A run that counted nothing, or failed anything, must not look green.
process.exit(failed > 0 || passed === 0 ? 1 : 0);
