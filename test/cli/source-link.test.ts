import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// A source given as a symbolic link (to a pack folder, a .zip or a .tar.gz) was refused with "is
// a symbolic link, not a file or folder". The argument is followed, as every Unix tool follows
// its own; links inside a pack are still refused.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-link-"));
afterAll(() => {
  spawnSync("rm", ["-rf", tmp]);
});

const HELLO = join(FIXTURES, "tutorials/hello-universe-pack");
const TARGZ = join(FIXTURES, "oci-example/hellouniverse-1.0.0.tar.gz");
const link = (to: string, name: string): string => {
  const at = join(tmp, name);
  symlinkSync(to, at);
  return at;
};

/** `inspect --json` of `src`: the content digest, or the failure. */
function digestOf(src: string): string {
  const r = runCli(tmp, "inspect", src, "--json");
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { digest: string }).digest;
}

describe("a source that is a symbolic link", () => {
  let zip: string;
  beforeAll(() => {
    zip = join(tmp, "hello.zip");
    const r = runCli(tmp, "pack", HELLO, "--out", zip);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each([
    ["a pack folder", () => HELLO],
    ["a .zip", () => zip],
    ["a .tar.gz", () => TARGZ],
  ])("to %s is read as what it points to", (_, target) => {
    const to = target();
    const name = `to-${to.split("/").pop()!}`;
    expect(digestOf(link(to, name))).toBe(digestOf(to));
  });

  it("through a chain of links, relative ones included", () => {
    link(HELLO, "first");
    const second = link("first", "second");
    const r = runCli(tmp, "validate", second);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^hellouniverse 1\.0\.0 \(addon\): /m);
  });

  it("to nothing: not-found, saying it is a link and to what", () => {
    const dangling = link(join(tmp, "nowhere"), "dangling");
    const r = runCli(tmp, "validate", dangling, "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      source: dangling,
      error: {
        kind: "not-found",
        message: `it is a symbolic link to \`${join(tmp, "nowhere")}\`, where there is no file or folder`,
      },
    });
  });

  it("to a folder holding a link: the link inside is still refused", () => {
    const pack = join(tmp, "with-inner-link");
    cpSync(HELLO, pack, { recursive: true });
    symlinkSync(join(pack, "values.yaml"), join(pack, "values-copy.yaml"));
    const r = runCli(tmp, "validate", link(pack, "outer"), "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: { kind: "link-not-allowed", entry: "values-copy.yaml" },
    });
  });
});
