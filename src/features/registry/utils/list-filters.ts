import {
  isListSort,
  normalizeAddonType,
  type ListSort,
} from "@/pack/pack-list";

/**
 * The registry browser's search, filters and sort; they live in the URL so a filtered, sorted
 * list is a link.
 */
export interface ListFilters {
  q: string;
  layer: string;
  cloudType: string;
  addonType: string;
  sort: ListSort;
}

export const FILTER_KEYS = ["q", "layer", "cloudType", "addonType"] as const;

/**
 * The browser's default order, left out of the URL: by pack name, so a reviewer scanning the
 * registry finds a pack where the alphabet puts it. (The API's own default is highest version
 * first; the browser always sends its sort.)
 */
export const DEFAULT_SORT: ListSort = "name";

/**
 * "Pack name": the order is the API's `sort=name`, by the pack's `name` (the code under each
 * card's title), not by the display name the title shows.
 */
export const SORT_LABELS: Record<ListSort, string> = {
  name: "Pack name",
  version: "Highest version",
  uploaded: "Recently uploaded",
};

export function readFilters(search: URLSearchParams): ListFilters {
  const sort = search.get("sort") ?? "";
  return {
    q: search.get("q")?.trim() ?? "",
    layer: search.get("layer") ?? "",
    cloudType: search.get("cloudType") ?? "",
    // Both spellings pack-central uses (`app-services`, `app services`) show as one option.
    addonType: normalizeAddonType(search.get("addonType") ?? ""),
    sort: isListSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** The query string for filters, empty ones and the default sort left out (`?q=nfs&layer=csi`, or ''). */
export function filtersSearch(f: ListFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k].trim()) p.set(k, f[k].trim());
  if (f.sort !== DEFAULT_SORT) p.set("sort", f.sort);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Whether anything narrows the list (the sort does not). */
export const hasFilters = (f: ListFilters): boolean =>
  FILTER_KEYS.some((k) => f[k] !== "");

/** The API query for the filters: empty ones left out, the sort always sent. */
export function filtersQuery(f: ListFilters): Record<string, string> {
  const out: Record<string, string> = { sort: f.sort };
  for (const k of FILTER_KEYS) if (f[k]) out[k] = f[k];
  return out;
}
