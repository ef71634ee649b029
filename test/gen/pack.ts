import { utf8 } from "./bytes";
import { makePng } from "./png";
import { buildTarGz, type TarEntrySpec } from "./tar";

/** The files of a pack: path relative to the pack root → bytes (the shape the core reads into). */
export type Files = Map<string, Uint8Array>;

export interface ChartSpec {
  name?: string;
  version?: string;
  /** Leave Chart.yaml out. */
  noChartYaml?: boolean;
  /** More files inside the chart folder. */
  extra?: Record<string, Uint8Array>;
  /** Raw tar entries appended after the chart's files (names taken as given). */
  extraEntries?: TarEntrySpec[];
}

/** A `helm package`-shaped chart: one top folder named after the chart, Chart.yaml, values, a template. */
export function chartTgz(spec: ChartSpec = {}): Uint8Array {
  const name = spec.name ?? "demo";
  const version = spec.version ?? "0.1.0";
  const files: [string, Uint8Array][] = [
    [
      "values.yaml",
      utf8("replicaCount: 1\nimage:\n  repository: nginx\n  tag: 1.27.0\n"),
    ],
    [
      "templates/deployment.yaml",
      utf8(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n",
      ),
    ],
    ...Object.entries(spec.extra ?? {}),
  ];
  if (!spec.noChartYaml) {
    files.unshift([
      "Chart.yaml",
      utf8(
        `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.27.0"\ndescription: A generated test chart\n`,
      ),
    ]);
  }
  return buildTarGz([
    ...files.map(([p, data]): TarEntrySpec => ({ name: `${name}/${p}`, data })),
    ...(spec.extraEntries ?? []),
  ]);
}

export interface PackSpec {
  name?: string;
  version?: string;
  /** Fields merged over the generated pack.json (`undefined` removes a field). */
  packJson?: Record<string, unknown>;
  /** Replace pack.json with this exact text. */
  packJsonText?: string;
  valuesYaml?: string;
  chart?: ChartSpec;
}

/**
 * A well-formed Helm add-on pack (pack-format §A.6): pack.json, values.yaml, a real PNG logo,
 * README.md and one chart archive. Every negative test starts from this and breaks one thing.
 */
export function goodPackFiles(spec: PackSpec = {}): Files {
  const name = spec.name ?? "demo-app";
  const version = spec.version ?? "1.2.3";
  const chartName = spec.chart?.name ?? "demo";
  const chartVersion = spec.chart?.version ?? "0.1.0";
  const chartPath = `charts/${chartName}-${chartVersion}.tgz`;
  const packJson: Record<string, unknown> = {
    name,
    displayName: "Demo App",
    version,
    layer: "addon",
    addonType: "app services",
    cloudTypes: ["all"],
    annotations: { source: "community", contributor: "packsmith-tests" },
    charts: [chartPath],
  };
  for (const [k, v] of Object.entries(spec.packJson ?? {})) {
    if (v === undefined) delete packJson[k];
    else packJson[k] = v;
  }
  const values =
    spec.valuesYaml ??
    [
      "pack:",
      "  namespace: demo-app",
      "  content:",
      "    images:",
      "      - image: docker.io/library/nginx:1.27.0",
      "charts:",
      `  ${chartName}:`,
      "    replicaCount: 1",
      "",
    ].join("\n");
  return new Map<string, Uint8Array>([
    [
      "pack.json",
      utf8(spec.packJsonText ?? `${JSON.stringify(packJson, null, 2)}\n`),
    ],
    ["values.yaml", utf8(values)],
    ["logo.png", makePng(128, 128)],
    [
      "README.md",
      utf8(
        `# ${name}\n\nA generated pack for the security tests. It installs one small Helm chart ` +
          `with its default values; every negative test starts from this pack and breaks one thing, ` +
          `so this README is written out as a real one would be.\n`,
      ),
    ],
    [
      chartPath,
      chartTgz({ ...spec.chart, name: chartName, version: chartVersion }),
    ],
  ]);
}

/** Files as `{path, bytes}` entries, the shape a dropped folder arrives in. */
export const asEntries = (
  files: Files,
  top?: string,
): { path: string; bytes: Uint8Array }[] =>
  [...files].map(([path, bytes]) => ({
    path: top ? `${top}/${path}` : path,
    bytes,
  }));

/** A good pack whose content is one manifest, `manifests/app.yaml` holding `text`, and no charts. */
export function manifestPackFiles(text: string): Files {
  const files = goodPackFiles({
    packJson: { charts: undefined, kubeManifests: ["manifests/app.yaml"] },
    valuesYaml: "pack:\n  namespace: demo-app\n",
  });
  for (const k of [...files.keys()])
    if (k.startsWith("charts/")) files.delete(k);
  files.set("manifests/app.yaml", utf8(text));
  return files;
}
