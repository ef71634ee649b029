// security.md part A, cases 1–14: entry names. Each case runs against a zip, a tar.gz and a dropped
// folder (packFromEntries), because the three readers must apply one set of rules.
import { describe, expect, test } from "vitest";
import type { ArchiveError } from "../../src/pack/archive-error";
import { withLimits } from "../../src/pack/limits";
import { packFromEntries } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import type { Result } from "../../src/pack/result";
import { utf8 } from "../gen/bytes";
import { goodPackFiles, type Files } from "../gen/pack";
import { buildTarGz, type TarEntrySpec } from "../gen/tar";
import { buildZip } from "../gen/zip";
import { expectRefused } from "./expect-refused";

type Format = "zip" | "tar.gz" | "folder";
const FORMATS: readonly Format[] = ["zip", "tar.gz", "folder"];

interface Entry {
  name: string;
  data: Uint8Array;
}

/** A tar header name holds ≤100 bytes and stops at NUL: longer or NUL-bearing names go in a pax record. */
function tarSpec(e: Entry): TarEntrySpec {
  const fitsHeader = utf8(e.name).length <= 100 && !e.name.includes("\0");
  return fitsHeader
    ? { name: e.name, data: e.data }
    : { name: "pax-named-entry", data: e.data, pax: { path: e.name } };
}

/** Read the good pack plus `extra` entries in one format. */
function readWith(
  format: Format,
  extra: readonly Entry[],
  base: Files = goodPackFiles(),
): Result<Files, ArchiveError> {
  const entries: Entry[] = [
    ...[...base].map(([name, data]) => ({ name, data })),
    ...extra,
  ];
  switch (format) {
    case "zip": {
      const r = readPackArchive(
        buildZip(entries.map((e) => ({ name: e.name, data: e.data }))),
        { name: "upload.zip" },
      );
      return r.ok ? { ok: true, value: r.value.files } : r;
    }
    case "tar.gz": {
      const r = readPackArchive(buildTarGz(entries.map(tarSpec)), {
        name: "upload.tar.gz",
      });
      return r.ok ? { ok: true, value: r.value.files } : r;
    }
    case "folder":
      return packFromEntries(
        entries.map((e) => ({ path: e.name, bytes: e.data })),
        withLimits(),
      );
  }
}

const evil = utf8("pwned\n");

/** Cases where one entry name alone must be refused as an unsafe path. */
const UNSAFE_NAMES: readonly [string, string][] = [
  ["A1 `../evil.txt` entry", "../evil.txt"],
  ["A2 `/abs/evil.txt` entry", "/abs/evil.txt"],
  ["A3 `..\\..\\evil.txt` entry", "..\\..\\evil.txt"],
  ["A4 `C:/Windows/evil.txt` entry", "C:/Windows/evil.txt"],
  ["A4 `C:evil.txt` (drive-relative) entry", "C:evil.txt"],
  [
    "A5 `charts/../../evil.txt` (checked as written, not resolved)",
    "charts/../../evil.txt",
  ],
  [
    "A5 `charts/../values.yaml` (resolves inside the pack, still refused)",
    "charts/../values.yaml",
  ],
  ["A6 `%2e%2e/evil.txt` (never URL-decoded)", "%2e%2e/evil.txt"],
  ["A6 `..%2fevil.txt` (never URL-decoded)", "..%2fevil.txt"],
  ["A10 NUL byte in a name (`evil.yaml\\0.png`)", "evil.yaml\0.png"],
  ["A11 bidi override in a name (`readme\\u202Egnp.md`)", "readme\u202Egnp.md"],
  ["A13 a 5,000-character file name", "a".repeat(5000)],
];

describe.each(FORMATS)("entry names (%s)", (format) => {
  test("A0 positive control: the good pack alone is accepted", () => {
    const r = readWith(format, []);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect([...r.value.keys()].sort()).toEqual(
        [...goodPackFiles().keys()].sort(),
      );
  });

  test.each(UNSAFE_NAMES)("%s", (_title, name) => {
    const error = expectRefused(
      readWith(format, [{ name, data: evil }]),
      "unsafe-path",
      name,
    );
    expect(error.message).toMatch(/unsafe path/i);
  });

  test("A7 duplicate `pack.json` with different contents", () => {
    const second = utf8(
      '{"name":"other","displayName":"Other","version":"9.9.9","layer":"addon"}',
    );
    const error = expectRefused(
      readWith(format, [{ name: "pack.json", data: second }]),
      "duplicate-entry",
      "pack.json",
    );
    expect(error.message).toMatch(/duplicate entry/i);
  });

  test("A7 `pack.json` and `./pack.json` are the same entry twice", () => {
    const second = utf8("{}");
    expectRefused(
      readWith(format, [{ name: "./pack.json", data: second }]),
      "duplicate-entry",
      "./pack.json",
    );
  });

  test("A8 `values.yaml` + `Values.yaml` collide on case-insensitive file systems", () => {
    const error = expectRefused(
      readWith(format, [{ name: "Values.yaml", data: utf8("a: 1\n") }]),
      "case-collision",
      ["values.yaml", "Values.yaml"],
    );
    expect(error.message).toMatch(/case-insensitive/i);
    expect(error.message).toContain("Values.yaml");
  });

  test("A9 NFC `café.yaml` + NFD `café.yaml`", () => {
    const nfc = "caf\u00e9.yaml";
    const nfd = "cafe\u0301.yaml";
    expect(nfc.normalize("NFC")).toBe(nfd.normalize("NFC"));
    expectRefused(
      readWith(format, [
        { name: nfc, data: utf8("a: 1\n") },
        { name: nfd, data: utf8("a: 2\n") },
      ]),
      ["unsafe-path", "unicode-collision"],
      [nfc, nfd],
    );
  });

  test("A9 an NFD name on its own is refused (not silently normalised)", () => {
    const nfd = "cafe\u0301.yaml";
    expectRefused(
      readWith(format, [{ name: nfd, data: utf8("a: 1\n") }]),
      ["unsafe-path", "unicode-collision"],
      nfd,
    );
  });

  test("A12 entries named `__proto__` / `constructor` are refused or kept as plain Map keys", () => {
    const names = ["__proto__", "constructor", "hasOwnProperty", "prototype"];
    const r = readWith(
      format,
      names.map((name) => ({ name, data: utf8(`${name}\n`) })),
    );
    if (!r.ok) {
      expectRefused(r, "unsafe-path", names);
    } else {
      expect(r.value).toBeInstanceOf(Map);
      for (const name of names)
        expect(r.value.get(name)).toEqual(utf8(`${name}\n`));
      expect(r.value.size).toBe(goodPackFiles().size + names.length);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test("A13 a name of 256 bytes in one segment is refused; 255 bytes is allowed", () => {
    const long = "b".repeat(256);
    expectRefused(
      readWith(format, [{ name: long, data: evil }]),
      "unsafe-path",
      long,
    );
    expect(readWith(format, [{ name: "c".repeat(255), data: evil }]).ok).toBe(
      true,
    );
  });

  test("A14 a `charts` file next to `charts/x.tgz` is a file/directory clash", () => {
    const error = expectRefused(
      readWith(format, [{ name: "charts", data: evil }]),
      "path-clash",
      ["charts", "charts/demo-0.1.0.tgz"],
    );
    expect(error.message).toMatch(/file\/directory clash/i);
  });
});
