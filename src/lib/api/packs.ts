import { queryOptions } from "@tanstack/react-query";

import { apiFetch, apiJson } from "@/lib/api/client";
import type { ListSort, PackFacets } from "@/pack/pack-list";
import type { PackDetail, PackSummary } from "@/pack/registry-types";

export type { PackDetail, PackSummary } from "@/pack/registry-types";
export type { FacetCount, ListSort, PackFacets } from "@/pack/pack-list";

export interface PackListQuery {
  q?: string;
  layer?: string;
  cloudType?: string;
  addonType?: string;
  /** Default `version` (highest version first); see docs/api.md. */
  sort?: ListSort;
  limit?: number;
  cursor?: string;
}

/** `GET /packs`: one page of versions, the next page's cursor, and the filter options with counts. */
export interface PackListPage {
  items: PackSummary[];
  next: string | null;
  facets: PackFacets;
}

/** `GET /packs/{name}`: every version, highest first, and the highest non-prerelease (or null). */
export interface PackVersions {
  name: string;
  latest: string | null;
  versions: PackSummary[];
}

/** Query keys: one factory, so invalidation by prefix (`packKeys.all`) reaches every pack query. */
export const packKeys = {
  all: ["packs"] as const,
  list: (q: PackListQuery) => ["packs", "list", q] as const,
  pack: (name: string) => ["packs", "pack", name] as const,
  version: (name: string, version: string) =>
    ["packs", "version", name, version] as const,
  file: (name: string, version: string, path: string) =>
    ["packs", "file", name, version, path] as const,
};

const enc = encodeURIComponent;

export const packListQueryOptions = (q: PackListQuery) =>
  queryOptions({
    queryKey: packKeys.list(q),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q))
        if (v !== undefined && v !== "") params.set(k, String(v));
      return apiJson<PackListPage>(`/packs?${params}`, { signal });
    },
  });

export const packQueryOptions = (name: string) =>
  queryOptions({
    queryKey: packKeys.pack(name),
    queryFn: ({ signal }) =>
      apiJson<PackVersions>(`/packs/${enc(name)}`, { signal }),
  });

export const packVersionQueryOptions = (name: string, version: string) =>
  queryOptions({
    queryKey: packKeys.version(name, version),
    queryFn: ({ signal }) =>
      apiJson<PackDetail>(`/packs/${enc(name)}/${enc(version)}`, { signal }),
  });

/**
 * The stored archive of a version (zip), for previewing every file in the browser: a Blob, which
 * the pack worker reads, so the page's thread never holds or copies the bytes.
 */
export const packArchiveQueryOptions = (name: string, version: string) =>
  queryOptions({
    queryKey: [...packKeys.version(name, version), "archive"] as const,
    queryFn: async ({ signal }) =>
      (
        await apiFetch(`/packs/${enc(name)}/${enc(version)}/archive`, {
          signal,
        })
      ).blob(),
    staleTime: Infinity,
  });

/** The archive's path under `/api/v1` (for apiFetch); `archiveUrl` is the browser's URL. */
export const archivePath = (
  name: string,
  version: string,
  format: "zip" | "tar.gz" = "zip",
): string =>
  `/packs/${enc(name)}/${enc(version)}/archive${format === "tar.gz" ? "?format=tar.gz" : ""}`;
export const archiveUrl = (
  name: string,
  version: string,
  format: "zip" | "tar.gz" = "zip",
): string => `/api/v1${archivePath(name, version, format)}`;
const logoPath = (name: string, version: string): string =>
  `/packs/${enc(name)}/${enc(version)}/logo`;
export const logoUrl = (name: string, version: string): string =>
  `/api/v1${logoPath(name, version)}`;

/**
 * A version's logo fetched with the session token, as a Blob (see usePackLogo). A 404 (no logo)
 * is final, like every 4xx (query-client.ts).
 */
export const packLogoQueryOptions = (name: string, version: string) =>
  queryOptions({
    queryKey: [...packKeys.version(name, version), "logo"] as const,
    queryFn: async ({ signal }) =>
      (await apiFetch(logoPath(name, version), { signal })).blob(),
    staleTime: Infinity,
  });
