import { readChartArchive, type ChartArchive } from "./chart";
import { fileDigests, type FileDigest } from "./digest";
import { JsonSyntaxError, parseJsonLocated } from "./json-locate";
import { isJsonObject } from "./json-value";
import { compareBytes, type PackFiles } from "./pack-files";
import type { PackChart } from "./registry-types";
import { decodeText } from "./yaml-text";

/** A chart archive the API lists even when pack.json does not: any `.tgz` directly under `charts/`. */
export const CHART_ARCHIVE = /^charts\/[^/]+\.tgz$/;

/** A chart archive that cannot be read, as the API lists it: its file and why. */
export const unreadableChart = (file: string, error: string): PackChart => ({
  file,
  name: "",
  version: "",
  dependencies: [],
  files: [],
  crds: [],
  hasValuesSchema: false,
  error,
});

/**
 * One chart archive as registry-api.md version 2 `PackDetail.charts[]` lists it: all of Chart.yaml,
 * its subcharts, and `files`, each inner file's size and SHA-256 (computed by the caller: Node's
 * hash on the server, Web Crypto in the pack worker).
 */
export function chartDetail(
  file: string,
  a: ChartArchive,
  files: FileDigest[],
): PackChart {
  const c = a.info;
  const chart: PackChart = {
    file,
    name: c.name,
    version: c.version,
    dependencies: c.dependencies,
    files,
    crds: c.crds,
    hasValuesSchema: c.hasValuesSchema,
    maintainers: c.maintainers,
    sources: c.sources,
    keywords: c.keywords,
    annotations: c.annotations,
    subcharts: c.subcharts.map(
      ({ path, name, version, appVersion, description, error }) => ({
        path,
        ...(name !== undefined ? { name } : {}),
        ...(version !== undefined ? { version } : {}),
        ...(appVersion !== undefined ? { appVersion } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(error !== undefined ? { error } : {}),
      }),
    ),
  };
  for (const k of [
    "appVersion",
    "kubeVersion",
    "description",
    "type",
    "apiVersion",
    "home",
    "icon",
  ] as const)
    if (c[k] !== undefined) chart[k] = c[k];
  if (c.deprecated !== undefined) chart.deprecated = c.deprecated;
  return chart;
}

/**
 * The chart archives pack.json lists that the pack holds, read as validation reads pack.json
 * (the located parser: strict JSON, null-prototype objects); none when it does not parse.
 */
function listedCharts(files: PackFiles): string[] {
  const bytes = files.get("pack.json");
  const text = bytes ? decodeText(bytes) : null;
  if (text === null) return [];
  let doc: unknown;
  try {
    doc = parseJsonLocated(text).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return [];
    throw e;
  }
  const charts = isJsonObject(doc) ? doc.charts : undefined;
  return Array.isArray(charts)
    ? charts.filter((p): p is string => typeof p === "string" && files.has(p))
    : [];
}

/**
 * `PackDetail.charts` of a pack no server described (a pack opened from disk, compared with the
 * registry's versions): the charts pack.json lists and every `.tgz` under `charts/`, each read
 * with Helm's limits and its inner files hashed, one chart at a time, in path order. The server
 * lists the same archives, described during its validation (server/prepare.ts), except a listed
 * archive outside `charts/` that cannot be read, which it leaves out and this lists as unreadable.
 */
export async function describeCharts(files: PackFiles): Promise<PackChart[]> {
  const paths = [
    ...new Set([
      ...listedCharts(files),
      ...[...files.keys()].filter((p) => CHART_ARCHIVE.test(p)),
    ]),
  ].sort(compareBytes);
  const charts: PackChart[] = [];
  for (const file of paths) {
    const r = readChartArchive(files.get(file)!, { name: file });
    charts.push(
      r.ok
        ? chartDetail(file, r.value, await fileDigests(r.value.files))
        : unreadableChart(file, r.error.message),
    );
  }
  return charts;
}
