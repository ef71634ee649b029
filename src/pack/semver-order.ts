// The function modules, not the package index: the app bundles only parsing and comparing.
import type SemVer from "semver/classes/semver.js";
import compareBuild from "semver/functions/compare-build.js";
import parse from "semver/functions/parse.js";

/*
 * Version order, registry-api.md "version 2": versions sort by semantic version, a prerelease
 * below its release, and versions that are not semver come after (below) every semver one, by
 * string. The server's lists, `latest`, the registry browser, the pack page and compare all use
 * this one comparator.
 *
 * "Semver" means SemVer 2.0.0 exactly as the specification writes it, checked with node-semver in
 * strict mode plus one rule it relaxes: node-semver accepts a leading `v` (and surrounding blanks),
 * the specification does not ("Is v1.2.3 a semantic version? No.", semver.org FAQ). So, of the
 * versions real packs use, `0.30.0-5.5.2026` is semver (a prerelease of 0.30.0), while `v1.12.0`,
 * `1.5` and `26.02.1` (a leading zero) are not.
 */

/** Parsed versions, so sorting a long list parses each string once; bounded, cleared when full. */
const cache = new Map<string, SemVer | null>();
const CACHE_LIMIT = 10_000;

function strict(version: string): SemVer | null {
  const hit = cache.get(version);
  if (hit !== undefined) return hit;
  const parsed = parse(version, { loose: false });
  // node-semver strips a leading `v`/`=` and blanks; the specification's grammar has neither.
  const exact =
    parsed &&
    `${parsed.format()}${parsed.build.length ? `+${parsed.build.join(".")}` : ""}` ===
      version
      ? parsed
      : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(version, exact);
  return exact;
}

/** True when `version` is a SemVer 2.0.0 version as the specification writes it (no `v`). */
export function isSemver(version: string): boolean {
  return strict(version) !== null;
}

/** True when `version` is semver and has a prerelease part (`1.0.0-rc.1`, `0.30.0-5.5.2026`). */
export function isPrerelease(version: string): boolean {
  return (strict(version)?.prerelease.length ?? 0) > 0;
}

/** Code-unit order: the same on every machine and in every locale (cursors depend on it). */
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ascending total order over version strings (negative when `a` is lower): every non-semver
 * version is below every semver one; semver versions by precedence (a prerelease below its
 * release), equal precedence (build metadata) by string; non-semver versions by string. Two
 * different strings never compare equal, so sorting is deterministic.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const x = strict(a);
  const y = strict(b);
  if (x && y) return compareBuild(x, y) || byString(a, b);
  if (x) return 1;
  if (y) return -1;
  return byString(a, b);
}

/** Highest first, the order of every list of versions the API and the app show. */
export const highestFirst = (a: string, b: string): number =>
  compareVersions(b, a);

/** A copy of `versions` sorted highest first. */
export function sortHighestFirst(versions: readonly string[]): string[] {
  return [...versions].sort(highestFirst);
}

/**
 * The contract's `latest`: the highest version that is not a prerelease (a non-semver version is
 * not a prerelease, so it qualifies, below every semver release). `null` when every version is a
 * prerelease: the contract defines latest as a non-prerelease, so none is invented.
 */
export function latestVersion(versions: readonly string[]): string | null {
  let best: string | null = null;
  for (const v of versions)
    if (!isPrerelease(v) && (best === null || compareVersions(v, best) > 0))
      best = v;
  return best;
}

/**
 * What going from `from` to `to` is, for labels: `unknown` when either side is not semver (its
 * place in lists is a convention, not an order of releases, so no upgrade or downgrade is claimed).
 */
export function versionChange(
  from: string,
  to: string,
): "upgrade" | "downgrade" | "same" | "unknown" {
  if (from === to) return "same";
  if (!isSemver(from) || !isSemver(to)) return "unknown";
  const c = compareVersions(to, from);
  return c > 0 ? "upgrade" : c < 0 ? "downgrade" : "same";
}
