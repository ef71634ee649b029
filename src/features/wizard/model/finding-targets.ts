import type {
  StepId,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import {
  carriedField,
  carriedGroupOf,
} from "@/features/wizard/model/carried-files";
import { typedOsKeys } from "@/features/wizard/model/os-keys";
import type { Finding } from "@/pack/finding";

/** The text files the Values step edits, by pack path. */
export const TEXT_FILES = {
  "values.yaml": "values",
  "README.md": "readme",
  "presets.yaml": "presets",
  "schema.yaml": "schema",
} as const;
export type TextFileKey = (typeof TEXT_FILES)[keyof typeof TEXT_FILES];

/** Where the user fixes what a finding reports. */
export type FindingTarget =
  | { kind: "field"; step: StepId; field: string }
  | { kind: "text"; step: "values"; file: TextFileKey; line?: number }
  | { kind: "file"; step: "review"; file: string; line?: number };

/** The DOM id of a form field, from its react-hook-form path (`basics.name` → `field-basics-name`). */
export const fieldId = (path: string): string =>
  `field-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

/** The Review step's file browser heading: where a link to a file (and line) puts the focus. */
export const REVIEW_FILES_ID = "review-files";

const BASICS = new Set([
  "name",
  "displayName",
  "version",
  "layer",
  "addonType",
  "group",
  "eol",
  "cloudTypes",
]);

/** Map a pack.json path (`constraints.dependencies.0.type`) to the form field that writes it. */
function packJsonField(path: string, v: WizardValues): FindingTarget | null {
  const [head, a, b, c, d] = path.split(".");
  if (!head) return null;
  if (BASICS.has(head))
    return { kind: "field", step: "basics", field: `basics.${head}` };
  if (head === "annotations" && a !== undefined) {
    const typed =
      v.basics.layer === "os" &&
      typedOsKeys(v.basics.cloudTypes).some((k) => k === a);
    if (typed) return { kind: "field", step: "content", field: `os.${a}` };
    const row = v.annotations.findIndex((r) => r.key === a);
    return {
      kind: "field",
      step: "content",
      field: row >= 0 ? `annotations.${row}.value` : "annotations",
    };
  }
  if (head === "annotations")
    return { kind: "field", step: "content", field: "annotations" };
  if (head === "charts")
    return {
      kind: "field",
      step: "content",
      field: a ? `charts.${a}.path` : "charts",
    };
  if (head === "kubeManifests")
    return {
      kind: "field",
      step: "content",
      field: a ? `manifests.${a}.path` : "manifests",
    };
  if (head === "ansibleRoles")
    return {
      kind: "field",
      step: "content",
      field: a ? `roles.${a}.name` : "roles",
    };
  if (head === "constraints") {
    if (a === "dependencies" && b !== undefined)
      return {
        kind: "field",
        step: "content",
        field: `constraints.dependencies.${b}.${c ?? "packName"}`,
      };
    if (a === "resources" && b !== undefined) {
      if (c === "components" && d !== undefined)
        return {
          kind: "field",
          step: "content",
          field: `constraints.resources.${b}.components.${d}.${path.split(".")[5] ?? "scheduleType"}`,
        };
      return {
        kind: "field",
        step: "content",
        field: `constraints.resources.${b}.${c === "minLimit" ? "minLimit" : "type"}`,
      };
    }
    return { kind: "field", step: "content", field: "constraints" };
  }
  return null;
}

/** Where a core finding is fixed: a form field, a line of a text file, or a file to look at. */
export function findingTarget(f: Finding, v: WizardValues): FindingTarget {
  const file = f.file ?? "pack.json";
  if (file === "pack.json") {
    const field = f.path ? packJsonField(f.path, v) : null;
    if (field) return field;
    return {
      kind: "file",
      step: "review",
      file,
      ...(f.line ? { line: f.line } : {}),
    };
  }
  if (file === "logo.png")
    return { kind: "field", step: "logo", field: "logo" };
  if (file in TEXT_FILES)
    return {
      kind: "text",
      step: "values",
      file: TEXT_FILES[file as keyof typeof TEXT_FILES],
      ...(f.line ? { line: f.line } : {}),
    };
  // A whole carried file (an unlisted chart archive, a stray folder): the builder's only fix is
  // to remove it, on Content. A line in one is shown on the Review.
  const carried = f.line ? null : carriedGroupOf(file, v.extras.files);
  if (carried !== null)
    return { kind: "field", step: "content", field: carriedField(carried) };
  return {
    kind: "file",
    step: "review",
    file,
    ...(f.line ? { line: f.line } : {}),
  };
}

/**
 * The step each error of the core is fixed on, by code: where an error blocks "Next" when its
 * finding names no form field or text file of the wizard (a chart archive, a role folder, a
 * file only the review shows). Every code the core's rule families report as an error is here
 * (`step-rules.test.ts` reads them from src/pack/validate/).
 */
export const CORE_ERROR_STEPS: Readonly<Record<string, StepId>> = {
  PACK_JSON_MISSING: "basics",
  PACK_JSON_SYNTAX: "basics",
  FIELD_REQUIRED: "basics",
  FIELD_TYPE: "basics",
  NAME_OCI_INVALID: "basics",
  NAME_TOO_LONG: "basics",
  VERSION_LEADING_V: "basics",
  VERSION_OCI_INVALID: "basics",
  LAYER_INVALID: "basics",
  CLOUD_TYPES_MISSING: "basics",
  CLOUD_TYPE_UNKNOWN: "basics",
  ADDON_TYPE_MISSING: "basics",
  IDENTITY_MISMATCH: "basics",
  ANNOTATIONS_INVALID: "content",
  REF_MISSING: "content",
  REF_UNSAFE: "content",
  CHART_NOT_TGZ: "content",
  CHART_INVALID: "content",
  CHART_UNLISTED_UNSAFE: "content",
  MANIFEST_NOT_TEXT: "content",
  MANIFEST_SYNTAX: "content",
  ANSIBLE_ROLE_MISSING: "content",
  DEPENDENCY_INVALID: "content",
  RESOURCE_INVALID: "content",
  // Two files whose names differ only in case: charts, manifests and role files are added there.
  FILE_NAME_COLLISION: "content",
  LOGO_MISSING: "logo",
  LOGO_INVALID: "logo",
  LOGO_NOT_IMAGE: "logo",
  LOGO_NOT_PNG: "logo",
  LOGO_TOO_LARGE: "logo",
  VALUES_MISSING: "values",
  VALUES_SYNTAX: "values",
  VALUES_NOT_MAPPING: "values",
  NAMESPACE_INVALID: "values",
  IMAGES_MISSING: "values",
  README_MISSING: "values",
  PRESETS_SYNTAX: "values",
  PRESETS_INVALID: "values",
  SCHEMA_SYNTAX: "values",
  SCHEMA_INVALID: "values",
  SCHEMA_TEMPLATE_INVALID: "values",
  YAML_TOO_LARGE: "values",
  YAML_TOO_DEEP: "values",
  YAML_TOO_MANY_DOCUMENTS: "values",
  YAML_TOO_MANY_ALIASES: "values",
};

/**
 * The step a core error blocks: the step of its form field or text file; otherwise (a file only
 * the review shows) the step its code is fixed on, or the review for a code not listed.
 */
export function stepOfError(f: Finding, v: WizardValues): StepId {
  const t = findingTarget(f, v);
  if (t.kind !== "file") return t.step;
  // A file under manifests/ or charts/, or a role folder, is added and removed on Content.
  if (/^(manifests|charts)\//.test(t.file)) return "content";
  if (v.roles.some((r) => t.file.startsWith(`${r.name}/`))) return "content";
  return CORE_ERROR_STEPS[f.code] ?? "review";
}

/** Steps where the core found an error: their status shows it, and their "Next" is refused. */
export function errorSteps(
  findings: readonly Finding[],
  v: WizardValues,
): Set<StepId> {
  const out = new Set<StepId>();
  for (const f of findings)
    if (f.severity === "error") out.add(stepOfError(f, v));
  return out;
}

/** The core's errors that block a step's "Next", each linked to where it is fixed. */
export function stepErrors(
  findings: readonly Finding[],
  v: WizardValues,
  step: StepId,
): { finding: Finding; target: FindingTarget }[] {
  return findings
    .filter((f) => f.severity === "error" && stepOfError(f, v) === step)
    .map((finding) => ({ finding, target: findingTarget(finding, v) }));
}
