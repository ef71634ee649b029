import { fail, showName } from "./archive-error";
import { crc32 } from "./crc32";
import { checkEntryPath } from "./entry-path";
import {
  chargeBudget,
  failOverDeclared,
  failRatio,
  inflateBounded,
  type NativeFlate,
} from "./inflate";
import { ratioCap, type Budget, type Limits } from "./limits";
import { mib, type RawEntry } from "./pack-files";

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_DATA_DESCRIPTOR = 0x08074b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

interface CentralEntry {
  raw: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  isDir: boolean;
}

/**
 * A zip entry's data as the archive holds it, after every check passed: what a writer needs to
 * copy the entry without expanding and compressing it again (`writePackZipParts`).
 */
export interface ZipCompressed {
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** CRC-32 of the expanded bytes (checked against them). */
  crc: number;
  /** Expanded size in bytes. */
  size: number;
  /** The entry's data as stored in the zip (a view into the archive's bytes). */
  data: Uint8Array;
}

/** Collects each file's compressed form, keyed by the expanded bytes the reader returns for it. */
export type CompressedForms = Map<Uint8Array, ZipCompressed>;

/**
 * Read a zip from its central directory, checking every rule before any data is expanded:
 * entry count, declared sizes, names, links, encryption, overlaps and data outside the zip.
 * Then expand each entry within the budget and check its size and CRC. Throws ArchiveFailure.
 * With `compressed`, each file's data as stored is recorded there once it passed its checks. With
 * `native`, deflated entries are expanded and checked by that codec, bounded up front by the same rules.
 */
