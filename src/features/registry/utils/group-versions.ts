import type { PackSummary } from "@/lib/api/packs";
import { highestFirst } from "@/pack/semver-order";

/** One pack in the browser: its highest listed version and every listed version, highest first. */
export interface PackGroup {
  name: string;
  highest: PackSummary;
  versions: PackSummary[];
}

/**
 * Group the API's version list by pack name. A pack appears where its first listed version does
 * (the API's sort decides the order of packs); its versions are put in semver order whatever the
 * sort or the upload order, so the card's title is always the highest version listed.
 */
export function groupVersions(items: readonly PackSummary[]): PackGroup[] {
  const groups = new Map<string, PackSummary[]>();
  for (const item of items) {
    const g = groups.get(item.name);
    if (g) g.push(item);
    else groups.set(item.name, [item]);
  }
  return [...groups].map(([name, listed]) => {
    const versions = [...listed].sort((a, b) =>
      highestFirst(a.version, b.version),
    );
    return { name, highest: versions[0]!, versions };
  });
}
