import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writePackTarGz } from "../../src/pack/tar-write";
import { isTopFolder, packTopFolder } from "../../src/pack/top-folder";
import { writePackZip } from "../../src/pack/zip-write";
import { runCli } from "../helpers/cli";
import { FIXTURES, loadFixture } from "../helpers/fixtures";

// A review found `packsmith pack --force` writing `../../evil-1.0.0/../../x/` as the top folder
// of a pack whose pack.json said so: entries that unpack outside the folder they are unpacked in.

describe("the top folder of a written pack", () => {
  it("is <name>-<version> when that is one safe folder name, else pack", () => {
    expect(packTopFolder("hello-universe", "1.3.1")).toBe(
      "hello-universe-1.3.1",
    );
    expect(packTopFolder("weka-operator", "v1.12.0")).toBe(
      "weka-operator-v1.12.0",
    );
    for (const [name, version] of [
      ["../../evil", "1.0.0"],
      ["evil", "1.0.0/../../x"],
      ["a/b", "1.0.0"],
      ["a", "1.0.0\\x"],
      ["a", " 1.0.0 "],
      ["a\u202e", "1.0.0"],
      ["", "1.0.0"],
      ["a", undefined],
      [7, "1.0.0"],
    ] as const)
      expect(packTopFolder(name, version), `${name} ${version}`).toBe("pack");
    expect(isTopFolder("..")).toBe(false);
    expect(isTopFolder(".")).toBe(false);
  });

  it("the zip and tar.gz writers refuse a top folder that is not one safe folder name", async () => {
    const files = await loadFixture("tutorials/hello-universe-pack");
    await expect(writePackZip(files, "../x")).rejects.toThrow(
      /not one safe folder name/,
    );
    expect(() => writePackTarGz(files, "a/../../b")).toThrow(
      /not one safe folder name/,
    );
    expect(() => writePackTarGz(files, "..")).toThrow(
      /not one safe folder name/,
    );
  });
});

describe("packsmith pack --force of a pack whose name and version are not a folder name", () => {
  const tmp = mkdtempSync(join(tmpdir(), "packsmith-top-"));
  afterAll(() => execFileSync("rm", ["-rf", tmp]));

  it("writes the top folder pack/ and says why; every entry stays inside it", () => {
    const src = join(tmp, "evil");
    cpSync(join(FIXTURES, "tutorials/hello-universe-pack"), src, {
      recursive: true,
    });
    const pj = JSON.parse(readFileSync(join(src, "pack.json"), "utf8")) as {
      name: string;
      version: string;
    };
    pj.name = "../../evil";
    pj.version = "1.0.0/../../x";
    writeFileSync(join(src, "pack.json"), JSON.stringify(pj, null, 2));
    for (const out of ["evil.zip", "evil.tar.gz"]) {
      const r = runCli(tmp, "pack", "evil", "--out", out, "--force");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'top folder pack/: "../../evil-1.0.0/../../x" from pack.json is not a safe folder name',
      );
      const listing = out.endsWith(".zip")
        ? execFileSync("unzip", ["-Z1", join(tmp, out)], { encoding: "utf8" })
        : execFileSync("tar", ["tzf", join(tmp, out)], { encoding: "utf8" });
      const entries = listing.trim().split("\n");
      expect(entries).toContain("pack/pack.json");
      expect(entries.filter((e) => !e.startsWith("pack/"))).toEqual([]);
      expect(entries.filter((e) => e.split("/").includes(".."))).toEqual([]);
    }
  });
});
