import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

/**
 * `scripts/sum-results.mjs`, the last step of the test command, run as CI runs it. The reports
 * below have the shapes Vitest's and Playwright's JSON reporters write (trimmed to the fields
 * read): a CI log is cut to its tail, so the failed tests must be named at the end.
 */

const dir = mkdtempSync(join(tmpdir(), "packsmith-sum-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function sum(...args: string[]): { status: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ["scripts/sum-results.mjs", ...args], {
    encoding: "utf8",
  });
  return { status: r.status, lines: r.stdout.trimEnd().split("\n") };
}

const cwd = process.cwd();
const vitestReport = (failing: boolean) => ({
  numPassedTests: 2,
  numFailedTests: failing ? 2 : 0,
  success: !failing,
  testResults: [
    {
      name: `${cwd}/test/integration/server-pool.test.ts`,
      status: failing ? "failed" : "passed",
      message: "",
      assertionResults: [
        { fullName: "a passes", status: "passed", failureMessages: [] },
        {
          fullName:
            "each stored upload's debug line threads: two for a lone upload",
          status: failing ? "failed" : "passed",
          failureMessages: failing
            ? [
                "\u001b[31mAssertionError: expected [ 1 ] to deeply equal [ 2 ]\u001b[39m\n    at test/integration/server-pool.test.ts:228:30",
              ]
            : [],
        },
        {
          // What Vitest writes for a test that ran out of time (its stack, nothing else).
          fullName: "registry API 52 a chunked body over the cap → 413",
          status: failing ? "failed" : "passed",
          failureMessages: failing
            ? [
                "Error: STACK_TRACE_ERROR\n    at task (file:///work/main/node_modules/@vitest/runner/dist/chunk-artifact.js:1784:27)",
              ]
            : [],
        },
      ],
    },
    {
      name: `${cwd}/test/core/broken.test.ts`,
      status: failing ? "failed" : "passed",
      message: failing ? "\nSyntaxError: Unexpected token ')'\n" : "",
      assertionResults: [],
    },
  ],
});
const playwrightReport = (failing: boolean) => ({
  config: { rootDir: `${cwd}/e2e` },
  errors: [],
  stats: { expected: 1, unexpected: failing ? 1 : 0, flaky: 0, skipped: 0 },
  suites: [
    {
      title: "wizard-drafts.spec.ts",
      file: "wizard-drafts.spec.ts",
      specs: [],
      suites: [
        {
          title: "drafts",
          file: "wizard-drafts.spec.ts",
          specs: [
            {
              title: "a draft reopens after a reload",
              file: "wizard-drafts.spec.ts",
              line: 20,
              tests: [
                {
                  status: failing ? "unexpected" : "expected",
                  results: [
                    {
                      status: failing ? "failed" : "passed",
                      error: failing
                        ? {
                            message:
                              "Error: expect(locator).toBeVisible() failed\n\nLocator: …",
                          }
                        : undefined,
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
});

describe("the test command's last lines", () => {
  it("name every failed test, file and first error line, above the one count line; exit 1", () => {
    const { status, lines } = sum(
      "--check",
      "typecheck=0",
      "--check",
      "lint=1",
      "--vitest",
      report("unit-failing.json", vitestReport(true)),
      "--playwright",
      report("e2e-failing.json", playwrightReport(true)),
    );
    expect(status).toBe(1);
    expect(lines).toEqual([
      "  typecheck: 1 passed, 0 failed",
      "  lint: 0 passed, 1 failed",
      "  unit: 2 passed, 3 failed",
      "  e2e: 1 passed, 1 failed",
      "failed in lint:",
      "  ✗ exit code 1",
      "failed in unit:",
      "  ✗ test/integration/server-pool.test.ts › each stored upload's debug line threads: two for a lone upload: AssertionError: expected [ 1 ] to deeply equal [ 2 ]",
      "  ✗ test/integration/server-pool.test.ts › registry API 52 a chunked body over the cap → 413: timed out (Vitest's time limit for a test or hook ran out)",
      "  ✗ test/core/broken.test.ts: SyntaxError: Unexpected token ')'",
      "failed in e2e:",
      "  ✗ e2e/wizard-drafts.spec.ts:20 › a draft reopens after a reload: Error: expect(locator).toBeVisible() failed",
      "4 passed, 5 failed",
    ]);
  });

  it("when all pass: the counts only, exit 0", () => {
    const { status, lines } = sum(
      "--check",
      "typecheck=0",
      "--vitest",
      report("unit-passing.json", vitestReport(false)),
      "--playwright",
      report("e2e-passing.json", playwrightReport(false)),
    );
    expect(status).toBe(0);
    expect(lines).toEqual([
      "  typecheck: 1 passed, 0 failed",
      "  unit: 2 passed, 0 failed",
      "  e2e: 1 passed, 0 failed",
      "4 passed, 0 failed",
    ]);
  });

  it("a missing report is a failure that says so", () => {
    const { status, lines } = sum("--vitest", join(dir, "absent.json"));
    expect(status).toBe(1);
    expect(lines).toEqual([
      "  unit: 0 passed, 1 failed (no report)",
      "failed in unit:",
      `  ✗ ${join(dir, "absent.json")} was not written or cannot be read: the suite stopped before its end (see above)`,
      "0 passed, 1 failed",
    ]);
  });
});
