import { readChartArchive, type ChartArchive } from "./chart";
import type { Finding, Severity } from "./finding";
import { sortFindings } from "./finding";
import {
  parseJsonLocated,
  JsonSyntaxError,
  type LocatedJson,
} from "./json-locate";
import {
  Budget,
  MAX_LOGO_BYTES,
  MAX_LOGO_SIDE,
  MAX_MANIFEST_PARSE_BYTES,
  WARN_LOGO_SIDE_LARGE,
  withLimits,
  type Limits,
} from "./limits";
import { mib, type PackFiles } from "./pack-files";
import { packImages, type PackImage } from "./images";
import { imageInfo } from "./png";
import { parseSchemaTemplate } from "./schema-template";
import { secretFindings } from "./secrets";
import {
  ADDON_TYPES,
  CLOUD_TYPES,
  CLOUD_TYPES_API_ONLY,
  K8S_NAMESPACE,
  KNOWN_PACK_JSON_KEYS,
  LAYERS,
  MAX_NAME_LENGTH,
  OCI_NAME,
  OCI_TAG,
  SEMVER,
  STYLE_NAME,
  packJsonSchema,
  presetsFileSchema,
  type PackJson,
} from "./schemas";
import { manifestKey, manifestValueRefs } from "./values";
import {
  decodeText,
  hasPath,
  lineOfPath,
  parseYamlLimited,
  splitPath,
  type ParsedYaml,
} from "./yaml-text";

/**
 * Where the pack is going decides a few severities (pack-format §H): the Spectro CLI and
 * pack-central's CI insist on a PNG logo, a README and image lists; an OCI registry does not.
 */
export type Target = "oci" | "spectro-cli" | "pack-central";

export interface ValidateOptions {
  target?: Target;
  /** name and displayName of the previous version, for rule 25. */
  previous?: { name: string; displayName: string };
  limits?: Partial<Limits>;
  /** The budget the archive was read with, so nested charts share it. */
  budget?: Budget;
}

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

export interface ValidationReport {
  /** pack.json when it parsed into an object (possibly with field errors). */
  pack: PackJson | null;
  findings: Finding[];
  charts: ChartSummary[];
  /**
   * Each chart listed in pack.json that could be read, by its path in the pack: all of Chart.yaml
   * and the files inside, so callers (the server's detail) need not expand the archives again.
   */
  chartArchives: Map<string, ChartArchive>;
  /** Every container image the pack pulls (registry-api.md `PackDetail.images`). */
  images: PackImage[];
}

const PACK_JSON = "pack.json";
const VALUES = "values.yaml";

/** Check a pack against every rule of pack-format §H. Synchronous, never throws. */
export function validatePack(
  files: PackFiles,
  opts: ValidateOptions = {},
): ValidationReport {
  const target = opts.target ?? "oci";
  const limits = withLimits(opts.limits);
  const budget = opts.budget ?? packBudget(files, limits);
  const findings: Finding[] = [];
  const add = (
    severity: Severity,
    code: string,
    message: string,
    where: Omit<Finding, "code" | "severity" | "message"> = {},
  ): void => {
    findings.push({ code, severity, message, ...where });
  };
  const strictTarget = target !== "oci";

  const json = readPackJson(files, add);
  const raw = json?.value as Record<string, unknown> | undefined;
  const at = (path: string): { file: string; line?: number; path: string } => {
    const line =
      json?.lines.get(path) ??
      json?.lines.get(path.split(".").slice(0, -1).join("."));
    return line ? { file: PACK_JSON, line, path } : { file: PACK_JSON, path };
  };
  let pack: PackJson | null = null;
  if (raw) {
    checkShape(raw, at, add);
    const parsed = packJsonSchema.safeParse(raw);
    pack = parsed.success ? parsed.data : (raw as PackJson);
    checkIdentityFields(raw, at, add);
    checkClassification(raw, at, add, strictTarget);
    for (const key of Object.keys(raw)) {
      if (!KNOWN_PACK_JSON_KEYS.has(key))
        add(
          "info",
          "PACK_JSON_UNKNOWN_FIELD",
          `pack.json field \`${key}\` is not part of the documented format; Palette may ignore it`,
          at(key),
        );
    }
    if (opts.previous) {
      if (typeof raw.name === "string" && raw.name !== opts.previous.name) {
        add(
          "warning",
          "NAME_CHANGED",
          `name changed from \`${opts.previous.name}\` to \`${raw.name}\`: Palette will show a different pack`,
          at("name"),
        );
      }
      if (
        typeof raw.displayName === "string" &&
        raw.displayName !== opts.previous.displayName
      ) {
        add(
          "warning",
          "DISPLAY_NAME_CHANGED",
          `displayName changed from "${opts.previous.displayName}" to "${raw.displayName}": keep it identical across versions`,
          at("displayName"),
        );
      }
    }
  }

  const values = readValues(files, add);
  const valuesRoot = values?.values[0] ?? null;
  // Preset trees first: manifest values and schema.yaml paths may come only from a preset.
  const valuesText = decodeText(files.get(VALUES) ?? new Uint8Array()) ?? "";
  const fromPresets = checkPresets(files, valuesRoot, valuesText, add);
  const chartArchives = new Map<string, ChartArchive>();
  const charts = raw
    ? checkCharts(files, raw, valuesRoot, values, at, add, {
        limits,
        budget,
        archives: chartArchives,
      })
    : [];
  if (raw) {
    checkManifests(files, raw, [valuesRoot, ...fromPresets], values, at, add);
    checkAnsibleRoles(files, raw, at, add);
    checkConstraints(raw, valuesRoot, at, add);
    checkOsAnnotations(raw, at, add);
  }
  if (valuesRoot !== null && values)
    checkPackSection(valuesRoot, values, raw, add, strictTarget);
  checkLogo(files, add, strictTarget);
  if (!files.has("README.md"))
    add(
      strictTarget ? "error" : "warning",
      "README_MISSING",
      "README.md is missing: reviewers and Palette show it as the pack's documentation",
      { file: "README.md" },
    );
  checkSchemaYaml(files, [valuesRoot, ...fromPresets], add);
  // Credentials and leftovers in the pack's own files, unpacked chart folders included.
  findings.push(...secretFindings(files));
  const scan = packImages({
    files,
    values,
    charts: [...chartArchives].map(([file, a]) => ({ file, info: a.info })),
  });
  findings.push(...scan.findings);
  return {
    pack,
    findings: sortFindings(findings),
    charts,
    chartArchives,
    images: scan.images,
  };
}

