// The writers refuse an archive every reader would refuse, from what they know while writing (each
// entry's name, size and compressed size), with the readers' own limits: a review packed a 20 MiB
// manifest of one repeated line, and `push` sent such a zip to the server to be refused there.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Limits } from "../../src/pack/limits";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { writePackTarGz } from "../../src/pack/tar-write";
import { writePackArchive } from "../../src/pack/write-archive";
import { writePackZip, writePackZipParts } from "../../src/pack/zip-write";
import { zlibFlate } from "../../server/workers/zlib-flate";
import { loadFixture } from "../helpers/fixtures";
import { REPEATED_MANIFEST, repetitivePack } from "../helpers/packs";

const TOP = "hellouniverse-1.0.0";
const enc = new TextEncoder();
const FORMATS = ["zip", "tar.gz"] as const;

/** The unchecked writer of `format`: what the readers are shown to refuse. */
const raw = async (
  files: PackFiles,
  format: (typeof FORMATS)[number],
): Promise<Uint8Array> =>
  format === "zip" ? writePackZip(files, TOP) : writePackTarGz(files, TOP);

/** The tutorial pack with `extra` files added. */
async function tutorialWith(
  extra: Iterable<[string, Uint8Array]>,
): Promise<PackFiles> {
  const files = new Map(await loadFixture("tutorials/hello-universe-pack"));
  for (const [p, b] of extra) files.set(p, b);
  return files;
}

describe("writePackArchive over real packs", () => {
  it.each([
    "tutorials/hello-universe-pack",
    "pack-central/argocd-3.26.7",
    "pack-central/ambassador-6.6.0",
  ])(
    "%s: writes the same bytes as the unchecked writers, in both formats",
    async (dir) => {
      const files = await loadFixture(dir);
      for (const format of FORMATS) {
        const r = await writePackArchive(files, "top", format);
        if (!r.ok) throw new Error(r.error.message);
        expect(
          Buffer.from(r.value).equals(
            Buffer.from(
              format === "zip"
                ? await writePackZip(files, "top")
                : writePackTarGz(files, "top"),
            ),
          ),
          format,
        ).toBe(true);
      }
    },
  );
});

describe("the writers refuse what every reader refuses, naming the file, its ratio and the limit", () => {
  it.each(FORMATS)(
    "%s: a 20 MiB manifest of one repeated line",
    async (format) => {
      const files = await repetitivePack();
      const r = await writePackArchive(files, TOP, format);
      if (r.ok) throw new Error("written");
      expect(r.error).toMatchObject({
        kind: "ratio-exceeded",
        entry: `${TOP}/${REPEATED_MANIFEST}`,
      });
      const [, ratio] = /compresses (\d+):1 /.exec(r.error.message) ?? [];
      expect(Number(ratio)).toBeGreaterThan(100);
      expect(r.error.message).toMatch(
        format === "zip"
          ? /^`hellouniverse-1\.0\.0\/manifests\/repeated\.yaml` compresses \d+:1 \(19\.7 MiB into \d+ bytes\), beyond the 100:1 readers allow past 1 MiB: they would refuse it as a compression bomb$/
          : /^the tar\.gz compresses \d+:1 \(19\.\d MiB into \d+ bytes\), beyond the 100:1 readers allow past 1 MiB: they would refuse it as a compression bomb \(its largest file: `hellouniverse-1\.0\.0\/manifests\/repeated\.yaml`, 19\.7 MiB\)$/,
      );
      // The same archive, written without the check: the builder's reader and the server's refuse it.
      const bytes = await raw(files, format);
      for (const native of [undefined, zlibFlate]) {
        const back = readPackArchive(bytes, native ? { native } : {});
        expect(back.ok ? "read" : back.error.kind).toBe("ratio-exceeded");
      }
    },
  );

  it("writePackZipParts (the server's stored zip) refuses it before writing that entry", async () => {
    const files = await repetitivePack();
    const parts: Uint8Array[] = [];
    const r = writePackZipParts(files, TOP, (p) => parts.push(p), {
      deflateRaw: (b) => deflateRawSync(b, { level: 6 }),
    });
    if (r.ok) throw new Error("written");
    expect(r.error).toMatchObject({
      kind: "ratio-exceeded",
      entry: `${TOP}/${REPEATED_MANIFEST}`,
    });
    expect(r.error.message).toMatch(/compresses \d+:1 .*beyond the 100:1/);
    const written = Buffer.concat(parts).toString("latin1");
    expect(written).not.toContain(REPEATED_MANIFEST);
  });

  it("the limit is the readers' own: with their ratio raised to 1000:1, both write and read it", async () => {
    const files = await repetitivePack();
    const limits: Partial<Limits> = { maxRatio: 1000 };
    for (const format of FORMATS) {
      const r = await writePackArchive(files, TOP, format, { limits });
      if (!r.ok) throw new Error(r.error.message);
      expect(readPackArchive(r.value, { limits }).ok, format).toBe(true);
    }
  });

  // Sizes and names the writer knows before it writes: the top folder adds one level to every
  // path, and the readers count folder entries (a folder held 1024 files at most).
  it.each([
    [
      "a file 16 folders deep, 17 under the top folder",
      () =>
        tutorialWith([[`${"d/".repeat(15)}deep.yaml`, enc.encode("a: 1\n")]]),
      "unsafe-path",
      /^unsafe path `hellouniverse-1\.0\.0\/d\/.*\/deep\.yaml`: deeper than 16 folders$/,
    ],
    [
      "1,000 files in 40 folders",
      () =>
        tutorialWith(
          Array.from({ length: 995 }, (_, i): [string, Uint8Array] => [
            `files/f${i % 40}/${i}.txt`,
            enc.encode(`${i}\n`),
          ]),
        ),
      "too-many-entries",
      /^the archive would hold 1043 entries \(1000 files and 43 folders\); readers refuse more than 1024$/,
    ],
    [
      "manifests/App.yaml beside manifests/app.yaml (a builder's draft can hold both)",
      () =>
        tutorialWith([
          ["manifests/App.yaml", enc.encode("a: 1\n")],
          ["manifests/app.yaml", enc.encode("a: 2\n")],
        ]),
      "case-collision",
      /^`hellouniverse-1\.0\.0\/manifests\/App\.yaml` and `hellouniverse-1\.0\.0\/manifests\/app\.yaml`: names collide on case-insensitive file systems$/,
    ],
    [
      "a file named like the folder of another (`notes` and `notes/a.txt`)",
      () =>
        tutorialWith([
          ["notes", enc.encode("x\n")],
          ["notes/a.txt", enc.encode("y\n")],
        ]),
      "path-clash",
      // The writers write each folder as an entry of its own: `notes/` meets the file first.
      /^file\/directory clash: `hellouniverse-1\.0\.0\/notes` is a file and `hellouniverse-1\.0\.0\/notes\/` a folder$/,
    ],
  ])("%s", async (_, build, kind, message) => {
    const files = await build();
    for (const format of FORMATS) {
      const r = await writePackArchive(files, TOP, format);
      if (r.ok) throw new Error("written");
      expect(r.error.kind, format).toBe(kind);
      expect(r.error.message, format).toMatch(message);
      const back = readPackArchive(await raw(files, format));
      expect(back.ok ? "read" : back.error.kind, format).toBe(kind);
    }
  });
});
