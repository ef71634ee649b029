/** `2.0.0 (latest, shown)`: a version with what sets it apart, for options and lists. */
export function versionLabel(
  version: string,
  latest: string | null,
  current?: string,
): string {
  const notes = [
    version === latest ? "latest" : "",
    version === current ? "shown" : "",
  ].filter(Boolean);
  return notes.length ? `${version} (${notes.join(", ")})` : version;
}

/** `sha256:0123456789ab`: enough of a digest to tell versions apart at a glance. */
export function shortDigest(digest: string): string {
  const [algo, hex] = digest.includes(":")
    ? (digest.split(":", 2) as [string, string])
    : ["", digest];
  return `${algo ? `${algo}:` : ""}${hex.slice(0, 12)}`;
}
