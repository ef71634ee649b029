import { join } from "node:path";
import type { PackDetail } from "../../src/pack/registry-types";

/**
 * The fs store's file format, shared by the store and the upload check in the worker pool (which
 * writes the file). Version 2, written since 2026-11: `<canonical zip><PackDetail JSON>` and a last
 * line `PACKSMITH-PACK 2 <json length>\n`, so an upload that already is the canonical zip is kept as
 * it came, the detail appended, instead of written a second time. Version 1, still read:
 * `PACKSMITH-PACK 1\n<json length>\n<PackDetail JSON><canonical zip>`.
 */
const V1_MAGIC = "PACKSMITH-PACK 1\n";
const V2_TRAILER = /\nPACKSMITH-PACK 2 (\d{1,12})\n$/;

/** How many bytes of each end of a pack file locate its parts ({@link packFileLayout}). */
export const PACK_FILE_PROBE = 64;

/** What follows the zip in a version 2 pack file: the detail's JSON and the trailer line. */
export function packFileTail(detail: PackDetail): Buffer {
  const json = Buffer.from(JSON.stringify(detail), "utf8");
  return Buffer.concat([
    json,
    Buffer.from(`\nPACKSMITH-PACK 2 ${json.length}\n`, "latin1"),
  ]);
}

/** Where a pack file's parts lie: its detail's JSON and its zip, as [start, end) offsets. */
export interface PackFileLayout {
  json: { start: number; end: number };
  zip: { start: number; end: number };
}

/**
 * The layout of a pack file of `size` bytes from its first and last bytes (`head`, `tail`: up to
 * {@link PACK_FILE_PROBE} each); null when they do not make a pack file.
 */
export function packFileLayout(
  head: Uint8Array,
  tail: Uint8Array,
  size: number,
): PackFileLayout | null {
  const text = latin1(head.subarray(0, PACK_FILE_PROBE));
  if (text.startsWith(V1_MAGIC)) {
    const nl = text.indexOf("\n", V1_MAGIC.length);
    if (nl === -1) return null;
    const start = nl + 1;
    const end = start + Number(text.slice(V1_MAGIC.length, nl));
    if (!(end <= size)) return null;
    return { json: { start, end }, zip: { start: end, end: size } };
  }
  const m = V2_TRAILER.exec(latin1(tail.subarray(-PACK_FILE_PROBE)));
  if (!m) return null;
  const end = size - m[0].length;
  const start = end - Number(m[1]);
  if (start < 0) return null;
  return { json: { start, end }, zip: { start: 0, end: start } };
}

const latin1 = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

/** A whole pack file read: its detail, and its zip as a view of `bytes`; null when it is not one. */
export function splitPackFile(
  bytes: Uint8Array,
): { detail: PackDetail; zip: Uint8Array } | null {
  const at = packFileLayout(bytes, bytes, bytes.length);
  if (!at) return null;
  const detail = JSON.parse(
    Buffer.from(bytes.subarray(at.json.start, at.json.end)).toString("utf8"),
  ) as PackDetail;
  return { detail, zip: bytes.subarray(at.zip.start, at.zip.end) };
}

/** Where a version lives: `<root>/packs/<name>/<version>.pack`. */
export const packFilePath = (
  root: string,
  name: string,
  version: string,
): string => join(root, "packs", name, `${version}.pack`);

/**
 * A version's cached tar.gz in `dir`, named by its content digest: `<version>.<hex>.tar.gz`. The fs
 * store keeps it beside the version (`<root>/packs/<name>`), the OCI store's cache in its own folder.
 */
export const tarGzCachePath = (
  dir: string,
  version: string,
  digest: string,
): string => join(dir, `${version}.${digest.replace(/^sha256:/, "")}.tar.gz`);

/** Whether `file` (a name in a pack's folder) is a cached tar.gz of `version`. */
export const isTarGzOf = (file: string, version: string): boolean =>
  file.startsWith(`${version}.`) &&
  /^[0-9a-f]{64}\.tar\.gz$/.test(file.slice(version.length + 1));
