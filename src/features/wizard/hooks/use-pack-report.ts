import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";

import { useDebouncedValue } from "@/features/wizard/hooks/use-debounced-value";
import type { DraftOrigin } from "@/features/wizard/model/draft-schema";
import { reportOptions } from "@/features/wizard/model/report-options";
import { getPackWorker, type PackWorkerClient } from "@/lib/pack-worker/client";
import type { PackFiles } from "@/pack/pack-files";
import type { Target } from "@/pack/validate";

/**
 * Keys of the wizard's computations in the pack worker; the revision (useDraftRevision) names a
 * state of the draft's content.
 */
export const wizardKeys = {
  all: ["wizard"] as const,
  report: (draftId: string, revision: string, target: Target) =>
    ["wizard", "report", draftId, revision, target] as const,
  digest: (draftId: string, revision: string) =>
    ["wizard", "digest", draftId, revision] as const,
  chart: (blob: string) => ["wizard", "chart", blob] as const,
};

/** How long typing must pause before the draft is checked again. */
const SETTLE_MS = 150;

/**
 * A worker session for one draft's files (client.ts validateFiles): the bytes go to the worker
 * once and stay there while the draft is open; closing it lets the worker drop them. `worker` is
 * the pack worker unless named (the quick check's, useValuesSyntax).
 */
export function useWorkerSession(
  name: string,
  worker: () => PackWorkerClient = getPackWorker,
): string {
  useEffect(
    () => () => {
      worker().release(name);
      // An imported draft's files were also the worker's last read.
      worker().releaseRead();
    },
    [name, worker],
  );
  return name;
}

/**
 * The core's validatePack on the draft's pack for the chosen target, with what its origin tells
 * the check (reportOptions), run in the worker once typing pauses. Only files the worker does not
 * hold yet travel (an edit to values.yaml sends values.yaml); an unchanged pack is answered from
 * the worker's last report. The previous report stays on screen while the next one runs, so
 * findings do not flicker.
 */
export function usePackReport(
  draftId: string,
  /** The draft's files as they are now, made when called (the check runs after typing pauses). */
  packFiles: () => PackFiles,
  revision: string,
  origin: DraftOrigin,
  target: Target,
) {
  const session = useWorkerSession(`report:${draftId}`);
  const settled = useDebouncedValue(
    { packFiles, revision },
    SETTLE_MS,
    revision,
  );
  const query = useQuery({
    queryKey: wizardKeys.report(draftId, settled.revision, target),
    queryFn: () =>
      getPackWorker().validateFiles(
        session,
        settled.packFiles(),
        reportOptions(origin, target),
      ),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: 1,
  });
  // Out of date: the draft changed since the report on screen was made.
  const stale = query.isPlaceholderData || settled.revision !== revision;
  return { ...query, stale };
}

/**
 * The content digest (registry-api.md §Identity) of the draft's pack, from the worker, which
 * hashes each file once however often the draft changes around it.
 */
export function usePackDigest(
  draftId: string,
  files: PackFiles,
  revision: string,
) {
  const session = useWorkerSession(`digest:${draftId}`);
  const settled = useDebouncedValue({ files, revision }, 300, revision);
  return useQuery({
    queryKey: wizardKeys.digest(draftId, settled.revision),
    queryFn: () => getPackWorker().digestFiles(session, settled.files),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
  });
}