/** The budget for nested archives: what the pack's own files already take counts against it. */
function packBudget(files: PackFiles, limits: Limits): Budget {
  const b = new Budget(limits.maxTotalBytes);
  for (const v of files.values()) b.take(v.length);
  return b;
}

type Add = (
  severity: Severity,
  code: string,
  message: string,
  where?: Omit<Finding, "code" | "severity" | "message">,
) => void;
type At = (path: string) => { file: string; line?: number; path: string };

function readPackJson(files: PackFiles, add: Add): LocatedJson | null {
  const bytes = files.get(PACK_JSON);
  if (!bytes) {
    add(
      "error",
      "PACK_JSON_MISSING",
      "pack.json is missing: every pack needs it at its root",
      { file: PACK_JSON },
    );
    return null;
  }
  const text = decodeText(bytes);
  if (text === null) {
    add("error", "PACK_JSON_SYNTAX", "pack.json is not UTF-8 text", {
      file: PACK_JSON,
    });
    return null;
  }
  try {
    const json = parseJsonLocated(text);
    if (
      !json.value ||
      typeof json.value !== "object" ||
      Array.isArray(json.value)
    ) {
      add(
        "error",
        "PACK_JSON_SYNTAX",
        "pack.json must hold a JSON object ({ … })",
        { file: PACK_JSON, line: 1 },
      );
      return null;
    }
    for (const d of json.duplicates) {
      add(
        "warning",
        "PACK_JSON_DUPLICATE_KEY",
        `pack.json sets \`${d.path}\` twice; only the last value counts`,
        { file: PACK_JSON, line: d.line, path: d.path },
      );
    }
    return json;
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      add(
        "error",
        "PACK_JSON_SYNTAX",
        `pack.json is not valid JSON: ${e.message}`,
        { file: PACK_JSON, line: e.line },
      );
      return null;
    }
    throw e;
  }
}

const typeName = (v: unknown): string =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "object"
        ? "an object"
        : `a ${typeof v}`;
const isStr = (v: unknown): v is string => typeof v === "string";

/** Presence and JSON types of every documented field (rules 2, 10, 23, 24 — types only). */
function checkShape(raw: Record<string, unknown>, at: At, add: Add): void {
  for (const key of ["name", "displayName", "version", "layer"] as const) {
    const v = raw[key];
    if (v === undefined)
      add("error", "FIELD_REQUIRED", `pack.json lacks \`${key}\``, at(key));
    else if (!isStr(v))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be a string, not ${typeName(v)}`,
        at(key),
      );
    else if (v.trim() === "")
      add("error", "FIELD_REQUIRED", `\`${key}\` must not be empty`, at(key));
  }
  for (const key of [
    "addonType",
    "addonSubType",
    "cloudType",
    "group",
    "eol",
    "commit_msg",
  ] as const) {
    if (raw[key] !== undefined && !isStr(raw[key]))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be a string, not ${typeName(raw[key])}`,
        at(key),
      );
  }
  for (const key of [
    "cloudTypes",
    "kubeManifests",
    "charts",
    "ansibleRoles",
  ] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v))
      add(
        "error",
        "FIELD_TYPE",
        `\`${key}\` must be an array of strings, not ${typeName(v)}`,
        at(key),
      );
    else
      v.forEach(
        (item, i) =>
          !isStr(item) &&
          add(
            "error",
            "FIELD_TYPE",
            `\`${key}[${i}]\` must be a string, not ${typeName(item)}`,
            at(`${key}.${i}`),
          ),
      );
  }
  const ann = raw.annotations;
  if (ann !== undefined) {
    if (!ann || typeof ann !== "object" || Array.isArray(ann))
      add(
        "error",
        "ANNOTATIONS_INVALID",
        `\`annotations\` must be an object of strings, not ${typeName(ann)}`,
        at("annotations"),
      );
    else
      for (const [k, v] of Object.entries(ann)) {
        if (!isStr(v))
          add(
            "error",
            "ANNOTATIONS_INVALID",
            `annotation \`${k}\` must be a string (write "${String(v)}" in quotes), not ${typeName(v)}`,
            at(`annotations.${k}`),
          );
      }
  }
}

