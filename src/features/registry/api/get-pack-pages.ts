import { infiniteQueryOptions } from "@tanstack/react-query";

import { apiJson } from "@/lib/api/client";
import { packKeys, type PackListPage } from "@/lib/api/packs";

import { filtersQuery, type ListFilters } from "../utils/list-filters";

/** Versions per page of the registry browser. */
export const PAGE_SIZE = 24;

/**
 * The registry's version list, filtered and sorted, one page per "Show more"; every page carries
 * the filter options with their counts over the whole registry. Keyed under `packKeys.all` so an
 * upload or delete that invalidates the packs prefix refreshes it too.
 */
export const packPagesQueryOptions = (filters: ListFilters) =>
  infiniteQueryOptions({
    queryKey: [
      ...packKeys.list({ ...filters, limit: PAGE_SIZE }),
      "pages",
    ] as const,
    initialPageParam: "",
    getNextPageParam: (last: PackListPage) => last.next ?? undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({
        limit: String(PAGE_SIZE),
        ...filtersQuery(filters),
      });
      if (pageParam) params.set("cursor", pageParam);
      return apiJson<PackListPage>(`/packs?${params}`, { signal });
    },
  });
