import type { ChartDependency, ChartMaintainer } from "./chart-meta";
import type { FileDigest } from "./digest";
import { compareBytes } from "./pack-files";

/*
 * What changed between two versions' charts, computed from what registry-api.md version 2 lists
 * per chart (`PackDetail.charts[]`: Chart.yaml and each inner file's size and SHA-256). Nothing
 * here needs an archive's bytes, so a compare page lists every added, removed and changed inner
 * file at once and expands an archive only when one of its diffs is opened.
 */

/** One side of a chart comparison: the fields of `PackDetail.charts[]` that are compared. */
export interface ChartSide {
  /** The archive's path in the pack: `charts/argo-cd-5.51.6.tgz`. */
  file: string;
  /** Chart.yaml `name` ('' when the archive cannot be read). */
  name: string;
  version: string;
  appVersion?: string;
  kubeVersion?: string;
  description?: string;
  type?: string;
  apiVersion?: string;
  home?: string;
  icon?: string;
  deprecated?: boolean;
  sources?: string[];
  keywords?: string[];
  maintainers?: ChartMaintainer[];
  annotations?: Record<string, string>;
  dependencies: ChartDependency[];
  /** Every file inside, `path` relative to the chart's root folder. */
  files: FileDigest[];
  /** Why the archive could not be read. */
  error?: string;
}

/** One file of two file lists, compared by SHA-256. */
export type FileDelta =
  | { status: "added"; path: string; after: FileDigest }
  | { status: "removed"; path: string; before: FileDigest }
  | {
      status: "changed" | "unchanged";
      path: string;
      before: FileDigest;
      after: FileDigest;
    };

/**
 * Compare two file lists by SHA-256. The result holds every path of either side once, the paths
 * named in `first` ahead in that order (what a reviewer reads first), then the rest by path.
 */
export function diffFileDigests(
  before: readonly FileDigest[],
  after: readonly FileDigest[],
  first: readonly string[] = [],
): FileDelta[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const out: FileDelta[] = [];
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
  const rank = (p: string): number => {
    const i = first.indexOf(p);
    return i < 0 ? first.length : i;
  };
  return out.sort(
    (x, y) => rank(x.path) - rank(y.path) || compareBytes(x.path, y.path),
  );
}

/** A pack's files in the order a reviewer reads them: values.yaml, then pack.json, then by path. */
const PACK_FILES_FIRST: readonly string[] = ["values.yaml", "pack.json"];

/**
 * Compare two versions' file lists by SHA-256 (added, removed, changed, kept) in the order a
 * reviewer reads a pack: the compare page and the builder's conflict view.
 */
export function diffPackFiles(
  before: readonly FileDigest[],
  after: readonly FileDigest[],
): FileDelta[] {
  return diffFileDigests(before, after, PACK_FILES_FIRST);
}

/** One Chart.yaml field whose value differs; absent on a side means the field is not set there. */
export interface FieldChange {
  /** `version`, `appVersion`, …, or `annotations.<key>` for one annotation. */
  field: string;
  before?: string;
  after?: string;
}

/** Which parts of a dependency entry can change while it stays the same dependency. */
export type DependencyField =
  "name" | "version" | "repository" | "condition" | "tags";

/** One entry of Chart.yaml `dependencies`, keyed by the name the parent chart uses (alias or name). */
export type DependencyChange =
  | { status: "added"; key: string; after: ChartDependency }
  | { status: "removed"; key: string; before: ChartDependency }
  | {
      status: "changed";
      key: string;
      before: ChartDependency;
      after: ChartDependency;
      fields: DependencyField[];
    };

/** A chart present on both sides, compared (both archives could be read). */
export interface ChartComparison {
  status: "compared";
  before: ChartSide;
  after: ChartSide;
  /** Chart.yaml fields that differ, in Chart.yaml's documented order. */
  fields: FieldChange[];
  dependencies: DependencyChange[];
  /** Every inner file: values.yaml, then Chart.yaml, then by path. */
  files: FileDelta[];
}

