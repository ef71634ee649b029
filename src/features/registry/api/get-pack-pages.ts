import { infiniteQueryOptions } from "@tanstack/react-query";

import { apiJson } from "@/lib/api/client";
import { packKeys, type PackSummary } from "@/lib/api/packs";

import type { ListFilters } from "../utils/list-filters";

/** Versions per page of the registry browser. */
export const PAGE_SIZE = 24;

export interface PackPage {
  items: PackSummary[];
  next: string | null;
}

/**
 * The registry's version list, filtered, one page per "Show more". Keyed under `packKeys.all` so
 * an upload or delete that invalidates the packs prefix refreshes it too.
 */
export const packPagesQueryOptions = (filters: ListFilters) =>
  infiniteQueryOptions({
    queryKey: [
      ...packKeys.list({ ...filters, limit: PAGE_SIZE }),
      "pages",
    ] as const,
    initialPageParam: "",
    getNextPageParam: (last: PackPage) => last.next ?? undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
      if (pageParam) params.set("cursor", pageParam);
      return apiJson<PackPage>(`/packs?${params}`, { signal });
    },
  });
