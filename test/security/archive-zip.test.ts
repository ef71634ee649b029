// security.md part A, zip-specific cases: 15 (symlinks), 28 (CRC), 29 (truncation), 30 (empty file),
// 31 (sniffing), 32 (encryption), 33 (prepended/appended data), plus zip parser-confusion tricks.
import { describe, expect, test } from "vitest";
import { readPackArchive } from "../../src/pack/read-archive";
import { concatBytes, latin1, utf8 } from "../gen/bytes";
import { crc32 } from "../gen/crc32";
import { goodPackFiles } from "../gen/pack";
import { makePng } from "../gen/png";
import { tarGzFiles } from "../gen/tar";
import { buildZip, zipFiles, type ZipEntrySpec } from "../gen/zip";
import { expectRefused } from "./expect-refused";

const good = goodPackFiles();
const goodEntries = (): ZipEntrySpec[] =>
  [...good].map(([name, data]) => ({ name, data }));
const read = (bytes: Uint8Array, name = "upload.zip") =>
  readPackArchive(bytes, { name });

describe("zip positive controls", () => {
  test("A0 the good pack as a zip, at the root or in one top folder, is read back byte for byte", () => {
    for (const zip of [
      zipFiles(good),
      zipFiles(good, { top: "demo-app-1.2.3" }),
      zipFiles(good, { stored: true }),
    ]) {
      const r = read(zip);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.format).toBe("zip");
      expect(r.value.files).toEqual(good);
    }
  });

  test("A0 a zip comment is part of the zip, not trailing data", () => {
    expect(
      read(
        buildZip(goodEntries(), { comment: utf8("made by packsmith tests") }),
      ).ok,
    ).toBe(true);
  });

  test("A0 folder entries and Unix regular-file modes are accepted", () => {
    const entries: ZipEntrySpec[] = [
      { name: "charts/", unixMode: 0o040755 },
      ...goodEntries().map((e) => ({ ...e, unixMode: 0o100644 })),
    ];
    expect(read(buildZip(entries)).ok).toBe(true);
  });
});

describe("zip entry types", () => {
  test("A15 a symlink entry (mode 120777) is refused", () => {
    const link: ZipEntrySpec = {
      name: "logo.png",
      data: utf8("/etc/passwd"),
      method: 0,
      unixMode: 0o120777,
    };
    const entries = goodEntries().filter((e) => e.name !== "logo.png");
    const error = expectRefused(
      read(buildZip([...entries, link])),
      "link-not-allowed",
      "logo.png",
    );
    expect(error.message).toMatch(/links are not allowed/i);
  });

  test("A15 a symlink to a folder, followed by a file through it, is refused at the link", () => {
    const entries: ZipEntrySpec[] = [
      ...goodEntries(),
      { name: "link", data: utf8("/var"), method: 0, unixMode: 0o120777 },
      { name: "link/evil.txt", data: utf8("pwned") },
    ];
    expectRefused(read(buildZip(entries)), "link-not-allowed", "link");
  });

  test("A15 a character device or FIFO entry is refused", () => {
    for (const mode of [0o020644, 0o010644, 0o060644, 0o140755]) {
      const entries = [...goodEntries(), { name: "dev", unixMode: mode }];
      expectRefused(read(buildZip(entries)), "special-file", "dev");
    }
  });

  test("A1 a safe central name hiding `../evil.txt` in the local header is refused", () => {
    const entries = [
      ...goodEntries(),
      { name: "notes.txt", localName: "../evil.txt", data: utf8("pwned") },
    ];
    expectRefused(read(buildZip(entries)), "unsafe-path", "notes.txt");
  });

  test("A10 a name that claims UTF-8 but is not is refused", () => {
    const entries = [
      ...goodEntries(),
      { name: latin1("bad\xff\xfe.txt"), flags: 0x800, data: utf8("x") },
    ];
    expectRefused(read(buildZip(entries)), "unsafe-path");
  });

  test("A0 an unsupported compression method is refused, naming the entry", () => {
    const entries = [
      ...goodEntries(),
      { name: "data.bin", method: 14, stored: utf8("not lzma") },
    ];
    expectRefused(
      read(buildZip(entries)),
      "unsupported-compression",
      "data.bin",
    );
  });
});

