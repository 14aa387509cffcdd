#!/usr/bin/env node
// Runs every test/node/**/*.test.ts with Node's test runner (Node 20's --test takes no globs).
// Extra arguments narrow the run to files whose path contains one of them.
import { mkdirSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = readdirSync('test/node', { recursive: true })
  .map((file) => `test/node/${file}`)
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('no Node test files found');
  process.exit(1);
}
mkdirSync('.cache', { recursive: true });
const reporters = [
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  // TAP copy for the suite's closing summary (scripts/test-summary.mjs).
  '--test-reporter=tap', '--test-reporter-destination=.cache/node-tests.tap',
];
const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporters, ...files], { stdio: 'inherit' });
process.exit(status ?? 1);
