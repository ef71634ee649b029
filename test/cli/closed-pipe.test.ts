import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, stderrLines } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// `packsmith inspect <pack> | head -1` printed an EPIPE stack trace once head had gone. The
// command now ends quietly with 141, the status a shell reports for a tool ended by SIGPIPE.

const PC = (dir: string): string => join(FIXTURES, "pack-central", dir);

/**
 * The command line with its stdout a pipe whose reading end is closed before the command
 * writes a byte: what `| head -1` does once it has its line, made certain rather than timed.
 */
function runIntoClosedPipe(
  ...args: string[]
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    p.stdout.destroy();
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("output piped into a reader that has gone", () => {
  it.each([
    ["inspect", ["inspect", PC("argocd-3.26.7")]],
    ["inspect --json", ["inspect", PC("argocd-3.26.7"), "--json"]],
    ["validate", ["validate", PC("kyverno-1.12.2")]],
    [
      "validate of several sources",
      ["validate", PC("kyverno-1.12.2"), PC("argocd-3.26.7"), PC("avi-1.9.2")],
    ],
    ["init --list", ["init", "--list"]],
    ["--help", ["--help"]],
  ])("%s exits 141 without a word", async (_, args) => {
    const r = await runIntoClosedPipe(...args);
    expect(r.code).toBe(141);
    expect(stderrLines(r)).toEqual([]);
  });
});

describe("a real pipeline", () => {
  it("`inspect | head -1` prints the first line; packsmith ends with 0 or 141, no trace", () => {
    // Whether packsmith has finished writing before head leaves is a race: either ending is right.
    const r = spawnSync(
      "bash",
      [
        "-c",
        'set -o pipefail; "$0" "$1" inspect "$2" | head -1',
        process.execPath,
        BIN,
        PC("argocd-3.26.7"),
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect([0, 141]).toContain(r.status);
    expect(r.stdout).toBe(
      "Argo CD (argo-cd 3.26.7), layer addon, system app\n",
    );
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
