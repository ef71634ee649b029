import { showName, type ArchiveErrorKind } from "../archive-error";
import { readChartArchive } from "../chart";
import type { NativeFlate } from "../inflate";
import { Budget, withLimits, type Limits } from "../limits";
import { secretFindings, strayFolderFindings } from "../secrets";
import { hasPath } from "../yaml-text";
import {
  lineAt,
  missingLineAt,
  PACK_JSON,
  VALUES,
  type OpenedChart,
  type PackJsonDoc,
  type ValidateContext,
} from "./context";
import { listedPaths } from "./refs";

export interface ChartSummary {
  /** Path of the .tgz inside the pack. */
  path: string;
  name?: string;
  version?: string;
  appVersion?: string;
  description?: string;
  /** Why it could not be read. */
  error?: string;
}

/**
 * Every chart pack.json lists (rules 15–18): a readable .tgz within the limits, named as Helm
 * names it, with its `charts.<name>` values block; credentials inside it. Each archive opened is
 * kept in `ctx.chartArchives`, or handed to `ctx.takeChart`.
 */
export function checkCharts(
  ctx: ValidateContext,
  doc: PackJsonDoc,
): ChartSummary[] {
  const { files, add, valuesRoot, values } = ctx;
  const { at } = doc;
  const summaries: ChartSummary[] = [];
  const chartNames: string[] = [];
  for (const { path, index } of listedPaths(ctx, doc, "charts")) {
    const where = at(`charts.${index}`);
    if (!path.endsWith(".tgz"))
      add(
        "error",
        "CHART_NOT_TGZ",
        `chart \`${path}\` must be a Helm chart archive ending in .tgz`,
        where,
      );
    const opened = openChart(ctx, path, files.get(path)!);
    const r = opened.result;
    if (!r.ok) {
      add(
        "error",
        "CHART_INVALID",
        namedOnce(
          path,
          r.error.message,
          `chart ${showName(path)} cannot be used`,
        ),
        { ...where, file: PACK_JSON },
      );
      summaries.push({ path, error: r.error.message });
      continue;
    }
    ctx.chartInfo.set(path, r.value.info);
    if (ctx.takeChart) ctx.takeChart(path, r.value);
    else ctx.chartArchives.set(path, r.value);
    reportScan(ctx, opened);
    const c = r.value.info;
    const summary: ChartSummary = { path, name: c.name, version: c.version };
    if (c.appVersion !== undefined) summary.appVersion = c.appVersion;
    if (c.description !== undefined) summary.description = c.description;
    summaries.push(summary);
    chartNames.push(c.name);
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base !== `${c.name}-${c.version}.tgz` && base !== `${c.name}.tgz`) {
      add(
        "warning",
        "CHART_FILE_NAME",
        `chart file \`${base}\` holds chart \`${c.name}\` version ${c.version}; \`helm package\` would name it \`${c.name}-${c.version}.tgz\``,
        where,
      );
    }
    // `values` is set only when values.yaml parsed as a mapping or is empty (which counts: it
    // has no block either); after a syntax error this would only repeat it.
    if (values && !hasPath(valuesRoot, `charts.${c.name}`)) {
      add(
        "warning",
        "CHART_VALUES_MISSING",
        `values.yaml has no \`charts.${c.name}\` block for chart \`${path}\`: Palette passes chart values from there`,
        {
          file: VALUES,
          path: `charts.${c.name}`,
          ...missingLineAt(values, ["charts", c.name]),
        },
      );
    }
  }
  checkUnlistedCharts(ctx, doc);
  const chartsBlock = (valuesRoot as Record<string, unknown> | null)?.charts;
  if (
    chartNames.length &&
    chartsBlock &&
    typeof chartsBlock === "object" &&
    !Array.isArray(chartsBlock) &&
    values
  ) {
    for (const key of Object.keys(chartsBlock)) {
      if (!chartNames.includes(key)) {
        add(
          "warning",
          "CHART_VALUES_KEY",
          `values.yaml \`charts.${key}\` matches no chart in the pack (charts: ${chartNames.join(", ")}); keys must equal the Chart.yaml name`,
          {
            file: VALUES,
            path: `charts.${key}`,
            ...lineAt(values, ["charts", key]),
          },
        );
      }
    }
  }
  return summaries;
}

/**
 * The reader's refusals that make an archive hostile to whoever extracts it (security.md's
 * archive rules and its path table, which covers files inside chart archives): a path out of its
 * folder or a clashing one, a link or device, a bomb, too many entries. Junk, an empty file or
 * one cut short is only useless.
 */
const UNSAFE_ARCHIVE: ReadonlySet<string> = new Set<ArchiveErrorKind>([
  "unsafe-path",
  "link-not-allowed",
  "special-file",
  "duplicate-entry",
  "case-collision",
  "unicode-collision",
  "path-clash",
  "overlapping-entries",
  "too-many-entries",
  "too-large",
  "ratio-exceeded",
  "too-deep",
]);