describe("zip integrity", () => {
  test("A28 one flipped byte in a stored entry: corrupt entry (CRC mismatch)", () => {
    const values = good.get("values.yaml")!;
    const flipped = values.slice();
    flipped[5] = flipped[5]! ^ 0x20;
    const entries = goodEntries().map((e) =>
      e.name === "values.yaml"
        ? {
            name: e.name,
            method: 0,
            stored: flipped,
            size: values.length,
            crc: crc32(values),
          }
        : e,
    );
    const error = expectRefused(
      read(buildZip(entries)),
      "crc-mismatch",
      "values.yaml",
    );
    expect(error.message).toMatch(/corrupt entry/i);
  });

  test("A28 a deflated entry whose declared CRC is off by one bit: corrupt entry", () => {
    const values = good.get("values.yaml")!;
    const entries = goodEntries().map((e) =>
      e.name === "values.yaml" ? { ...e, crc: crc32(values) ^ 1 } : e,
    );
    expectRefused(read(buildZip(entries)), "crc-mismatch", "values.yaml");
  });

  test("A28 one flipped byte inside deflated data is refused (corrupt or CRC mismatch)", () => {
    const zip = zipFiles([
      ["values.yaml", utf8("pack:\n  namespace: demo\n".repeat(50))],
    ]);
    // The local header is 30 + 11 bytes; flip a byte in the middle of the deflate stream.
    const corrupt = zip.slice();
    corrupt[41 + 10] = corrupt[41 + 10]! ^ 0xff;
    expectRefused(
      read(corrupt),
      ["crc-mismatch", "truncated", "size-mismatch"],
      "values.yaml",
    );
  });

  test("A29 a truncated zip is refused at every cut point; no partial tree is returned", () => {
    const zip = zipFiles(good);
    for (let cut = 1; cut < zip.length; cut += 13) {
      const r = read(zip.subarray(0, cut));
      expect(r.ok, `cut at ${cut} of ${zip.length}`).toBe(false);
      if (!r.ok)
        expect(["truncated", "trailing-data", "not-an-archive"]).toContain(
          r.error.kind,
        );
    }
    const error = expectRefused(
      read(zip.subarray(0, zip.length >> 1)),
      "truncated",
    );
    expect(error.message).toMatch(/truncated or corrupt/i);
  });

  test("A30 a 0-byte file: empty file, not an archive", () => {
    const error = expectRefused(
      read(new Uint8Array(), "pack.zip"),
      "empty-file",
    );
    expect(error.message).toMatch(/empty file, not an archive/i);
    expect(error.message).toContain("pack.zip");
  });

  test("A31 a PNG renamed .zip is sniffed: a PNG image, not a zip", () => {
    const error = expectRefused(
      read(makePng(16, 16), "logo.zip"),
      "not-an-archive",
    );
    expect(error.message).toMatch(/PNG image/);
    expect(error.message).toMatch(/not a zip/);
    expect(error.message).toContain("logo.zip");
  });

  test("A31 formats are decided by the bytes: a zip named .tar.gz and a tar.gz named .zip both open", () => {
    const asZip = readPackArchive(zipFiles(good), { name: "pack.tar.gz" });
    const asTgz = readPackArchive(tarGzFiles(good), { name: "pack.zip" });
    expect(asZip.ok && asZip.value.format).toBe("zip");
    expect(asTgz.ok && asTgz.value.format).toBe("tar.gz");
  });

  test("A31 other file types are named by what they are", () => {
    const pdf = utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
    expect(
      expectRefused(read(pdf, "doc.zip"), "not-an-archive").message,
    ).toMatch(/PDF/);
    const text = utf8("just some text, not an archive at all\n");
    expectRefused(read(text, "notes.zip"), "not-an-archive");
  });

  test("A32 an encrypted entry (flag bit 0): encrypted archives are not supported", () => {
    const entries = goodEntries().map((e) =>
      e.name === "values.yaml" ? { ...e, flags: 0x801 } : e,
    );
    const error = expectRefused(
      read(buildZip(entries)),
      "encrypted",
      "values.yaml",
    );
    expect(error.message).toMatch(/encrypted archives are not supported/i);
  });

  test("A32 an AES-encrypted entry (method 99) is refused as encrypted", () => {
    const entries = [
      ...goodEntries(),
      { name: "secret.yaml", method: 99, stored: utf8("ciphertext"), size: 4 },
    ];
    expectRefused(read(buildZip(entries)), "encrypted", "secret.yaml");
  });
});

describe("A33 polyglots: data before, between or after the zip", () => {
  test("A33 a shell script prepended (offsets shifted, like a self-extractor) is refused", () => {
    const zip = buildZip(goodEntries(), {
      prefix: utf8("#!/bin/sh\necho hi\nexit 0\n"),
      shiftOffsets: true,
    });
    expectRefused(read(zip), ["trailing-data", "not-an-archive"]);
  });

  test("A33 a PNG with a zip appended (image/zip polyglot) is refused as a PNG", () => {
    const zip = buildZip(goodEntries(), {
      prefix: makePng(8, 8),
      shiftOffsets: true,
    });
    const error = expectRefused(read(zip, "logo.zip"), [
      "not-an-archive",
      "trailing-data",
    ]);
    expect(error.message).toMatch(/PNG/);
  });

  test("A33 a stray local entry before the first listed entry (starts with PK) is refused", () => {
    const stray = buildZip([
      { name: "hidden.txt", data: utf8("only a streaming reader sees me") },
    ]);
    // The stray entry's local header and data, then a full zip whose offsets account for them.
    const zip = buildZip(goodEntries(), {
      prefix: stray.subarray(0, findCentral(stray)),
      shiftOffsets: true,
    });
    const error = expectRefused(read(zip), "trailing-data");
    expect(error.message).toMatch(/before its first entry|prepended/i);
  });

  test("A33 data appended after the end record is refused", () => {
    const zip = buildZip(goodEntries(), {
      suffix: utf8("<script>alert(1)</script>"),
    });
    const error = expectRefused(read(zip), "trailing-data");
    expect(error.message).toMatch(/after the zip/i);
  });

  test("A33 an entry hidden between the last entry and the central directory is refused", () => {
    const hidden = buildZip([
      { name: "hidden.txt", data: utf8("only a streaming reader sees me") },
    ]);
    const zip = buildZip(goodEntries(), {
      beforeCentral: hidden.subarray(0, findCentral(hidden)),
    });
    expectRefused(read(zip), ["trailing-data", "overlapping-entries"]);
  });

  test("A33 a zip appended to another zip (two end records) is refused", () => {
    const first = zipFiles([["readme.txt", utf8("first")]]);
    expectRefused(read(concatBytes([first, zipFiles(good)])), [
      "trailing-data",
      "truncated",
    ]);
  });
});

/** Offset of the first central-directory record (the end of the entries' data). */
function findCentral(zip: Uint8Array): number {
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (
      zip[i] === 0x50 &&
      zip[i + 1] === 0x4b &&
      zip[i + 2] === 0x01 &&
      zip[i + 3] === 0x02
    )
      return i;
  }
  throw new Error("no central directory");
}
