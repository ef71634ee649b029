import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  truncateSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSource } from "../../src/cli/read-source";
import { runMain as run } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// `packsmith pack c6 --out c6/x.tar.gz`, then `pack c6 --out c6/x.zip`, put the earlier tar.gz
// into the zip without a word, and a second `--out c6/x.zip` packed the zip into itself.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-own-output-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HELLO = join(FIXTURES, "tutorials/hello-universe-pack");

/** The files of an archive the command wrote, as the core reads them back. */
async function paths(archive: string): Promise<string[]> {
  const r = await readSource(archive);
  if (!r.ok) throw new Error(r.error.message);
  return [...r.value.files.keys()];
}

/** A fresh copy of the hello-universe tutorial pack under `name`. */
function copy(name: string): string {
  const dir = join(tmp, name);
  cpSync(HELLO, dir, { recursive: true });
  return dir;
}

const PACK = [
  "README.md",
  "logo.png",
  "manifests/hello-universe.yaml",
  "pack.json",
  "values.yaml",
];

describe("pack --out inside the source folder", () => {
  it.each(["x.zip", "x.tar.gz", "x.tgz"])(
    "a second run leaves its own %s out and says so in one line",
    async (name) => {
      const c6 = copy(`again-${name}`);
      const out = join(c6, name);
      const first = await run("pack", c6, "--out", out);
      expect(first.code).toBe(0);
      expect(first.stdout).not.toMatch(/left/);
      const second = await run("pack", c6, "--out", out);
      expect(second.code).toBe(0);
      expect(second.stderr).toBe("");
      expect(second.stdout.split("\n")[0]).toBe(
        `left ${out} out of the archive: it is this command's own output, from an earlier run`,
      );
      expect(await paths(out)).toEqual(PACK);
    },
  );

  // Tests run as root, where `chmod 000` stops no read: an earlier output past the limit a folder
  // is read within (256 MiB, sparse here) shows it is left out as the folder is walked, unread and
  // uncounted; read and dropped afterwards, it made the whole source unreadable.
  it("leaves its earlier output out unread, as the folder is walked", async () => {
    const c6 = copy("unread");
    const out = join(c6, "x.zip");
    expect((await run("pack", c6, "--out", out)).code).toBe(0);
    truncateSync(out, 300 * 1024 * 1024);
    const second = await run("pack", c6, "--out", out);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout.split("\n")[0]).toBe(
      `left ${out} out of the archive: it is this command's own output, from an earlier run`,
    );
    expect(statSync(out).size).toBeLessThan(1024 * 1024);
    expect(await paths(out)).toEqual(PACK);
  });

  it("finds its output under the top folder the reader removes", async () => {
    const wrap = join(tmp, "wrapped");
    mkdirSync(wrap);
    cpSync(HELLO, join(wrap, "hello"), { recursive: true });
    const out = join(wrap, "hello", "x.zip");
    expect((await run("pack", wrap, "--out", out)).code).toBe(0);
    const second = await run("pack", wrap, "--out", out);
    expect(second.stdout).toMatch(/^left .*x\.zip out of the archive/);
    expect(await paths(out)).toEqual(PACK);
  });

  it("an earlier output under another name is packed, and validate names it FILE_STRAY", async () => {
    const c6 = copy("c6");
    expect((await run("pack", c6, "--out", join(c6, "x.tar.gz"))).code).toBe(0);
    const zip = await run("pack", c6, "--out", join(c6, "x.zip"));
    expect(zip.stdout).not.toMatch(/left/);
    expect(await paths(join(c6, "x.zip"))).toContain("x.tar.gz");
    const v = await run("validate", c6);
    expect(v.code).toBe(0);
    for (const name of ["x.tar.gz", "x.zip"])
      expect(v.stdout).toMatch(
        new RegExp(
          `^ℹ info +FILE_STRAY +${name.replace(".", "\\.")} .*perhaps of a pack \\(an earlier \`packsmith pack\` output\\)`,
          "m",
        ),
      );
  });

  it("an --out outside the source folder changes nothing", async () => {
    const c6 = copy("outside");
    const out = join(tmp, "outside.zip");
    for (let i = 0; i < 2; i++) {
      const r = await run("pack", c6, "--out", out);
      expect(r.stdout).toMatch(/^wrote /);
    }
    expect(await paths(out)).toEqual(PACK);
  });
});
