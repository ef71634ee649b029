import { beforeAll, describe, expect, it } from "vitest";

import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { validatePack } from "../../src/pack/validate";
import { zipFiles } from "../gen/zip";
import { loadFixture } from "../helpers/fixtures";

/*
 * macOS Finder's "Compress" puts an AppleDouble resource fork of each file beside the folder it
 * archives: `<folder>/pack.json` and `__MACOSX/<folder>/._pack.json`. Such a zip made the
 * builder's import say "there is no pack.json at the root" (an exploratory review), since the
 * single top folder was removed only when it was the only top segment.
 */
const FOLDER = "hello-universe-1.3.1";
/** An AppleDouble header (magic 0x00051607, version 2), as Finder writes for `._<file>`. */
const FORK = new Uint8Array([
  0,
  5,
  22,
  7,
  0,
  2,
  0,
  0,
  ...new Array(24).fill(0),
]);
let pack: PackFiles;

beforeAll(async () => {
  pack = await loadFixture(`pack-central/${FOLDER}`);
});

const read = (entries: [string, Uint8Array][]) => {
  const r = readPackArchive(zipFiles(entries), { name: "finder.zip" });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.files;
};

describe("a zip made by macOS Finder's Compress", () => {
  it("opens as the pack, its forks kept at __MACOSX/ and named as a stray folder", () => {
    const files = read([
      ...[...pack].map(([p, b]): [string, Uint8Array] => [`${FOLDER}/${p}`, b]),
      [`__MACOSX/${FOLDER}/._pack.json`, FORK],
      [`__MACOSX/${FOLDER}/manifests/._hello-universe.yaml`, FORK],
    ]);
    expect([...files.keys()].filter((p) => !p.startsWith("__MACOSX/"))).toEqual(
      [...pack.keys()].sort(),
    );
    expect(files.has(`__MACOSX/${FOLDER}/._pack.json`)).toBe(true);
    const report = validatePack(files);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(
      report.findings
        .filter((f) => f.code === "FILE_STRAY")
        .map((f) => [f.severity, f.file]),
    ).toEqual([["info", "__MACOSX/"]]);
    // The same findings as the folder itself, but for the stray forks.
    const strip = (fs: typeof report.findings) =>
      fs
        .filter((f) => f.code !== "FILE_STRAY")
        .map((f) => `${f.code} ${f.file}`);
    expect(strip(report.findings)).toEqual(strip(validatePack(pack).findings));
  });

  it("is left as archived when a path inside the folder would land on a fork's path", () => {
    const files = read([
      [`${FOLDER}/pack.json`, pack.get("pack.json")!],
      [`${FOLDER}/__MACOSX/._x`, FORK],
      ["__MACOSX/._x", FORK],
    ]);
    expect([...files.keys()]).toEqual([
      "__MACOSX/._x",
      `${FOLDER}/__MACOSX/._x`,
      `${FOLDER}/pack.json`,
    ]);
    expect(
      validatePack(files).findings.find((f) => f.code === "PACK_JSON_MISSING"),
    ).toBeDefined();
  });

  it("two packs side by side still stay in their folders, and the message names them", () => {
    const files = read([
      [`a/pack.json`, pack.get("pack.json")!],
      [`b/pack.json`, pack.get("pack.json")!],
      ["__MACOSX/a/._pack.json", FORK],
    ]);
    expect(files.has("a/pack.json")).toBe(true);
    const missing = validatePack(files).findings.find(
      (f) => f.code === "PACK_JSON_MISSING",
    );
    expect(missing?.message).toMatch(/top folders/);
  });
});
