import type { YamlNode } from "./yaml-fast";
import { showName } from "./archive-error";
import { err, ok, type Result } from "./result";
import { decodeText, parseYamlLimited } from "./yaml-text";

/** One entry of Chart.yaml `dependencies` (or requirements.yaml for apiVersion v1 charts). */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  /** Values paths, comma-separated, that switch the subchart on or off (`redis-ha.enabled`). */
  condition?: string;
  /** The values key the subchart reads instead of its name. */
  alias?: string;
  tags?: string[];
}

export interface ChartMaintainer {
  name: string;
  email?: string;
  url?: string;
}

/** Everything Chart.yaml says, keeping only the fields that have the documented types. */
export interface ChartMeta {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  apiVersion?: string;
  /** `application` or `library`. */
  type?: string;
  /** A semver range of the Kubernetes versions the chart supports. */
  kubeVersion?: string;
  dependencies: ChartDependency[];
  maintainers: ChartMaintainer[];
  home?: string;
  sources: string[];
  keywords: string[];
  annotations: Record<string, string>;
  icon?: string;
  deprecated?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** A scalar as text: strings as they are, numbers and booleans as written in the file. */
function scalarText(v: unknown, node?: YamlNode): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v !== "number" && typeof v !== "boolean") return undefined;
  // `version: 1.10` is the number 1.1 once parsed; the source text keeps what the author wrote.
  return node?.scalar?.source ?? String(v);
}

const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap((s) => (typeof s === "string" && s !== "" ? [s] : []))
    : [];

function dependencies(v: unknown): ChartDependency[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((d): ChartDependency[] => {
    if (!isObj(d) || typeof d.name !== "string" || d.name === "") return [];
    const dep: ChartDependency = { name: d.name };
    const version = scalarText(d.version);
    if (version !== undefined) dep.version = version;
    if (typeof d.repository === "string") dep.repository = d.repository;
    if (typeof d.condition === "string") dep.condition = d.condition;
    if (typeof d.alias === "string" && d.alias !== "") dep.alias = d.alias;
    const tags = strings(d.tags);
    if (tags.length) dep.tags = tags;
    return [dep];
  });
}

function maintainers(v: unknown): ChartMaintainer[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((m): ChartMaintainer[] => {
    if (!isObj(m) || typeof m.name !== "string" || m.name === "") return [];
    const out: ChartMaintainer = { name: m.name };
    if (typeof m.email === "string" && m.email !== "") out.email = m.email;
    if (typeof m.url === "string" && m.url !== "") out.url = m.url;
    return [out];
  });
}

function annotations(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, value] of Object.entries(v)) {
    const text = scalarText(value);
    // defineProperty: a key such as `__proto__` stays an ordinary entry.
    if (text !== undefined)
      Object.defineProperty(out, k, {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/**
 * Read Chart.yaml (and, for apiVersion v1 charts, the dependencies of requirements.yaml). Only a
 * file that does not parse, is not a mapping, or lacks `name`/`version` is refused; any other
 * field with the wrong type is left out rather than failing the chart. `label` names the chart
 * in messages. Never throws.
 */
export function parseChartYaml(
  chartYaml: Uint8Array | undefined,
  label: string,
  requirementsYaml?: Uint8Array,
): Result<ChartMeta, string> {
  if (!chartYaml)
    return err(`${showName(label)} is not a Helm chart: it has no Chart.yaml`);
  const parsed = parseYamlLimited(
    decodeText(chartYaml) ?? "\u0000",
    `${label}: Chart.yaml`,
  );
  const m = parsed.values[0];
  if (parsed.findings.some((f) => f.severity === "error") || !isObj(m))
    return err(`${showName(label)}: Chart.yaml is not valid YAML`);
  const field = (k: string): string | undefined =>
    scalarText(m[k], parsed.node(0, [k]));
  const name = field("name");
  const version = field("version");
  if (!name || !version)
    return err(
      `${showName(label)}: Chart.yaml lacks ${name ? "version" : "name"}`,
    );
  const meta: ChartMeta = {
    name,
    version,
    dependencies: dependencies(m.dependencies),
    maintainers: maintainers(m.maintainers),
    sources: strings(m.sources),
    keywords: strings(m.keywords),
    annotations: annotations(m.annotations),
  };
  for (const k of [
    "appVersion",
    "description",
    "apiVersion",
    "type",
    "kubeVersion",
    "home",
    "icon",
  ] as const) {
    const v = field(k);
    if (v !== undefined && v !== "") meta[k] = v;
  }
  if (typeof m.deprecated === "boolean") meta.deprecated = m.deprecated;
  if (meta.dependencies.length === 0 && requirementsYaml) {
    // Helm 2 charts (apiVersion v1) list their dependencies in requirements.yaml.
    const req = parseYamlLimited(
      decodeText(requirementsYaml) ?? "\u0000",
      `${label}: requirements.yaml`,
    ).values[0];
    if (isObj(req)) meta.dependencies = dependencies(req.dependencies);
  }
  return ok(meta);
}

/** Helm reads these extensions as manifests (pkg/chart: CRDObjects, template rendering). */
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
/** A YAML document's top-level `kind: CustomResourceDefinition`, found in the text: templates hold `{{ }}` and need not parse. */
const CRD_KIND = /^kind:[ \t]*(["']?)CustomResourceDefinition\1[ \t]*(#.*)?$/m;

const CRD_DIR = /^(?:charts\/[^/]+\/)*crds\/./;
const TEMPLATE_DIR = /^(?:charts\/[^/]+\/)*templates\/(?:.*\/)?[^_/][^/]*$/;

/**
 * One of the chart's custom resource definitions: a manifest under a `crds/` folder of the chart or
 * of a subchart folder, or a template whose text declares `kind: CustomResourceDefinition`. `path`
 * is relative to the chart's root; `text` is asked for a template's text only.
 */
export function isChartCrd(path: string, text: () => string | null): boolean {
  if (!MANIFEST_EXT.test(path)) return false;
  if (CRD_DIR.test(path)) return true;
  if (!TEMPLATE_DIR.test(path)) return false;
  const t = text();
  return t !== null && CRD_KIND.test(t);
}
