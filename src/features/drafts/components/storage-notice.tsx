import { useQuery } from "@tanstack/react-query";

import { Alert } from "@/components/ui/alert";
import { storagePersistenceQueryOptions } from "@/features/drafts/api/draft-queries";

/**
 * Say how safe drafts are here: not at all without IndexedDB (security.md case 73), or at risk of
 * eviction when the browser would not make storage persistent (case 69).
 */
export function StorageNotice({
  kind,
  hasDrafts,
}: {
  kind: "indexeddb" | "memory";
  hasDrafts: boolean;
}) {
  const persistence = useQuery({
    ...storagePersistenceQueryOptions(),
    enabled: kind === "indexeddb",
  });
  if (kind === "memory")
    return (
      <Alert tone="warning" title="Drafts cannot be saved in this browser">
        <p>
          Its storage is unavailable (a private window?). A draft lives only in
          its tab and is lost on reload: export it to keep it.
        </p>
      </Alert>
    );
  if (hasDrafts && persistence.data?.persisted === false)
    return (
      <Alert tone="info" title="The browser may clear drafts">
        <p>
          It did not promise to keep this site&apos;s storage, so drafts left
          unused for a while (7 days in Safari) may be removed. Export the ones
          you want to keep.
        </p>
      </Alert>
    );
  return null;
}
