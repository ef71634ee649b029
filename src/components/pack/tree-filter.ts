import type { TreeFolder, TreeNode } from "@/pack/file-tree";

/** Trees with more files than this get a filter box. */
export const FILTER_THRESHOLD = 50;

/** A file tree cut down to the files whose path holds a query. */
export interface FilteredTree {
  tree: TreeFolder;
  /** Files that match. */
  matched: number;
  /** Files in the whole tree. */
  total: number;
}

/**
 * Keep the files whose full path contains `query` (case-insensitive; surrounding spaces ignored)
 * and the folders that hold them, with the folders' counts and sizes recomputed. An empty query
 * keeps the tree as it is (the same object).
 */
export function filterTree(tree: TreeFolder, query: string): FilteredTree {
  const q = query.trim().toLowerCase();
  if (!q) return { tree, matched: tree.fileCount, total: tree.fileCount };
  const kept = keep(tree, q) ?? {
    ...tree,
    children: [],
    fileCount: 0,
    size: 0,
  };
  return { tree: kept, matched: kept.fileCount, total: tree.fileCount };
}

function keep(folder: TreeFolder, q: string): TreeFolder | null {
  const children: TreeNode[] = [];
  let fileCount = 0;
  let size = 0;
  for (const node of folder.children) {
    if (node.kind === "file") {
      if (!node.path.toLowerCase().includes(q)) continue;
      children.push(node);
      fileCount++;
      size += node.size;
    } else {
      const sub = keep(node, q);
      if (!sub) continue;
      children.push(sub);
      fileCount += sub.fileCount;
      size += sub.size;
    }
  }
  return children.length ? { ...folder, children, fileCount, size } : null;
}

/** Every folder path of a tree (to show a filtered tree fully open). */
export function allFolders(folder: TreeFolder): string[] {
  return folder.children.flatMap((n) =>
    n.kind === "folder" ? [n.path, ...allFolders(n)] : [],
  );
}

/** The first file of a tree in display order (folders first), for "Enter opens the first match". */
export function firstFile(folder: TreeFolder): string | undefined {
  for (const n of folder.children) {
    const path = n.kind === "file" ? n.path : firstFile(n);
    if (path !== undefined) return path;
  }
  return undefined;
}
