import { buildFileTree, type TreeFolder } from "@/pack/file-tree";

export type { TreeFile, TreeFolder, TreeNode } from "@/pack/file-tree";

/** A folder tree of a pack's files, folders first then files, each sorted; folder sizes add up. */
export function fileTree(files: ReadonlyMap<string, Uint8Array>): TreeFolder {
  return buildFileTree(
    [...files].map(([path, bytes]) => ({ path, size: bytes.length })),
  );
}

/** Bytes in words: 512 B, 8.4 KB, 1.2 MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
