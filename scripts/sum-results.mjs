#!/usr/bin/env node
// Sums every suite of `scripts/test.sh` into one line, "N passed, N failed", and exits 1 if any failed.
//
// Usage: node scripts/sum-results.mjs [--check NAME=EXIT_CODE]... [--vitest FILE] [--playwright FILE]
//
// A check (typecheck, lint) counts as one test. A report that is missing or unreadable counts as one
// failure, so a suite that crashed before writing its report can never look green. Each failed test is
// named (file, title, the first line of its error) just above the last line, so the tail of a CI log
// says what failed.
import { readFileSync } from "node:fs";

/** @param {string} file */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** The first line of an error message that says something, shortened for one summary line. */
function firstLine(/** @type {unknown} */ message) {
  const text = String(message ?? "")
    // eslint-disable-next-line no-control-regex -- colour codes from the reporters
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
  if (!text) return "";
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A Vitest error's first line. A test or hook that ran out of time is reported with the stack of
 * the error Vitest made when the test was declared, whose message is `STACK_TRACE_ERROR`: say what
 * happened instead.
 */
function vitestError(/** @type {unknown} */ message) {
  const line = firstLine(message);
  return line === "Error: STACK_TRACE_ERROR"
    ? "timed out (Vitest's time limit for a test or hook ran out)"
    : line;
}

/** @param {string} path */
function relative(path) {
  const cwd = process.cwd() + "/";
  return String(path ?? "").startsWith(cwd)
    ? path.slice(cwd.length)
    : String(path ?? "");
}

/** @param {string} file */
function noReport(file) {
  return `${relative(file)} was not written or cannot be read: the suite stopped before its end (see above)`;
}

/** @param {string} file @returns {{ passed: number, failed: number, note?: string, names: string[] }} */
function vitestCounts(file) {
  const report = readReport(file);
  if (typeof report?.numPassedTests !== "number")
    return { passed: 0, failed: 1, note: "no report", names: [noReport(file)] };
  let failed = report.numFailedTests;
  /** @type {string[]} */
  const names = [];
  for (const result of report.testResults ?? []) {
    const failedTests = (result.assertionResults ?? []).filter(
      (a) => a.status === "failed",
    );
    for (const test of failedTests)
      names.push(
        `${relative(result.name)} › ${test.fullName ?? test.title}: ${vitestError(test.failureMessages?.[0])}`,
      );
    // A test file that fails to load has no failed tests, only a failed suite: count it too.
    if (result.status === "failed" && failedTests.length === 0) {
      failed++;
      names.push(
        `${relative(result.name)}: ${vitestError(result.message) || "the file failed to load"}`,
      );
    }
  }
  if (failed === 0 && report.success === false) failed = 1;
  return { passed: report.numPassedTests, failed, names };
}

/**
 * The failed tests of a Playwright JSON report, "file:line › title: error".
 * @param {any} suite @param {string} rootDir @param {string[]} names
 */
function playwrightFailures(suite, rootDir, names) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== "unexpected") continue;
      const results = test.results ?? [];
      const last = results[results.length - 1];
      names.push(
        `${relative(rootDir ? `${rootDir}/${spec.file}` : spec.file)}:${spec.line} › ${spec.title}: ${firstLine(last?.error?.message ?? last?.errors?.[0]?.message)}`,
      );
    }
  }
  for (const child of suite.suites ?? [])
    playwrightFailures(child, rootDir, names);
}

/** @param {string} file @returns {{ passed: number, failed: number, note?: string, names: string[] }} */
function playwrightCounts(file) {
  const report = readReport(file);
  const stats = report?.stats;
  if (typeof stats?.expected !== "number")
    return { passed: 0, failed: 1, note: "no report", names: [noReport(file)] };
  // Errors outside any test (web server did not start, config broken) are failures of their own.
  const globalErrors = Array.isArray(report.errors) ? report.errors : [];
  /** @type {string[]} */
  const names = [];
  for (const suite of report.suites ?? [])
    playwrightFailures(suite, String(report.config?.rootDir ?? ""), names);
  for (const error of globalErrors)
    names.push(`outside any test: ${firstLine(error?.message)}`);
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + globalErrors.length,
    names,
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
      names: ok ? [] : [`exit code ${code}`],
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
for (const suite of suites) {
  if (suite.names.length === 0) continue;
  console.log(`failed in ${suite.name}:`);
  for (const name of suite.names) console.log(`  ✗ ${name}`);
}
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
