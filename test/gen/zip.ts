import { deflateSync } from "fflate";
import { concatBytes, LeWriter, utf8 } from "./bytes";
import { crc32 } from "./crc32";

/**
 * A raw zip writer in which the test controls every field, including the ones a real writer
 * would never get wrong: names as raw bytes, flags, method, CRC, declared sizes, the unix mode,
 * local names that differ from central names, offsets that make entries overlap, and data before,
 * between or after the entries.
 */
export interface ZipEntrySpec {
  /** The central-directory name: a string is written as UTF-8 with flag 0x800, bytes as they are. */
  name: string | Uint8Array;
  /** The local-header name, when it must differ from the central one. */
  localName?: string | Uint8Array;
  /** Uncompressed content (default empty). */
  data?: Uint8Array;
  /** 0 stored, 8 deflated, or any other number (written as is). Default: 8 if there is data, else 0. */
  method?: number;
  /** The bytes stored after the local header, instead of `data` compressed with `method`. */
  stored?: Uint8Array;
  /** Declared CRC-32 (default: the CRC of `data`). */
  crc?: number;
  /** Declared uncompressed size (default: `data.length`). */
  size?: number;
  /** Declared compressed size (default: the length of the stored bytes). */
  compressedSize?: number;
  /** General-purpose flags; 0x800 (UTF-8) is added for string names unless `flags` is given. */
  flags?: number;
  /** Unix `st_mode` (e.g. 0o120777 for a symlink); sets "made by" to Unix. */
  unixMode?: number;
  /** "Version made by" (high byte 3 = Unix). Default 0x0314 when `unixMode` is set, else 0x0014. */
  madeBy?: number;
  /** Raw external attributes, overriding `unixMode`. */
  externalAttrs?: number;
  /** Extra field, written in both headers. */
  extra?: Uint8Array;
  /** Write this local-header offset into the central record instead of the real one. */
  localOffset?: number;
  /** Write no local header and data: the central record alone (use with `localOffset`). */
  centralOnly?: boolean;
}

export interface ZipOptions {
  /** Bytes before the first local header. Offsets stay relative to the zip unless `shiftOffsets`. */
  prefix?: Uint8Array;
  /** Add the prefix length to every offset, as `zip -A` does for self-extracting archives. */
  shiftOffsets?: boolean;
  /** Bytes between the last entry and the central directory. */
  beforeCentral?: Uint8Array;
  /** Bytes after the end-of-central-directory record. */
  suffix?: Uint8Array;
  /** The zip comment (part of the EOCD record, so not trailing data). */
  comment?: Uint8Array;
  /** Entry count written in the EOCD (default: the number of central records, mod 65536). */
  entryCount?: number;
  /** Write a ZIP64 end record and locator declaring this entry count (EOCD fields set to 0xffff). */
  zip64EntryCount?: number;
}

/** DOS date/time of 1980-01-01 00:00, so the same input always gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const asBytes = (n: string | Uint8Array): Uint8Array =>
  typeof n === "string" ? utf8(n) : n;

/** The bytes stored for an entry: `stored` if given, else `data` compressed with `method`. */
export function storedBytes(spec: ZipEntrySpec): Uint8Array {
  if (spec.stored) return spec.stored;
  const data = spec.data ?? new Uint8Array();
  return methodOf(spec) === 8 ? deflateSync(data, { level: 6 }) : data;
}

const methodOf = (spec: ZipEntrySpec): number =>
  spec.method ?? ((spec.data?.length ?? 0) > 0 ? 8 : 0);

export function localHeader(
  spec: ZipEntrySpec,
  stored: Uint8Array,
): Uint8Array {
  const name = asBytes(spec.localName ?? spec.name);
  const extra = spec.extra ?? new Uint8Array();
  return new LeWriter(30 + name.length + extra.length)
    .u32(0x04034b50)
    .u16(20)
    .u16(flagsOf(spec))
    .u16(methodOf(spec))
    .u16(DOS_TIME)
    .u16(DOS_DATE)
    .u32(spec.crc ?? crc32(spec.data ?? new Uint8Array()))
    .u32(spec.compressedSize ?? stored.length)
    .u32(spec.size ?? spec.data?.length ?? 0)
    .u16(name.length)
    .u16(extra.length)
    .raw(name)
    .raw(extra)
    .done();
}

