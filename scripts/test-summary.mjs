#!/usr/bin/env node
// Prints the closing line from vitest's JSON reports: "tests: N passed, N failed[, N skipped]",
// summed over the reports named (one per Node version in CI), with a line per report before it.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/vitest.json'];
const total = { passed: 0, failed: 0, skipped: 0 };
const counts = (c) => `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
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
  }
  if (files.length > 1)
    console.log(`${basename(file, '.json')}: ${counts(c)}${existsSync(file) ? '' : ' (no test report: the run stopped before the tests)'}`);
  for (const key of Object.keys(total)) total[key] += c[key];
}
const missing = files.length === 1 && !existsSync(files[0]) ? ' (no test report: the run stopped before the tests)' : '';
console.log(`tests: ${counts(total)}${missing}`);
