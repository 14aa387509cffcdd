#!/usr/bin/env node
// Runs every test/node/**/*.test.ts with Node's test runner (Node 20's --test takes no globs).
// Extra arguments narrow the run to files whose path contains one of them.
import { readdirSync } from 'node:fs';
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
const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(status ?? 1);
