import type { FileDelta } from "@/pack/chart-diff";

export type FileChange = FileDelta;

/** Compare two versions' file lists by SHA-256, in reading order (the core's, shared with the builder). */
export { diffPackFiles as diffFileLists } from "@/pack/chart-diff";
