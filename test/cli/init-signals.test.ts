import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, type CliRun, runMain as run, stderrLines } from "../helpers/cli";

// Ctrl-C (or `kill`) while `packsmith init` wrote a new folder ended the process at once and left
// its hidden `.<name>.packsmith-init-<pid>` folder beside it. Now the signal waits for the write,
// which is then taken back; and a folder left by a process that is gone (SIGKILL) is removed by
// the next init of the same folder.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-init-signal-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PAUSE = new URL("../helpers/pause-init-write.mjs", import.meta.url)
  .pathname;

let dirs = 0;
const freshDir = (): string => {
  const dir = join(tmp, `run-${dirs++}`);
  mkdirSync(dir);
  return dir;
};

/**
 * `packsmith init centos-aws <folder>` in `cwd`, sent `signal` while it is parked before its
 * first file write (test/helpers/pause-init-write.mjs): for a new folder, the moment its hidden
 * folder exists. What `cwd` held then is returned too.
 */
function initSignalled(
  cwd: string,
  folder: string,
  signal: NodeJS.Signals,
): Promise<
  CliRun & { signal: NodeJS.Signals | null; pid?: number; during: string[] }
> {
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      ["--import", PAUSE, BIN, "init", "centos-aws", folder],
      {
        cwd,
        env: { ...process.env, PAUSE_UNDER: `${cwd}/` },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    let during: string[] = [];
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (during.length || !stderr.includes("paused before writing")) return;
      during = readdirSync(cwd);
      p.kill(signal);
      p.stdin.end(); // Lets the parked write go on.
    });
    // The child may be gone already (killed by the signal) when stdin ends.
    p.stdin.on("error", () => {});
    p.on("close", (code, killedBy) =>
      resolve({ code, stdout, stderr, signal: killedBy, pid: p.pid, during }),
    );
  });
}

const said = (r: CliRun): string[] =>
  stderrLines(r).filter((l) => !l.startsWith("paused before writing"));

describe("init stopped by a signal", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s while writing a new folder: the hidden folder and the pack are gone; exit 128 + the signal",
    async (signal) => {
      const cwd = freshDir();
      const r = await initSignalled(cwd, "new", signal);
      expect(r.during).toEqual([`.new.packsmith-init-${r.pid}`]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(128 + constants.signals[signal]);
      expect(said(r)).toEqual([
        `packsmith init: stopped by ${signal}; nothing was left behind`,
      ]);
      expect(r.stdout).toBe("");
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it("SIGINT while writing new nested folders removes the folders it made", async () => {
    const cwd = freshDir();
    const r = await initSignalled(cwd, "a/b/new", "SIGINT");
    expect(r.during).toEqual(["a"]);
    expect(r.code).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("SIGINT while writing into an existing empty folder leaves it empty", async () => {
    const cwd = freshDir();
    mkdirSync(join(cwd, "mine"));
    const r = await initSignalled(cwd, "mine", "SIGINT");
    expect(r.code).toBe(130);
    expect(said(r)).toEqual([
      "packsmith init: stopped by SIGINT; mine is left empty",
    ]);
    expect(readdirSync(cwd)).toEqual(["mine"]);
    expect(readdirSync(join(cwd, "mine"))).toEqual([]);
  });
});

describe("hidden folders left by a killed init", () => {
  it("one of a process that is gone is removed; one of a live process stays", async () => {
    const cwd = freshDir();
    // A pid that was a process a moment ago: spawnSync has waited for it to end.
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    const live = process.ppid;
    for (const pid of [gone, live])
      mkdirSync(join(cwd, `.new.packsmith-init-${pid}`, "harden_os"), {
        recursive: true,
      });
    const r = await run("init", "centos-aws", join(cwd, "new"));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(
      [`.new.packsmith-init-${live}`, "new"].sort(),
    );
  });

  it("one with this process's pid (a dead one's, reused) no longer makes the write fail", async () => {
    const cwd = freshDir();
    mkdirSync(join(cwd, `.new.packsmith-init-${process.pid}`, "harden_os"), {
      recursive: true,
    });
    const r = await run("init", "centos-aws", join(cwd, "new"));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual(["new"]);
  });
});
