import {
  compareKeys,
  isListSort,
  LIST_SORTS,
  matchesFilter,
  packFacets,
  sortSummaries,
  type ListFilter,
  type ListKey,
  type ListSort,
  type PackFacets,
} from "../src/pack/pack-list";
import type { PackSummary } from "../src/pack/registry-types";
import { highestFirst, latestVersion } from "../src/pack/semver-order";

/** `GET /packs`' answer: the contract's `items` and `next`, plus the filter options (`facets`). */
export interface PackListPage {
  items: PackSummary[];
  next: string | null;
  facets: PackFacets;
}

export type ListError = {
  code: "QUERY_INVALID" | "CURSOR_INVALID";
  message: string;
};

const PARAMS = [
  "q",
  "layer",
  "cloudType",
  "addonType",
  "limit",
  "cursor",
  "sort",
] as const;

/** Items a page holds when `limit` is not given, and the most it may ask for. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/**
 * One page of the list for a raw query (Fastify's parsed query string). A repeated parameter,
 * an unknown sort, a `limit` that is not a whole number from 1 to 200 or a cursor this server did
 * not issue for this sort is an error (400), never a guess.
 */
export function listPacks(
  all: readonly PackSummary[],
  query: Record<string, unknown>,
): { ok: true; value: PackListPage } | { ok: false; error: ListError } {
  const q: Partial<Record<(typeof PARAMS)[number], string>> = {};
  for (const key of PARAMS) {
    const v = query[key];
    if (v === undefined) continue;
    if (typeof v !== "string")
      return fail(
        "QUERY_INVALID",
        `the query parameter \`${key}\` is given more than once; give it once`,
      );
    q[key] = v;
  }
  const sort = q.sort || "version";
  if (!isListSort(sort))
    return fail(
      "QUERY_INVALID",
      `sort is one of ${LIST_SORTS.join(", ")}, not \`${sort.slice(0, 50)}\``,
    );
  const limit = !q.limit
    ? DEFAULT_LIMIT
    : /^\d{1,3}$/.test(q.limit)
      ? Number(q.limit)
      : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    return fail(
      "QUERY_INVALID",
      `limit is a whole number from 1 to ${MAX_LIMIT}, not \`${(q.limit ?? "").slice(0, 20)}\``,
    );
  const filter: ListFilter = {
    q: q.q,
    layer: q.layer,
    cloudType: q.cloudType,
    addonType: q.addonType,
  };
  let ordered = sortSummaries(
    all.filter((s) => matchesFilter(s, filter)),
    sort,
  );
  if (q.cursor) {
    const after = decodeCursor(q.cursor, sort);
    if (!after)
      return fail(
        "CURSOR_INVALID",
        `the cursor is not one this server issued for sort=${sort}`,
      );
    ordered = ordered.filter((o) => compareKeys(sort, o.key, after) > 0);
  }
  const page = ordered.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ok: true,
    value: {
      items: page.map((o) => o.item),
      next:
        ordered.length > limit && last ? encodeCursor(sort, last.key) : null,
      facets: packFacets(all, filter),
    },
  };
}

/** `GET /packs/{name}`: the pack's versions highest first and its `latest`. */
export function packVersions(
  all: readonly PackSummary[],
  name: string,
): { name: string; latest: string | null; versions: PackSummary[] } | null {
  const versions = all
    .filter((s) => s.name === name)
    .sort((a, b) => highestFirst(a.version, b.version));
  if (!versions.length) return null;
  return {
    name,
    latest: latestVersion(versions.map((v) => v.version)),
    versions,
  };
}

const fail = (
  code: ListError["code"],
  message: string,
): { ok: false; error: ListError } => ({ ok: false, error: { code, message } });

/** A cursor is the sort and the key of the last item sent: `base64url(JSON [sort, name, version, uploaded?])`. */
function encodeCursor(sort: ListSort, key: ListKey): string {
  const parts: string[] = [sort, key.name, key.version];
  if (key.uploaded !== undefined) parts.push(key.uploaded);
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

function decodeCursor(cursor: string, sort: ListSort): ListKey | null {
  try {
    const parts = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as unknown;
    if (!Array.isArray(parts) || !parts.every((p) => typeof p === "string"))
      return null;
    const [s, name, version, uploaded] = parts as string[];
    if (s !== sort || name === undefined || version === undefined) return null;
    if (sort === "uploaded")
      return uploaded ? { name, version, uploaded } : null;
    return parts.length === 3 ? { name, version } : null;
  } catch {
    return null;
  }
}
