import { ArchiveFailure, showName, type ArchiveError } from "./archive-error";
import { checkEntryPath } from "./entry-path";
import { ratioCap, type Limits } from "./limits";
import { entryCollision, mib, type Collision } from "./pack-files";

/**
 * Why a writer refused to write a pack's archive: a limit every reader would refuse the archive
 * by (`limits.ts`, the same definitions), found from what the writer knows (each entry's name and
 * size, and its compressed size once written), so nothing is written that cannot be read back.
 * `entry` is the entry's name in the archive, as a reader's error names it.
 */
export type WriteRefusal =
  | Collision
  | (ArchiveError & {
      kind: "ratio-exceeded" | "too-large" | "too-many-entries" | "unsafe-path";
    });

/** One entry a writer writes: its name in the archive (a folder ends in `/`, with null). */
export type WrittenEntry = readonly [name: string, bytes: Uint8Array | null];

/**
 * The first of the readers' rules on names, counts and sizes that `entries` (every entry of the
 * archive, folders included: the readers count them) breaks, or null. Checked before anything
 * is written: the entry count, each name (the top folder adds a level and its length), each file's
 * size and their total, and names that cannot share a folder (`entryCollision`).
 */
export function entriesRefusal(
  entries: readonly WrittenEntry[],
  limits: Limits,
): WriteRefusal | null {
  if (entries.length > limits.maxEntries) {
    const folders = entries.filter(([, b]) => b === null).length;
    return {
      kind: "too-many-entries",
      message: `the archive would hold ${entries.length} entries (${entries.length - folders} files and ${folders} folders); readers refuse more than ${limits.maxEntries}`,
    };
  }
  let total = 0;
  for (const [name, bytes] of entries) {
    try {
      checkEntryPath(name, limits, bytes === null);
    } catch (e) {
      if (!(e instanceof ArchiveFailure)) throw e;
      return { ...e.detail, kind: "unsafe-path" };
    }
    if (!bytes) continue;
    if (bytes.length > limits.maxEntryBytes)
      return {
        kind: "too-large",
        entry: name,
        message: `${showName(name)} is ${mib(bytes.length)}, beyond ${mib(limits.maxEntryBytes)}, the limit for one file`,
      };
    total += bytes.length;
    if (total > limits.maxTotalBytes)
      return {
        kind: "too-large",
        message: `the files add up to more than ${mib(limits.maxTotalBytes)}, the limit for an archive`,
      };
  }
  return entryCollision(
    entries.map(([name, bytes]) => ({
      raw: name,
      path: bytes === null ? name.replace(/\/$/, "") : name,
      kind: bytes === null ? "dir" : "file",
    })),
  );
}

/**
 * The refusal of `size` bytes written as `compressed` bytes when they expand past
 * {@link ratioCap}, else null. It names `entry` (the file; for a whole tar.gz, its largest file)
 * and says the ratio, the sizes and the limit of `subject` (the entry itself unless given), then
 * `note`.
 */
export function ratioRefusal(
  entry: string,
  size: number,
  compressed: number,
  limits: Limits,
  subject = showName(entry),
  note = "",
): WriteRefusal | null {
  if (size <= ratioCap(compressed, limits)) return null;
  const ratio = Math.floor(size / Math.max(compressed, 1));
  return {
    kind: "ratio-exceeded",
    entry,
    message: `${subject} compresses ${ratio}:1 (${mib(size)} into ${compressed} bytes), beyond the ${limits.maxRatio}:1 readers allow past ${mib(limits.ratioGraceBytes)}: they would refuse it as a compression bomb${note}`,
  };
}
