import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackFiles } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";

/** A chart archive's inner files (keyed by the path below the chart's root folder), or why not. */
export type ArchiveListing = Result<PackFiles, { message: string }>;

/** Lists one archive of the pack by its path; the same promise each time for the same bytes. */
export type ArchiveLister = (archive: string) => Promise<ArchiveListing>;

// One read per archive for as long as its bytes live (the opened pack holds them): expanding it
// in the tree, opening a file inside it and following a deep link all share it.
const reads = new WeakMap<Uint8Array, Promise<ArchiveListing>>();

/** Read a chart .tgz's files in the pack worker, once per archive; for React's `use`. */
export function readChartFilesOnce(
  bytes: Uint8Array,
  name: string,
): Promise<ArchiveListing> {
  let p = reads.get(bytes);
  if (!p) {
    // It never rejects (a crashed worker becomes a result), so `use` needs no error boundary.
    p = getPackWorker()
      .readChartArchive(bytes, name)
      .then((r): ArchiveListing =>
        r.ok ? ok(r.value.files) : err({ message: r.error.message }),
      )
      .catch((e: unknown): ArchiveListing =>
        err({
          message: `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
        }),
      );
    reads.set(bytes, p);
  }
  return p;
}

const missing = new Map<string, Promise<ArchiveListing>>();

/** The lister for a pack's chart archives (an archive the pack lacks lists as an error). */
export function chartArchiveLister(
  files: ReadonlyMap<string, Uint8Array>,
): ArchiveLister {
  return (archive) => {
    const bytes = files.get(archive);
    if (bytes) return readChartFilesOnce(bytes, archive);
    let p = missing.get(archive);
    if (!p) {
      p = Promise.resolve(
        err({ message: `There is no ${archive} in this pack.` }),
      );
      missing.set(archive, p);
    }
    return p;
  };
}
