import { showName, type ArchiveError } from "./archive-error";
import {
  isChartCrd,
  parseChartYaml,
  type ChartDependency,
  type ChartMeta,
} from "./chart-meta";
import { Budget, HELM_LIMITS, withLimits, type Limits } from "./limits";
import {
  asArchiveResult,
  assemblePack,
  sortedPaths,
  type PackFiles,
} from "./pack-files";
import { ok, type Result } from "./result";
import { sniff, describeSniffed } from "./sniff";
import { inflateSteps, type NativeFlate } from "./inflate";
import { gunzipBounded, readTarEntries, TarWalk } from "./tar-read";
import { templateImagesIn, type TemplateImage } from "./template-images";
import { decodeText } from "./yaml-text";

export type { ChartDependency, ChartMaintainer, ChartMeta } from "./chart-meta";

/**
 * A chart inside a chart: a folder `charts/<dir>/` with its own Chart.yaml (at any depth of
 * folders), or an archive `charts/<x>.tgz`, which is listed but not opened.
 */
export interface SubchartInfo {
  /** Relative to the parent chart's root: `charts/redis-ha` (folder) or `charts/redis-ha-4.12.17.tgz`. */
  path: string;
  name?: string;
  version?: string;
  appVersion?: string;
  description?: string;
  dependencies?: ChartDependency[];
  /** Its default values.yaml, verbatim; '' when it has none. */
  valuesText?: string;
  /**
   * Why it was not read: its Chart.yaml is broken, or it is an archive, which is never expanded
   * (archives nest at most two deep; its name and version then come from the matching dependency).
   */
  error?: string;
}

/** What a pack needs to know about a Helm chart archive: all of Chart.yaml and what is inside. */
export interface ChartInfo extends ChartMeta {
  /** The chart's own values.yaml, verbatim (comments kept); '' when it has none. */
  valuesText: string;
  /** values.schema.json parsed, when present and valid JSON. */
  valuesSchema?: unknown;
  /** The chart ships a values.schema.json (even one that does not parse). */
  hasValuesSchema: boolean;
  /** Paths under templates/, sorted. */
  templates: string[];
  /** Every path in the chart, relative to the chart folder. */
  paths: string[];
  /** Charts bundled inside this one, folders first then archives, each sorted by path. */
  subcharts: SubchartInfo[];
  /** Files under `crds/` and templates of kind CustomResourceDefinition (also of subchart folders). */
  crds: string[];
  /**
   * Images its templates (and its subchart folders') write literally in a container spec, which
   * no value changes: a reviewer sees them beside the images the values compose.
   */
  templateImages: TemplateImage[];
}

/** A chart archive opened: its metadata and every file, keyed by the path relative to its root folder. */
export interface ChartArchive {
  info: ChartInfo;
  files: PackFiles;
}

export type ChartError =
  ArchiveError | { kind: "not-a-chart"; message: string };

export interface ChartReadOptions {
  /** For messages: the path of the archive inside the pack. */
  name: string;
  /** The pack's budget, so nested archives draw from the same total. */
  budget?: Budget;
  limits?: Partial<Limits>;
  /** Expand the archive with this native codec (Node's zlib on the server) instead of fflate. */
  native?: NativeFlate;
}

/**
 * Read Chart.yaml (all of it), values.yaml, values.schema.json, the template list, the CRDs and
 * the subcharts from a chart .tgz, within Helm's limits (100 MiB expanded, 5 MiB per file) and the
 * shared budget. Subchart folders are read; a subchart archive inside is listed with the reason it
 * was not opened (security.md: archives nest at most two deep). Never throws.
 */
export function readChart(
  bytes: Uint8Array,
  opts: ChartReadOptions,
): Result<ChartInfo, ChartError> {
  const r = readChartArchive(bytes, opts);
  return r.ok ? ok(r.value.info) : r;
}

/**
 * {@link readChart}, also returning the chart's files keyed by their path relative to the chart's
 * root folder (`templates/deployment.yaml`): one gunzip, the same safety rules. Never throws.
 */
export function readChartArchive(
  bytes: Uint8Array,
  opts: ChartReadOptions,
): Result<ChartArchive, ChartError> {
  const { limits, budget, name } = chartRules(opts);
  try {
    const kind = sniff(bytes);
    if (kind !== "gzip") return notGzip(name, kind);
    const files = unpack(bytes, name, limits, budget, opts.native);
    const meta = chartMeta(files, name);
    if (!meta.ok) return meta;
    const schemaBytes = files.get("values.schema.json");
    let valuesSchema: unknown;
    if (schemaBytes) {
      try {
        valuesSchema = JSON.parse(decodeText(schemaBytes) ?? "");
      } catch {
        valuesSchema = undefined;
      }
    }
    const paths = sortedPaths(files);
    const info: ChartInfo = {
      ...meta.value,
      valuesText: valuesTextOf(files, ""),
      hasValuesSchema: schemaBytes !== undefined,
      templates: paths.filter((p) => p.startsWith("templates/")),
      paths,
      subcharts: subcharts(files, paths, name, meta.value.dependencies),
      ...scanTemplates(files, paths),
    };
    if (valuesSchema !== undefined) info.valuesSchema = valuesSchema;
    return ok({ info, files });
  } catch (e) {
    return asArchiveResult(e);
  }
}

