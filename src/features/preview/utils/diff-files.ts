import {
  diffFileDigests,
  PACK_FILES_FIRST,
  type FileDelta,
} from "@/pack/chart-diff";
import type { FileDigest } from "@/pack/digest";

export type FileEntry = FileDigest;
export type FileChange = FileDelta;

/** Compare two versions' file lists by SHA-256: what was added, removed, changed or kept, in reading order. */
export function diffFileLists(
  before: readonly FileEntry[],
  after: readonly FileEntry[],
): FileChange[] {
  return diffFileDigests(before, after, PACK_FILES_FIRST);
}
