import { join } from "node:path";
import type { PackDetail } from "../../src/pack/registry-types";

/**
 * The fs store's file format, shared by the store and the upload check in the worker pool (which
 * writes the file): `PACKSMITH-PACK 1\n<json length>\n<PackDetail JSON><canonical zip>`.
 */
const PACK_FILE_MAGIC = "PACKSMITH-PACK 1\n";

/** The header before the zip: magic, the JSON's length, the JSON. */
export function packFileHead(detail: PackDetail): Buffer {
  const json = Buffer.from(JSON.stringify(detail), "utf8");
  return Buffer.concat([
    Buffer.from(`${PACK_FILE_MAGIC}${json.length}\n`, "latin1"),
    json,
  ]);
}

/**
 * Where the header's JSON lies, read from the file's first bytes (64 are enough: the magic and the
 * length line); null when they do not start a pack file.
 */
export function packFileJsonRange(
  head: Uint8Array,
): { start: number; end: number } | null {
  const text = Buffer.from(
    head.buffer,
    head.byteOffset,
    Math.min(head.byteLength, 64),
  ).toString("latin1");
  if (!text.startsWith(PACK_FILE_MAGIC)) return null;
  const nl = text.indexOf("\n", PACK_FILE_MAGIC.length);
  const start = nl + 1;
  return {
    start,
    end: start + Number(text.slice(PACK_FILE_MAGIC.length, nl)),
  };
}

/** A whole pack file read: its detail, and its zip as a view of `bytes`; null when it is not one. */
export function splitPackFile(
  bytes: Uint8Array,
): { detail: PackDetail; zip: Uint8Array } | null {
  const at = packFileJsonRange(bytes);
  if (!at) return null;
  const detail = JSON.parse(
    Buffer.from(bytes.subarray(at.start, at.end)).toString("utf8"),
  ) as PackDetail;
  return {
    detail,
    zip: new Uint8Array(
      bytes.buffer,
      bytes.byteOffset,
      bytes.byteLength,
    ).subarray(at.end),
  };
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
