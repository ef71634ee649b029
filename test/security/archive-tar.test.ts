// security.md part A, tar-specific cases: 16–20 (links, devices, pax paths, duplicates) and 29
// (truncated tar.gz), plus header tricks (GNU long names, lying pax sizes, bad checksums).
import { gzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { readPackArchive } from "../../src/pack/read-archive";
import { utf8 } from "../gen/bytes";
import { goodPackFiles } from "../gen/pack";
import {
  buildTar,
  buildTarGz,
  gzip,
  tarGzFiles,
  tarHeader,
  type TarEntrySpec,
} from "../gen/tar";
import { expectRefused } from "./expect-refused";

const TOP = "demo-app-1.2.3";
const good = goodPackFiles();
const goodEntries = (): TarEntrySpec[] => [
  { name: `${TOP}/`, type: "5" },
  { name: `${TOP}/charts/`, type: "5" },
  ...[...good].map(([p, data]): TarEntrySpec => ({
    name: `${TOP}/${p}`,
    data,
  })),
];
const read = (bytes: Uint8Array, name = "upload.tar.gz") =>
  readPackArchive(bytes, { name });
const withEntries = (...extra: TarEntrySpec[]) =>
  read(buildTarGz([...goodEntries(), ...extra]));

describe("tar positive controls", () => {
  test("A0 the good pack as a tar.gz (one top folder, folder entries) is read back byte for byte", () => {
    const r = read(buildTarGz(goodEntries()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe("tar.gz");
    expect(r.value.files).toEqual(good);
  });

  test("A0 the same files as a plain .tar, and with `./` prefixes as `tar czf x.tgz ./dir` writes", () => {
    const plain = read(buildTar(goodEntries()), "upload.tar");
    expect(plain.ok && plain.value.format).toBe("tar");
    const dotted = read(
      buildTarGz(goodEntries().map((e) => ({ ...e, name: `./${e.name}` }))),
    );
    expect(dotted.ok && dotted.value.files).toEqual(good);
  });

  test("A0 a pax `path` record and a GNU long name that are safe are honoured", () => {
    const longPath = `${TOP}/docs/${"d".repeat(120)}.md`;
    const r = withEntries(
      {
        name: "PaxHeader-placeholder",
        data: utf8("via pax\n"),
        pax: { path: longPath },
      },
      {
        name: "././@placeholder",
        data: utf8("via gnu\n"),
        longName: `${TOP}/docs/gnu-${"g".repeat(110)}.md`,
      },
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value.files.get(`docs/${"d".repeat(120)}.md`)).toEqual(
        utf8("via pax\n"),
      );
  });
});

describe("tar entry types", () => {
  test("A16 symlink `pack/link` → /var followed by `pack/link/evil.txt` is refused at the link", () => {
    const error = expectRefused(
      withEntries(
        { name: `${TOP}/link`, type: "2", linkname: "/var" },
        { name: `${TOP}/link/evil.txt`, data: utf8("pwned") },
      ),
      "link-not-allowed",
      `${TOP}/link`,
    );
    expect(error.message).toMatch(/links are not allowed/i);
  });

  test("A16 a symlink with a harmless target inside the pack is refused too", () => {
    expectRefused(
      withEntries({
        name: `${TOP}/logo2.png`,
        type: "2",
        linkname: "logo.png",
      }),
      "link-not-allowed",
      `${TOP}/logo2.png`,
    );
  });

  test("A17 a hard link to /etc/passwd is refused", () => {
    const error = expectRefused(
      withEntries({
        name: `${TOP}/passwd`,
        type: "1",
        linkname: "/etc/passwd",
      }),
      "link-not-allowed",
      `${TOP}/passwd`,
    );
    expect(error.message).toMatch(/link/i);
  });

  test("A18 a FIFO is refused", () => {
    expectRefused(
      withEntries({ name: `${TOP}/fifo`, type: "6" }),
      "special-file",
      `${TOP}/fifo`,
    );
  });

  test("A18 a character device and a block device are refused", () => {
    expectRefused(
      withEntries({ name: `${TOP}/tty`, type: "3" }),
      "special-file",
      `${TOP}/tty`,
    );
    expectRefused(
      withEntries({ name: `${TOP}/sda`, type: "4" }),
      "special-file",
      `${TOP}/sda`,
    );
  });

  test("A19 a pax header overriding the path to `../../paxevil.txt` is refused (the effective path)", () => {
    const error = expectRefused(
      withEntries({
        name: `${TOP}/innocent.txt`,
        data: utf8("pwned"),
        pax: { path: "../../paxevil.txt" },
      }),
      "unsafe-path",
      "../../paxevil.txt",
    );
    expect(error.message).toContain("../../paxevil.txt");
  });

  test("A19 a GNU long name (`L` record) of `../../gnuevil.txt` is refused", () => {
    expectRefused(
      withEntries({
        name: `${TOP}/innocent.txt`,
        data: utf8("pwned"),
        longName: "../../gnuevil.txt",
      }),
      "unsafe-path",
      "../../gnuevil.txt",
    );
  });

  test("A19 a ustar prefix field that climbs out (`../..` + name) is refused", () => {
    expectRefused(
      withEntries({ name: "evil.txt", prefix: "../..", data: utf8("pwned") }),
      "unsafe-path",
      "../../evil.txt",
    );
  });

  test("A20 duplicate tar entries are refused", () => {
    const error = expectRefused(
      withEntries({
        name: `${TOP}/values.yaml`,
        data: utf8("replaced: true\n"),
      }),
      "duplicate-entry",
      `${TOP}/values.yaml`,
    );
    expect(error.message).toMatch(/duplicate entry/i);
  });
});

describe("tar integrity", () => {
  test("A29 a truncated tar.gz: archive is truncated or corrupt, at every cut inside the compressed data", () => {
    const tgz = tarGzFiles(good, { top: TOP });
    for (let cut = 11; cut < tgz.length - 8; cut += 7) {
      const r = read(tgz.subarray(0, cut));
      expect(r.ok, `cut at ${cut} of ${tgz.length}`).toBe(false);
      if (!r.ok)
        expect(["truncated", "not-an-archive"]).toContain(r.error.kind);
    }
    const error = expectRefused(
      read(tgz.subarray(0, tgz.length >> 1)),
      "truncated",
    );
    expect(error.message).toMatch(/truncated or corrupt/i);
  });

  test("A29 a tar.gz cut inside its 10-byte gzip header is refused, not read as an empty archive", () => {
    const tgz = tarGzFiles(good, { top: TOP });
    for (const cut of [2, 3, 9, 10]) {
      const r = read(tgz.subarray(0, cut));
      expect(
        r.ok ? `accepted with ${r.value.files.size} files` : r.error.kind,
        `cut at ${cut}`,
      ).toBe("truncated");
    }
  });

  test("A29 a tar.gz missing all or part of its 8-byte gzip trailer is refused", () => {
    const tgz = tarGzFiles(good, { top: TOP });
    for (let missing = 1; missing <= 8; missing++) {
      const r = read(tgz.subarray(0, tgz.length - missing));
      expect(
        r.ok ? "accepted" : r.error.kind,
        `${missing} trailer bytes missing`,
      ).toBe("truncated");
    }
  });

  test("A28 a tar.gz whose gzip CRC-32 or length does not match its data is refused as corrupt", () => {
    const tgz = tarGzFiles(good, { top: TOP });
    for (const at of [tgz.length - 8, tgz.length - 2]) {
      const bad = tgz.slice();
      bad[at] = bad[at]! ^ 0xff;
      expectRefused(read(bad), ["crc-mismatch", "truncated", "size-mismatch"]);
    }
  });

  test("A28 one flipped byte in a file's data inside a tar.gz is refused as corrupt", () => {
    // Level 0 stores the tar verbatim, so a flipped byte still inflates; only the gzip CRC can tell.
    const tar = buildTar(goodEntries());
    const stored = gzipSync(tar, { level: 0, mtime: 0 });
    const at = indexOf(stored, utf8("namespace: demo-app"));
    const bad = stored.slice();
    bad[at] = bad[at]! ^ 0x20;
    expectRefused(read(bad), ["crc-mismatch", "truncated"]);
  });

  test("A29 a complete gzip of a tar cut inside an entry is refused", () => {
    const tar = buildTar(goodEntries());
    for (const cut of [700, 1500, tar.length - 1100]) {
      const error = expectRefused(
        read(gzip(tar.subarray(0, cut))),
        "truncated",
      );
      expect(error.message).toMatch(/truncated or corrupt/i);
    }
  });

  test("A29 a tar header whose checksum is wrong is refused as corrupt", () => {
    const header = tarHeader({ name: `${TOP}/extra.txt`, size: 3 });
    header[0] = "X".charCodeAt(0); // name changed after the checksum was computed
    const tar = buildTar(goodEntries(), { end: false });
    const corrupt = gzip(
      new Uint8Array([
        ...tar,
        ...header,
        ...utf8("abc"),
        ...new Uint8Array(509 + 1024),
      ]),
    );
    expectRefused(read(corrupt), "truncated");
  });

  test("A24 a pax `size` that differs from the header size is refused", () => {
    expectRefused(
      withEntries({
        name: `${TOP}/notes.txt`,
        data: utf8("hello"),
        pax: { size: "1048576" },
      }),
      ["size-mismatch", "truncated"],
      `${TOP}/notes.txt`,
    );
  });

  test("A25 a tar header declaring 4 GiB for a 5-byte file is refused before allocating", () => {
    const r = withEntries({
      name: `${TOP}/huge.bin`,
      data: utf8("hello"),
      size: 4 * 1024 ** 3,
    });
    expectRefused(r, ["truncated", "too-large"]);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++)
      if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error("needle not found");
}