/**
 * A `charts/*.tgz` that pack.json does not list is not installed, but Palette ships it with the
 * pack, and anyone who pulls the pack gets it: it is read whole, with the rules, the shared
 * budget and the cache a listed chart gets. One that cannot be read as a chart (random bytes, no
 * Chart.yaml, cut short) is `CHART_UNLISTED_INVALID`, a warning naming it and why (security.md
 * case 42 names the chart; pack-format says nothing of unlisted files, and refusing a pack for a
 * file Palette ignores would refuse packs it accepts). One the reader refuses as unsafe (an entry
 * outside its folder, a link, a bomb: UNSAFE_ARCHIVE) is `CHART_UNLISTED_UNSAFE`, an error: the
 * registry would hand it to everyone who pulls the pack. The credentials and leftovers inside one
 * that can be read are reported as a listed chart's are. It stays out of `chartArchives`,
 * `takeChart` and the image list: nothing of it is installed. Files inside unpacked chart folders
 * (`charts/<chart>/charts/*.tgz`) belong to that copy and are left alone.
 */
function checkUnlistedCharts(ctx: ValidateContext, { raw }: PackJsonDoc): void {
  const { files, add } = ctx;
  const listed = new Set(Array.isArray(raw.charts) ? raw.charts : []);
  for (const [path, bytes] of files) {
    if (!/^charts\/[^/]+\.tgz$/.test(path) || listed.has(path)) continue;
    const opened = openChart(ctx, path, bytes);
    const r = opened.result;
    if (r.ok) {
      reportScan(ctx, opened);
      continue;
    }
    const why = namedOnce(path, r.error.message, showName(path));
    if (UNSAFE_ARCHIVE.has(r.error.kind))
      add(
        "error",
        "CHART_UNLISTED_UNSAFE",
        `${why}. pack.json's \`charts\` does not list it, but it ships with the pack and is unsafe to extract: delete it`,
        { file: path },
      );
    else
      add(
        "warning",
        "CHART_UNLISTED_INVALID",
        `${why}. pack.json's \`charts\` does not list it, so Palette would ship it unused: delete it, or replace it with the chart archive and list it`,
        { file: path },
      );
  }
}

/**
 * A chart reader's message naming the archive once: most start with its name, and stand alone;
 * the others (an unsafe entry inside it) come after `lead`, which names it.
 */
const namedOnce = (path: string, message: string, lead: string): string =>
  message.startsWith(showName(path)) ? message : `${lead}: ${message}`;

/** The credentials and leftovers inside an opened archive, as copies (a cache keeps its own). */
function reportScan({ findings }: ValidateContext, opened: OpenedChart): void {
  for (const f of opened.secrets) findings.push({ ...f });
}

/**
 * Open one chart archive: from the caller's cache when the result is certain to be the same (same
 * path and limits; a read that succeeded needs no more room than it took, since every check on the
 * way is against the budget's room and it only grows; a refusal is reused only with the very same
 * room), else read and scanned, and offered to the cache.
 */
function openChart(
  ctx: ValidateContext,
  path: string,
  bytes: Uint8Array,
): OpenedChart {
  const { budget, chartCache } = ctx;
  const limits = JSON.stringify(ctx.limits);
  const room = budget.limit - budget.used;
  const hit = chartCache?.get(path, bytes);
  if (
    hit &&
    hit.path === path &&
    hit.limits === limits &&
    (hit.result.ok ? hit.taken <= room : hit.room === room)
  ) {
    budget.used += hit.taken;
    return hit;
  }
  const opened = readOpened(path, bytes, budget, ctx.limits, ctx.native);
  chartCache?.set(path, bytes, opened);
  return opened;
}

/** Read and scan one chart archive against `budget`, as {@link openChart} does. */
function readOpened(
  path: string,
  bytes: Uint8Array,
  budget: Budget,
  limits: Limits,
  native: NativeFlate | undefined,
): OpenedChart {
  const room = budget.limit - budget.used;
  const before = budget.used;
  const result = readChartArchive(bytes, {
    name: path,
    budget,
    limits,
    ...(native ? { native } : {}),
  });
  return {
    path,
    limits: JSON.stringify(limits),
    result,
    room,
    taken: budget.used - before,
    // Credentials and leftovers inside the archive, named by their pack-wide path.
    secrets: result.ok
      ? [
          ...secretFindings(result.value.files, { prefix: `${path}/` }),
          ...strayFolderFindings(result.value.files.keys(), {
            prefix: `${path}/`,
          }),
        ]
      : [],
  };
}

/**
 * One chart archive opened and scanned as a validation of its pack would open it, but outside
 * one (the server opens a pack's charts on two threads at once): `room` is what the pack's budget
 * has left for it, at most what {@link packBudget} leaves once the pack's own files are counted.
 * Handed to validation through a {@link ChartCache}, it is used only where validation's own read
 * would give the same: same limits, and room for what it took (else validation reads it again).
 */
export function openChartOutside(
  path: string,
  bytes: Uint8Array,
  opts: { room: number; limits?: Partial<Limits>; native?: NativeFlate },
): OpenedChart {
  return readOpened(
    path,
    bytes,
    new Budget(opts.room),
    withLimits(opts.limits),
    opts.native,
  );
}