function checkIdentityFields(
  raw: Record<string, unknown>,
  at: At,
  add: Add,
): void {
  const { name, version } = raw;
  if (isStr(name) && name !== "") {
    if (!OCI_NAME.test(name))
      add(
        "error",
        "NAME_OCI_INVALID",
        `name \`${name}\` is not a legal OCI repository name: use lower-case letters, digits and single separators (. _ -)`,
        at("name"),
      );
    else if (!STYLE_NAME.test(name))
      add(
        "warning",
        "NAME_STYLE",
        `name \`${name}\` should use only lower-case letters, digits and \`-\` between words`,
        at("name"),
      );
    if (name.length > MAX_NAME_LENGTH)
      add(
        "error",
        "NAME_TOO_LONG",
        `name is ${name.length} characters; the limit is ${MAX_NAME_LENGTH}`,
        at("name"),
      );
  }
  if (isStr(version) && version !== "") {
    if (/^[vV]\d/.test(version))
      add(
        "error",
        "VERSION_LEADING_V",
        `version \`${version}\` must not start with \`v\` (write \`${version.slice(1)}\`)`,
        at("version"),
      );
    if (!OCI_TAG.test(version)) {
      const hint = version.includes("+")
        ? ` (\`+\` is not allowed in OCI tags; Helm's convention is \`${version.replace(/\+/g, "_")}\`)`
        : "";
      add(
        "error",
        "VERSION_OCI_INVALID",
        `version \`${version}\` is not a legal OCI tag${hint}`,
        at("version"),
      );
    } else if (!SEMVER.test(version.replace(/^[vV]/, ""))) {
      add(
        "warning",
        "VERSION_NOT_SEMVER",
        `version \`${version}\` is not semantic versioning (MAJOR.MINOR.PATCH[-pre])`,
        at("version"),
      );
    }
  }
}

function checkClassification(
  raw: Record<string, unknown>,
  at: At,
  add: Add,
  strict: boolean,
): void {
  const { layer, addonType, cloudTypes, eol } = raw;
  if (
    isStr(layer) &&
    layer !== "" &&
    !(LAYERS as readonly string[]).includes(layer)
  ) {
    add(
      "error",
      "LAYER_INVALID",
      `layer \`${layer}\` is not one of ${LAYERS.join(", ")}`,
      at("layer"),
    );
  }
  if (cloudTypes === undefined)
    add(
      "error",
      "CLOUD_TYPES_MISSING",
      'pack.json lacks `cloudTypes` (use ["all"] for every cloud)',
      at("cloudTypes"),
    );
  else if (Array.isArray(cloudTypes)) {
    if (cloudTypes.length === 0)
      add(
        "error",
        "CLOUD_TYPES_MISSING",
        '`cloudTypes` is empty (use ["all"] for every cloud)',
        at("cloudTypes"),
      );
    cloudTypes.forEach((c, i) => {
      if (!isStr(c)) return;
      if ((CLOUD_TYPES_API_ONLY as readonly string[]).includes(c))
        add(
          "warning",
          "CLOUD_TYPE_UNSUPPORTED",
          `cloud type \`${c}\` is known to Palette's API but not accepted by pack-central's CI`,
          at(`cloudTypes.${i}`),
        );
      else if (!(CLOUD_TYPES as readonly string[]).includes(c))
        add(
          "error",
          "CLOUD_TYPE_UNKNOWN",
          `cloud type \`${c}\` is not one of ${CLOUD_TYPES.join(", ")}`,
          at(`cloudTypes.${i}`),
        );
    });
  }
  if (layer === "addon") {
    if (addonType === undefined || addonType === "")
      add(
        strict ? "error" : "warning",
        "ADDON_TYPE_MISSING",
        'add-on packs should set `addonType` (e.g. "system app", "monitoring")',
        at("addonType"),
      );
    else if (addonType === "app-services")
      add(
        "warning",
        "ADDON_TYPE_HYPHEN",
        "addonType `app-services` is a variant of the documented `app services` (with a space)",
        at("addonType"),
      );
    else if (
      isStr(addonType) &&
      !(ADDON_TYPES as readonly string[]).includes(addonType)
    )
      add(
        "warning",
        "ADDON_TYPE_UNKNOWN",
        `addonType \`${addonType}\` is not one of the documented values: ${ADDON_TYPES.join(", ")}`,
        at("addonType"),
      );
  } else if (addonType !== undefined && isStr(layer)) {
    add(
      "warning",
      "ADDON_TYPE_UNEXPECTED",
      `addonType is only meaningful for the addon layer, not \`${layer}\``,
      at("addonType"),
    );
  }
  if (
    isStr(eol) &&
    eol.trim() !== "" &&
    !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(eol)
  ) {
    add(
      "warning",
      "EOL_FORMAT",
      `eol \`${eol}\` should be a date written YYYY-MM-DD`,
      at("eol"),
    );
  }
}