/** A chart present on both sides of which at least one archive could not be read. */
export interface ChartUnreadable {
  status: "unreadable";
  before: ChartSide;
  after: ChartSide;
  /** Each side that failed, with the reader's message. */
  problems: { side: "before" | "after"; file: string; message: string }[];
}

export type ChartPairDiff = ChartComparison | ChartUnreadable;

/** Both versions' charts: pairs present on both sides, and charts only one side has. */
export interface ChartsDiff {
  /** In the order of the right side's archive paths. */
  pairs: ChartPairDiff[];
  /** Only on the right side. */
  added: ChartSide[];
  /** Only on the left side. */
  removed: ChartSide[];
}

/** The inner files a reviewer reads first: the chart's default values, then its metadata. */
const CHART_FIRST = ["values.yaml", "values.yml", "Chart.yaml"];

/** Single-valued Chart.yaml fields, in the order Helm documents them. */
const SCALAR_FIELDS = [
  "apiVersion",
  "name",
  "version",
  "kubeVersion",
  "description",
  "type",
  "home",
  "icon",
  "appVersion",
] as const;

const isReadable = (c: ChartSide): boolean =>
  c.error === undefined && c.name !== "";

/**
 * Pair two versions' charts and compare each pair. Charts pair by Chart.yaml `name` whatever their
 * archive is called (`charts/x-1.0.0.tgz` → `charts/x-1.1.0.tgz`); among several archives of one
 * chart name, the same path pairs first, then the rest in path order. An archive that cannot be
 * read pairs with the other side's archive at the same path, so its error is shown where its
 * changes would be. Two charts of different names at the same path pair when most of their inner
 * files are the same ({@link sameChartRenamed}: a chart renamed in its Chart.yaml, its archive
 * not, showed as one chart removed and another added, its changes nowhere); a different chart
 * put at that path is added and removed. Never throws.
 */
export function diffCharts(
  before: readonly ChartSide[],
  after: readonly ChartSide[],
): ChartsDiff {
  const byPath = (a: ChartSide, b: ChartSide) => compareBytes(a.file, b.file);
  const left = [...before].sort(byPath);
  const right = [...after].sort(byPath);
  const taken = new Set<ChartSide>();
  const pairs = new Map<ChartSide, ChartSide>();
  const pair = (b: ChartSide, a: ChartSide) => {
    pairs.set(a, b);
    taken.add(a).add(b);
  };
  const free = (c: ChartSide) => !taken.has(c);

  // 1. The same chart name at the same path, 2. the same chart name elsewhere.
  for (const samePath of [true, false])
    for (const a of right.filter(free).filter(isReadable)) {
      const b = left.find(
        (c) =>
          free(c) &&
          isReadable(c) &&
          c.name === a.name &&
          (!samePath || c.file === a.file),
      );
      if (b) pair(b, a);
    }
  // 3. Whatever is left at the same path: an unreadable archive, or the same chart renamed.
  for (const a of right.filter(free)) {
    const b = left.find((c) => free(c) && c.file === a.file);
    if (b && (!isReadable(a) || !isReadable(b) || sameChartRenamed(b, a)))
      pair(b, a);
  }

  return {
    pairs: right.flatMap((a) => {
      const b = pairs.get(a);
      return b ? [diffChart(b, a)] : [];
    }),
    added: right.filter(free),
    removed: left.filter(free),
  };
}

/**
 * Whether two charts of different names are one chart renamed: at least half of all their inner
 * paths are on both sides (Chart.yaml, values.yaml and the templates of a renamed chart stay; two
 * different charts share little beyond Chart.yaml, values.yaml and the helpers file).
 */
export function sameChartRenamed(before: ChartSide, after: ChartSide): boolean {
  const paths = new Set(before.files.map((f) => f.path));
  const shared = after.files.filter((f) => paths.has(f.path)).length;
  const all = paths.size + after.files.length - shared;
  return all > 0 && shared * 2 >= all;
}

