/** The registry browser's search and filters; they live in the URL so a filtered list is a link. */
export interface ListFilters {
  q: string;
  layer: string;
  cloudType: string;
  addonType: string;
}

export const FILTER_KEYS = ["q", "layer", "cloudType", "addonType"] as const;

export function readFilters(search: URLSearchParams): ListFilters {
  return {
    q: search.get("q")?.trim() ?? "",
    layer: search.get("layer") ?? "",
    cloudType: search.get("cloudType") ?? "",
    addonType: search.get("addonType") ?? "",
  };
}

/** The query string for filters, empty ones left out (`?q=nfs&layer=csi`, or ''). */
export function filtersSearch(f: ListFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k].trim()) p.set(k, f[k].trim());
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const hasFilters = (f: ListFilters): boolean =>
  FILTER_KEYS.some((k) => f[k] !== "");
