import { compareVersions } from "@/pack/semver-order";

/**
 * The version "Compare with" offers first: the next lower one (what the version on screen most
 * likely replaced), else the closest higher one. `versions` is highest first.
 */
export function defaultCompareWith(
  versions: readonly string[],
  current: string,
): string | undefined {
  const others = versions.filter((v) => v !== current);
  return (
    others.find((v) => compareVersions(v, current) < 0) ??
    others[others.length - 1]
  );
}

/**
 * The registry version a local pack is compared with first: its own version when the registry
 * holds it (is the file on disk what the registry serves?), else as {@link defaultCompareWith}.
 * `versions` is highest first.
 */
export function defaultLocalCompareWith(
  versions: readonly string[],
  local: string | undefined,
): string | undefined {
  if (local === undefined) return versions[0];
  return versions.includes(local) ? local : defaultCompareWith(versions, local);
}

/** The two sides of a comparison, lower first: the base of the diff on the left. */
export function compareSides(a: string, b: string): [string, string] {
  return compareVersions(a, b) <= 0 ? [a, b] : [b, a];
}