/** Chart.yaml and values.yaml of a chart archive, read before the rest of it: {@link readChartHead}. */
export interface ChartHead extends ChartMeta {
  /** The chart's own values.yaml, verbatim; '' when it has none. */
  valuesText: string;
  /** Compressed bytes expanded to get here: all of them when values.yaml is missing or comes last. */
  consumed: number;
  /** The whole archive was read (and its gzip checksum checked) to get here. */
  complete: boolean;
}

/**
 * Chart.yaml and values.yaml as soon as their tar entries have been expanded, without expanding
 * the rest (`helm package` writes them first), so a caller can show a chart's name, version and
 * values before the templates and CRDs arrive. Every entry read on the way is held to the rules of
 * {@link readChart}; what comes after is not read, so a head is no verdict on the archive: the
 * full read may still refuse it. Dependencies listed only in requirements.yaml (apiVersion v1)
 * are left out unless the archive was read to its end. Never throws.
 */
export function readChartHead(
  bytes: Uint8Array,
  opts: ChartReadOptions,
): Result<ChartHead, ChartError> {
  try {
    const head = readUntil(bytes, opts, true);
    if (!head.ok) return head;
    const { files, progress } = head.value;
    const meta = chartMeta(files, opts.name);
    if (!meta.ok) return meta;
    return ok({
      ...meta.value,
      valuesText: valuesTextOf(files, ""),
      consumed: progress.consumed,
      complete: progress.complete,
    });
  } catch (e) {
    return asArchiveResult(e);
  }
}

/**
 * Chart.yaml of a chart archive (its name, version and the rest of its metadata), expanding only
 * as far as it: `helm package` writes it first, so the templates, CRDs and files after it are
 * never read. Bytes cut short after Chart.yaml are enough (a caller can pass the archive's first
 * part); cut before it, the answer is the `truncated` error. As {@link readChartHead}: the entries
 * read on the way are held to the rules of {@link readChart}, no verdict on the rest; dependencies
 * in requirements.yaml (apiVersion v1) only when it came before Chart.yaml. Never throws.
 */
export function readChartYaml(
  bytes: Uint8Array,
  opts: ChartReadOptions,
): Result<ChartMeta, ChartError> {
  try {
    const head = readUntil(bytes, opts, false);
    return head.ok ? chartMeta(head.value.files, opts.name) : head;
  } catch (e) {
    return asArchiveResult(e);
  }
}

/** Expand a chart archive until Chart.yaml (and values.yaml, with `values`) are read, or to its end. */
function readUntil(
  bytes: Uint8Array,
  opts: ChartReadOptions,
  values: boolean,
): Result<
  { files: PackFiles; progress: ReturnType<typeof inflateSteps> },
  ChartError
> {
  const { limits, budget, name } = chartRules(opts);
  const kind = sniff(bytes);
  if (kind !== "gzip") return notGzip(name, kind);
  const walk = new TarWalk(name, limits);
  let files: PackFiles | undefined;
  const progress = inflateSteps(
    bytes,
    "gzip",
    { name, limits, budget, ...HELM_CAP },
    (tar) => {
      walk.advance(tar, false);
      files = headFiles(walk, values);
      return files !== undefined;
    },
  );
  if (!files) {
    walk.advance(progress.output, true);
    files = assemblePack(walk.entries);
  }
  return ok({ files, progress });
}

/**
 * The files read so far once they hold the chart's Chart.yaml (and values.yaml, with `values`),
 * under the pack rules.
 */
function headFiles(walk: TarWalk, values: boolean): PackFiles | undefined {
  const chart = walk.entries.find(
    (e) => e.kind === "file" && /^(?:[^/]+\/)?Chart\.yaml$/.test(e.path),
  );
  if (!chart) return undefined;
  const valuesPath = `${chart.path.slice(0, -"Chart.yaml".length)}values.yaml`;
  if (values && !walk.entries.some((e) => e.path === valuesPath))
    return undefined;
  const files = assemblePack(walk.entries);
  return files.has("Chart.yaml") && (!values || files.has("values.yaml"))
    ? files
    : undefined;
}

/** The limits and budget a chart read is held to: the caller's, with Helm's own on top. */
function chartRules(opts: ChartReadOptions): {
  limits: Limits;
  budget: Budget;
  name: string;
} {
  return {
    limits: withLimits({ ...opts.limits, ...HELM_LIMITS }),
    budget: opts.budget ?? new Budget(HELM_LIMITS.maxTotalBytes),
    name: opts.name,
  };
}

/** The chart's Chart.yaml (with requirements.yaml for apiVersion v1), or why it is not a chart. */
function chartMeta(
  files: PackFiles,
  name: string,
): Result<ChartMeta, ChartError> {
  const meta = parseChartYaml(
    files.get("Chart.yaml"),
    name,
    files.get("requirements.yaml"),
  );
  return meta.ok
    ? meta
    : { ok: false, error: { kind: "not-a-chart", message: meta.error } };
}

