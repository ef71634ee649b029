import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiJson } from "@/lib/api/client";

/** Where this server keeps its packs, from `GET /health` (the contract: `"fs"` or `"oci"`). */
export type ServerStorage = "fs" | "oci" | "unknown";

export const serverKeys = {
  health: ["server", "health"] as const,
};

/** The health answer read defensively: anything unexpected is "unknown", never an error. */
export function readStorage(body: unknown): ServerStorage {
  const storage =
    typeof body === "object" && body !== null && "storage" in body
      ? body.storage
      : undefined;
  return storage === "fs" || storage === "oci" ? storage : "unknown";
}

export const serverStorageQueryOptions = () =>
  queryOptions({
    queryKey: serverKeys.health,
    queryFn: async ({ signal }) =>
      readStorage(await apiJson<unknown>("/health", { signal })),
    staleTime: 5 * 60_000,
  });

/** This server's storage; "unknown" while loading or when the server cannot say. */
export function useServerStorage(): ServerStorage {
  return useQuery(serverStorageQueryOptions()).data ?? "unknown";
}
