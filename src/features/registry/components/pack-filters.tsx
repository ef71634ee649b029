import { useId, useRef, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  ADDON_TYPES,
  CLOUD_TYPES,
  CLOUD_TYPES_API_ONLY,
  LAYERS,
} from "@/pack/schemas";

import type { ListFilters } from "../utils/list-filters";

interface PackFiltersProps {
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
}

// pack-central really uses the hyphenated `app-services` next to the documented `app services`
// (pack-format §A.2), and the registry filters by exact value, so both are offered.
const ADDON_OPTIONS = [...ADDON_TYPES, "app-services"].sort();
const CLOUD_OPTIONS = [...CLOUD_TYPES, ...CLOUD_TYPES_API_ONLY];

/**
 * Search (applied on Enter or "Search") and three filters (applied as soon as they change). The
 * inputs are uncontrolled: the URL holds the filters and the form is remounted when it changes.
 */
export function PackFilters({ filters, onChange }: PackFiltersProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);

  function read(): ListFilters {
    const data = new FormData(form.current ?? undefined);
    const get = (k: string) => String(data.get(k) ?? "");
    return {
      q: get("q"),
      layer: get("layer"),
      cloudType: get("cloudType"),
      addonType: get("addonType"),
    };
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    onChange(read());
  }

  const select = (
    key: "layer" | "cloudType" | "addonType",
    label: string,
    options: readonly string[],
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        name={key}
        defaultValue={filters[key]}
        onChange={() => onChange(read())}
      >
        <option value="">Any</option>
        {/* A value from a shared link that is not in the list still shows as selected. */}
        {filters[key] && !options.includes(filters[key]) && (
          <option value={filters[key]}>{filters[key]}</option>
        )}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );

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
      {select("layer", "Layer", LAYERS)}
      {select("cloudType", "Cloud type", CLOUD_OPTIONS)}
      {select("addonType", "Add-on type", ADDON_OPTIONS)}
      <div className="pack-filters__buttons">
        <Button type="submit" variant="primary">
          Search
        </Button>
        <Button
          onClick={() =>
            onChange({ q: "", layer: "", cloudType: "", addonType: "" })
          }
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
