// Prints "N passed, N failed" from vitest's JSON report (test-results/vitest.json).
// A missing or empty report counts as a failure, so a run that executed no test is visible.
// The optional second argument is the type check's exit status; a failed check counts as one failure.
import { readFileSync } from 'node:fs';

const [file = 'test-results/vitest.json', checkStatus = '0'] = process.argv.slice(2);
const checkFailed = checkStatus !== '0' ? 1 : 0;

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`no test report at ${file}: ${error.message}`);
  console.log(`0 passed, ${1 + checkFailed} failed`);
  process.exit(1);
}

const passed = report.numPassedTests ?? 0;
// A file whose suite failed outside any test (a beforeAll, an import) fails no test of its own:
// its tests are skipped. Each such file counts as one failure, so the closing line says so.
const failedSuites = (report.testResults ?? []).filter(
  (suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + failedSuites + checkFailed;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (passed + failed === 0) console.log('the test run executed no test');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
