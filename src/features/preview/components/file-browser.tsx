import { useMemo } from "react";

import { usePathname } from "@/lib/location";
import type { Finding } from "@/pack/finding";
import { sortedPaths, type PackFiles } from "@/pack/pack-files";

import { packLocationSearch, type PackLocation } from "../utils/deep-link";
import { buildFileTree, parentFolders } from "@/pack/file-tree";
import { FileTree } from "./file-tree";
import { FileViewer } from "./file-viewer";

interface FileBrowserProps {
  files: PackFiles;
  findings: readonly Finding[];
  location: PackLocation;
  onSelect: (path: string) => void;
}

/** The files tab: the tree on one side, the selected file on the other. values.yaml is shown first. */
export function FileBrowser({
  files,
  findings,
  location,
  onSelect,
}: FileBrowserProps) {
  const pathname = usePathname();
  const tree = useMemo(
    () =>
      buildFileTree(
        sortedPaths(files).map((path) => ({
          path,
          size: files.get(path)?.length ?? 0,
        })),
      ),
    [files],
  );
  const selected =
    location.file ??
    (files.has("values.yaml") ? "values.yaml" : sortedPaths(files)[0]);
  const openFolders = new Set([
    ...tree.children.flatMap((n) => (n.kind === "folder" ? [n.path] : [])),
    ...(selected ? parentFolders(selected) : []),
  ]);
  const bytes = selected === undefined ? undefined : files.get(selected);
  // Stable while the selection stays, so the editor does not redraw its markers on every render.
  const fileFindings = useMemo(
    () => findings.filter((f) => f.file === selected),
    [findings, selected],
  );

  return (
    <div className="file-browser">
      <FileTree
        tree={tree}
        selected={selected}
        openFolders={openFolders}
        hrefFor={(file) =>
          pathname + packLocationSearch({ tab: "files", file })
        }
        onSelect={onSelect}
      />
      <div className="file-browser__viewer">
        {selected === undefined ? (
          <p className="muted">This pack has no files.</p>
        ) : bytes === undefined ? (
          <p role="alert">
            There is no file <code>{selected}</code> in this pack. Pick one from
            the list.
          </p>
        ) : (
          <FileViewer
            // A new file is a new viewer: nothing of the previous file's editor state carries over.
            key={selected}
            path={selected}
            bytes={bytes}
            findings={fileFindings}
            target={location.file === selected ? location : {}}
          />
        )}
      </div>
    </div>
  );
}
