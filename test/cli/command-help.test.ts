import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, runMain as run } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// `packsmith validate --help` printed the global text. Each command now has its own: usage,
// options and exit status, in step with README's table (which now documents `-o` and `.tgz`).

const tmp = mkdtempSync(join(tmpdir(), "packsmith-help-"));
afterAll(() => {
  spawnSync("rm", ["-rf", tmp]);
});

const README = readFileSync(join(ROOT, "README.md"), "utf8");
/** README's row of the command-line table for `command`: its two cells, unescaped. */
const readmeRow = (command: string): { usage: string; does: string } => {
  const row = README.split("\n").find((l) =>
    l.startsWith(`| \`packsmith ${command} `),
  );
  expect(row, `README has a row for ${command}`).toBeDefined();
  const [, usage, does] = row!
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"));
  return { usage: usage!, does: does! };
};
/** The long options a text names. */
const longOptions = (text: string): string[] =>
  [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])].sort();

const COMMANDS = ["validate", "pack", "inspect", "push", "init"];

describe.each(COMMANDS)("packsmith %s --help", (command) => {
  it("prints the command's usage, options and exit status on stdout; exit 0", async () => {
    const r = await run(command, "--help");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^Usage: packsmith ${command} `));
    expect(r.stdout).toMatch(/\nOptions:\n/);
    expect(r.stdout).toMatch(/\nExit status:\n {2}0 {2}/);
    expect(r.stdout).not.toBe((await run("--help")).stdout);
  });

  it("-h, and --help after the arguments, print the same", async () => {
    const help = (await run(command, "--help")).stdout;
    expect((await run(command, "-h")).stdout).toBe(help);
    expect((await run(command, "some-pack", "--json", "-h")).stdout).toBe(help);
  });

  it("names every option README's table gives the command", async () => {
    const help = (await run(command, "--help")).stdout;
    const options = longOptions(readmeRow(command).usage);
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(help).toContain(option);
  });

  it("names only options the command takes", async () => {
    const help = (await run(command, "--help")).stdout;
    for (const option of longOptions(help)) {
      if (option === "--help") continue;
      const takesValue = new RegExp(`${option} <`).test(help);
      const r = await run(command, option, ...(takesValue ? ["v"] : []));
      expect(r.stderr, `${command} ${option}`).not.toMatch(
        /unknown option|is not an option|takes no value|needs a value/,
      );
    }
  });
});

describe("the help and README agree", () => {
  it("packsmith --help points at the commands' help", async () => {
    expect((await run("--help")).stdout).toMatch(
      /packsmith <command> --help shows a command's\s+options and exit status/,
    );
  });

  it("init writes into a new or empty folder, in both helps and README", async () => {
    expect((await run("--help")).stdout).toMatch(
      /into a new or\s+empty folder/,
    );
    expect((await run("init", "--help")).stdout).toMatch(
      /into a new or empty folder/,
    );
    expect(readmeRow("init").does).toContain("into a new or empty folder");
  });

  it("pack takes -o and writes a .tgz, as its help and README say", () => {
    for (const text of [
      runCli(tmp, "pack", "--help").stdout,
      readmeRow("pack").usage,
    ]) {
      expect(text).toMatch(/-o\b/);
      expect(text).toContain("file.tgz");
    }
    const out = join(tmp, "hello.tgz");
    const r = runCli(
      tmp,
      "pack",
      join(FIXTURES, "tutorials/hello-universe-pack"),
      "-o",
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const list = spawnSync("tar", ["-tzf", out], { encoding: "utf8" });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/\/pack\.json$/m);
  });

  it("the exit status validate's help gives is README's", async () => {
    const help = (await run("validate", "--help")).stdout;
    expect(help).toMatch(
      / {2}0 {2}no source has errors\n {2}1 {2}a source has errors\n {2}2 {2}a source cannot be read/,
    );
    expect(readmeRow("validate").does).toContain(
      "exit 0 without errors, 1 when any has errors, 2 when any cannot be read",
    );
  });
});
