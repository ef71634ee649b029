import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { useDebouncedValue } from "@/features/wizard/hooks/use-debounced-value";
import type { DraftOrigin } from "@/features/wizard/model/draft-schema";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackFiles } from "@/pack/pack-files";
import type { Target } from "@/pack/validate";

/** Keys of the wizard's computations in the pack worker; the fingerprint names a pack's content. */
export const wizardKeys = {
  all: ["wizard"] as const,
  report: (draftId: string, fingerprint: string, target: Target) =>
    ["wizard", "report", draftId, fingerprint, target] as const,
  digest: (draftId: string, fingerprint: string) =>
    ["wizard", "digest", draftId, fingerprint] as const,
  chart: (blob: string) => ["wizard", "chart", blob] as const,
};

/**
 * The core's validatePack on the draft's pack for the chosen target, run in the worker once
 * typing pauses. The previous report stays on screen while the next one runs, so findings do not
 * flicker.
 */
export function usePackReport(
  draftId: string,
  files: PackFiles,
  fingerprint: string,
  origin: DraftOrigin,
  target: Target,
) {
  const settled = useDebouncedValue({ files, fingerprint }, 300, fingerprint);
  const previous = origin.kind === "import" ? origin.previous : undefined;
  const query = useQuery({
    queryKey: wizardKeys.report(draftId, settled.fingerprint, target),
    queryFn: () =>
      getPackWorker().validate(settled.files, {
        target,
        ...(previous
          ? {
              previous: {
                name: previous.name,
                displayName: previous.displayName,
              },
            }
          : {}),
      }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: 1,
  });
  // Out of date: the draft changed since the report on screen was made.
  const stale = query.isPlaceholderData || settled.fingerprint !== fingerprint;
  return { ...query, stale };
}

/** The content digest (registry-api.md §Identity) of the draft's pack, from the worker. */
export function usePackDigest(
  draftId: string,
  files: PackFiles,
  fingerprint: string,
) {
  const settled = useDebouncedValue({ files, fingerprint }, 300, fingerprint);
  return useQuery({
    queryKey: wizardKeys.digest(draftId, settled.fingerprint),
    queryFn: () => getPackWorker().digest(settled.files),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
  });
}
