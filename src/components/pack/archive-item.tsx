import { Suspense, use, useId, useMemo, useState } from "react";

import { VisuallyHidden } from "@/components/ui/visually-hidden";
import type { TreeFile, TreeFolder } from "@/pack/file-tree";

import { archiveFolder } from "./archive-path";
import type {
  ArchiveLister,
  ArchiveListing,
} from "@/lib/pack-worker/chart-files";
import { FileEntry, FolderItems, type TreeContext } from "./file-tree-items";

/**
 * A chart archive: the file itself (its chart summary) plus a disclosure button that lists the
 * files inside it, read once when first opened (or already, by the page's idle prefetch). It opens
 * by itself when the selection moves inside, and when a filter finds files inside it.
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
  const filtered = ctx.filteredArchives?.get(node.path);
  const matches = (filtered?.inner.fileCount ?? 0) > 0;
  // Open by hand or for the selection; a filter's matches open it for as long as the filter
  // holds them (folded there by hand if wished), and clearing the filter restores the first.
  const [open, setOpen] = useState(inside);
  const [openForMatches, setOpenForMatches] = useState(true);
  const [was, setWas] = useState({ inside, matches });
  if (inside !== was.inside || matches !== was.matches) {
    setWas({ inside, matches });
    if (inside && !was.inside) setOpen(true);
    if (matches && !was.matches) setOpenForMatches(true);
  }
  const shown = matches ? openForMatches : open;
  const read = ctx.innerFolders?.get(node.path);
  return (
    <li>
      <div className="file-tree__archive">
        <button
          type="button"
          className="file-tree__toggle"
          aria-expanded={shown}
          aria-controls={shown ? id : undefined}
          onClick={() => (matches ? setOpenForMatches : setOpen)(!shown)}
        >
          <span aria-hidden="true">{shown ? "▾" : "▸"}</span>
          <VisuallyHidden>Files inside {node.name}</VisuallyHidden>
        </button>
        <FileEntry node={node} ctx={ctx} />
      </div>
      {shown &&
        (filtered ? (
          <InnerItems
            id={id}
            folder={filtered.inner}
            ctx={ctx}
            empty="No file inside matches."
          />
        ) : read ? (
          <InnerItems id={id} folder={read} ctx={ctx} />
        ) : (
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
        ))}
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
  return <InnerItems id={id} folder={folder} ctx={ctx} />;
}

function InnerItems({
  id,
  folder,
  ctx,
  empty = "The archive holds no files.",
}: {
  id: string;
  folder: TreeFolder;
  ctx: TreeContext;
  empty?: string;
}) {
  if (folder.children.length === 0)
    return (
      <p id={id} className="file-tree__note">
        {empty}
      </p>
    );
  return <FolderItems id={id} folder={folder} ctx={ctx} />;
}