export function readZipEntries(
  bytes: Uint8Array,
  archiveName: string,
  limits: Limits,
  budget: Budget,
  compressed?: CompressedForms,
  native?: NativeFlate,
): RawEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u16 = (at: number): number => view.getUint16(at, true);
  const eocd = findEocd(bytes, view);
  if (eocd < 0)
    fail(
      "truncated",
      `${showName(archiveName)} is truncated or corrupt: no end of central directory`,
    );
  if (eocd >= 20 && u32(eocd - 20) === SIG_ZIP64_LOCATOR) {
    // A zip with more than 65,535 entries must be ZIP64: read its real count so the user hears
    // "too many entries" rather than a format complaint.
    const record = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (record + 56 <= bytes.length && u32(record) === SIG_ZIP64_EOCD) {
      const count64 = Number(view.getBigUint64(record + 32, true));
      if (count64 > limits.maxEntries)
        fail(
          "too-many-entries",
          `${showName(archiveName)} has ${count64} entries; the limit is ${limits.maxEntries}`,
        );
    }
    fail(
      "unsupported-compression",
      `${showName(archiveName)} is a ZIP64 archive, which is not supported`,
    );
  }
  const disk = u16(eocd + 4);
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  const commentLength = u16(eocd + 20);
  if (disk !== 0 || u16(eocd + 8) !== count)
    fail(
      "unsupported-compression",
      "multi-part zip archives are not supported",
    );
  if (eocd + 22 + commentLength !== bytes.length) {
    fail(
      "trailing-data",
      `${showName(archiveName)} has ${bytes.length - eocd - 22 - commentLength} bytes of data after the zip`,
    );
  }
  if (count > limits.maxEntries) {
    fail(
      "too-many-entries",
      `${showName(archiveName)} has ${count} entries; the limit is ${limits.maxEntries}`,
    );
  }
  if (cdOffset + cdSize > eocd)
    fail(
      "truncated",
      `${showName(archiveName)} is truncated or corrupt: the central directory is cut`,
    );
  if (cdOffset + cdSize < eocd) {
    fail(
      "trailing-data",
      `${showName(archiveName)} has data between its entries and the central directory (prepended data?)`,
    );
  }

  const central: CentralEntry[] = [];
  let at = cdOffset;
  let declaredTotal = 0;
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(at) !== SIG_CENTRAL)
      fail(
        "truncated",
        `${showName(archiveName)} is truncated or corrupt: bad central directory`,
      );
    const madeBy = u16(at + 4) >> 8;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLen = u16(at + 32);
    const external = u32(at + 38);
    const localOffset = u32(at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    let raw: string;
    try {
      raw = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    } catch {
      fail(
        "unsafe-path",
        `an entry name is not valid UTF-8 (${nameLength} bytes at offset ${at})`,
      );
    }
    at += 46 + nameLength + extraLength + commentLen;
    if (at > eocd)
      fail(
        "truncated",
        `${showName(archiveName)} is truncated or corrupt: bad central directory`,
      );
    const mode = madeBy === 3 ? external >>> 16 : 0;
    const type = mode & S_IFMT;
    if (type === S_IFLNK)
      fail(
        "link-not-allowed",
        `${showName(raw)} is a symbolic link: links are not allowed`,
        raw,
      );
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
      fail(
        "special-file",
        `${showName(raw)} is a device or FIFO, not a regular file`,
        raw,
      );
    if (flags & 0x1 || method === 99)
      fail(
        "encrypted",
        `${showName(raw)} is encrypted: encrypted archives are not supported`,
        raw,
      );
    if (method !== 0 && method !== 8)
      fail(
        "unsupported-compression",
        `${showName(raw)} uses compression method ${method}; only stored and deflated entries are supported`,
        raw,
      );
    if (size > limits.maxEntryBytes)
      fail(
        "too-large",
        `${showName(raw)} declares ${mib(size)}, beyond ${mib(limits.maxEntryBytes)}, the limit for one file`,
        raw,
      );
    declaredTotal += size;
    if (declaredTotal > budget.limit - budget.used)
      fail(
        "too-large",
        `the archive expands beyond ${mib(budget.limit)} (declared sizes)`,
        raw,
      );
    const isDir = raw.endsWith("/") || type === S_IFDIR;
    central.push({
      raw,
      flags,
      method,
      crc,
      compressedSize,
      size,
      localOffset,
      isDir,
    });
  }
  // The records must fill the central directory exactly: an end record that under-counts would hide
  // entries that other tools (which walk the whole directory) extract.
  if (at !== cdOffset + cdSize)
    fail(
      "trailing-data",
      `${showName(archiveName)} has central directory records beyond the ${count} its end record counts`,
    );

  // Each entry's local header and data must lie before the central directory and must not share bytes with
  // another entry: overlapping entries are how non-recursive zip bombs multiply their output. All of this
  // is checked before anything is expanded.
  const located = central.map((c) => {
    const path = checkEntryPath(c.raw, limits, c.isDir);
    const o = c.localOffset;
    if (o + 30 > cdOffset || u32(o) !== SIG_LOCAL)
      fail(
        "truncated",
        `${showName(c.raw)}: local header missing or corrupt`,
        c.raw,
      );
    const localNameLength = u16(o + 26);
    const dataStart = o + 30 + localNameLength + u16(o + 28);
    if (!sameName(bytes.subarray(o + 30, o + 30 + localNameLength), c)) {
      fail(
        "unsafe-path",
        `${showName(c.raw)}: the local and central names differ`,
        c.raw,
      );
    }
    const dataEnd = dataStart + c.compressedSize;
    if (dataEnd > cdOffset)
      fail(
        "truncated",
        `${showName(c.raw)} is truncated: its data runs past the central directory`,
        c.raw,
      );
    // An entry written with a data descriptor (flag bit 3) is followed by 12 bytes, or 16 with the
    // optional signature.
    let end = dataEnd;
    if (c.flags & 0x8)
      end +=
        dataEnd + 4 <= cdOffset && u32(dataEnd) === SIG_DATA_DESCRIPTOR
          ? 16
          : 12;
    return { c, path, start: o, dataStart, dataEnd, end };
  });
  const spans = [...located].sort((a, b) => a.start - b.start);
  if (spans.length > 0 && spans[0]!.start !== 0)
    fail(
      "trailing-data",
      `${showName(archiveName)} has data before its first entry (prepended data)`,
    );
  for (let i = 1; i < spans.length; i++) {
    const raw = spans[i]!.c.raw;
    if (spans[i]!.start < spans[i - 1]!.end)
      fail(
        "overlapping-entries",
        `${showName(raw)} overlaps another entry (an overlapping-entry zip bomb?)`,
        raw,
      );
    // Bytes between entries are an entry the central directory does not list, which a streaming
    // reader would still extract.
    if (spans[i]!.start > spans[i - 1]!.end)
      fail(
        "trailing-data",
        `${showName(archiveName)} has unlisted data before ${showName(raw)} (a hidden entry?)`,
        raw,
      );
  }
  const last = spans[spans.length - 1];
  if (last && last.end !== cdOffset)
    fail(
      "trailing-data",
      `${showName(archiveName)} has unlisted data after ${showName(last.c.raw)} (a hidden entry?)`,
    );

  return located.map(({ c, path, dataStart, dataEnd }): RawEntry => {
    if (c.isDir) return { raw: c.raw, path, kind: "dir" };
    const data = bytes.subarray(dataStart, dataEnd);
    let out: Uint8Array;
    if (c.method === 0) {
      if (c.compressedSize !== c.size) failSizeMismatch(c, c.compressedSize);
      chargeBudget(budget, c.size, c.raw);
      out = data;
    } else if (native) {
      out = inflateNative(data, c, limits, budget, native);
    } else {
      out = inflateBounded(data, "deflate", {
        name: c.raw,
        limits,
        budget,
        declared: c.size,
      });
      if (out.length !== c.size) failSizeMismatch(c, out.length);
    }
    if ((native?.crc32 ?? crc32)(out) !== c.crc)
      fail(
        "crc-mismatch",
        `${showName(c.raw)} is a corrupt entry: its CRC-32 does not match`,
        c.raw,
      );
    compressed?.set(out, {
      method: c.method === 0 ? 0 : 8,
      crc: c.crc,
      size: c.size,
      data,
    });
    return { raw: c.raw, path, kind: "file", bytes: out };
  });
}