const HELM_CAP = {
  maxBytes: HELM_LIMITS.maxTotalBytes,
  capLabel: "Helm's limit for a chart",
};

/**
 * Bytes that are not gzip, worded as chart-meta.ts words a chart without Chart.yaml: the archive is
 * named once, then what it is instead.
 */
function notGzip(
  name: string,
  kind: ReturnType<typeof sniff>,
): { ok: false; error: ChartError } {
  const why =
    kind === "unknown"
      ? "its bytes are not a gzip archive"
      : `it is ${describeSniffed(kind)}`;
  return {
    ok: false,
    error: {
      kind: "not-a-chart",
      message: `${showName(name)} is not a Helm chart: ${why}`,
    },
  };
}

/** Expand a chart archive; both Helm's own 100 MiB per chart and the shared budget apply. Throws ArchiveFailure. */
function unpack(
  bytes: Uint8Array,
  name: string,
  limits: Limits,
  budget: Budget,
  native?: NativeFlate,
): PackFiles {
  const tar = gunzipBounded(bytes, name, limits, budget, {
    ...HELM_CAP,
    native,
  });
  return assemblePack(readTarEntries(tar, name, limits));
}

/**
 * The chart's CRDs and the images its templates write, in one pass over its files: each template
 * is decoded at most once, and dropped before the next (holding them all for two passes raised
 * the peak memory of a burst of uploads).
 */
function scanTemplates(
  files: PackFiles,
  paths: readonly string[],
): Pick<ChartInfo, "crds" | "templateImages"> {
  const crds: string[] = [];
  const templateImages: TemplateImage[] = [];
  for (const path of paths) {
    let decoded: string | null | undefined;
    // Not `??=`: a file that is not UTF-8 decodes to null, once.
    const text = () =>
      decoded === undefined
        ? (decoded = decodeText(files.get(path)!))
        : decoded;
    if (isChartCrd(path, text)) crds.push(path);
    templateImages.push(...templateImagesIn(path, text));
  }
  return { crds, templateImages };
}

function valuesTextOf(files: PackFiles, prefix: string): string {
  const bytes =
    files.get(`${prefix}values.yaml`) ?? files.get(`${prefix}values.yml`);
  return bytes ? (decodeText(bytes) ?? "") : "";
}

const SUBCHART_DIR = /^((?:charts\/[^/]+\/)*charts\/[^/]+)\/Chart\.yaml$/;
const SUBCHART_TGZ = /^(?:charts\/[^/]+\/)*charts\/[^/]+\.tgz$/;

function subcharts(
  files: PackFiles,
  paths: readonly string[],
  name: string,
  rootDependencies: ChartDependency[],
): SubchartInfo[] {
  const out: SubchartInfo[] = [];
  const depsOf = new Map([["", rootDependencies]]);
  for (const p of paths) {
    const dir = SUBCHART_DIR.exec(p)?.[1];
    if (dir === undefined) continue;
    const sub = subchartOf(dir, files, `${dir}/`, `${name}/${dir}`);
    depsOf.set(dir, sub.dependencies ?? []);
    out.push(sub);
  }
  // `charts/a/charts/x.tgz` belongs to the folder `charts/a`; `charts/x.tgz` to the chart itself.
  const dependencies = (p: string): ChartDependency[] => {
    const i = p.lastIndexOf("/charts/");
    return depsOf.get(i < 0 ? "" : p.slice(0, i)) ?? [];
  };
  for (const p of paths) {
    if (!SUBCHART_TGZ.test(p)) continue;
    // security.md case 27: archives nest at most two deep (pack → chart), so an archive inside a
    // chart archive is listed, never expanded. Its name and version come from the dependency that
    // `helm dependency build` named it after.
    const base = p.slice(p.lastIndexOf("/") + 1);
    const dep = dependencies(p).find(
      (d) => d.version !== undefined && `${d.name}-${d.version}.tgz` === base,
    );
    out.push({
      path: p,
      ...(dep ? { name: dep.name, version: dep.version! } : {}),
      error: `${showName(`${name}/${p}`)} is a chart archive inside a chart archive: not opened (archives nest at most two deep)`,
    });
  }
  return out;
}

function subchartOf(
  path: string,
  files: PackFiles,
  prefix: string,
  label: string,
): SubchartInfo {
  const meta = parseChartYaml(
    files.get(`${prefix}Chart.yaml`),
    label,
    files.get(`${prefix}requirements.yaml`),
  );
  if (!meta.ok) return { path, error: meta.error };
  const m = meta.value;
  const sub: SubchartInfo = {
    path,
    name: m.name,
    version: m.version,
    dependencies: m.dependencies,
    valuesText: valuesTextOf(files, prefix),
  };
  if (m.appVersion !== undefined) sub.appVersion = m.appVersion;
  if (m.description !== undefined) sub.description = m.description;
  return sub;
}
