import { join } from "node:path";
import type { PackDetail } from "../../src/pack/registry-types";

/**
 * The fs store's file format, shared by the store and the upload check in the worker pool (which
 * writes the file): `PACKSMITH-PACK 1\n<json length>\n<PackDetail JSON><canonical zip>`.
 */
export const PACK_FILE_MAGIC = "PACKSMITH-PACK 1\n";

/** The header before the zip: magic, the JSON's length, the JSON. */
export function packFileHead(detail: PackDetail): Buffer {
  const json = Buffer.from(JSON.stringify(detail), "utf8");
  return Buffer.concat([
    Buffer.from(`${PACK_FILE_MAGIC}${json.length}\n`, "latin1"),
    json,
  ]);
}

/** Where a version lives: `<root>/packs/<name>/<version>.pack`. */
export const packFilePath = (
  root: string,
  name: string,
  version: string,
): string => join(root, "packs", name, `${version}.pack`);

/** A version's cached tar.gz beside it, named by its content digest: `<version>.<hex>.tar.gz`. */
export const tarGzCachePath = (
  root: string,
  name: string,
  version: string,
  digest: string,
): string =>
  join(
    root,
    "packs",
    name,
    `${version}.${digest.replace(/^sha256:/, "")}.tar.gz`,
  );

/** Whether `file` (a name in a pack's folder) is a cached tar.gz of `version`. */
export const isTarGzOf = (file: string, version: string): boolean =>
  file.startsWith(`${version}.`) &&
  /^[0-9a-f]{64}\.tar\.gz$/.test(file.slice(version.length + 1));
