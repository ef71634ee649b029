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

/** The two sides of a comparison, lower first: the base of the diff on the left. */
export function compareSides(a: string, b: string): [string, string] {
  return compareVersions(a, b) <= 0 ? [a, b] : [b, a];
}
