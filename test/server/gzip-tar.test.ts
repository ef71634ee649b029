// The pool's tar.gz (OCI layers, tar.gz downloads): deflated text, stored blocks for charts and
// images, one gzip member that every reader takes as the exact tar the core writes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { gzipTar } from "../../server/workers/gzip-tar";
import { concatBytes } from "../../src/pack/bytes";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { tarParts } from "../../src/pack/tar-write";
import { loadFixture } from "../helpers/fixtures";
import { REPEATED_MANIFEST, repetitivePack } from "../helpers/packs";
import { requireTool } from "../helpers/tools";
import { expectSameFiles } from "../helpers/same-files";

const root = mkdtempSync(join(tmpdir(), "packsmith-gzip-tar-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const gz = (files: PackFiles, top: string): Uint8Array => {
  const chunks: Uint8Array[] = [];
  gzipTar(files, top, (c) => chunks.push(c));
  return concatBytes(chunks);
};

/** Whether `needle` occurs in `hay` as it is. */
const contains = (hay: Uint8Array, needle: Uint8Array): boolean =>
  Buffer.from(hay.buffer, hay.byteOffset, hay.length).indexOf(needle) !== -1;

describe("gzipTar", () => {
  it.each([
    ["pack-central/argocd-3.26.7", "argo-cd-3.26.7"],
    ["pack-central/kyverno-1.12.2", "kyverno-1.12.2"],
  ])(
    "%s: gunzips to exactly the core's tar; tar, zlib and the core read it; its chart goes in stored blocks",
    async (dir, top) => {
      requireTool("tar");
      const files = await loadFixture(dir);
      const out = gz(files, top);
      const tar = concatBytes(tarParts(files, top));
      expect(Buffer.from(gunzipSync(out)).equals(Buffer.from(tar))).toBe(true);
      const back = readPackArchive(out);
      if (!back.ok) throw new Error(back.error.message);
      expectSameFiles(back.value.files, files);
      const file = join(root, `${top}.tar.gz`);
      writeFileSync(file, out);
      const listed = execFileSync("tar", ["-tzf", file], { encoding: "utf8" });
      expect(listed).toContain(`${top}/pack.json`);
      // A stored block holds a chart's bytes as they are; deflated, they would not be there.
      const charts = [...files].filter(
        ([path, bytes]) => path.endsWith(".tgz") && bytes.length >= 64 * 1024,
      );
      expect(charts.length).toBeGreaterThan(0);
      for (const [, bytes] of charts)
        expect(contains(out, bytes.subarray(0, 4096))).toBe(true);
      // The text is deflated: its largest text file is not there as it is.
      const [, text] = [...files]
        .filter(([path]) => /\.(ya?ml|json|md)$/.test(path))
        .sort(([, a], [, b]) => b.length - a.length)[0]!;
      expect(text.length).toBeGreaterThan(4096);
      expect(contains(out, text.subarray(0, 4096))).toBe(false);
    },
  );

  it("the same files give the same bytes (mtime 0 in the header)", async () => {
    const files = await loadFixture("pack-central/kyverno-1.12.2");
    expect(gz(files, "k")).toEqual(gz(files, "k"));
  });

  it("refuses a tar.gz every reader would refuse, as the core's writer does", async () => {
    const r = gzipTar(await repetitivePack(), "t", () => undefined);
    if (r.ok) throw new Error("written");
    expect(r.error).toMatchObject({
      kind: "ratio-exceeded",
      entry: `t/${REPEATED_MANIFEST}`,
    });
    expect(r.error.message).toMatch(
      /^the tar\.gz compresses \d+:1 .*beyond the 100:1 readers allow past 1 MiB.*\(its largest file: `t\/manifests\/repeated\.yaml`, 19\.7 MiB\)$/,
    );
  });
});
