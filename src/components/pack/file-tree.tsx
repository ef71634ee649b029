import { useId, useMemo, useState, type KeyboardEvent } from "react";

import { parentFolders, type TreeFolder } from "@/pack/file-tree";

import { archiveFolder } from "./archive-path";
import type { ArchiveLister } from "@/lib/pack-worker/chart-files";
import { FolderItems, type TreeContext } from "./file-tree-items";
import {
  allFolders,
  filterTree,
  firstFile,
  showsFilter,
  type InnerFolders,
} from "./tree-filter";
import type { ArchiveListings } from "./use-archive-listings";

interface FileTreeProps {
  /** Names the navigation landmark ("Files"). */
  label: string;
  tree: TreeFolder;
  selected: string | undefined;
  /** Each file is a link to this (a deep link); without it, files are buttons. */
  hrefFor?: ((path: string) => string) | undefined;
  onSelect: (path: string) => void;
  /** Chart archives open as folders of their inner files. */
  listArchive?: ArchiveLister | undefined;
  /** The chart archives read so far: the filter counts and searches their files. */
  listings?: ArchiveListings | undefined;
}

/**
 * The pack's files as nested lists with folders as disclosure widgets, the selected file's
 * folders open. Trees of more than 50 files (with the files inside the chart archives read so far)
 * get a filter box: it keeps the files whose path holds the text, inner ones included, with their
 * folders and archives open, and Enter opens the first of them.
 */
export function FileTree({
  label,
  tree,
  selected,
  listings,
  ...rest
}: FileTreeProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const inner = useMemo((): InnerFolders => {
    const folders = new Map<string, TreeFolder>();
    for (const [archive, listing] of listings ?? [])
      if (listing.ok)
        folders.set(archive, archiveFolder(archive, listing.value));
    return folders;
  }, [listings]);
  const filterable = showsFilter(tree, inner);
  const filtering = filterable && query.trim() !== "";
  const filtered = useMemo(
    () => filterTree(tree, filtering ? query : "", inner),
    [tree, query, filtering, inner],
  );
  const openFolders = new Set(
    filtering
      ? allFolders(filtered.tree, filtered.archives)
      : [
          ...tree.children.flatMap((n) =>
            n.kind === "folder" ? [n.path] : [],
          ),
          ...(selected ? parentFolders(selected) : []),
        ],
  );
  const ctx: TreeContext = {
    ...rest,
    selected,
    openFolders,
    innerFolders: inner,
    ...(filtering ? { filteredArchives: filtered.archives } : {}),
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape" && query) {
      event.preventDefault();
      setQuery("");
    }
    if (event.key !== "Enter") return;
    event.preventDefault();
    const first = firstFile(filtered.tree, filtered.archives);
    if (first) rest.onSelect(first);
  }

  return (
    <div className="file-tree">
      {filterable && (
        <div className="file-tree__filter">
          <label htmlFor={`${id}-filter`}>Filter files</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={query}
            placeholder="Part of a path"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-count`}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={`${id}-count`} role="status" className="file-tree__count">
            {filtering
              ? `${filtered.matched} of ${filtered.total} files`
              : filtered.total > tree.fileCount
                ? `${filtered.total} files (${filtered.total - tree.fileCount} inside chart archives)`
                : `${filtered.total} files`}
          </p>
        </div>
      )}
      <nav aria-label={label} className="file-tree__nav">
        {filtered.tree.children.length === 0 ? (
          <p className="file-tree__empty">
            {filtering
              ? `No file path contains “${query.trim()}”.`
              : "No files."}
          </p>
        ) : (
          <FolderItems folder={filtered.tree} ctx={ctx} />
        )}
      </nav>
    </div>
  );
}
