import {
  buildFileTree,
  parentFolders,
  type TreeFolder,
} from "@/pack/file-tree";

import { isChartPath } from "./file-kind";

/**
 * A chart archive the file tree can open as a folder: a `.tgz` (or `.tar.gz`) directly under
 * `charts/`, the place pack.json's charts live (pack-format §B).
 */
export function isExpandableArchive(path: string): boolean {
  return /^charts\/[^/]+$/.test(path) && isChartPath(path);
}

/** A pack-wide path that names a file inside a chart archive of the pack. */
export interface ArchivePath {
  /** The archive in the pack: `charts/argo-cd-5.51.6.tgz`. */
  archive: string;
  /** The file relative to the chart's root folder: `templates/deployment.yaml`. */
  inner: string;
}

/**
 * Split `charts/x.tgz/templates/a.yaml` into the archive the pack holds and the path inside it
 * (the convention of the API's `charts[].files`: the archive's top folder is dropped). A path the
 * pack holds as a file of its own, or one under no archive of the pack, is null.
 */
export function splitArchivePath(
  files: { has(path: string): boolean },
  path: string,
): ArchivePath | null {
  if (files.has(path)) return null;
  const match = /^(charts\/[^/]+)\/(.+)$/.exec(path);
  if (!match) return null;
  const [, archive = "", inner = ""] = match;
  return isExpandableArchive(archive) && files.has(archive)
    ? { archive, inner }
    : null;
}

/**
 * The folder an archive's inner files make in the file tree: their paths prefixed with the
 * archive's (`charts/x.tgz/templates/a.yaml`), nested like the pack's own files.
 */
export function archiveFolder(
  archive: string,
  files: ReadonlyMap<string, Uint8Array>,
): TreeFolder {
  const root = buildFileTree(
    [...files].map(([path, bytes]) => ({
      path: `${archive}/${path}`,
      size: bytes.length,
    })),
  );
  let folder: TreeFolder = root;
  for (const path of [...parentFolders(archive), archive]) {
    const next = folder.children.find(
      (n): n is TreeFolder => n.kind === "folder" && n.path === path,
    );
    if (!next) return { ...root, path: archive, children: [] };
    folder = next;
  }
  return folder;
}
