import type {
  StepId,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
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
  return {
    kind: "file",
    step: "review",
    file,
    ...(f.line ? { line: f.line } : {}),
  };
}

/** Steps where the core found an error: their status shows it. */
export function errorSteps(
  findings: readonly Finding[],
  v: WizardValues,
): Set<StepId> {
  const out = new Set<StepId>();
  for (const f of findings)
    if (f.severity === "error") {
      const t = findingTarget(f, v);
      // A file that is only shown on the review step is still fixed where it was added.
      out.add(
        t.kind === "file" && f.file?.startsWith("manifests/")
          ? "content"
          : t.step,
      );
    }
  return out;
}
