import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, type CliRun, stderrLines } from "../helpers/cli";

// A failed `init` (a file size limit, a full disk) left a half-written folder, and the retry was
// refused as "not empty". init now writes whole or not at all.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-init-fail-"));
afterAll(() => {
  spawnSync("rm", ["-rf", tmp]);
});

/**
 * `packsmith init centos-aws <folder>` under `ulimit -f 1`: the template's logo and README are
 * past the limit, so a write fails with EFBIG after others have succeeded (Node ignores SIGXFSZ).
 */
function initUnderFileLimit(cwd: string, folder: string): CliRun {
  const r = spawnSync(
    "sh",
    [
      "-c",
      'ulimit -f 1 && exec "$0" "$1" init centos-aws "$2"',
      process.execPath,
      BIN,
      folder,
    ],
    { cwd, encoding: "utf8" },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const said = (r: CliRun): string => stderrLines(r).join("\n");

describe("init that fails part way", () => {
  it("into a new folder leaves nothing behind; the retry writes the pack", () => {
    const cwd = join(tmp, "new");
    mkdirSync(cwd);
    const failed = initUnderFileLimit(cwd, "part");
    expect(failed.code).toBe(2);
    expect(said(failed)).toMatch(
      /^packsmith init: writing part failed: EFBIG.*; nothing was left behind$/m,
    );
    expect(readdirSync(cwd)).toEqual([]);

    const retry = runCli(cwd, "init", "centos-aws", "part");
    expect(retry.code, retry.stderr).toBe(0);
    expect(readdirSync(join(cwd, "part")).sort()).toEqual(
      ["README.md", "harden_os", "logo.png", "pack.json", "values.yaml"].sort(),
    );
  });

  it("into new nested folders removes the folders it made", () => {
    const cwd = join(tmp, "nested");
    mkdirSync(cwd);
    const failed = initUnderFileLimit(cwd, "a/b/part");
    expect(failed.code).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("into an existing empty folder leaves that same folder, empty; the retry writes the pack", () => {
    const cwd = join(tmp, "existing");
    const folder = join(cwd, "mine");
    mkdirSync(folder, { recursive: true });
    const before = statSync(folder);
    const failed = initUnderFileLimit(cwd, "mine");
    expect(failed.code).toBe(2);
    expect(said(failed)).toMatch(/; mine is left empty$/m);
    expect(readdirSync(cwd)).toEqual(["mine"]);
    expect(readdirSync(folder)).toEqual([]);
    expect(statSync(folder).ino).toBe(before.ino);

    const retry = runCli(cwd, "init", "centos-aws", "mine");
    expect(retry.code, retry.stderr).toBe(0);
    expect(existsSync(join(folder, "pack.json"))).toBe(true);
    expect(statSync(folder).ino).toBe(before.ino);
  });

  it("a folder renamed into place has the modes a direct write gives", () => {
    const r = runCli(tmp, "init", "centos-aws", "modes");
    expect(r.code, r.stderr).toBe(0);
    const folder = join(tmp, "modes");
    const made = join(tmp, "made-by-mkdir");
    mkdirSync(made);
    expect(statSync(folder).mode).toBe(statSync(made).mode);
    const script = "harden_os/files/sec_harden.sh";
    expect(statSync(join(folder, script)).mode & 0o777).toBe(
      statSync(join(ROOT, "templates/centos-aws", script)).mode & 0o777,
    );
    expect(statSync(join(folder, script)).mode & 0o100).toBe(0o100);
  });
});
