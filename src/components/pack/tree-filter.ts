import type { TreeFolder, TreeNode } from "@/pack/file-tree";

/** Trees with more files than this (the pack's plus those inside its chart archives) get a filter box. */
export const FILTER_THRESHOLD = 50;

/** A chart archive's inner files as a folder of the tree, by the archive's path in the pack. */
export type InnerFolders = ReadonlyMap<string, TreeFolder>;

/** A kept chart archive: its inner files that match, and whether its own path matched. */
export interface FilteredArchive {
  inner: TreeFolder;
  self: boolean;
}

/** A file tree cut down to the files whose path holds a query. */
export interface FilteredTree {
  tree: TreeFolder;
  /** Kept chart archives whose files were read, by path: what of them to show. */
  archives: ReadonlyMap<string, FilteredArchive>;
  /** Files that match, inside chart archives included. */
  matched: number;
  /** Files in the whole tree, plus those inside the chart archives in `inner`. */
  total: number;
}

const NONE: InnerFolders = new Map();

/** The tree's files plus the files inside its chart archives listed in `inner`. */
export function countFiles(
  tree: TreeFolder,
  inner: InnerFolders = NONE,
): number {
  let n = tree.fileCount;
  for (const folder of inner.values()) n += folder.fileCount;
  return n;
}

/** Whether a tree gets a filter box: more than {@link FILTER_THRESHOLD} files, inner ones counted. */
export function showsFilter(
  tree: TreeFolder,
  inner: InnerFolders = NONE,
): boolean {
  return countFiles(tree, inner) > FILTER_THRESHOLD;
}

/**
 * Keep the files whose full path contains `query` (case-insensitive; surrounding spaces ignored)
 * and the folders that hold them, with the folders' counts and sizes recomputed. Files inside the
 * chart archives of `inner` are searched by their pack-wide path (`charts/x.tgz/templates/a.yaml`):
 * an archive holding a match is kept, with its matching files in `archives`. An empty query keeps
 * the tree as it is (the same object).
 */
export function filterTree(
  tree: TreeFolder,
  query: string,
  inner: InnerFolders = NONE,
): FilteredTree {
  const total = countFiles(tree, inner);
  const q = query.trim().toLowerCase();
  if (!q) return { tree, archives: new Map(), matched: total, total };
  const archives = new Map<string, FilteredArchive>();
  const kept = keep(tree, q, inner, archives) ?? {
    ...tree,
    children: [],
    fileCount: 0,
    size: 0,
  };
  return { tree: kept, archives, matched: kept.fileCount, total };
}

function keep(
  folder: TreeFolder,
  q: string,
  inner: InnerFolders,
  archives: Map<string, FilteredArchive>,
): TreeFolder | null {
  const children: TreeNode[] = [];
  let fileCount = 0;
  let size = 0;
  for (const node of folder.children) {
    if (node.kind === "file") {
      const self = node.path.toLowerCase().includes(q);
      const listed = inner.get(node.path);
      const sub = listed ? keep(listed, q, NONE, archives) : null;
      if (!self && !sub) continue;
      children.push(node);
      if (self) {
        fileCount++;
        size += node.size;
      }
      if (listed)
        archives.set(node.path, {
          inner: sub ?? { ...listed, children: [], fileCount: 0, size: 0 },
          self,
        });
      if (sub) {
        fileCount += sub.fileCount;
        size += sub.size;
      }
    } else {
      const sub = keep(node, q, inner, archives);
      if (!sub) continue;
      children.push(sub);
      fileCount += sub.fileCount;
      size += sub.size;
    }
  }
  return children.length ? { ...folder, children, fileCount, size } : null;
}

/** Every folder path of a tree (to show a filtered tree fully open), those inside `archives` too. */
export function allFolders(
  folder: TreeFolder,
  archives: ReadonlyMap<string, FilteredArchive> = new Map(),
): string[] {
  return folder.children.flatMap((n) => {
    if (n.kind === "folder") return [n.path, ...allFolders(n, archives)];
    const a = archives.get(n.path);
    return a ? allFolders(a.inner) : [];
  });
}

/**
 * The first file of a tree in display order (folders first; a chart archive before the files
 * inside it), for "Enter opens the first match". A kept archive whose own path did not match
 * gives its first inner file.
 */
export function firstFile(
  folder: TreeFolder,
  archives: ReadonlyMap<string, FilteredArchive> = new Map(),
): string | undefined {
  for (const n of folder.children) {
    let path: string | undefined;
    if (n.kind === "folder") path = firstFile(n, archives);
    else {
      const a = archives.get(n.path);
      path = !a || a.self ? n.path : firstFile(a.inner);
    }
    if (path !== undefined) return path;
  }
  return undefined;
}
