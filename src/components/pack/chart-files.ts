import type { PackFiles } from "@/pack/pack-files";
import type { Result } from "@/pack/result";

/** A chart archive's inner files (keyed by the path below the chart's root folder), or why not. */
export type ArchiveListing = Result<PackFiles, { message: string }>;

/** Lists one archive of the pack by its path; the same promise each time for the same bytes. */
export type ArchiveLister = (archive: string) => Promise<ArchiveListing>;

/**
 * The lister for a pack's chart archives, or undefined while the pack worker has no call that
 * returns an archive's files: the tree then shows archives as plain files.
 */
export function chartArchiveLister(
  files: ReadonlyMap<string, Uint8Array>,
): ArchiveLister | undefined {
  void files;
  return undefined;
}
