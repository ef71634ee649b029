import { useEffect, useId, useRef, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import type { PackFacets } from "@/lib/api/packs";
import { LIST_SORTS } from "@/pack/pack-list";

import { filterOptions } from "../utils/filter-options";
import {
  DEFAULT_SORT,
  readFilters,
  SORT_LABELS,
  type ListFilters,
} from "../utils/list-filters";

interface PackFiltersProps {
  filters: ListFilters;
  /** The registry's options and counts for these filters; undefined while loading. */
  facets: PackFacets | undefined;
  /**
   * Called with the new filters and the `name` of the control that had the focus (the form is
   * mounted afresh with the URL, so the browser hands that name back as `focus`).
   */
  onChange: (filters: ListFilters, focused: string | null) => void;
  /** The `name` of the control to focus when mounted: the one in use when the URL changed. */
  focus?: string | null;
}

const SELECTS = [
  ["layer", "Layer"],
  ["cloudType", "Cloud type"],
  ["addonType", "Add-on type"],
] as const;

/**
 * Search (applied on Enter or "Search"), three filters whose options come from the registry with
 * counts, and the sort (both applied as soon as they change). The inputs are uncontrolled: the
 * URL holds the state and the form is remounted when it changes.
 */
export function PackFilters({
  filters,
  facets,
  onChange,
  focus,
}: PackFiltersProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  // Mounted afresh after a change it made: the keyboard goes on where it was, not from <body>.
  useEffect(() => {
    if (!focus) return;
    const el = form.current?.querySelector(`[name="${focus}"]`);
    if (el instanceof HTMLElement) el.focus();
  }, [focus]);
  const emit = (next: ListFilters): void => {
    const active = document.activeElement;
    onChange(
      next,
      active && form.current?.contains(active)
        ? active.getAttribute("name")
        : null,
    );
  };

  function read(): ListFilters {
    const data = new FormData(form.current ?? undefined);
    const params = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === "string") params.set(k, v);
    return readFilters(params);
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    emit(read());
  }

  return (
    <form
      ref={form}
      role="search"
      aria-label="Packs"
      className="pack-filters"
      onSubmit={submit}
    >
      <div className="field pack-filters__q">
        <label htmlFor={`${id}-q`}>Search by name</label>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          defaultValue={filters.q}
          placeholder="e.g. nfs or Hello Universe"
        />
      </div>
      {SELECTS.map(([key, label]) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{label}</label>
          <select
            id={`${id}-${key}`}
            name={key}
            defaultValue={filters[key]}
            onChange={() => emit(read())}
          >
            <option value="">Any</option>
            {filterOptions(facets?.[key], filters[key]).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          name="sort"
          defaultValue={filters.sort}
          onChange={() => emit(read())}
        >
          {LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="pack-filters__buttons">
        <Button type="submit" variant="primary">
          Search
        </Button>
        <Button
          name="clear"
          onClick={() =>
            emit({
              q: "",
              layer: "",
              cloudType: "",
              addonType: "",
              sort: DEFAULT_SORT,
            })
          }
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
