import type { MouseEvent } from "react";

import { formatBytes } from "@/components/pack/file-kind";
import type { TreeFolder, TreeNode } from "@/pack/file-tree";

interface FileTreeProps {
  tree: TreeFolder;
  selected: string | undefined;
  /** Folders shown open at first (those holding the selection, and the top level). */
  openFolders: ReadonlySet<string>;
  hrefFor: (path: string) => string;
  onSelect: (path: string) => void;
}

/**
 * The pack's files as nested lists of links (each a deep link to the file), with folders as
 * disclosure widgets. Plain clicks select in place; modified clicks keep the browser's behaviour.
 */
export function FileTree({ tree, ...rest }: FileTreeProps) {
  return (
    <nav aria-label="Files" className="file-tree">
      <FolderItems folder={tree} {...rest} />
    </nav>
  );
}

function FolderItems({
  folder,
  ...rest
}: Omit<FileTreeProps, "tree"> & { folder: TreeFolder }) {
  return (
    <ul>
      {folder.children.map((node) => (
        <TreeItem key={node.path} node={node} {...rest} />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  selected,
  openFolders,
  hrefFor,
  onSelect,
}: Omit<FileTreeProps, "tree"> & { node: TreeNode }) {
  if (node.kind === "folder")
    return (
      <li>
        <details open={openFolders.has(node.path)}>
          <summary>
            {node.name}/ <span className="muted small">({node.fileCount})</span>
          </summary>
          <FolderItems
            folder={node}
            selected={selected}
            openFolders={openFolders}
            hrefFor={hrefFor}
            onSelect={onSelect}
          />
        </details>
      </li>
    );

  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    onSelect(node.path);
  }
  const current = node.path === selected;
  return (
    <li>
      <a
        href={hrefFor(node.path)}
        data-path={node.path}
        aria-current={current ? "true" : undefined}
        className="file-tree__file"
        onClick={onClick}
      >
        <span className="file-tree__name">{node.name}</span>
        <span className="file-tree__size">{formatBytes(node.size)}</span>
      </a>
    </li>
  );
}