/** A path listed in pack.json: relative, no `..`, forward slashes (rule 12). */
function refProblem(p: string): string | null {
  if (p === "") return "is empty";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p))
    return "must be relative to the pack root";
  if (p.includes("\\")) return "must use forward slashes";
  if (p.split("/").some((s) => s === ".." || s === "." || s === ""))
    return "must not contain `.`, `..` or empty segments";
  return null;
}

function listedPaths(
  raw: Record<string, unknown>,
  key: "charts" | "kubeManifests",
  at: At,
  add: Add,
  files: PackFiles,
): { path: string; index: number }[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const out: { path: string; index: number }[] = [];
  list.forEach((p, index) => {
    if (!isStr(p)) return;
    const where = at(`${key}.${index}`);
    const problem = refProblem(p);
    if (problem)
      add("error", "REF_UNSAFE", `${key} entry \`${p}\` ${problem}`, where);
    else if (!files.has(p))
      add(
        "error",
        "REF_MISSING",
        `${key} lists \`${p}\`, which is not in the pack`,
        where,
      );
    else out.push({ path: p, index });
  });
  return out;
}

function checkCharts(
  files: PackFiles,
  raw: Record<string, unknown>,
  valuesRoot: unknown,
  values: ParsedYaml | null,
  at: At,
  add: Add,
  read: {
    limits: Limits;
    budget: Budget;
    /** Filled with each chart that could be read. */
    archives: Map<string, ChartArchive>;
  },
): ChartSummary[] {
  const summaries: ChartSummary[] = [];
  const chartNames: string[] = [];
  for (const { path, index } of listedPaths(raw, "charts", at, add, files)) {
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
      budget: read.budget,
      limits: read.limits,
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
    read.archives.set(path, r.value);
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

const lineAt = (
  values: ParsedYaml,
  path: (string | number)[],
): { line?: number } => {
  const line = lineOfPath(values, 0, path);
  return line ? { line } : {};
};

function checkManifests(
  files: PackFiles,
  raw: Record<string, unknown>,
  roots: unknown[],
  values: ParsedYaml | null,
  at: At,
  add: Add,
): void {
  const valuesRoot = roots[0];
  const listed = listedPaths(raw, "kubeManifests", at, add, files);
  const keys = new Set<string>();
  for (const { path } of listed) {
    const key = manifestKey(path);
    keys.add(key);
    const text = decodeText(files.get(path)!);
    if (text === null) {
      add(
        "error",
        "MANIFEST_NOT_TEXT",
        `manifest \`${path}\` is not UTF-8 text`,
        { file: path },
      );
      continue;
    }
    // A plain manifest beyond the parse limit is not read at all: Palette applies it as it is, so
    // that is a warning, never an error (security.md, YAML row; real packs ship 2.4 MiB manifests).
    const size = files.get(path)!.byteLength;
    if (size > MAX_MANIFEST_PARSE_BYTES && !text.includes("{{")) {
      add(
        "warning",
        "MANIFEST_TOO_LARGE",
        `manifest \`${path}\` is ${mib(size)}: too large to check as YAML (the limit is ${mib(MAX_MANIFEST_PARSE_BYTES)}); it is not parsed`,
        { file: path },
      );
      continue;
    }
    const docCount = text.split(/^---(?=[\s]|$)/m).length;
    if (docCount > 1000) {
      add(
        "error",
        "YAML_TOO_MANY_DOCUMENTS",
        `manifest \`${path}\` has ${docCount} YAML documents; the limit is 1000`,
        { file: path },
      );
      continue;
    }
    if (!text.includes("{{")) {
      // A template can only be checked once Palette renders it; a plain manifest can be checked now.
      for (const f of parseYamlLimited(text, path, {
        multi: true,
        code: "MANIFEST_SYNTAX",
        maxBytes: MAX_MANIFEST_PARSE_BYTES,
      }).findings)
        add(f.severity, f.code, f.message, {
          file: path,
          ...(f.line ? { line: f.line } : {}),
        });
      continue;
    }
    const missing = manifestValueRefs(text).filter(
      (ref) => !roots.some((r) => r && hasPath(r, `manifests.${key}.${ref}`)),
    );
    if (missing.length) {
      const shown =
        missing
          .slice(0, 5)
          .map((r) => `\`${r}\``)
          .join(", ") +
        (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
      const line = lineOfText(text, `.Values.${missing[0]!}`);
      add(
        "warning",
        "MANIFEST_VALUE_MISSING",
        `manifest \`${path}\` uses ${shown} from .Values, but values.yaml has no such value under \`manifests.${key}\` (nor does any preset): it renders empty`,
        {
          file: path,
          path: `manifests.${key}.${missing[0]!}`,
          ...(line ? { line } : {}),
        },
      );
    }
  }
  const block = (valuesRoot as Record<string, unknown> | null)?.manifests;
  if (
    listed.length &&
    block &&
    typeof block === "object" &&
    !Array.isArray(block) &&
    values
  ) {
    for (const key of Object.keys(block)) {
      if (!keys.has(key))
        add(
          "warning",
          "MANIFEST_VALUES_KEY",
          `values.yaml \`manifests.${key}\` matches no manifest in kubeManifests (keys must equal the file's base name)`,
          {
            file: VALUES,
            path: `manifests.${key}`,
            ...lineAt(values, ["manifests", key]),
          },
        );
    }
  }
}

function lineOfText(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split("\n").length;
}

function checkAnsibleRoles(
  files: PackFiles,
  raw: Record<string, unknown>,
  at: At,
  add: Add,
): void {
  const roles = raw.ansibleRoles;
  if (!Array.isArray(roles)) return;
  roles.forEach((role, i) => {
    if (!isStr(role)) return;
    if (refProblem(role) || role.includes("/"))
      add(
        "error",
        "REF_UNSAFE",
        `ansibleRoles entry \`${role}\` must be a plain folder name`,
        at(`ansibleRoles.${i}`),
      );
    else if (
      !files.has(`${role}/tasks/main.yml`) &&
      !files.has(`${role}/tasks/main.yaml`)
    ) {
      add(
        "error",
        "ANSIBLE_ROLE_MISSING",
        `Ansible role \`${role}\` needs \`${role}/tasks/main.yml\` in the pack`,
        at(`ansibleRoles.${i}`),
      );
    }
  });
}

function checkConstraints(
  raw: Record<string, unknown>,
  valuesRoot: unknown,
  at: At,
  add: Add,
): void {
  const c = raw.constraints;
  if (c === undefined) return;
  if (!c || typeof c !== "object" || Array.isArray(c)) {
    add(
      "error",
      "FIELD_TYPE",
      `\`constraints\` must be an object, not ${typeName(c)}`,
      at("constraints"),
    );
    return;
  }
  const { dependencies, resources } = c as Record<string, unknown>;
  if (dependencies !== undefined && !Array.isArray(dependencies))
    add(
      "error",
      "DEPENDENCY_INVALID",
      "`constraints.dependencies` must be an array",
      at("constraints.dependencies"),
    );
  (Array.isArray(dependencies) ? dependencies : []).forEach((d: unknown, i) => {
    const base = `constraints.dependencies.${i}`;
    if (!d || typeof d !== "object")
      return add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency ${i + 1} must be an object`,
        at(base),
      );
    const dep = d as Record<string, unknown>;
    for (const k of ["packName", "layer", "type"] as const) {
      if (!isStr(dep[k]) || dep[k] === "")
        add(
          "error",
          "DEPENDENCY_INVALID",
          `dependency ${i + 1}${isStr(dep.packName) ? ` (\`${dep.packName}\`)` : ""} lacks \`${k}\``,
          at(`${base}.${k}`),
        );
    }
    if (
      isStr(dep.type) &&
      dep.type !== "" &&
      !["required", "optional", "notSupported", "upgrade"].includes(dep.type)
    ) {
      add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency type \`${dep.type}\` is not one of required, optional, notSupported, upgrade`,
        at(`${base}.type`),
      );
    }
    if (
      isStr(dep.layer) &&
      dep.layer !== "" &&
      !(LAYERS as readonly string[]).includes(dep.layer)
    ) {
      add(
        "error",
        "DEPENDENCY_INVALID",
        `dependency layer \`${dep.layer}\` is not one of ${LAYERS.join(", ")}`,
        at(`${base}.layer`),
      );
    }
    for (const k of ["minVersion", "maxVersion"] as const) {
      if (dep[k] !== undefined && !isStr(dep[k]))
        add(
          "error",
          "DEPENDENCY_INVALID",
          `dependency \`${k}\` must be a string`,
          at(`${base}.${k}`),
        );
    }
  });
  if (resources !== undefined && !Array.isArray(resources))
    add(
      "error",
      "RESOURCE_INVALID",
      "`constraints.resources` must be an array",
      at("constraints.resources"),
    );
  (Array.isArray(resources) ? resources : []).forEach((r: unknown, i) => {
    const base = `constraints.resources.${i}`;
    if (!r || typeof r !== "object")
      return add(
        "error",
        "RESOURCE_INVALID",
        `resource ${i + 1} must be an object`,
        at(base),
      );
    const res = r as Record<string, unknown>;
    if (!["cpu", "memory", "diskSize"].includes(String(res.type)))
      add(
        "error",
        "RESOURCE_INVALID",
        `resource type \`${String(res.type)}\` is not one of cpu, memory, diskSize`,
        at(`${base}.type`),
      );
    if (typeof res.minLimit !== "number")
      add(
        "error",
        "RESOURCE_INVALID",
        `resource \`minLimit\` must be a number, not ${typeName(res.minLimit)}`,
        at(`${base}.minLimit`),
      );
    const comps = res.components;
    if (comps !== undefined && !Array.isArray(comps))
      add(
        "error",
        "RESOURCE_INVALID",
        "`components` must be an array",
        at(`${base}.components`),
      );
    (Array.isArray(comps) ? comps : []).forEach((comp: unknown, j) => {
      const cb = `${base}.components.${j}`;
      const o = (comp && typeof comp === "object" ? comp : {}) as Record<
        string,
        unknown
      >;
      if (
        !["all", "worker", "master", "control-plane"].includes(
          String(o.scheduleType),
        )
      )
        add(
          "error",
          "RESOURCE_INVALID",
          `component scheduleType \`${String(o.scheduleType)}\` is not one of all, worker, master, control-plane`,
          at(`${cb}.scheduleType`),
        );
      for (const k of [
        "resourceRequestParamRef",
        "replicaCountParamRef",
      ] as const) {
        const ref = o[k];
        if (isStr(ref) && ref !== "" && valuesRoot && !hasPath(valuesRoot, ref))
          add(
            "warning",
            "PARAM_REF_UNRESOLVED",
            `\`${k}\` \`${ref}\` is not a path in values.yaml`,
            at(`${cb}.${k}`),
          );
      }
    });
  });
}

