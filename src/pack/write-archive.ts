import { withLimits, type Limits } from "./limits";
import type { PackFiles } from "./pack-files";
import { err, ok, type Result } from "./result";
import { gzipParts, tarGzRefusal, tarParts } from "./tar-write";
import { entriesRefusal, type WriteRefusal } from "./write-refusal";
import { packEntries, writePackZip, zipRatioRefusal } from "./zip-write";

export interface WriteOptions {
  /** The readers' limits the archive is held to (the defaults unless given). */
  limits?: Partial<Limits>;
  /** For a zip: whole percents from 0 to 100 as JSZip writes it. */
  onProgress?: (percent: number) => void;
  /**
   * For a zip: what to do with a file that deflates past the ratio limit: refuse the archive (a
   * pack, which the registry would refuse), or store that file uncompressed, which every reader
   * takes (a draft file: a backup must never be refused for what the draft holds).
   */
  overRatio?: "refuse" | "store";
}

/**
 * Write a pack as its deterministic zip (`writePackZip`) or OCI tar.gz (`writePackTarGz`) under
 * the one top folder `top`, unless the readers would refuse it: then nothing is returned but the
 * {@link WriteRefusal} that says which file, which limit and by how much. Every archive that
 * leaves the app, the command line or the server is written here (or, streamed, by
 * `writePackZipParts` and the server's gzip, held to the same checks).
 *
 * The checks use what a writer knows without expanding anything: names, counts and sizes before
 * writing, then the compressed sizes: each deflated zip entry's, a tar.gz's whole stream (its
 * readers expand it as one). The readers judge the same: a zip entry's ratio on the whole entry
 * (`inflate.ts` and the server's zlib path), so what passes here is read back everywhere.
 */
export async function writePackArchive(
  files: PackFiles,
  top: string,
  format: "zip" | "tar.gz",
  opts: WriteOptions = {},
): Promise<Result<Uint8Array, WriteRefusal>> {
  const limits = withLimits(opts.limits);
  const refused = entriesRefusal(packEntries(files, top), limits);
  if (refused) return err(refused);
  if (format === "zip") {
    // Each round stores one more file that deflated past the ratio (usually none, rarely one).
    const store = new Set<string>();
    for (;;) {
      const zip = await writePackZip(files, top, opts.onProgress, store);
      const bomb = zipRatioRefusal(zip, limits);
      if (!bomb) return ok(zip);
      if (opts.overRatio !== "store" || bomb.entry === undefined)
        return err(bomb);
      store.add(bomb.entry);
    }
  }
  const parts = tarParts(files, top);
  const tarBytes = parts.reduce((n, p) => n + p.length, 0);
  const gz = gzipParts(parts);
  const bomb = tarGzRefusal(files, top, tarBytes, gz.length, limits);
  return bomb ? err(bomb) : ok(gz);
}
