import { Suspense, use, useId, useMemo, useState } from "react";

import { VisuallyHidden } from "@/components/ui/visually-hidden";
import type { TreeFile } from "@/pack/file-tree";

import { archiveFolder } from "./archive-path";
import type { ArchiveLister, ArchiveListing } from "./chart-files";
import { FileEntry, FolderItems, type TreeContext } from "./file-tree-items";

/**
 * A chart archive: the file itself (its chart summary) plus a disclosure button that lists the
 * files inside it, read once when first opened. It opens by itself when the selection moves inside.
 */
export function ArchiveItem({
  node,
  ctx,
  listArchive,
}: {
  node: TreeFile;
  ctx: TreeContext;
  listArchive: ArchiveLister;
}) {
  const id = useId();
  const inside = ctx.selected?.startsWith(`${node.path}/`) ?? false;
  const [open, setOpen] = useState(inside);
  const [wasInside, setWasInside] = useState(inside);
  if (inside !== wasInside) {
    setWasInside(inside);
    if (inside) setOpen(true);
  }
  return (
    <li>
      <div className="file-tree__archive">
        <button
          type="button"
          className="file-tree__toggle"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          <VisuallyHidden>Files inside {node.name}</VisuallyHidden>
        </button>
        <FileEntry node={node} ctx={ctx} />
      </div>
      {open && (
        <Suspense
          fallback={
            <p id={id} className="file-tree__note" role="status">
              Opening {node.name}…
            </p>
          }
        >
          <ArchiveChildren
            id={id}
            archive={node.path}
            promise={listArchive(node.path)}
            ctx={ctx}
          />
        </Suspense>
      )}
    </li>
  );
}

function ArchiveChildren({
  id,
  archive,
  promise,
  ctx,
}: {
  id: string;
  archive: string;
  promise: Promise<ArchiveListing>;
  ctx: TreeContext;
}) {
  const listing = use(promise);
  const folder = useMemo(
    () => (listing.ok ? archiveFolder(archive, listing.value) : null),
    [archive, listing],
  );
  if (!folder || !listing.ok)
    return (
      <p id={id} className="file-tree__note file-tree__note--error">
        {listing.ok ? "" : listing.error.message}
      </p>
    );
  if (folder.children.length === 0)
    return (
      <p id={id} className="file-tree__note">
        The archive holds no files.
      </p>
    );
  return <FolderItems id={id} folder={folder} ctx={ctx} />;
}
