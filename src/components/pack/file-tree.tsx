import { useId, useMemo, useState, type KeyboardEvent } from "react";

import { parentFolders, type TreeFolder } from "@/pack/file-tree";

import type { ArchiveLister } from "./chart-files";
import { FolderItems, type TreeContext } from "./file-tree-items";
import {
  allFolders,
  FILTER_THRESHOLD,
  filterTree,
  firstFile,
} from "./tree-filter";

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
}

/**
 * The pack's files as nested lists with folders as disclosure widgets, the selected file's
 * folders open. Trees of more than 50 files get a filter box: it keeps the files whose path
 * holds the text, with their folders open, and Enter opens the first of them.
 */
export function FileTree({ label, tree, selected, ...rest }: FileTreeProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const filterable = tree.fileCount > FILTER_THRESHOLD;
  const filtering = filterable && query.trim() !== "";
  const filtered = useMemo(
    () => filterTree(tree, filtering ? query : ""),
    [tree, query, filtering],
  );
  const openFolders = new Set(
    filtering
      ? allFolders(filtered.tree)
      : [
          ...tree.children.flatMap((n) =>
            n.kind === "folder" ? [n.path] : [],
          ),
          ...(selected ? parentFolders(selected) : []),
        ],
  );
  const ctx: TreeContext = { ...rest, selected, openFolders };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape" && query) {
      event.preventDefault();
      setQuery("");
    }
    if (event.key !== "Enter") return;
    event.preventDefault();
    const first = firstFile(filtered.tree);
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
