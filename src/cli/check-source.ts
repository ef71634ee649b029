import { contentDigest, fileDigests, type FileDigest } from "../pack/digest";
import type { Finding } from "../pack/finding";
import { validatePack, type Target } from "../pack/validate";
import type { PackLabel } from "./format";
import { readSource, type SourceError } from "./read-source";

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
 * An unreadable source is a result, never an exception (readSource's error: a missing path, an
 * archive the core refuses, or a path the file system refuses).
 */
export async function checkSource(
  source: string,
  o: { target: Target; digests: boolean },
): Promise<SourceCheck> {
  const read = await readSource(source);
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
