import { compareBytes } from "@/pack/pack-files";

export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

export type FileChange =
  | { status: "added"; path: string; after: FileEntry }
  | { status: "removed"; path: string; before: FileEntry }
  | { status: "changed"; path: string; before: FileEntry; after: FileEntry }
  | { status: "unchanged"; path: string; before: FileEntry; after: FileEntry };

/** values.yaml is what a reviewer reads first; then pack.json; then everything else by path. */
const rank = (path: string): number =>
  path === "values.yaml" ? 0 : path === "pack.json" ? 1 : 2;
export const reviewOrder = (a: string, b: string): number =>
  rank(a) - rank(b) || compareBytes(a, b);

/** Compare two versions' file lists by SHA-256: what was added, removed, changed or kept. */
export function diffFileLists(
  before: readonly FileEntry[],
  after: readonly FileEntry[],
): FileChange[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const out: FileChange[] = [];
  for (const a of after) {
    const b = old.get(a.path);
    if (!b) out.push({ status: "added", path: a.path, after: a });
    else
      out.push({
        status: b.sha256 === a.sha256 ? "unchanged" : "changed",
        path: a.path,
        before: b,
        after: a,
      });
    old.delete(a.path);
  }
  for (const b of old.values())
    out.push({ status: "removed", path: b.path, before: b });
  return out.sort((x, y) => reviewOrder(x.path, y.path));
}

/** A chart archive's name without its version: `charts/argo-cd-5.46.7.tgz` → `charts/argo-cd`. */
export const chartStem = (path: string): string | null =>
  /\.tgz$/i.test(path)
    ? path.replace(/-v?\d[0-9A-Za-z.+_-]*\.tgz$/i, "").replace(/\.tgz$/i, "")
    : null;

/**
 * Chart archives that a new version replaced under a new file name (`charts/app-1.0.0.tgz` removed,
 * `charts/app-1.1.0.tgz` added): paired by folder and chart name so their contents can be compared.
 */
export function replacedCharts(
  changes: readonly FileChange[],
): { before: string; after: string }[] {
  const byStem = (status: "added" | "removed") => {
    const m = new Map<string, string[]>();
    for (const c of changes) {
      const stem = c.status === status ? chartStem(c.path) : null;
      if (stem !== null) m.set(stem, [...(m.get(stem) ?? []), c.path]);
    }
    return m;
  };
  const removed = byStem("removed");
  // Only an unambiguous one-for-one replacement is a pair.
  return [...byStem("added")].flatMap(([stem, added]) => {
    const gone = removed.get(stem);
    return added.length === 1 && gone?.length === 1
      ? [{ before: gone[0] ?? "", after: added[0] ?? "" }]
      : [];
  });
}
