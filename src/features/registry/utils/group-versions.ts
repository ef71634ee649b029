import type { PackSummary } from "@/lib/api/packs";

/** One pack in the browser: its newest listed version and every listed version, newest first. */
export interface PackGroup {
  name: string;
  latest: PackSummary;
  versions: PackSummary[];
}

/**
 * Group the API's version list (newest first) by pack name, keeping that order: a pack appears
 * where its newest version does.
 */
export function groupVersions(items: readonly PackSummary[]): PackGroup[] {
  const groups = new Map<string, PackGroup>();
  for (const item of items) {
    const g = groups.get(item.name);
    if (g) g.versions.push(item);
    else
      groups.set(item.name, {
        name: item.name,
        latest: item,
        versions: [item],
      });
  }
  return [...groups.values()];
}
