import { getPackWorker } from "@/lib/pack-worker/client";
import type { ChartArchive, ChartError } from "@/pack/chart";
import type { PackFiles } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";

/** A chart archive read in the pack worker: its metadata and inner files, or why not. */
export type ChartArchiveResult = Result<ChartArchive, ChartError>;

/** A chart archive's inner files (keyed by the path below the chart's root folder), or why not. */
export type ArchiveListing = Result<PackFiles, { message: string }>;

/** Lists one archive of the pack by its path; the same promise each time for the same bytes. */
export type ArchiveLister = (archive: string) => Promise<ArchiveListing>;

// One worker read per archive for as long as its bytes live (the opened pack holds them): the
// chart panel, expanding it in the tree, opening a file inside it, a deep link, the tree's filter
// and the idle prefetch all share it, so the archive is gunzipped once.
const reads = new WeakMap<Uint8Array, Promise<ChartArchiveResult>>();
const listings = new WeakMap<Uint8Array, Promise<ArchiveListing>>();

/**
 * Read a chart .tgz in the pack worker (metadata and every inner file), once per archive's bytes.
 * It never rejects (a crashed worker becomes a result), so React's `use` needs no error boundary.
 */
export function readChartArchiveOnce(
  bytes: Uint8Array,
  name: string,
): Promise<ChartArchiveResult> {
  let p = reads.get(bytes);
  if (!p) {
    p = getPackWorker()
      .readChartArchive(bytes, name)
      .catch((e: unknown): ChartArchiveResult =>
        err({
          kind: "not-a-chart",
          message: `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
        }),
      );
    reads.set(bytes, p);
  }
  return p;
}

/** A chart .tgz's inner files from {@link readChartArchiveOnce}; the same promise each time. */
export function readChartFilesOnce(
  bytes: Uint8Array,
  name: string,
): Promise<ArchiveListing> {
  let p = listings.get(bytes);
  if (!p) {
    p = readChartArchiveOnce(bytes, name).then((r): ArchiveListing =>
      r.ok ? ok(r.value.files) : err({ message: r.error.message }),
    );
    listings.set(bytes, p);
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
