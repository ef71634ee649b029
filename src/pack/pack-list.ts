import type { PackSummary } from "./registry-types";
import { highestFirst } from "./semver-order";

/*
 * The registry's list (`GET /packs`): filters, the three sort orders with the keys their cursors
 * carry, and the counts per filter option (facets). Pure functions over PackSummary, used by the
 * server; the app uses the same normalisation to show add-on types.
 */

/** `sort=` values; `version` (highest version first) is the contract's default. */
export const LIST_SORTS = ["version", "name", "uploaded"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export const isListSort = (s: string): s is ListSort =>
  (LIST_SORTS as readonly string[]).includes(s);

/** The list's filters; an empty or absent value does not filter. */
export interface ListFilter {
  q?: string;
  layer?: string;
  cloudType?: string;
  addonType?: string;
}

/** The filters that have options and counts. */
export const FACETS = ["layer", "cloudType", "addonType"] as const;
export type Facet = (typeof FACETS)[number];

/** One filter option: the value to send back as the filter, and how many packs it matches. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Options per filter, each counted over the packs that match every other filter. */
export type PackFacets = Record<Facet, FacetCount[]>;

/**
 * The add-on type as shown and compared: lower case, `-` and `_` read as spaces, blanks
 * collapsed. pack-central writes both `app services` (the documented value) and `app-services`;
 * both become `app services`.
 */
export function normalizeAddonType(addonType: string): string {
  return addonType
    .toLowerCase()
    .replace(/[-_\s]+/g, " ")
    .trim();
}

/** The cloud type that stands for every cloud (pack-format §A.3). */
const ALL_CLOUDS = "all";

/**
 * Does one filter value match a summary? A cloud type matches packs that list it and packs whose
 * cloudTypes is `all` (they run on that cloud too); `cloudType=all` matches only the `all` packs.
 */
function matches(s: PackSummary, facet: Facet, value: string): boolean {
  switch (facet) {
    case "layer":
      return s.layer === value;
    case "cloudType":
      return s.cloudTypes.includes(value) || s.cloudTypes.includes(ALL_CLOUDS);
    case "addonType":
      return (
        s.addonType !== undefined &&
        normalizeAddonType(s.addonType) === normalizeAddonType(value)
      );
  }
}

/** Does a summary pass the filters, leaving out `except` (for counting that filter's options)? */
export function matchesFilter(
  s: PackSummary,
  f: ListFilter,
  except?: Facet,
): boolean {
  const needle = (f.q ?? "").trim().toLowerCase();
  if (
    needle &&
    !s.name.toLowerCase().includes(needle) &&
    !s.displayName.toLowerCase().includes(needle)
  )
    return false;
  return FACETS.every((facet) => {
    const value = f[facet];
    return facet === except || !value || matches(s, facet, value);
  });
}

/** The option values one summary offers for a filter. */
function valuesOf(s: PackSummary, facet: Facet): string[] {
  switch (facet) {
    case "layer":
      return [s.layer];
    case "cloudType":
      return s.cloudTypes;
    case "addonType":
      return s.addonType?.trim() ? [normalizeAddonType(s.addonType)] : [];
  }
}

/**
 * Options and counts for each filter, built from the stored versions: the values some version
 * has, each counting the distinct packs (names) that match it together with every other filter in
 * `f`, and left out when that count is 0. So no option leads to an empty list, an option stays
 * offered while it is selected, and a cloud named anywhere in the registry is offered while
 * `all` packs match it (they run there too).
 */
export function packFacets(
  items: readonly PackSummary[],
  f: ListFilter,
): PackFacets {
  const out = {} as PackFacets;
  for (const facet of FACETS) {
    const pool = items.filter((s) => matchesFilter(s, f, facet));
    const values = new Set(items.flatMap((s) => valuesOf(s, facet)));
    out[facet] = [...values]
      .map((value) => ({
        value,
        count: new Set(
          pool.filter((s) => matches(s, facet, value)).map((s) => s.name),
        ).size,
      }))
      .filter((o) => o.count > 0)
      .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return out;
}

/**
 * Where an item stands in a sort order; a cursor carries the key of a page's last item. `uploaded`
 * is the newest `createdAt` of the item's pack among the listed versions (sort=uploaded only).
 */
export interface ListKey {
  name: string;
  version: string;
  uploaded?: string;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newer first by instant; equal or unreadable instants by string, newer first. */
function newerFirst(a: string, b: string): number {
  const x = Date.parse(a);
  const y = Date.parse(b);
  const d = (Number.isNaN(y) ? 0 : y) - (Number.isNaN(x) ? 0 : x);
  return d !== 0 ? Math.sign(d) : byString(b, a);
}

/**
 * The total order of a sort over keys (name and version are unique together, so no two items tie):
 * - `version`: highest version first (semver-order), then name A→Z;
 * - `name`: name A→Z, then highest version first;
 * - `uploaded`: packs by their newest upload first, then name A→Z, then highest version first, so
 *   a pack's versions stay together and its highest version comes first.
 */
export function compareKeys(sort: ListSort, a: ListKey, b: ListKey): number {
  switch (sort) {
    case "version":
      return highestFirst(a.version, b.version) || byString(a.name, b.name);
    case "name":
      return byString(a.name, b.name) || highestFirst(a.version, b.version);
    case "uploaded":
      return (
        newerFirst(a.uploaded ?? "", b.uploaded ?? "") ||
        byString(a.name, b.name) ||
        highestFirst(a.version, b.version)
      );
  }
}

/** The items in a sort order, each with its key (for the cursor of the page it ends). */
export function sortSummaries(
  items: readonly PackSummary[],
  sort: ListSort,
): { item: PackSummary; key: ListKey }[] {
  const newest = new Map<string, string>();
  if (sort === "uploaded")
    for (const s of items) {
      const seen = newest.get(s.name);
      if (seen === undefined || newerFirst(s.createdAt, seen) < 0)
        newest.set(s.name, s.createdAt);
    }
  return items
    .map((item) => ({
      item,
      key:
        sort === "uploaded"
          ? {
              name: item.name,
              version: item.version,
              uploaded: newest.get(item.name) ?? item.createdAt,
            }
          : { name: item.name, version: item.version },
    }))
    .sort((a, b) => compareKeys(sort, a.key, b.key));
}