/** pack-format §C.1: documented annotations per cloud for OS packs (rule 26). */
export const OS_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  common: ["osName", "sshUsername", "skipK8sInstall"],
  aws: ["cloudRegion", "imageId", "imageOwner"],
  azure: ["imagePublisher", "imageOffer", "imageSKU"],
  vsphere: ["folder", "imageId"],
};

function checkOsAnnotations(
  raw: Record<string, unknown>,
  at: At,
  add: Add,
): void {
  if (raw.layer !== "os") return;
  const ann = (
    raw.annotations && typeof raw.annotations === "object"
      ? raw.annotations
      : {}
  ) as Record<string, unknown>;
  const clouds = Array.isArray(raw.cloudTypes)
    ? raw.cloudTypes.filter(isStr)
    : [];
  const need = new Set(OS_ANNOTATIONS.common);
  for (const c of clouds) for (const k of OS_ANNOTATIONS[c] ?? []) need.add(k);
  for (const k of need) {
    if (!isStr(ann[k]) || ann[k] === "")
      add(
        "warning",
        "OS_ANNOTATION_MISSING",
        `OS packs for ${clouds.join(", ") || "this cloud"} need the annotation \`${k}\``,
        at(`annotations.${k}`),
      );
  }
  const skip = ann.skipK8sInstall;
  if (skip !== undefined && skip !== "true" && skip !== "false")
    add(
      "warning",
      "SKIP_K8S_INSTALL_INVALID",
      '`skipK8sInstall` must be "true" or "false"',
      at("annotations.skipK8sInstall"),
    );
}

