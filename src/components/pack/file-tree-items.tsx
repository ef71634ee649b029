import type { MouseEvent } from "react";

import { isPlainLeftClick } from "@/lib/location";
import type { TreeFile, TreeFolder, TreeNode } from "@/pack/file-tree";

// The archive item lists its inner files with FolderItems: the two modules render each other.
import { ArchiveItem } from "./archive-item";
import { isExpandableArchive } from "./archive-path";
import type { ArchiveLister } from "@/lib/pack-worker/chart-files";
import { formatBytes } from "./file-kind";
import type { FilteredArchive, InnerFolders } from "./tree-filter";

/** What every item of one tree needs (passed down unchanged). */
export interface TreeContext {
  selected: string | undefined;
  /** Folders rendered open: the top level, the selection's folders, or every match of a filter. */
  openFolders: ReadonlySet<string>;
  hrefFor?: ((path: string) => string) | undefined;
  onSelect: (path: string) => void;
  listArchive?: ArchiveLister | undefined;
  /** The chart archives already read, as folders: they list without waiting. */
  innerFolders?: InnerFolders | undefined;
  /** While a filter is on: what to show of each kept archive that was read. */
  filteredArchives?: ReadonlyMap<string, FilteredArchive> | undefined;
}

interface ItemsProps {
  folder: TreeFolder;
  ctx: TreeContext;
  id?: string;
}

/** One folder's children: folders first, then files, each a list item. */
export function FolderItems({ folder, ctx, id }: ItemsProps) {
  return (
    <ul id={id}>
      {folder.children.map((node) => (
        <TreeItem key={node.path} node={node} ctx={ctx} />
      ))}
    </ul>
  );
}

function TreeItem({ node, ctx }: { node: TreeNode; ctx: TreeContext }) {
  if (node.kind === "folder")
    return (
      <li>
        <details open={ctx.openFolders.has(node.path)}>
          <summary>
            {node.name}/{" "}
            <span className="file-tree__count">({node.fileCount})</span>
          </summary>
          <FolderItems folder={node} ctx={ctx} />
        </details>
      </li>
    );
  if (ctx.listArchive && isExpandableArchive(node.path))
    return <ArchiveItem node={node} ctx={ctx} listArchive={ctx.listArchive} />;
  return (
    <li>
      <FileEntry node={node} ctx={ctx} />
    </li>
  );
}

/**
 * A file: a link to its deep link when the tree has them (plain clicks select in place, modified
 * clicks keep the browser's behaviour), else a button.
 */
export function FileEntry({ node, ctx }: { node: TreeFile; ctx: TreeContext }) {
  const current = node.path === ctx.selected ? "true" : undefined;
  const content = (
    <>
      <span className="file-tree__name">{node.name}</span>{" "}
      <span className="file-tree__size">{formatBytes(node.size)}</span>
    </>
  );
  if (!ctx.hrefFor)
    return (
      <button
        type="button"
        data-path={node.path}
        aria-current={current}
        className="file-tree__file"
        onClick={() => ctx.onSelect(node.path)}
      >
        {content}
      </button>
    );
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (!isPlainLeftClick(event)) return;
    event.preventDefault();
    ctx.onSelect(node.path);
  }
  return (
    <a
      href={ctx.hrefFor(node.path)}
      data-path={node.path}
      aria-current={current}
      className="file-tree__file"
      onClick={onClick}
    >
      {content}
    </a>
  );
}
