import { compareBytes } from "@/pack/pack-files";

export interface TreeFile {
  kind: "file";
  name: string;
  path: string;
  size: number;
}
export interface TreeFolder {
  kind: "folder";
  name: string;
  path: string;
  size: number;
  children: TreeNode[];
}
export type TreeNode = TreeFile | TreeFolder;

/** A folder tree of a pack's files, folders first then files, each sorted; folder sizes add up. */
export function fileTree(files: ReadonlyMap<string, Uint8Array>): TreeFolder {
  const root: TreeFolder = {
    kind: "folder",
    name: "",
    path: "",
    size: 0,
    children: [],
  };
  for (const path of [...files.keys()].sort(compareBytes)) {
    const size = files.get(path)!.length;
    const parts = path.split("/");
    let folder = root;
    folder.size += size;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts.slice(0, i + 1).join("/");
      let next = folder.children.find(
        (c): c is TreeFolder => c.kind === "folder" && c.path === p,
      );
      if (!next) {
        next = {
          kind: "folder",
          name: parts[i]!,
          path: p,
          size: 0,
          children: [],
        };
        folder.children.push(next);
      }
      next.size += size;
      folder = next;
    }
    folder.children.push({
      kind: "file",
      name: parts[parts.length - 1]!,
      path,
      size,
    });
  }
  const sort = (f: TreeFolder) => {
    f.children.sort((a, b) =>
      a.kind === b.kind
        ? compareBytes(a.name, b.name)
        : a.kind === "folder"
          ? -1
          : 1,
    );
    f.children.forEach((c) => c.kind === "folder" && sort(c));
  };
  sort(root);
  return root;
}

/** Bytes in words: 512 B, 8.4 KB, 1.2 MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
