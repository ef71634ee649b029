// Positive controls: the generator makes archives that independent readers (JSZip with CRC checks,
// Info-ZIP `unzip -t`, GNU tar, node:zlib) accept, and the core reads a well-formed generated pack in
// every format. Without these, a refusal in the other files could come from a broken generator.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, describe, expect, test } from "vitest";
import { readChart } from "../../src/pack/chart";
import { crc32 as coreCrc32 } from "../../src/pack/crc32";
import { withLimits } from "../../src/pack/limits";
import { packFromEntries } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { concatBytes, MiB, noise, utf8 } from "../gen/bytes";
import {
  deflatedZeros,
  LOW_RATIO_MIB,
  overlapBomb,
  repeatDeflated,
  tarGzBomb,
  zipBomb,
} from "../gen/bombs";
import { crc32, crc32Combine } from "../gen/crc32";
import { asEntries, chartTgz, goodPackFiles } from "../gen/pack";
import { makePng } from "../gen/png";
import { buildTarGz, paxRecord, tarGzFiles } from "../gen/tar";
import { zipFiles } from "../gen/zip";
import { requireTool } from "../helpers/tools";

const scratch = mkdtempSync(join(tmpdir(), "packsmith-gen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the core reads a well-formed generated pack in every format", () => {
  const good = goodPackFiles();

  test("A0 zip (root, top folder, stored), tar.gz and a dropped folder all give the same files", () => {
    const reads = [
      readPackArchive(zipFiles(good), { name: "p.zip" }),
      readPackArchive(zipFiles(good, { top: "demo-app-1.2.3" }), {
        name: "p.zip",
      }),
      readPackArchive(zipFiles(good, { stored: true }), { name: "p.zip" }),
      readPackArchive(tarGzFiles(good, { top: "demo-app-1.2.3" }), {
        name: "p.tar.gz",
      }),
    ];
    for (const r of reads) expect(r.ok && r.value.files).toEqual(good);
    for (const top of [undefined, "demo-app-1.2.3"]) {
      const r = packFromEntries(asEntries(good, top), withLimits());
      expect(r.ok && r.value).toEqual(good);
    }
  });

  test("A0 the generated chart reads as a Helm chart", () => {
    const r = readChart(chartTgz({ name: "demo", version: "0.1.0" }), {
      name: "charts/demo-0.1.0.tgz",
    });
    expect(
      r.ok && {
        name: r.value.name,
        version: r.value.version,
        templates: r.value.templates,
      },
    ).toEqual({
      name: "demo",
      version: "0.1.0",
      templates: ["templates/deployment.yaml"],
    });
  });
});

describe("generator self-checks", () => {
  test("crc32 agrees with the core's, and crc32Combine with a direct CRC", () => {
    const a = noise(1000, 1);
    const b = noise(3000, 2);
    expect(crc32(a)).toBe(coreCrc32(a));
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(
      crc32(concatBytes([a, b])),
    );
  });

  test("repeated deflate blocks inflate to exactly what they declare", () => {
    const head = utf8("header bytes");
    const d = deflatedZeros(3, head);
    const out = new Uint8Array(inflateRawSync(d.raw));
    expect(out.length).toBe(d.size);
    expect(crc32(out)).toBe(d.crc);
    expect(out.subarray(0, head.length)).toEqual(head);
    const low = repeatDeflated(LOW_RATIO_MIB, 2);
    expect(crc32(new Uint8Array(inflateRawSync(low.raw)))).toBe(low.crc);
    expect(low.size / low.raw.length).toBeGreaterThan(50);
    expect(low.size / low.raw.length).toBeLessThan(100);
  });

  test("a small zip bomb and both overlap bombs pass JSZip's CRC check with the declared sizes", async () => {
    for (const zip of [
      zipBomb([{ name: "z.bin", mib: 4 }]),
      overlapBomb(6, "noise", 5000).zip,
      overlapBomb(4, "zeros", 2 * MiB).zip,
    ]) {
      const z = await JSZip.loadAsync(zip, { checkCRC32: true });
      for (const file of Object.values(z.files)) {
        const data = await file.async("uint8array");
        expect(data.length).toBeGreaterThan(0);
      }
    }
  });

  test("a tar.gz bomb is a valid gzip (node:zlib checks its CRC and length)", () => {
    const tar = new Uint8Array(gunzipSync(tarGzBomb(4)));
    expect(tar.length).toBe(512 + 4 * MiB);
  });

  test("pax records count their own length", () => {
    for (const value of [
      "a",
      "x".repeat(90),
      "y".repeat(995),
      "é".repeat(400),
    ]) {
      const record = paxRecord("path", value);
      expect(Number(record.split(" ")[0])).toBe(utf8(record).length);
    }
  });

  test("the generated PNG has valid chunk CRCs and a 128×128 IHDR", () => {
    const png = makePng(128, 128);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(128);
    let at = 8;
    while (at < png.length) {
      const len = view.getUint32(at);
      const crc = view.getUint32(at + 8 + len);
      expect(crc32(png.subarray(at + 4, at + 8 + len))).toBe(crc);
      at += 12 + len;
    }
    expect(at).toBe(png.length);
  });

  test("Info-ZIP `unzip -t` accepts the generated pack zip", () => {
    requireTool("unzip");
    const file = join(scratch, "good.zip");
    writeFileSync(file, zipFiles(goodPackFiles(), { top: "demo-app-1.2.3" }));
    const r = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(r.stdout).toMatch(/No errors detected/);
  });

  test("GNU tar lists the generated tar.gz, pax and GNU long names included", () => {
    requireTool("tar");
    const tgz = buildTarGz([
      { name: "pack/", type: "5" },
      { name: "pack/values.yaml", data: utf8("a: 1\n") },
      {
        name: "placeholder",
        data: utf8("x"),
        pax: { path: `pack/${"p".repeat(150)}.txt` },
      },
      {
        name: "placeholder2",
        data: utf8("y"),
        longName: `pack/${"g".repeat(150)}.txt`,
      },
      { name: "pack/link", type: "2", linkname: "/var" },
    ]);
    const r = spawnSync("tar", ["-tvzf", "-"], {
      input: tgz,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`pack/${"p".repeat(150)}.txt`);
    expect(r.stdout).toContain(`pack/${"g".repeat(150)}.txt`);
    expect(r.stdout).toContain("pack/link -> /var");
  });
});