/**
 * Compare one chart's two archives: Chart.yaml fields, dependencies and inner files. When either
 * archive could not be read, the result carries each side's error instead. Never throws.
 */
export function diffChart(before: ChartSide, after: ChartSide): ChartPairDiff {
  const problems = (
    [
      ["before", before],
      ["after", after],
    ] as const
  ).flatMap(([side, c]) =>
    isReadable(c)
      ? []
      : [
          {
            side,
            file: c.file,
            message: c.error ?? `${c.file} could not be read as a chart`,
          },
        ],
  );
  if (problems.length > 0)
    return { status: "unreadable", before, after, problems };
  return {
    status: "compared",
    before,
    after,
    fields: fieldChanges(before, after),
    dependencies: diffDependencies(before.dependencies, after.dependencies),
    files: diffFileDigests(before.files, after.files, CHART_FIRST),
  };
}

/** Chart.yaml fields that differ between two charts (lists as readable text). */
export function fieldChanges(
  before: ChartSide,
  after: ChartSide,
): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: string, b: string | undefined, a: string | undefined) => {
    if (b === a) return;
    const change: FieldChange = { field };
    if (b !== undefined) change.before = b;
    if (a !== undefined) change.after = a;
    out.push(change);
  };
  for (const f of SCALAR_FIELDS) add(f, before[f], after[f]);
  const list = (v: readonly string[] | undefined) =>
    v && v.length > 0 ? v.join(", ") : undefined;
  const people = (v: readonly ChartMaintainer[] | undefined) =>
    list(v?.map((m) => (m.email ? `${m.name} <${m.email}>` : m.name)));
  add("keywords", list(before.keywords), list(after.keywords));
  add("sources", list(before.sources), list(after.sources));
  add("maintainers", people(before.maintainers), people(after.maintainers));
  const flag = (v: boolean | undefined) =>
    v === undefined ? undefined : String(v);
  add("deprecated", flag(before.deprecated), flag(after.deprecated));
  const ann = (c: ChartSide) => new Map(Object.entries(c.annotations ?? {}));
  const annB = ann(before);
  const annA = ann(after);
  const keys = [...new Set([...annB.keys(), ...annA.keys()])].sort(
    compareBytes,
  );
  for (const k of keys) add(`annotations.${k}`, annB.get(k), annA.get(k));
  return out;
}

/** The name a parent chart knows a dependency by: its alias, else its name. */
const depKey = (d: ChartDependency): string => d.alias ?? d.name;

/**
 * Compare two lists of Chart.yaml dependencies, keyed by alias or name: added, removed, and those
 * whose version, repository, condition, tags (or name behind an alias) changed. Unchanged ones are
 * left out. In the right side's order, then the removed ones.
 */
export function diffDependencies(
  before: readonly ChartDependency[],
  after: readonly ChartDependency[],
): DependencyChange[] {
  const old = new Map<string, ChartDependency>();
  for (const d of before) if (!old.has(depKey(d))) old.set(depKey(d), d);
  const seen = new Set<string>();
  const out: DependencyChange[] = [];
  for (const a of after) {
    const key = depKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    const b = old.get(key);
    if (!b) {
      out.push({ status: "added", key, after: a });
      continue;
    }
    const fields = (
      ["name", "version", "repository", "condition"] as const
    ).filter((f) => b[f] !== a[f]) as DependencyField[];
    if ((b.tags ?? []).join("\n") !== (a.tags ?? []).join("\n"))
      fields.push("tags");
    if (fields.length > 0)
      out.push({ status: "changed", key, before: b, after: a, fields });
  }
  for (const [key, b] of old)
    if (!seen.has(key)) out.push({ status: "removed", key, before: b });
  return out;
}

/** How many inner files of each status a comparison holds. */
export function countFiles(
  files: readonly FileDelta[],
): Record<FileDelta["status"], number> {
  const n = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const f of files) n[f.status]++;
  return n;
}
