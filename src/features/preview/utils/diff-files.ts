import { diffFileDigests, type FileDelta } from "@/pack/chart-diff";
import type { FileDigest } from "@/pack/digest";

export type FileEntry = FileDigest;
export type FileChange = FileDelta;

/** values.yaml is what a reviewer reads first; then pack.json; then everything else by path. */
const PACK_FIRST = ["values.yaml", "pack.json"];

/** Compare two versions' file lists by SHA-256: what was added, removed, changed or kept. */
export function diffFileLists(
  before: readonly FileEntry[],
  after: readonly FileEntry[],
): FileChange[] {
  return diffFileDigests(before, after, PACK_FIRST);
}
