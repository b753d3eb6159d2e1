// Reads vitest's JSON report and prints, as its last line,
//   N passed, N failed, N skipped
// Usage: node scripts/vitest-summary.mjs <vitest.json> <vitest exit code>
// Exits non-zero when vitest failed, any test failed, or no test ran.
// Fields (vitest 5 JsonTestResults): numPassedTests, numFailedTests,
// numPendingTests (skipped) + numTodoTests, testResults[].status/assertionResults.
import { existsSync, readFileSync } from 'node:fs';

const [file, codeArg = '0'] = process.argv.slice(2);
const vitestCode = Number(codeArg);

if (!file || !existsSync(file)) {
  console.log(`vitest wrote no JSON report (exit code ${vitestCode}); counting the whole run as one failure`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A test file that failed without any failing test (an import error, a
// failing beforeAll/afterAll) counts as one failure, so it is not hidden.
const brokenFiles = (report.testResults ?? []).filter(
  (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
);
for (const f of brokenFiles) console.log(`test file failed outside its tests: ${f.name}: ${f.message || '(no message)'}`);
const failed = (report.numFailedTests ?? 0) + brokenFiles.length;

let ok = true;
if (vitestCode !== 0) {
  console.log(`vitest exited with code ${vitestCode}`);
  ok = false;
}
if (failed > 0) ok = false;
if (passed + failed === 0) {
  console.log('no test ran');
  ok = false;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