/**
 * One deflated entry through a native expander, with inflateBounded's rules decided from the bound:
 * the output may not pass the declared size (already within the entry cap and the budget) nor the
 * ratio limit, so the expander is never allowed to write more than the smaller of the two.
 */
function inflateNative(
  data: Uint8Array,
  c: CentralEntry,
  limits: Limits,
  budget: Budget,
  native: NativeFlate,
): Uint8Array {
  const cap = ratioCap(data.length, limits);
  const bound = Math.min(c.size, cap) + 1;
  const r = native.inflateRaw(data, bound);
  if (!r.ok) {
    if (r.reason === "corrupt")
      fail(
        "truncated",
        `${showName(c.raw)} is truncated or corrupt (${r.message})`,
        c.raw,
      );
    // The expander stopped at the bound: whichever limit the bound was.
    if (c.size < cap) failOverDeclared(c.raw, c.size);
    failRatio(c.raw, limits.maxRatio);
  }
  const out = r.output;
  if (out.length > c.size) failOverDeclared(c.raw, c.size);
  // Shorter than declared: refused as the stepped path refuses it, so a stored copy of the entry
  // (which keeps the declared size) never holds a size no reader accepts.
  if (out.length < c.size) failSizeMismatch(c, out.length);
  if (out.length > cap) failRatio(c.raw, limits.maxRatio);
  chargeBudget(budget, out.length, c.raw);
  return out;
}

/** An entry that holds another size than its header declares. Throws ArchiveFailure. */
function failSizeMismatch(c: CentralEntry, held: number): never {
  fail(
    "size-mismatch",
    `size mismatch: ${showName(c.raw)} declares ${c.size} bytes but holds ${held}`,
    c.raw,
  );
}

function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === SIG_EOCD) return i;
  }
  return -1;
}

function latin1(b: Uint8Array): string {
  let s = "";
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

function sameName(localName: Uint8Array, c: CentralEntry): boolean {
  const central =
    c.flags & 0x800
      ? new TextEncoder().encode(c.raw)
      : Uint8Array.from(c.raw, (ch) => ch.charCodeAt(0));
  return (
    localName.length === central.length &&
    localName.every((v, i) => v === central[i])
  );
}
