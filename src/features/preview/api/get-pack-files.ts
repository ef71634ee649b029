import { queryOptions, type QueryClient } from "@tanstack/react-query";

import { packArchiveQueryOptions, packKeys } from "@/lib/api/packs";
import { getPackWorker } from "@/lib/pack-worker/client";

/**
 * A registry version's files: its stored archive (cached by `packArchiveQueryOptions`) read in the
 * pack worker with every safety rule. Resolves to the reader's Result, so the page can say what
 * is wrong with an unreadable archive; throws only for network and API errors.
 */
export const packFilesQueryOptions = (
  queryClient: QueryClient,
  name: string,
  version: string,
) =>
  queryOptions({
    queryKey: [...packKeys.version(name, version), "files"] as const,
    queryFn: async () => {
      const archive = await queryClient.fetchQuery(
        packArchiveQueryOptions(name, version),
      );
      // A Blob goes to the worker as a handle; the worker reads it.
      return getPackWorker().readArchive(archive, `${name}-${version}.zip`);
    },
    staleTime: Infinity,
    // The result holds a Map of bytes: nothing to share structurally.
    structuralSharing: false,
  });
