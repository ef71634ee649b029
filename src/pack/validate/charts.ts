import { readChartArchive } from "../chart";
import { secretFindings } from "../secrets";
import { hasPath } from "../yaml-text";
import {
  lineAt,
  PACK_JSON,
  VALUES,
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
 * kept in `ctx.chartArchives`.
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
    const r = readChartArchive(files.get(path)!, {
      name: path,
      budget: ctx.budget,
      limits: ctx.limits,
    });
    if (!r.ok) {
      add(
        "error",
        "CHART_INVALID",
        `chart \`${path}\` cannot be used: ${r.error.message}`,
        { ...where, file: PACK_JSON },
      );
      summaries.push({ path, error: r.error.message });
      continue;
    }
    ctx.chartArchives.set(path, r.value);
    // Credentials and leftovers inside the archive, named by their pack-wide path.
    for (const f of secretFindings(r.value.files, { prefix: `${path}/` })) {
      const { severity, code, message, ...where } = f;
      add(severity, code, message, where);
    }
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
    if (
      valuesRoot &&
      typeof valuesRoot === "object" &&
      !hasPath(valuesRoot, `charts.${c.name}`)
    ) {
      add(
        "warning",
        "CHART_VALUES_MISSING",
        `values.yaml has no \`charts.${c.name}\` block for chart \`${path}\`: Palette passes chart values from there`,
        { file: VALUES, path: `charts.${c.name}` },
      );
    }
  }
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