/**
 * Read one YAML file of the pack with the limits, reporting its problems under `code`. Null when
 * the file is absent (an error only with `missing`), not UTF-8, or does not parse.
 */
function readYamlFile(
  files: PackFiles,
  file: string,
  add: Add,
  code: string,
  opts: { missing?: { code: string; message: string }; notText?: string } = {},
): { parsed: ParsedYaml; text: string } | null {
  const { missing, notText = code } = opts;
  const bytes = files.get(file);
  if (!bytes) {
    if (missing) add("error", missing.code, missing.message, { file });
    return null;
  }
  const text = decodeText(bytes);
  if (text === null) {
    add("error", notText, `${file} is not UTF-8 text`, { file });
    return null;
  }
  const parsed = parseYamlLimited(text, file, { code });
  for (const f of parsed.findings)
    add(f.severity, f.code, f.message, {
      file,
      ...(f.line ? { line: f.line } : {}),
    });
  return parsed.findings.some((f) => f.severity === "error")
    ? null
    : { parsed, text };
}

function readValues(files: PackFiles, add: Add): ParsedYaml | null {
  const read = readYamlFile(files, VALUES, add, "VALUES_SYNTAX", {
    missing: {
      code: "VALUES_MISSING",
      message: "values.yaml is missing: every pack needs one, even if empty",
    },
  });
  if (!read) return null;
  const { parsed, text } = read;
  const root = parsed.values[0];
  if (
    root !== null &&
    root !== undefined &&
    (typeof root !== "object" || Array.isArray(root))
  ) {
    add(
      "error",
      "VALUES_NOT_MAPPING",
      `values.yaml must be a mapping of keys at the top, not ${typeName(root)}`,
      { file: VALUES, line: 1 },
    );
    return null;
  }
  checkIndentation(text, add);
  return parsed;
}