const flagsOf = (spec: ZipEntrySpec): number =>
  spec.flags ?? (typeof spec.name === "string" ? 0x800 : 0);

function centralRecord(
  spec: ZipEntrySpec,
  stored: Uint8Array,
  offset: number,
): Uint8Array {
  const name = asBytes(spec.name);
  const extra = spec.extra ?? new Uint8Array();
  const madeBy = spec.madeBy ?? (spec.unixMode !== undefined ? 0x0314 : 0x0014);
  const external =
    spec.externalAttrs ??
    (spec.unixMode !== undefined ? (spec.unixMode << 16) >>> 0 : 0);
  return new LeWriter(46 + name.length + extra.length)
    .u32(0x02014b50)
    .u16(madeBy)
    .u16(20)
    .u16(flagsOf(spec))
    .u16(methodOf(spec))
    .u16(DOS_TIME)
    .u16(DOS_DATE)
    .u32(spec.crc ?? crc32(spec.data ?? new Uint8Array()))
    .u32(spec.compressedSize ?? stored.length)
    .u32(spec.size ?? spec.data?.length ?? 0)
    .u16(name.length)
    .u16(extra.length)
    .u16(0) // comment length
    .u16(0) // disk number
    .u16(0) // internal attributes
    .u32(external)
    .u32(spec.localOffset ?? offset)
    .raw(name)
    .raw(extra)
    .done();
}

function endRecords(
  count: number,
  cdSize: number,
  cdOffset: number,
  opts: ZipOptions,
): Uint8Array[] {
  const comment = opts.comment ?? new Uint8Array();
  const out: Uint8Array[] = [];
  const zip64 = opts.zip64EntryCount !== undefined;
  if (zip64) {
    const recordOffset = cdOffset + cdSize;
    out.push(
      new LeWriter(56)
        .u32(0x06064b50)
        .u64(44)
        .u16(45)
        .u16(45)
        .u32(0)
        .u32(0)
        .u64(opts.zip64EntryCount!)
        .u64(opts.zip64EntryCount!)
        .u64(cdSize)
        .u64(cdOffset)
        .done(),
      new LeWriter(20).u32(0x07064b50).u32(0).u64(recordOffset).u32(1).done(),
    );
  }
  const eocdCount = zip64 ? 0xffff : (opts.entryCount ?? count) & 0xffff;
  out.push(
    new LeWriter(22 + comment.length)
      .u32(0x06054b50)
      .u16(0)
      .u16(0)
      .u16(eocdCount)
      .u16(eocdCount)
      .u32(cdSize)
      .u32(cdOffset)
      .u16(comment.length)
      .raw(comment)
      .done(),
  );
  return out;
}

/** Write a zip from entry specs, in the given order. */
export function buildZip(
  entries: readonly ZipEntrySpec[],
  opts: ZipOptions = {},
): Uint8Array {
  const prefix = opts.prefix ?? new Uint8Array();
  const shift = opts.shiftOffsets ? prefix.length : 0;
  const body: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let at = 0;
  for (const spec of entries) {
    const stored = storedBytes(spec);
    central.push(centralRecord(spec, stored, at + shift));
    if (spec.centralOnly) continue;
    const header = localHeader(spec, stored);
    body.push(header, stored);
    at += header.length + stored.length;
  }
  if (opts.beforeCentral) {
    body.push(opts.beforeCentral);
    at += opts.beforeCentral.length;
  }
  const cd = concatBytes(central);
  return concatBytes([
    prefix,
    ...body,
    cd,
    ...endRecords(entries.length, cd.length, at + shift, opts),
    opts.suffix ?? new Uint8Array(),
  ]);
}

/** A zip of plain files (deflated, or stored when `stored` is set), for the common case. */
export function zipFiles(
  files: Iterable<[string, Uint8Array]>,
  opts: { top?: string; stored?: boolean } = {},
): Uint8Array {
  const entries: ZipEntrySpec[] = [];
  for (const [path, data] of files) {
    entries.push({
      name: opts.top ? `${opts.top}/${path}` : path,
      data,
      ...(opts.stored ? { method: 0 } : {}),
    });
  }
  return buildZip(entries);
}
