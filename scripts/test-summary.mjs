#!/usr/bin/env node
// Prints the closing line from vitest's JSON reports: "tests: N passed, N failed[, N skipped]",
// summed over the reports named (one per Node version in CI), with a line per report before it.
// Before those, what failed: each failed file (a hook or an import that failed fails the file and
// skips its tests without failing any) and each failed test, with the first lines of its error, so
// that the last lines of a CI log, often all that is kept of it, say what went wrong.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/vitest.json'];
const total = { passed: 0, failed: 0, skipped: 0 };
const MESSAGE_LINES = 6;
const failures = [];
const excerpt = (message = '') =>
  message
    // eslint-disable-next-line no-control-regex -- vitest's messages carry terminal colour codes, which start with ESC
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, MESSAGE_LINES)
    .map((line) => `    ${line.slice(0, 300)}`);
const counts = (c) =>
  `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}${c.failedFiles ? `, ${c.failedFiles} file${c.failedFiles === 1 ? '' : 's'} failed` : ''}`;
for (const file of files) {
  // A missing report means that run stopped before its tests: it counts as a failure.
  const c = { passed: 0, failed: 1, skipped: 0 };
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    Object.assign(c, {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    });
    // A file that failed with no failed test (its beforeAll or its import threw) still fails the run.
    c.failedFiles = (report.testResults ?? []).filter((result) => result.status === 'failed').length;
    for (const result of report.testResults ?? []) {
      const where = `${basename(file, '.json')}: ${result.name.replace(process.cwd() + '/', '')}`;
      const failed = (result.assertionResults ?? []).filter((test) => test.status === 'failed');
      if (result.status === 'failed' && failed.length === 0) failures.push(`FAILED FILE ${where}`, ...excerpt(result.message));
      for (const test of failed) failures.push(`FAILED ${where} > ${test.fullName}`, ...excerpt(test.failureMessages?.[0]));
    }
  }
  if (files.length > 1)
    console.log(`${basename(file, '.json')}: ${counts(c)}${existsSync(file) ? '' : ' (no test report: the run stopped before the tests)'}`);
  for (const key of Object.keys(total)) total[key] += c[key];
  if (c.failedFiles) total.failedFiles = (total.failedFiles ?? 0) + c.failedFiles;
}
// After the per-run lines and before the closing line, which stays the last one.
if (failures.length) console.log(['', ...failures.slice(0, 60), ''].join('\n'));
const missing = files.length === 1 && !existsSync(files[0]) ? ' (no test report: the run stopped before the tests)' : '';
console.log(`tests: ${counts(total)}${missing}`);
