// The one module that imports JSZip (house style: heavy libraries behind one wrapper).
import JSZip from "jszip";
import { deflateSync } from "fflate";
import { crc32 } from "./crc32";
import { withLimits, type Limits } from "./limits";
import { compareBytes, type PackFiles } from "./pack-files";
import { err, ok, type Result } from "./result";
import type { ZipCompressed } from "./zip-read";
import { assertTopFolder } from "./top-folder";
import {
  entriesRefusal,
  ratioRefusal,
  type WriteRefusal,
  type WrittenEntry,
} from "./write-refusal";

/** A fixed timestamp so the same files always give the same bytes (1980-01-01, the earliest DOS date). */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Files that are already compressed: stored, because deflating them again wastes time for nothing. */
export const isPrecompressed = (path: string): boolean =>
  /\.(tgz|gz|png|jpe?g|zip|webp|gif)$/i.test(path);

/** Every folder that must appear for the given files, parents first. */
function folderPaths(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++)
      dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs].sort(compareBytes);
}

/**
 * The entries of a pack's archive, in the order written: every folder (`top/` and below, ending
 * in `/`, with null) and every file under `top/`, sorted by bytes. Every writer (zip and tar) uses
 * it, so they list the same entries in the same order.
 */
export function packEntries(files: PackFiles, top: string): WrittenEntry[] {
  assertTopFolder(top);
  const paths = [...files.keys()].map((p) => `${top}/${p}`);
  const entries: WrittenEntry[] = [
    ...folderPaths(paths).map((d): WrittenEntry => [`${d}/`, null]),
    ...[...files].map(([p, b]): WrittenEntry => [`${top}/${p}`, b]),
  ];
  return entries.sort(([a], [b]) => compareBytes(a, b));
}

/**
 * Write a pack as a zip holding one top folder `top/` (normally `<name>-<version>`): entries
 * sorted, fixed timestamps and permissions, STORE for compressed files and DEFLATE for the rest,
 * so the same pack always gives the same bytes. No limit is checked (a fixture, a chart archive
 * of a test): what is shipped goes through `writePackArchive`, which refuses what readers refuse.
 */
export async function writePackZip(
  files: PackFiles,
  top: string,
  onProgress?: (percent: number) => void,
  /** Entries (by their name in the zip) to STORE although they are text. */
  store?: ReadonlySet<string>,
): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, bytes] of packEntries(files, top)) {
    if (bytes === null) {
      zip.file(path, null, {
        dir: true,
        date: FIXED_DATE,
        unixPermissions: 0o40755,
        createFolders: false,
      });
    } else {
      zip.file(path, bytes, {
        binary: true,
        date: FIXED_DATE,
        unixPermissions: 0o100644,
        createFolders: false,
        compression:
          isPrecompressed(path) || store?.has(path) ? "STORE" : "DEFLATE",
      });
    }
  }
  return zip.generateAsync(
    {
      type: "uint8array",
      platform: "UNIX",
      compressionOptions: { level: 6 },
      streamFiles: false,
    },
    onProgress ? (m) => onProgress(m.percent) : undefined,
  );
}

export interface ZipPartsOptions {
  /**
   * The compressed form an uploaded entry already has, by its expanded bytes (`readPackArchive`'s
   * `compressed`). A deflated entry is copied as it is; a stored one too when the file is already
   * compressed (`isPrecompressed`); a stored text file is deflated.
   */
  compressed?: ReadonlyMap<Uint8Array, ZipCompressed>;
  /** Raw DEFLATE (level 6) for the files that need it: the server passes Node's zlib; fflate's otherwise. */
  deflateRaw?: (bytes: Uint8Array) => Uint8Array;
  /** The readers' limits the zip is held to (the defaults unless given). */
  limits?: Partial<Limits>;
}

/** DOS time and date of FIXED_DATE: 00:00:00, 1980-01-01. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const utf8 = new TextEncoder();

/**
 * Write a pack as a zip like `writePackZip` (one top folder, sorted entries, fixed timestamps and
 * permissions, STORE for compressed files, DEFLATE for the rest), handing each part to `write` as
 * it is made, so the zip never exists as one buffer and copied entries are views of the upload
 * (empty files are stored).
 * Entries given in `compressed` are copied without expanding and compressing them again: the
 * bytes then depend on how the upload was compressed, the files never do. Written here rather than
 * with JSZip or fflate, which both take expanded bytes only (fflate's streaming writer adds a data
 * descriptor even to stored entries, which some readers refuse). Returns the zip's size.
 *
 * Refuses (a {@link WriteRefusal}) a zip the readers would refuse: their rules on names, counts
 * and sizes before anything is written, and each deflated entry's ratio once it is compressed,
 * before it is written. After a refusal the parts already written are not a zip: drop them.
 */
