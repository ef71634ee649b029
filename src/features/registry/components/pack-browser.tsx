import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";

import { RegistryReadError } from "@/components/registry-read-error";
import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { navigate, useSearch } from "@/lib/location";

import { packPagesQueryOptions } from "../api/get-pack-pages";
import { groupVersions } from "../utils/group-versions";
import { filtersSearch, hasFilters, readFilters } from "../utils/list-filters";
import { PackCard } from "./pack-card";
import { PackFilters } from "./pack-filters";
import "../registry.css";
// Links styled as buttons share the button styles.
import "@/components/ui/button.css";

/** The registry browser: search and filters (kept in the URL), the packs found, and paging. */
export function PackBrowser() {
  const filters = readFilters(useSearch());
  const shown = filtersSearch(filters);
  // The control the form's own last change came from, and the list it asked for: focused again
  // only while that list is the one shown (not after back or forward).
  const [focused, setFocused] = useState<{
    control: string | null;
    search: string;
  } | null>(null);
  const list = useInfiniteQuery(packPagesQueryOptions(filters));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const groups = groupVersions(items);
  // Every page carries the same counts over the whole registry; the first one is enough.
  const facets = list.data?.pages[0]?.facets;

  return (
    <div className="pack-browser">
      <title>Review a pack · Packsmith</title>
      <div className="pack-browser__head">
        <h1>Review a pack</h1>
        <Link className="button button--secondary" to={paths.open}>
          Open a local pack
        </Link>
      </div>
      <p className="lead">
        Packs in this registry. Open one to see every file, its findings and how
        it changed.
      </p>
      <PackFilters
        // Remounts with the URL (back/forward), so the form always shows the filters in use; the
        // control in use keeps the focus across its own changes.
        key={shown}
        filters={filters}
        facets={facets}
        focus={focused?.search === shown ? focused.control : null}
        onChange={(next, control) => {
          const search = filtersSearch(next);
          setFocused({ control, search });
          navigate(paths.packs + search, { replace: true });
        }}
      />
      <section aria-labelledby="results-heading" aria-busy={list.isFetching}>
        <h2 id="results-heading" className="visually-hidden">
          Results
        </h2>
        {list.isPending ? (
          <Spinner label="Loading packs…" />
        ) : list.isError ? (
          <RegistryReadError
            error={list.error}
            title="The registry could not be read"
            onRetry={() => void list.refetch()}
          />
        ) : groups.length === 0 ? (
          <p role="status" className="empty">
            {hasFilters(filters)
              ? "No pack matches these filters."
              : "The registry holds no packs yet."}
          </p>
        ) : (
          <>
            <p role="status" className="muted">
              {groups.length} {groups.length === 1 ? "pack" : "packs"} (
              {items.length} {items.length === 1 ? "version" : "versions"})
              {list.hasNextPage ? " so far" : ""}
            </p>
            <ul className="pack-cards">
              {groups.map((g) => (
                <PackCard key={g.name} group={g} />
              ))}
            </ul>
            {list.hasNextPage && (
              <Button
                busy={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Show more packs
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
