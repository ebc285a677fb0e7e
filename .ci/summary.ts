// Prints "N passed, N failed" from vitest's JSON report. A test file that failed with none of its
// tests failed (an import error, a failing hook) counts as one failure; no report at all counts as one.
import { existsSync, readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

const reportPath = '.test-results/vitest.json';
if (!existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
// A file can fail around its tests (a hook, an import) with them skipped rather than failed.
const brokenFiles = report.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles.length} failed`);
