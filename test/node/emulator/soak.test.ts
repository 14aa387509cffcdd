import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeSoak, runSoak } from '../../../scripts/soak.js';
import { conformance } from './helpers.js';

// About 200 scrypt password checks: seconds on an idle two-core machine, bounded at two minutes
// for a machine shared with browsers.
test('200 concurrent clients sign in over HTTP with zero errors and zero lost sessions', { timeout: 150_000 }, async () => {
  const result = await runSoak({ clients: 200, timeoutMs: 120_000, onResponse: conformance.observe });
  // Figures are printed for the README, never asserted: they depend on the machine.
  for (const line of describeSoak(result)) console.log(`# ${line}`);
  assert.deepEqual(result.errors.slice(0, 10), []);
  assert.equal(result.completed, 200);
  assert.equal(result.distinctSessions, 200);
  assert.equal(result.activeSessions, 200, 'every session is still active and current for its client');
  assert.equal(result.requests, 200 * 7 + 1);
});
