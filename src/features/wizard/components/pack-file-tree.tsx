import { useMemo } from "react";

import {
  fileTree,
  formatSize,
  type TreeFolder,
} from "@/features/wizard/model/file-tree";

interface PackFileTreeProps {
  files: ReadonlyMap<string, Uint8Array>;
  selected: string;
  onSelect: (path: string) => void;
}

function Folder({
  folder,
  selected,
  onSelect,
}: { folder: TreeFolder } & Omit<PackFileTreeProps, "files">) {
  return (
    <ul className="review-tree__list">
      {folder.children.map((node) =>
        node.kind === "folder" ? (
          <li key={node.path}>
            <span className="review-tree__folder">
              {node.name}/{" "}
              <span className="review-tree__size">{formatSize(node.size)}</span>
            </span>
            <Folder folder={node} selected={selected} onSelect={onSelect} />
          </li>
        ) : (
          <li key={node.path}>
            <button
              type="button"
              className="review-tree__file"
              aria-current={node.path === selected ? "true" : undefined}
              onClick={() => onSelect(node.path)}
            >
              <span>{node.name}</span>{" "}
              <span className="review-tree__size">{formatSize(node.size)}</span>
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

/** The pack's files as a folder tree with sizes; each file opens in the viewer. */
export function PackFileTree({ files, selected, onSelect }: PackFileTreeProps) {
  const tree = useMemo(() => fileTree(files), [files]);
  return (
    <nav className="review-tree" aria-label="Pack files">
      <Folder folder={tree} selected={selected} onSelect={onSelect} />
    </nav>
  );
}
