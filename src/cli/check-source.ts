import { contentDigest, fileDigests, type FileDigest } from "../pack/digest";
import type { Finding } from "../pack/finding";
import { validatePack, type Target } from "../pack/validate";
import type { PackLabel } from "./format";
import { readSource } from "./read-source";

/** Why a source could not be read: an archive error of the core, or the file system's. */
export interface SourceError {
  kind: string;
  entry?: string;
  message: string;
}

/**
 * What `validate` reports for one source; plain data, so a worker thread can hand it back.
 * `digest` and `files` are there when asked for (`--json`).
 */
export type SourceCheck =
  | {
      source: string;
      ok: true;
      pack: PackLabel | null;
      findings: Finding[];
      digest?: string;
      files?: FileDigest[];
    }
  | { source: string; ok: false; error: SourceError };

/**
 * Read `source` (a folder, .zip or .tar.gz) and check it against every rule for `target`.
 * An unreadable source is a result, never an exception: a missing path, an archive the core
 * refuses, or a file-system error while reading (permissions, a file removed meanwhile).
 * Anything else thrown is a bug and propagates.
 */
export async function checkSource(
  source: string,
  o: { target: Target; digests: boolean },
): Promise<SourceCheck> {
  let read;
  try {
    read = await readSource(source);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code !== "string") throw e;
    return {
      source,
      ok: false,
      error: { kind: code, message: `${source}: ${(e as Error).message}` },
    };
  }
  if (!read.ok) return { source, ok: false, error: read.error };
  const files = read.value.files;
  const report = validatePack(files, { target: o.target });
  const p = report.pack;
  const pack =
    p && typeof p.name === "string"
      ? { name: p.name, version: p.version, layer: p.layer }
      : null;
  if (!o.digests) return { source, ok: true, pack, findings: report.findings };
  const list = await fileDigests(files);
  return {
    source,
    ok: true,
    pack,
    findings: report.findings,
    digest: await contentDigest(list),
    files: list,
  };
}
