import { showName, type ArchiveError } from "./archive-error";
import { Budget, HELM_LIMITS, withLimits, type Limits } from "./limits";
import { asArchiveResult, assemblePack, sortedPaths } from "./pack-files";
import { ok, type Result } from "./result";
import { sniff, describeSniffed } from "./sniff";
import { gunzipBounded, readTarEntries } from "./tar-read";
import { decodeText, parseYamlLimited } from "./yaml-text";

/** What a pack needs to know about a Helm chart archive. */
export interface ChartInfo {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  apiVersion?: string;
  /** The chart's own values.yaml, verbatim (comments kept); '' when it has none. */
  valuesText: string;
  /** values.schema.json parsed, when present and valid JSON. */
  valuesSchema?: unknown;
  /** Paths under templates/, sorted. */
  templates: string[];
  /** Every path in the chart, relative to the chart folder. */
  paths: string[];
}

export type ChartError =
  ArchiveError | { kind: "not-a-chart"; message: string };

export interface ChartReadOptions {
  /** For messages: the path of the archive inside the pack. */
  name: string;
  /** The pack's budget, so nested archives draw from the same total. */
  budget?: Budget;
  limits?: Partial<Limits>;
}

/**
 * Read Chart.yaml, values.yaml, values.schema.json and the template list from a chart .tgz,
 * within Helm's limits (100 MiB expanded, 5 MiB per file). Never throws.
 */
export function readChart(
  bytes: Uint8Array,
  opts: ChartReadOptions,
): Result<ChartInfo, ChartError> {
  const limits = withLimits({ ...opts.limits, ...HELM_LIMITS });
  const budget = opts.budget ?? new Budget(HELM_LIMITS.maxTotalBytes);
  const name = opts.name;
  try {
    const kind = sniff(bytes);
    if (kind !== "gzip") {
      return {
        ok: false,
        error: {
          kind: "not-a-chart",
          message: `${showName(name)} is ${describeSniffed(kind)}, not a Helm chart (.tgz)`,
        },
      };
    }
    // Both Helm's own 100 MiB per chart and the pack's shared budget apply.
    const tar = gunzipBounded(bytes, name, limits, budget, {
      maxBytes: HELM_LIMITS.maxTotalBytes,
      capLabel: "Helm's limit for a chart",
    });
    const files = assemblePack(readTarEntries(tar, name, limits));
    const chartYamlBytes = files.get("Chart.yaml");
    if (!chartYamlBytes) {
      return {
        ok: false,
        error: {
          kind: "not-a-chart",
          message: `${showName(name)} is not a Helm chart: it has no Chart.yaml`,
        },
      };
    }
    const chartYaml = parseYamlLimited(
      decodeText(chartYamlBytes) ?? "\u0000",
      `${name}: Chart.yaml`,
    );
    const meta = chartYaml.values[0];
    if (
      chartYaml.findings.some((f) => f.severity === "error") ||
      !meta ||
      typeof meta !== "object"
    ) {
      return {
        ok: false,
        error: {
          kind: "not-a-chart",
          message: `${showName(name)}: Chart.yaml is not valid YAML`,
        },
      };
    }
    const m = meta as Record<string, unknown>;
    const str = (k: string): string | undefined =>
      typeof m[k] === "string"
        ? m[k]
        : typeof m[k] === "number"
          ? String(m[k])
          : undefined;
    const chartName = str("name");
    const version = str("version");
    if (!chartName || !version) {
      return {
        ok: false,
        error: {
          kind: "not-a-chart",
          message: `${showName(name)}: Chart.yaml lacks ${chartName ? "version" : "name"}`,
        },
      };
    }
    const valuesBytes = files.get("values.yaml") ?? files.get("values.yml");
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
      name: chartName,
      version,
      valuesText: valuesBytes ? (decodeText(valuesBytes) ?? "") : "",
      templates: paths.filter((p) => p.startsWith("templates/")),
      paths,
    };
    const appVersion = str("appVersion");
    const description = str("description");
    const apiVersion = str("apiVersion");
    if (appVersion !== undefined) info.appVersion = appVersion;
    if (description !== undefined) info.description = description;
    if (apiVersion !== undefined) info.apiVersion = apiVersion;
    if (valuesSchema !== undefined) info.valuesSchema = valuesSchema;
    return ok(info);
  } catch (e) {
    return asArchiveResult(e);
  }
}