/** Rule 29: pack-central asks for 2-space indentation; an odd step is almost always a mistake. */
function checkIndentation(text: string, add: Add): void {
  const lines = text.split("\n");
  let prev = 0;
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (indent > prev && (indent - prev) % 2 === 1) {
      add(
        "warning",
        "YAML_INDENT",
        `values.yaml line ${i + 1} is indented by ${indent - prev} spaces more than the line above; use 2`,
        { file: VALUES, line: i + 1 },
      );
      return;
    }
    prev = indent + (line.trimStart().startsWith("- ") ? 2 : 0);
    if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(line)) blockIndent = indent;
  }
}

function checkPackSection(
  root: unknown,
  values: ParsedYaml,
  raw: Record<string, unknown> | undefined,
  add: Add,
  strict: boolean,
): void {
  const pack = (root as Record<string, unknown> | null)?.pack as
    Record<string, unknown> | undefined;
  const ns = pack?.namespace;
  if (ns !== undefined && ns !== null && !(isStr(ns) && ns.includes("{{"))) {
    if (!isStr(ns) || !K8S_NAMESPACE.test(ns) || ns.length > 63) {
      add(
        "error",
        "NAMESPACE_INVALID",
        `pack.namespace \`${String(ns)}\` is not a valid Kubernetes namespace (lower-case letters, digits and \`-\`)`,
        {
          file: VALUES,
          path: "pack.namespace",
          ...lineAt(values, ["pack", "namespace"]),
        },
      );
    }
  }
  const layer = raw?.layer;
  if (layer === "os" || layer === "k8s" || layer === undefined) return;
  const content = pack?.content as Record<string, unknown> | undefined;
  const images = content?.images;
  if (!Array.isArray(images) || images.length === 0) {
    add(
      strict ? "error" : "warning",
      "IMAGES_MISSING",
      "values.yaml has no `pack.content.images` list: air-gapped installs and image scanning need every image the pack pulls",
      { file: VALUES, path: "pack.content.images" },
    );
    return;
  }
  images.forEach((item: unknown, i) => {
    const image =
      item && typeof item === "object"
        ? (item as Record<string, unknown>).image
        : undefined;
    if (!isStr(image) || image === "")
      add(
        "warning",
        "IMAGE_ENTRY_INVALID",
        `pack.content.images[${i}] needs an \`image:\` entry`,
        {
          file: VALUES,
          path: `pack.content.images.${i}`,
          ...lineAt(values, ["pack", "content", "images", i]),
        },
      );
  });
}

function checkLogo(files: PackFiles, add: Add, strict: boolean): void {
  const logo = files.get("logo.png");
  const where = { file: "logo.png" };
  if (!logo) {
    add(
      strict ? "error" : "warning",
      "LOGO_MISSING",
      "logo.png is missing: the Spectro CLI refuses packs without one and Palette shows a placeholder",
      where,
    );
    return;
  }
  if (logo.length > MAX_LOGO_BYTES) {
    add(
      "error",
      "LOGO_TOO_LARGE",
      `logo.png is ${mib(logo.length)}; the limit is ${mib(MAX_LOGO_BYTES)}`,
      where,
    );
    return;
  }
  const info = imageInfo(logo);
  if (info.format === "png") {
    if (
      info.width === undefined ||
      info.height === undefined ||
      info.width === 0 ||
      info.height === 0
    ) {
      add(
        "error",
        "LOGO_INVALID",
        "logo.png has a PNG signature but no valid IHDR header",
        where,
      );
    } else if (info.width > MAX_LOGO_SIDE || info.height > MAX_LOGO_SIDE) {
      add(
        "error",
        "LOGO_TOO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels: image too large (the limit is ${MAX_LOGO_SIDE} per side)`,
        where,
      );
    } else if (
      info.width > WARN_LOGO_SIDE_LARGE ||
      info.height > WARN_LOGO_SIDE_LARGE
    ) {
      add(
        "warning",
        "LOGO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels; 128–512 px square is plenty`,
        where,
      );
    }
  } else if (
    info.format === "jpeg" ||
    info.format === "gif" ||
    info.format === "webp"
  ) {
    add(
      strict ? "error" : "warning",
      "LOGO_NOT_PNG",
      `logo.png is really a ${info.format.toUpperCase()} image; convert it to PNG`,
      where,
    );
  } else {
    add(
      "error",
      "LOGO_NOT_IMAGE",
      `logo.png is ${info.format === "svg" ? "an SVG document" : "not an image"}: it must be a PNG (checked by its bytes)`,
      where,
    );
  }
}

/**
 * Check presets.yaml (rule 21) and return the trees its presets `add`: a manifest value or a
 * schema.yaml path may legitimately come only from a preset (hello-universe does this).
 */
