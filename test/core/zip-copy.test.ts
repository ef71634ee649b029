import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import type { CompressedForms } from "../../src/pack/zip-read";
import {
  isPrecompressed,
  writePackZip,
  writePackZipParts,
} from "../../src/pack/zip-write";
import { FIXTURES, fixtureRows, loadFixture } from "../helpers/fixtures";
import { expectSameFiles } from "../helpers/same-files";

const tmp = mkdtempSync(join(tmpdir(), "packsmith-zipcopy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function read(zip: Uint8Array): { files: PackFiles; forms: CompressedForms } {
  const forms: CompressedForms = new Map();
  const r = readPackArchive(zip, { compressed: forms });
  if (!r.ok) throw new Error(r.error.message);
  return { files: r.value.files, forms };
}

function partsZip(
  files: PackFiles,
  top: string,
  forms?: CompressedForms,
): Buffer {
  const parts: Uint8Array[] = [];
  const size = writePackZipParts(files, top, (p) => parts.push(p), {
    ...(forms ? { compressed: forms } : {}),
    deflateRaw: (b) => deflateRawSync(b, { level: 6 }),
  });
  const zip = Buffer.concat(parts);
  expect(size).toEqual({ ok: true, value: zip.length });
  return zip;
}

/** Whether the upload's entry is copied: deflated, or stored and already compressed (or empty). */
const copied = (path: string, method: number, size: number): boolean =>
  method === 8 || isPrecompressed(path) || size === 0;

describe.each(fixtureRows())("stored zip from the upload $dir", ({ dir }) => {
  it("copies the app's zip entries byte for byte, and the zip reads back equal", async () => {
    const files = await loadFixture(dir);
    // As the app uploads it: JSZip, text deflated, charts and logo stored.
    const upload = read(await writePackZip(files, "upload-top"));
    const stored = partsZip(upload.files, "name-1.0.0", upload.forms);
    const back = read(stored);
    expectSameFiles(back.files, files);
    for (const [path, bytes] of upload.files) {
      const before = upload.forms.get(bytes)!;
      const after = back.forms.get(back.files.get(path)!)!;
      expect(copied(path, before.method, before.size), path).toBe(true);
      expect(after.method, path).toBe(before.method);
      expect(
        Buffer.from(after.data).equals(Buffer.from(before.data)),
        path,
      ).toBe(true);
      expect(after.crc, path).toBe(before.crc);
    }
    const file = join(tmp, `${dir.replace(/\//g, "_")}.zip`);
    writeFileSync(file, stored);
    execFileSync("unzip", ["-tq", file]);
  });

  it("is byte for byte the zip JSZip writes when the top folder is the same (the server then keeps the upload)", async () => {
    const files = await loadFixture(dir);
    const app = Buffer.from(await writePackZip(files, "name-1.0.0"));
    const upload = read(app);
    expect(partsZip(upload.files, "name-1.0.0", upload.forms).equals(app)).toBe(
      true,
    );
  });
});

describe("the two writers' bytes", () => {
  it("agree on names that are not ASCII (UTF-8 flag and Unicode Path field), empty files and folders", async () => {
    const enc = new TextEncoder();
    const files: PackFiles = new Map([
      ["pack.json", enc.encode('{"name":"x"}')],
      ["docs/ünïcode/résumé.md", enc.encode("# ü\n")],
      ["empty.txt", new Uint8Array()],
      ["logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ]);
    const app = Buffer.from(await writePackZip(files, "x-1.0.0"));
    const upload = read(app);
    expect(partsZip(upload.files, "x-1.0.0", upload.forms).equals(app)).toBe(
      true,
    );
    const file = join(tmp, "unicode.zip");
    writeFileSync(file, app);
    execFileSync("unzip", ["-tq", file]);
  });
});

describe("stored zip from a zip made by Info-ZIP", () => {
  it("keeps deflated charts deflated (copied unchanged) and deflates stored text", async () => {
    const dir = "pack-central/argocd-3.26.7";
    const work = join(tmp, "infozip");
    // -0 for the text (stored), default deflate for the rest: every case of the rule.
    cpSync(join(FIXTURES, dir), work, { recursive: true });
    execFileSync(
      "zip",
      ["-qr", "-n", ".yaml:.json", join(tmp, "iz.zip"), "."],
      {
        cwd: work,
      },
    );
    const upload = read(readFileSync(join(tmp, "iz.zip")));
    const stored = partsZip(upload.files, "argo-cd-3.26.7", upload.forms);
    const back = read(stored);
    expectSameFiles(back.files, upload.files);
    let deflatedCharts = 0;
    let deflatedNow = 0;
    for (const [path, bytes] of upload.files) {
      const before = upload.forms.get(bytes)!;
      const after = back.forms.get(back.files.get(path)!)!;
      if (copied(path, before.method, before.size)) {
        expect(
          Buffer.from(after.data).equals(Buffer.from(before.data)),
          path,
        ).toBe(true);
        if (path.endsWith(".tgz") && before.method === 8) deflatedCharts++;
      } else {
        expect(after.method, path).toBe(8);
        deflatedNow++;
      }
    }
    expect(deflatedCharts).toBeGreaterThan(0);
    expect(deflatedNow).toBeGreaterThan(0);
  });

  it("without compressed forms writes the same files as writePackZip", async () => {
    const files = await loadFixture("pack-central/ambassador-6.6.0");
    const written = read(partsZip(files, "ambassador-6.6.0")).files;
    expectSameFiles(written, files);
    const viaJsZip = read(await writePackZip(files, "ambassador-6.6.0"));
    expectSameFiles(written, viaJsZip.files);
  });
});
