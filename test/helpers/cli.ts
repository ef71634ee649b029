import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { main } from "../../src/cli/main";

/** The command line as a user runs it, in its own process: `bin/packsmith.mjs`. */

export const ROOT = new URL("../../", import.meta.url).pathname;
export const BIN = join(ROOT, "bin/packsmith.mjs");
/** The note bin/packsmith.mjs prints when it runs the TypeScript instead of the bundle. */
export const TSX_NOTE = /running the TypeScript through tsx/;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `bin/packsmith.mjs <args>` started in `cwd`. */
export function runCli(cwd: string, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Compile build/node/ (scripts/build-node.mjs); a failed build fails the test. */
export function buildNode(): void {
  const b = spawnSync(
    process.execPath,
    [join(ROOT, "scripts/build-node.mjs")],
    {
      encoding: "utf8",
      cwd: ROOT,
    },
  );
  expect(b.status, b.stderr).toBe(0);
}

/**
 * The command line made to run the bundle: when bin/packsmith.mjs says the bundle is missing or
 * older than a source (someone edited one), build it and run again.
 */
export function runBundled(cwd: string, ...args: string[]): CliRun {
  for (let attempt = 0; ; attempt++) {
    const run = runCli(cwd, ...args);
    if (!TSX_NOTE.test(run.stderr) || attempt === 3) return run;
    buildNode();
  }
}

/**
 * `bin/packsmith.mjs <args>` in its own process without blocking this one: for a test that
 * serves something (a registry) the command line talks to.
 */
export function runCliAsync(cwd: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command line in this process, through `main` with an Io of buffers. */
export async function runMain(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

/** What the command line said on stderr, line by line, without bin/packsmith.mjs's note about tsx. */
export const stderrLines = (r: Pick<CliRun, "stderr">): string[] =>
  r.stderr.split("\n").filter((l) => l && !TSX_NOTE.test(l));
