import { queryOptions, type QueryClient } from "@tanstack/react-query";

import {
  openDraftStore,
  type DraftSaveInput,
  type DraftStore,
  type StoredDraft,
} from "@/features/drafts/api/draft-store";

/** Query keys of the drafts kept in this browser. */
export const draftKeys = {
  all: ["drafts"] as const,
  store: () => ["drafts", "store"] as const,
  list: () => ["drafts", "list"] as const,
  draft: (id: string) => ["drafts", "draft", id] as const,
  persistence: () => ["drafts", "persistence"] as const,
};

/** The store (IndexedDB, or memory when it is unavailable). */
export const draftStoreQueryOptions = () =>
  queryOptions({
    queryKey: draftKeys.store(),
    queryFn: openDraftStore,
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const draftListQueryOptions = () =>
  queryOptions({
    queryKey: draftKeys.list(),
    queryFn: async () => (await openDraftStore()).list(),
    staleTime: 0,
  });

/**
 * Ask the browser to keep this site's storage (security.md case 69). `persisted` false means the
 * browser may evict drafts (Safari after 7 days unused): the UI says so and offers an export.
 */
export const storagePersistenceQueryOptions = () =>
  queryOptions({
    queryKey: draftKeys.persistence(),
    queryFn: async (): Promise<{ persisted: boolean }> => {
      const storage =
        typeof navigator === "undefined" ? undefined : navigator.storage;
      if (!storage?.persist) return { persisted: false };
      try {
        if (await storage.persisted()) return { persisted: true };
        return { persisted: await storage.persist() };
      } catch {
        return { persisted: false };
      }
    },
    staleTime: Infinity,
  });

/** One stored draft with its files. Read once per opening: the wizard owns it from then on. */
export const draftQueryOptions = (id: string) =>
  queryOptions({
    queryKey: draftKeys.draft(id),
    queryFn: async () => (await openDraftStore()).load(id),
    staleTime: Infinity,
    gcTime: 0,
  });

/**
 * A draft this page has just stored, put where draftQueryOptions finds it: opening it next (a new
 * or imported draft) uses the data and bytes in hand instead of reading every file back from
 * IndexedDB, which took about 0.4 s for a 100 MB pack. Opened drafts are still read once per
 * opening: the entry goes when the draft is closed (gcTime 0).
 */
export function rememberSavedDraft(
  queryClient: QueryClient,
  input: DraftSaveInput,
  blobs: Map<string, Uint8Array>,
  saved: { rev: number; savedAt: string },
): void {
  const draft: StoredDraft = {
    id: input.id,
    title: input.title,
    subtitle: input.subtitle,
    data: input.data,
    blobIds: input.blobIds,
    createdAt: saved.savedAt,
    savedAt: saved.savedAt,
    rev: saved.rev,
  };
  const loaded: Awaited<ReturnType<DraftStore["load"]>> = { draft, blobs };
  queryClient.setQueryData(draftQueryOptions(input.id).queryKey, loaded);
}
