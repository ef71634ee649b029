import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, runMain as run, stderrLines } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// Messages a review found unclear: a missing path named twice, an empty argument as "cannot
// read : :", the JSON kind `not-an-archive` for a path with nothing there, an unknown option as
// Node's message (a quote left open) plus the whole usage, `--out` given twice taking the last,
// and a summary counting "notes" where the findings say `info`.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-messages-"));
afterAll(() => {
  spawnSync("rm", ["-rf", tmp]);
});

const HELLO = join(FIXTURES, "tutorials/hello-universe-pack");

const said = stderrLines;

describe("a source that cannot be read", () => {
  it.each(["validate", "inspect"])(
    "%s names a missing path once",
    (command) => {
      const r = runCli(tmp, command, "missing-path");
      expect(r.code).toBe(2);
      expect(said(r)).toEqual([
        "packsmith: cannot read missing-path: no such file or folder",
      ]);
    },
  );

  it("validate --json gives a missing path the kind not-found, which README documents", () => {
    const r = runCli(tmp, "validate", "missing-path", HELLO, "--json");
    expect(r.code).toBe(2);
    const [missing, hello] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(missing).toEqual({
      source: "missing-path",
      error: { kind: "not-found", message: "no such file or folder" },
    });
    expect(hello).toMatchObject({ pack: { name: "hellouniverse" } });
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toMatch(
      /`kind` is `not-found` for a\s+path with nothing there/,
    );
  });

  it("a path through a file is not-found, and says why", () => {
    const r = runCli(tmp, "validate", join(HELLO, "pack.json", "x"), "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: {
        kind: "not-found",
        message: "no such file or folder: a part of its path is not a folder",
      },
    });
  });

  it.each([
    ["validate", ["validate", ""]],
    ["validate among others", ["validate", HELLO, ""]],
    ["inspect", ["inspect", ""]],
    ["pack", ["pack", "", "--out", join(tmp, "x.zip")]],
  ])("an empty argument to %s is named as such, exit 2", (_, args) => {
    const r = runCli(tmp, ...args);
    expect(r.code).toBe(2);
    expect(said(r)).toEqual([
      `packsmith ${args[0]}: an argument is the empty string; is a variable unset?`,
    ]);
    expect(r.stdout).toBe("");
  });
});

describe("options", () => {
  it("an unknown option is one line naming it and the command's help; exit 2", () => {
    const r = runCli(tmp, "validate", HELLO, "--frobnicate");
    expect(r.code).toBe(2);
    expect(said(r)).toEqual([
      "packsmith validate: unknown option --frobnicate (packsmith validate --help lists its options)",
    ]);
    expect(r.stdout).toBe("");
  });

  it("an unknown option without a command points at packsmith --help", async () => {
    const r = await run("-x");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "packsmith: unknown option -x (packsmith --help lists the commands and their options)\n",
    );
  });

  it.each([
    [
      ["inspect", HELLO, "--out", "x.zip"],
      "packsmith inspect: --out is not an option of inspect (packsmith inspect --help lists its options)",
    ],
    [
      ["validate", HELLO, "--json=yes"],
      "packsmith validate: --json takes no value",
    ],
    [["pack", HELLO, "--out"], "packsmith pack: --out needs a value"],
    [
      ["pack", HELLO, "--out", "--force"],
      "packsmith pack: --out needs a value, not --force (write --out=--force for one that starts with -)",
    ],
    [
      ["validate", HELLO, "--target", "oci", "--target=spectro-cli"],
      "packsmith validate: --target is given twice (oci, spectro-cli); give it once",
    ],
    [
      ["validate", HELLO, "--target", "aws"],
      "packsmith validate: --target must be one of oci, spectro-cli, pack-central, not aws",
    ],
  ])("%j: %s", async (argv, line) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe("");
  });

  it.each([
    ["--out", "--out"],
    ["-o", "--out"],
    ["-o", "-o"],
  ])("pack %s a.zip %s b.zip refuses and writes neither", (first, second) => {
    const a = join(tmp, `${first}-${second}-a.zip`);
    const b = join(tmp, `${first}-${second}-b.zip`);
    const r = runCli(tmp, "pack", HELLO, first, a, second, b);
    expect(r.code).toBe(2);
    expect(said(r)).toEqual([
      `packsmith pack: ${second} is given twice (${a}, ${b}); give it once`,
    ]);
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(false);
  });
});

describe("the validate summary", () => {
  it("counts info findings under the label they are printed with", () => {
    const r = runCli(
      tmp,
      "validate",
      join(FIXTURES, "pack-central/kyverno-1.12.2"),
    );
    expect(r.code).toBe(0);
    const infos = r.stdout.match(/^ℹ info /gm) ?? [];
    expect(infos.length).toBeGreaterThan(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^kyverno 1\\.12\\.2 \\(addon\\): 0 errors, 0 warnings, ${infos.length} info$`,
        "m",
      ),
    );
    expect(r.stdout).not.toMatch(/notes/);
  });

  it("inspect's count says info too", () => {
    const r = runCli(
      tmp,
      "inspect",
      join(FIXTURES, "pack-central/kyverno-1.12.2"),
    );
    expect(r.stdout).toMatch(/^findings: 0 errors, 0 warnings, 2 info$/m);
  });
});
