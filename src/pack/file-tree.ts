import { compareBytes } from "./pack-files";

export interface TreeFile {
  kind: "file";
  name: string;
  path: string;
  size: number;
}

export interface TreeFolder {
  kind: "folder";
  name: string;
  /** '' for the root. */
  path: string;
  children: TreeNode[];
  /** Files anywhere below this folder, and their bytes. */
  fileCount: number;
  size: number;
}

export type TreeNode = TreeFile | TreeFolder;

/** Nest a pack's flat file list into folders: folders first, then files, each by byte order. */
export function buildFileTree(
  files: readonly { path: string; size: number }[],
): TreeFolder {
  const root: TreeFolder = {
    kind: "folder",
    name: "",
    path: "",
    children: [],
    fileCount: 0,
    size: 0,
  };
  for (const f of files) {
    const parts = f.path.split("/");
    let folder = root;
    folder.fileCount++;
    folder.size += f.size;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join("/");
      let next = folder.children.find(
        (c): c is TreeFolder => c.kind === "folder" && c.path === path,
      );
      if (!next) {
        next = {
          kind: "folder",
          name: parts[i] ?? "",
          path,
          children: [],
          fileCount: 0,
          size: 0,
        };
        folder.children.push(next);
      }
      next.fileCount++;
      next.size += f.size;
      folder = next;
    }
    folder.children.push({
      kind: "file",
      name: parts[parts.length - 1] ?? f.path,
      path: f.path,
      size: f.size,
    });
  }
  sortTree(root);
  return root;
}

function sortTree(folder: TreeFolder): void {
  folder.children.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === "folder" ? -1 : 1) ||
      compareBytes(a.name, b.name),
  );
  for (const c of folder.children) if (c.kind === "folder") sortTree(c);
}

/** The folders that hold `path`, outermost first (`charts/a/b.yaml` → `charts`, `charts/a`). */
export function parentFolders(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}
