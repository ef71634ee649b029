import {
  readChartArchive,
  type ChartArchive,
  type ChartError,
} from "../src/pack/chart";
import {
  CHART_ARCHIVE,
  chartDetail,
  unreadableChart,
} from "../src/pack/chart-detail";
import { createHash } from "node:crypto";
import {
  contentDigest,
  fileDigests,
  type FileDigest,
} from "../src/pack/digest";
import type { NativeFlate } from "../src/pack/inflate";
import type { Finding } from "../src/pack/finding";
import type { Result } from "../src/pack/result";
import {
  compareBytes,
  sortedPaths,
  type PackFiles,
} from "../src/pack/pack-files";
import type { PackChart } from "../src/pack/registry-types";
import { validatePack, type ValidateOptions } from "../src/pack/validate";
import { openChartOutside } from "../src/pack/validate/charts";
import type { OpenedChart } from "../src/pack/validate/context";
import { decodeText } from "../src/pack/yaml-text";
import type { PackDetail } from "./store/store";
import { openChartInPool } from "./workers/pool";

/**
 * Validate a pack and compute everything the API shows about it. The detail is complete only
 * when `errors` is empty (the pack.json identity fields are then known to be strings).
 */
export async function describePack(
  files: PackFiles,
  meta: { uploadedBy: string; createdAt: string },
  opts: ValidateOptions & {
    /** Charts opened and described beforehand ({@link prepareChart}), by path. */
    prepared?: ReadonlyMap<string, PreparedChart>;
    /** The files' digests, when already computed. */
    digests?: FileDigest[];
  } = {},
): Promise<{ detail: PackDetail; errors: Finding[] }> {
  const { prepared, digests, ...validateOpts } = opts;
  // Each chart validation reads is described (Chart.yaml, each file's digest) as soon as
  // validation is done with it, and its files dropped: one expanded chart at a time.
  const charts = new Map<string, PackChart>();
  const report = validatePack(files, {
    ...validateOpts,
    ...(prepared
      ? {
          chartCache: {
            get: (path, bytes) => {
              const p = prepared.get(path);
              return p && p.bytes === bytes ? p.opened : undefined;
            },
            set: () => undefined,
          },
        }
      : {}),
    takeChart: (path, archive) =>
      charts.set(
        path,
        prepared?.get(path)?.detail ??
          chartDetail(path, archive, fileDigestsNow(archive.files)),
      ),
  });
  const list = digests ?? (await fileDigests(files));
  const p = report.pack;
  const str = (v: unknown): string => (typeof v === "string" ? v : "");
  const detail: PackDetail = {
    name: str(p?.name),
    version: str(p?.version),
    displayName: str(p?.displayName),
    layer: str(p?.layer),
    cloudTypes: Array.isArray(p?.cloudTypes)
      ? p.cloudTypes.filter((c): c is string => typeof c === "string")
      : [],
    digest: await contentDigest(list),
    size: list.reduce((n, f) => n + f.size, 0),
    createdAt: meta.createdAt,
    uploadedBy: meta.uploadedBy,
    files: list,
    findings: report.findings,
    charts: chartDetails(files, charts, opts.native),
    images: report.images,
  };
  if (typeof p?.addonType === "string") detail.addonType = p.addonType;
  const readme = files.get("README.md");
  const text = readme ? decodeText(readme) : null;
  if (text !== null) detail.readme = text;
  return {
    detail,
    errors: report.findings.filter((f) => f.severity === "error"),
  };
}

/**
 * A chart archive opened, scanned and described ahead of its pack's validation (on another
 * thread, see pack-task.ts): what validation takes from its {@link ChartCache}, without the
 * expanded files, and the chart as the API lists it.
 */
export interface PreparedChart {
  /** The archive's bytes, as the pack holds them (the cache answers for these bytes only). */
  bytes: Uint8Array;
  opened: OpenedChart;
  detail: PackChart;
  /** SHA-256 of the archive (hex), for the pack's file digests. */
  sha256: string;
}

/** {@link PreparedChart} of one chart archive, given the room the pack's budget leaves it. */
export function prepareChart(
  path: string,
  bytes: Uint8Array,
  opts: { room: number; native?: NativeFlate },
): Omit<PreparedChart, "bytes"> {
  const opened = openChartOutside(path, bytes, opts);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const r = opened.result;
  if (!r.ok)
    return { opened, detail: unreadableChart(path, r.error.message), sha256 };
  const detail = chartDetail(path, r.value, fileDigestsNow(r.value.files));
  // Validation reads only the chart's Chart.yaml and values (its info) and the scan: the files go.
  return {
    opened: {
      ...opened,
      result: { ok: true, value: { ...r.value, files: new Map() } },
    },
    detail,
    sha256,
  };
}

/**
 * registry-api.md version 2 `PackDetail.charts`: every chart archive with all of Chart.yaml and
 * each inner file's size and SHA-256. `described` holds the charts validation read (described as it
 * handed each over, see describePack); the others under `charts/` are read here, one at a time.
 */
export function chartDetails(
  files: PackFiles,
  described: ReadonlyMap<string, PackChart>,
  native?: NativeFlate,
): PackChart[] {
  const paths = [
    ...new Set([
      ...described.keys(),
      ...[...files.keys()].filter((p) => CHART_ARCHIVE.test(p)),
    ]),
  ].sort(compareBytes);
  return paths.map((file): PackChart => {
    const done = described.get(file);
    if (done) return done;
    const r = readChartArchive(files.get(file)!, { name: file, native });
    return r.ok
      ? chartDetail(file, r.value, fileDigestsNow(r.value.files))
      : unreadableChart(file, r.error.message);
  });
}

/**
 * {@link fileDigests} computed at once (Node's hash, synchronously), so the bytes may go right
 * after; a chart archive in `prepared` (for these very bytes) keeps the digest its preparing
 * thread computed.
 */
export function fileDigestsNow(
  files: PackFiles,
  prepared?: ReadonlyMap<string, PreparedChart>,
): FileDigest[] {
  return sortedPaths(files).map((path) => {
    const bytes = files.get(path)!;
    const p = prepared?.get(path);
    return {
      path,
      size: bytes.length,
      sha256:
        p?.bytes === bytes
          ? p.sha256
          : createHash("sha256").update(bytes).digest("hex"),
    };
  });
}

/** Opened archives by their bytes: the stores cache a version's files, so repeated opens of one chart's files expand it once. */
const opened = new WeakMap<
  Uint8Array,
  Promise<Result<ChartArchive, ChartError>>
>();

/**
 * A stored chart archive opened (Helm's limits) in the worker pool, remembered for as long as its
 * bytes are; however many requests ask at once, it is expanded once.
 */
export function openChart(
  bytes: Uint8Array,
  file: string,
): Promise<Result<ChartArchive, ChartError>> {
  let r = opened.get(bytes);
  if (!r) {
    r = openChartInPool(bytes, file);
    // A failure of the pool itself (not of the archive) is not kept: the next request tries again.
    r.catch(() => opened.delete(bytes));
    opened.set(bytes, r);
  }
  return r;
}
