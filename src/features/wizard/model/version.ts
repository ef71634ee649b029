import { SEMVER } from "@/pack/schemas";

/**
 * The version a new version of a pack starts from: the patch bumped for SemVer (a pre-release
 * dropped), otherwise the same text (the user decides). `1.2.3` → `1.2.4`, `1.2.3-rc.1` → `1.2.3`.
 */
export function nextVersion(version: string): string {
  const m = SEMVER.exec(version);
  if (!m) return version;
  const [, major, minor, patch, pre] = m;
  if (pre) return `${major}.${minor}.${patch}`;
  return `${major}.${minor}.${Number(patch) + 1}`;
}

/** Advice (not an error) when a version is a legal tag but not SemVer. */
export function versionAdvice(version: string): string | null {
  if (version === "" || SEMVER.test(version)) return null;
  return "Palette's docs ask for semantic versioning (MAJOR.MINOR.PATCH, e.g. 1.2.3): this works, but sorts oddly.";
}
