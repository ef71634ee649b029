#!/usr/bin/env node
// Sums every suite of `scripts/test.sh` into one line, "N passed, N failed", and exits 1 if any failed.
//
// Usage: node scripts/sum-results.mjs [--check NAME=EXIT_CODE]... [--vitest FILE] [--playwright FILE]
//
// A check (typecheck, lint) counts as one test. A report that is missing or unreadable counts as one
// failure, so a suite that crashed before writing its report can never look green.
import { readFileSync } from "node:fs";

/** @param {string} file */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** @param {string} file @returns {{ passed: number, failed: number, note?: string }} */
function vitestCounts(file) {
  const report = readReport(file);
  if (typeof report?.numPassedTests !== "number")
    return { passed: 0, failed: 1, note: "no report" };
  let failed = report.numFailedTests;
  // A test file that fails to load has no failed tests, only a failed suite: count it too.
  const brokenFiles = (report.testResults ?? []).filter(
    (result) =>
      result.status === "failed" &&
      (result.assertionResults ?? []).every((a) => a.status !== "failed"),
  ).length;
  failed += brokenFiles;
  if (failed === 0 && report.success === false) failed = 1;
  return { passed: report.numPassedTests, failed };
}

/** @param {string} file @returns {{ passed: number, failed: number, note?: string }} */
function playwrightCounts(file) {
  const report = readReport(file);
  const stats = report?.stats;
  if (typeof stats?.expected !== "number")
    return { passed: 0, failed: 1, note: "no report" };
  // Errors outside any test (web server did not start, config broken) are failures of their own.
  const globalErrors = Array.isArray(report.errors) ? report.errors.length : 0;
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + globalErrors,
  };
}

const suites = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const flag = args[i];
  const value = args[i + 1] ?? "";
  if (flag === "--check") {
    const [name, code] = value.split("=");
    const ok = code === "0";
    suites.push({
      name: name ?? value,
      passed: ok ? 1 : 0,
      failed: ok ? 0 : 1,
    });
  } else if (flag === "--vitest") {
    suites.push({ name: "unit", ...vitestCounts(value) });
  } else if (flag === "--playwright") {
    suites.push({ name: "e2e", ...playwrightCounts(value) });
  } else {
    console.error(`sum-results: unknown argument ${flag}`);
    process.exit(2);
  }
}

for (const suite of suites) {
  const note = suite.note ? ` (${suite.note})` : "";
  console.log(
    `  ${suite.name}: ${suite.passed} passed, ${suite.failed} failed${note}`,
  );
}
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
