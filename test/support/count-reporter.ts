// A web-test-runner reporter that counts passed, failed and skipped tests per browser, prints
// one line per browser and keeps the totals in .cache/ for the suite's closing summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestSession, TestSuiteResult } from '@web/test-runner';
import type { ConformanceRecorder } from './fapi-conformance.js';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function countSuite(suite: TestSuiteResult | undefined, counts: Counts): void {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

/**
 * With a conformance recorder, also reports how many emulator responses the browser tests
 * validated against Clerk's spec; every mismatch counts as a failed test.
 */
export function countReporter(conformance?: ConformanceRecorder, outputFile = '.cache/browser-tests.json'): Reporter {
  return {
    stop({ sessions }: { sessions: TestSession[] }) {
      const byBrowser = new Map<string, Counts>();
      for (const session of sessions) {
        const counts = byBrowser.get(session.browser.name) ?? { passed: 0, failed: 0, skipped: 0 };
        countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!session.passed && session.errors.length > 0) counts.failed += session.errors.length;
        byBrowser.set(session.browser.name, counts);
      }
      const total: Counts = { passed: 0, failed: 0, skipped: 0 };
      for (const [browser, counts] of byBrowser) {
        console.log(`${browser}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
        total.passed += counts.passed;
        total.failed += counts.failed;
        total.skipped += counts.skipped;
      }
      if (conformance) {
        console.log(`browser tests: ${conformance.summary()}`);
        for (const failure of conformance.failures) {
          console.log(`  mismatch: ${failure.method} ${failure.path} ${failure.status} (${failure.operation}): ${failure.errors}`);
        }
        total.failed += conformance.failures.length;
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync(outputFile, JSON.stringify({ ...total, browsers: Object.fromEntries(byBrowser), conformance: conformance && { validated: conformance.validated, mismatches: conformance.failures.length } }, null, 2));
    },
  };
}
