import { Suspense, use, useMemo } from "react";

import { Spinner } from "@/components/ui/spinner";
import { buildFileTree } from "@/pack/file-tree";
import type { Finding } from "@/pack/finding";
import type { PackFiles } from "@/pack/pack-files";

import { splitArchivePath, type ArchivePath } from "./archive-path";
import {
  chartArchiveLister,
  type ArchiveListing,
} from "@/lib/pack-worker/chart-files";
import { FileTree } from "./file-tree";
import { FileViewer, type FileViewerProps } from "./file-viewer";
import type { FileTarget } from "./target-line";
import { useArchiveListings } from "./use-archive-listings";
import "./pack.css";

interface FileBrowserProps {
  files: PackFiles;
  findings: readonly Finding[];
  /** The open file: a path of the pack, or of a file inside one of its chart archives. */
  selected: string | undefined;
  /** What to reveal inside the open file. */
  target: FileTarget;
  onSelect: (path: string) => void;
  /** Names the tree's navigation landmark. */
  treeLabel: string;
  headingLevel?: FileViewerProps["headingLevel"];
  /** Deep links: the tree's files become links, the viewer offers links to copy. */
  hrefFor?: ((path: string) => string) | undefined;
  /** Absolute URL of a file, or of one of its lines. */
  linkTo?: ((path: string, line?: number) => string) | undefined;
  onLineSelect?: ((line: number) => void) | undefined;
}

/**
 * The tree beside the open file (stacked on narrow screens). Chart archives open as folders, and
 * a file inside one opens like any other once the archive has been read (once per archive, in
 * the pack worker, and ahead of time once the page is idle: the tree's filter searches inside).
 */
export function FileBrowser({
  files,
  findings,
  selected,
  target,
  onSelect,
  treeLabel,
  hrefFor,
  linkTo,
  ...viewer
}: FileBrowserProps) {
  const tree = useMemo(
    () =>
      buildFileTree([...files].map(([path, b]) => ({ path, size: b.length }))),
    [files],
  );
  const listArchive = useMemo(() => chartArchiveLister(files), [files]);
  const listings = useArchiveListings(files.keys(), listArchive);
  // Stable while the selection stays, so the editor does not redraw its markers on every render.
  const fileFindings = useMemo(
    () => findings.filter((f) => f.file === selected),
    [findings, selected],
  );
  const bytes = selected === undefined ? undefined : files.get(selected);
  const inArchive =
    selected === undefined || bytes ? null : splitArchivePath(files, selected);
  const viewerProps = {
    findings: fileFindings,
    target,
    openFile: { hrefFor, onSelect },
    ...viewer,
    ...(linkTo && selected !== undefined
      ? { linkTo: (line?: number) => linkTo(selected, line) }
      : {}),
  };

  return (
    <div className="file-browser">
      <FileTree
        label={treeLabel}
        tree={tree}
        selected={selected}
        hrefFor={hrefFor}
        onSelect={onSelect}
        listArchive={listArchive}
        listings={listings}
      />
      <div className="file-browser__viewer">
        {selected === undefined ? (
          <p className="pack-note">This pack has no files.</p>
        ) : bytes ? (
          // A new file is a new viewer: nothing of the previous file's editor state carries over.
          <FileViewer
            key={selected}
            path={selected}
            bytes={bytes}
            doc={{ files, path: selected, fileHref: hrefFor }}
            {...viewerProps}
          />
        ) : inArchive && listArchive ? (
          <Suspense
            fallback={<Spinner label={`Opening ${inArchive.archive}…`} />}
          >
            <ArchiveFileViewer
              key={selected}
              path={selected}
              where={inArchive}
              listing={
                // Already read (the idle prefetch): shown at once, without suspending.
                listings.get(inArchive.archive) ??
                listArchive(inArchive.archive)
              }
              hrefFor={hrefFor}
              {...viewerProps}
            />
          </Suspense>
        ) : (
          <p role="alert">
            There is no file <code>{selected}</code> in this pack. Pick one from
            the list.
          </p>
        )}
      </div>
    </div>
  );
}

/** A file inside a chart archive: the archive is read (once), then the file shown like any other. */
function ArchiveFileViewer({
  path,
  where,
  listing,
  hrefFor,
  ...viewer
}: Omit<FileViewerProps, "bytes"> & {
  where: ArchivePath;
  listing: ArchiveListing | Promise<ArchiveListing>;
  hrefFor?: ((path: string) => string) | undefined;
}) {
  const result = listing instanceof Promise ? use(listing) : listing;
  if (!result.ok)
    return (
      <p role="alert">
        <code>{where.archive}</code> cannot be opened: {result.error.message}
      </p>
    );
  const inner = result.value;
  const bytes = inner.get(where.inner);
  if (!bytes)
    return (
      <p role="alert">
        There is no file <code>{where.inner}</code> in{" "}
        <code>{where.archive}</code>. Pick one from the list.
      </p>
    );
  return (
    <FileViewer
      path={path}
      bytes={bytes}
      doc={{
        files: inner,
        path: where.inner,
        fileHref: hrefFor && ((p) => hrefFor(`${where.archive}/${p}`)),
      }}
      {...viewer}
    />
  );
}