export function writePackZipParts(
  files: PackFiles,
  top: string,
  write: (part: Uint8Array) => void,
  opts: ZipPartsOptions = {},
): Result<number, WriteRefusal> {
  const deflate =
    opts.deflateRaw ?? ((b: Uint8Array) => deflateSync(b, { level: 6 }));
  const limits = withLimits(opts.limits);
  const entries = packEntries(files, top);
  const refused = entriesRefusal(entries, limits);
  if (refused) return err(refused);
  if (entries.length > 0xffff)
    throw new RangeError(`${entries.length} entries need ZIP64`);
  const central: Uint8Array[] = [];
  let offset = 0;
  const put = (part: Uint8Array): void => {
    offset += part.length;
    if (offset > 0xffffffff) throw new RangeError("the zip needs ZIP64");
    write(part);
  };
  for (const [path, bytes] of entries) {
    const form: ZipCompressed =
      bytes === null
        ? { method: 0, crc: 0, size: 0, data: new Uint8Array() }
        : entryForm(path, bytes, opts.compressed?.get(bytes), deflate);
    const bomb =
      form.method === 8
        ? ratioRefusal(path, form.size, form.data.length, limits)
        : null;
    if (bomb) return err(bomb);
    const name = utf8.encode(path);
    // JSZip's layout, field for field (writePackZip), so both writers give the same bytes: version
    // 1.0 to extract, made by Unix 3.0, the DOS directory bit beside the mode, and a name that is
    // not ASCII flagged UTF-8 and repeated in an Info-ZIP Unicode Path field.
    const unicode = name.length !== path.length;
    const flags = unicode ? 0x800 : 0;
    const extra = unicode ? unicodePathField(name) : new Uint8Array();
    const mode = bytes === null ? 0o40755 : 0o100644;
    const local = new Uint8Array(30 + name.length + extra.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 10, true);
    header(l, 6, flags, form, name.length, extra.length);
    local.set(name, 30);
    local.set(extra, 30 + name.length);
    const cd = new Uint8Array(46 + name.length + extra.length);
    const c = new DataView(cd.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 0x031e, true);
    c.setUint16(6, 10, true);
    header(c, 8, flags, form, name.length, extra.length);
    c.setUint32(38, ((mode << 16) | (bytes === null ? 0x10 : 0)) >>> 0, true);
    c.setUint32(42, offset, true);
    cd.set(name, 46);
    cd.set(extra, 46 + name.length);
    central.push(cd);
    put(local);
    if (form.data.length) put(form.data);
  }
  const cdOffset = offset;
  for (const cd of central) put(cd);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, central.length, true);
  e.setUint16(10, central.length, true);
  e.setUint32(12, offset - cdOffset, true);
  e.setUint32(16, cdOffset, true);
  put(end);
  return ok(offset);
}

/**
 * The first deflated entry of `zip`, a zip {@link writePackZip} wrote (no comment, no ZIP64), that
 * the readers would refuse for its ratio, or null: each entry's sizes as its central directory
 * records them, nothing expanded.
 */
export function zipRatioRefusal(
  zip: Uint8Array,
  limits: Limits,
): WriteRefusal | null {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = v.getUint16(end + 10, true);
  const names = new TextDecoder();
  for (let i = 0, at = v.getUint32(end + 16, true); i < count; i++) {
    const nameLength = v.getUint16(at + 28, true);
    const bomb =
      v.getUint16(at + 10, true) === 8 &&
      ratioRefusal(
        names.decode(zip.subarray(at + 46, at + 46 + nameLength)),
        v.getUint32(at + 24, true),
        v.getUint32(at + 20, true),
        limits,
      );
    if (bomb) return bomb;
    at +=
      46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return null;
}

/** The part of a local or central header from the flags to the extra field's length. */
function header(
  v: DataView,
  at: number,
  flags: number,
  f: ZipCompressed,
  nameLength: number,
  extraLength: number,
): void {
  v.setUint16(at, flags, true);
  v.setUint16(at + 2, f.method, true);
  v.setUint16(at + 4, DOS_TIME, true);
  v.setUint16(at + 6, DOS_DATE, true);
  v.setUint32(at + 8, f.crc >>> 0, true);
  v.setUint32(at + 12, f.data.length, true);
  v.setUint32(at + 16, f.size, true);
  v.setUint16(at + 20, nameLength, true);
  v.setUint16(at + 22, extraLength, true);
}

/** Info-ZIP's Unicode Path extra field (0x7075): version 1, the CRC-32 of the name, the name. */
function unicodePathField(name: Uint8Array): Uint8Array {
  const field = new Uint8Array(4 + 5 + name.length);
  const v = new DataView(field.buffer);
  v.setUint16(0, 0x7075, true);
  v.setUint16(2, 5 + name.length, true);
  v.setUint8(4, 1);
  v.setUint32(5, crc32(name) >>> 0, true);
  field.set(name, 9);
  return field;
}

function entryForm(
  path: string,
  bytes: Uint8Array,
  given: ZipCompressed | undefined,
  deflate: (b: Uint8Array) => Uint8Array,
): ZipCompressed {
  // An empty file has nothing to compress: stored, as JSZip writes it.
  const store = isPrecompressed(path) || bytes.length === 0;
  if (given && (given.method === 8 || store)) return given;
  const crc = crc32(bytes);
  return store
    ? { method: 0, crc, size: bytes.length, data: bytes }
    : { method: 8, crc, size: bytes.length, data: deflate(bytes) };
}
