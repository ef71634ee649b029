import type { FacetCount } from "@/lib/api/packs";

/** One `<option>` of a filter. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A filter's options: the registry's values with how many packs each finds (the server counts
 * them over the whole registry, with the other filters applied), so no option leads nowhere. The
 * value in use stays listed even when the registry no longer has it (a shared link), without a
 * count.
 */
export function filterOptions(
  counts: readonly FacetCount[] | undefined,
  current: string,
): FilterOption[] {
  const options = (counts ?? [])
    .filter((c) => c.count > 0)
    .map((c) => ({
      value: c.value,
      label: `${c.value} (${c.count} ${c.count === 1 ? "pack" : "packs"})`,
    }));
  if (current && !options.some((o) => o.value === current))
    options.unshift({ value: current, label: current });
  return options;
}
