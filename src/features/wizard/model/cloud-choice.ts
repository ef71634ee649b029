/** The cloud type that stands for every cloud (pack-format §A.3). */
const ALL = "all";

/**
 * The clouds after a click in the Clouds checkboxes: `all` and named clouds exclude each other,
 * since `all` already covers every cloud (none of the 220 real packs lists both). Ticking All
 * leaves it alone; ticking a cloud while All is ticked unticks All; unticking the last one
 * ticks All. A list that mixes them
 * already (an imported pack) is left as it is until a box changes it.
 */
export function chooseClouds(
  previous: readonly string[],
  next: readonly string[],
): string[] {
  const added = next.filter((c) => !previous.includes(c));
  if (added.includes(ALL)) return [ALL];
  if (added.length > 0 && next.includes(ALL))
    return next.filter((c) => c !== ALL);
  // Unticking the last cloud goes back to All: a pack needs one, and ticking a cloud then
  // unticking it (All having gone with the tick) leaves the list as it was.
  return next.length > 0 ? [...next] : [ALL];
}