function checkPresets(
  files: PackFiles,
  valuesRoot: unknown,
  valuesText: string,
  add: Add,
): unknown[] {
  const file = "presets.yaml";
  const read = readYamlFile(files, file, add, "PRESETS_SYNTAX", {
    notText: "PRESETS_INVALID",
  });
  const root = read?.parsed.values[0];
  if (!read || root === null || root === undefined) return [];
  const { parsed } = read;
  const shape = presetsFileSchema.safeParse(root);
  if (!shape.success) {
    for (const issue of shape.error.issues.slice(0, 20)) {
      const path = issue.path.map(String);
      add(
        "error",
        "PRESETS_INVALID",
        `presets.yaml ${path.length ? `\`${path.join(".")}\`` : "root"}: ${issue.message}`,
        {
          file,
          path: path.join("."),
          ...lineAt(parsed, issue.path as (string | number)[]),
        },
      );
    }
    return [];
  }
  const trees: unknown[] = [];
  const names = new Set<string>();
  const groups = new Map<string, string[]>();
  shape.data.presets.forEach((p, i) => {
    const where = {
      file,
      path: `presets.${i}`,
      ...lineAt(parsed, ["presets", i]),
    };
    if (names.has(p.name))
      add(
        "error",
        "PRESETS_INVALID",
        `preset name \`${p.name}\` is used twice`,
        where,
      );
    names.add(p.name);
    groups.set(p.group, [...(groups.get(p.group) ?? []), p.name]);
    if (p.add) {
      const sub = parseYamlLimited(p.add, `presets.yaml preset ${p.name} add`, {
        code: "PRESETS_INVALID",
      });
      for (const f of sub.findings)
        add(
          "error",
          "PRESETS_INVALID",
          `preset \`${p.name}\`: its \`add\` text is not valid YAML (${f.message})`,
          where,
        );
      trees.push(...sub.values.slice(0, 1));
    }
    for (const r of p.remove ?? []) {
      if (valuesRoot && !hasPath(valuesRoot, r))
        add(
          "info",
          "PRESET_REMOVE_UNRESOLVED",
          `preset \`${p.name}\` removes \`${r}\`, which values.yaml does not have`,
          where,
        );
    }
  });
  // The first-line comment names the default preset of each group.
  const m = /^#\s*spectrocloud\.com\/enabled-presets:\s*(.+)$/m.exec(
    valuesText,
  );
  for (const pair of m?.[1]?.split(",") ?? []) {
    const [group, name] = pair.trim().split(":");
    if (group && name && !(groups.get(group) ?? []).includes(name)) {
      add(
        "warning",
        "PRESET_DEFAULT_UNKNOWN",
        `values.yaml enables preset \`${group}:${name}\`, which presets.yaml does not define`,
        { file: VALUES },
      );
    }
  }
  return trees;
}

function checkSchemaYaml(files: PackFiles, roots: unknown[], add: Add): void {
  const file = "schema.yaml";
  const read = readYamlFile(files, file, add, "SCHEMA_SYNTAX", {
    notText: "SCHEMA_INVALID",
  });
  const root = read?.parsed.values[0];
  if (!read || root === null || root === undefined) return;
  const { parsed } = read;
  if (typeof root !== "object" || Array.isArray(root))
    return add(
      "error",
      "SCHEMA_INVALID",
      "schema.yaml must map value paths to {schema: …}",
      { file, line: 1 },
    );
  for (const [key, entry] of Object.entries(root)) {
    const where = { file, path: key, ...lineAt(parsed, [key]) };
    const template =
      entry && typeof entry === "object"
        ? (entry as Record<string, unknown>).schema
        : undefined;
    if (!isStr(template)) {
      add(
        "error",
        "SCHEMA_INVALID",
        `schema.yaml \`${key}\` must be an object with a \`schema\` string`,
        where,
      );
      continue;
    }
    const t = parseSchemaTemplate(template);
    if (!t.ok)
      add(
        "error",
        "SCHEMA_TEMPLATE_INVALID",
        `schema.yaml \`${key}\`: ${t.message}`,
        where,
      );
    else
      for (const w of t.warnings)
        add(
          "info",
          "SCHEMA_TEMPLATE_UNDOCUMENTED",
          `schema.yaml \`${key}\`: ${w}`,
          where,
        );
    if (
      roots[0] &&
      !roots.some((r) => r && hasPath(r, splitPath(key).join(".")))
    ) {
      add(
        "warning",
        "SCHEMA_PATH_UNKNOWN",
        `schema.yaml describes \`${key}\`, which is not a path in values.yaml or any preset`,
        where,
      );
    }
  }
}

/**
 * registry-api.md §Identity: the name and version in the upload path (or OCI tag) must equal
 * pack.json's (security.md case 37).
 */
export function checkIdentity(
  pack: Pick<PackJson, "name" | "version"> | null,
  expected: { name: string; version: string },
): Finding[] {
  const out: Finding[] = [];
  if (!pack) return out;
  for (const k of ["name", "version"] as const) {
    if (pack[k] !== expected[k]) {
      out.push({
        code: "IDENTITY_MISMATCH",
        severity: "error",
        file: PACK_JSON,
        path: k,
        message: `pack.json ${k} \`${String(pack[k])}\` differs from the ${k} \`${expected[k]}\` it is uploaded as`,
      });
    }
  }
  return out;
}
