import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiJson } from "@/lib/api/client";

/** Where this server keeps its packs, from `GET /health` (the contract: `"fs"` or `"oci"`). */
export type ServerStorage = "fs" | "oci" | "unknown";

/** The OCI registry as Palette reaches it, when the operator published it (docs/api.md). */
export interface PublishedRegistry {
  host: string;
  basePath: string;
}

export interface ServerHealth {
  storage: ServerStorage;
  registry?: PublishedRegistry;
}

export const serverKeys = {
  health: ["server", "health"] as const,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null;

/** The health answer read defensively: anything unexpected is "unknown", never an error. */
export function readHealth(body: unknown): ServerHealth {
  const storage = isObject(body) ? body.storage : undefined;
  const health: ServerHealth = {
    storage: storage === "fs" || storage === "oci" ? storage : "unknown",
  };
  const registry = isObject(body) ? body.registry : undefined;
  if (
    health.storage === "oci" &&
    isObject(registry) &&
    typeof registry.host === "string" &&
    registry.host !== "" &&
    typeof registry.basePath === "string"
  )
    health.registry = { host: registry.host, basePath: registry.basePath };
  return health;
}

export const serverHealthQueryOptions = () =>
  queryOptions({
    queryKey: serverKeys.health,
    queryFn: async ({ signal }) =>
      readHealth(await apiJson<unknown>("/health", { signal })),
    staleTime: 5 * 60_000,
  });

/** This server's storage and published registry; storage "unknown" while loading or when it cannot say. */
export function useServerHealth(): ServerHealth {
  return useQuery(serverHealthQueryOptions()).data ?? { storage: "unknown" };
}
