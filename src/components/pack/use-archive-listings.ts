import { useEffect, useState } from "react";

import { isExpandableArchive } from "./archive-path";
import type {
  ArchiveLister,
  ArchiveListing,
} from "@/lib/pack-worker/chart-files";
import { afterPaintWhenIdle } from "./idle";

/** The pack's chart archives read so far, by their path in the pack. */
export type ArchiveListings = ReadonlyMap<string, ArchiveListing>;

const NONE: ArchiveListings = new Map();

/**
 * Read every chart archive of the pack in the pack worker once the files are shown (after the
 * first paint, when the main thread is idle), so the tree's filter counts and searches the files
 * inside them and the first open of an inner file finds the archive read. Reads are shared with
 * the rest of the page (one per archive); unmounting before the idle moment cancels them, and
 * answers arriving after unmount are dropped.
 */
export function useArchiveListings(
  paths: Iterable<string>,
  listArchive: ArchiveLister,
): ArchiveListings {
  const archives = [...paths].filter(isExpandableArchive);
  // A stable key: the effect re-runs only when the set of archives or their lister changes.
  const key = archives.join("\n");
  const [state, setState] = useState<{
    lister: ArchiveLister;
    listings: ArchiveListings;
  }>({ lister: listArchive, listings: NONE });

  useEffect(() => {
    if (!key) return;
    let live = true;
    const cancel = afterPaintWhenIdle(() => {
      for (const archive of key.split("\n"))
        void listArchive(archive).then((listing) => {
          if (!live) return;
          setState((prev) => ({
            lister: listArchive,
            listings: new Map(
              prev.lister === listArchive ? prev.listings : NONE,
            ).set(archive, listing),
          }));
        });
    });
    return () => {
      live = false;
      cancel();
    };
  }, [key, listArchive]);

  // Listings of another pack's lister are not this pack's.
  return state.lister === listArchive ? state.listings : NONE;
}
