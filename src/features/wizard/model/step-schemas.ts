import { z } from "zod";

import type {
  StepId,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import {
  CLOUD_TYPES,
  CLOUD_TYPES_API_ONLY,
  DEPENDENCY_TYPES,
  LAYERS,
  LEADING_V,
  MAX_NAME_LENGTH,
  OCI_NAME,
  OCI_TAG,
  RESOURCE_TYPES,
  SCHEDULE_TYPES,
} from "@/pack/schemas";
import { typedOsKeys } from "@/features/wizard/model/os-keys";
import type { Finding } from "@/pack/finding";
import { parseYamlLimited } from "@/pack/yaml-text";

/*
 * One schema per step. Each checks only its own slice of the form (the rest is stripped) and gives
 * field-level messages for rules that are errors of the core whatever the target (each rule's
 * core code is in `step-rules.test.ts`); everything else that blocks "Next" is the core's own
 * error findings for the step (`stepOfError`), so what the wizard refuses is what
 * `packsmith validate` refuses. The core's warnings are shown, never blocking. Patterns come
 * from the core's constants, so the wizard and the server never disagree.
 *
 * One rule is the form's alone: two annotation rows with the same key cannot both be written to
 * pack.json (an object), so the second would silently replace the first.
 */

const includes = (list: readonly string[], v: string) => list.includes(v);

/**
 * What the name rule (the core's `OCI_NAME`) allows, in words: the Name field's hint and its error
 * both say it. `-`, `.` and `_` are all legal; the core only warns (`NAME_STYLE`) about `.` and
 * `_`, so the hint names dashes as the usual choice.
 */
export const NAME_RULE_TEXT =
  "lower-case letters and digits, with -, . or _ between them";

/** The longest OCI tag, so the longest version (the core's OCI_TAG: 1 + 127 characters). */
const MAX_TAG_LENGTH = 128;

/** Why a version is no OCI tag, naming the first thing to change. */
function versionTagProblem(v: string): string {
  if (v.length > MAX_TAG_LENGTH)
    return `Keep the version to ${MAX_TAG_LENGTH} characters (it has ${v.length}): it becomes an OCI tag`;
  if (v.trim() !== v)
    return "Remove the space at the start or end of the version";
  if (!/^[A-Za-z0-9_]/.test(v))
    return `Start the version with a letter or digit (e.g. 1.0.0), not \`${v[0]}\`: it becomes an OCI tag`;
  return "Use letters, digits, dots, dashes and underscores only (no + or spaces): the version becomes an OCI tag";
}

export const basicsSchema = z.object({
  layer: z.string().refine((v) => includes(LAYERS, v), {
    message: "Choose the layer this pack belongs to",
  }),
  addonType: z.string(),
  name: z
    .string()
    .min(1, "Enter a name: it identifies the pack in every registry")
    .max(MAX_NAME_LENGTH, `Keep the name to ${MAX_NAME_LENGTH} characters`)
    .superRefine((v, ctx) => {
      if (v === "" || OCI_NAME.test(v)) return;
      ctx.addIssue({
        code: "custom",
        message:
          v.trim() !== v
            ? "Remove the space at the start or end of the name"
            : `Use ${NAME_RULE_TEXT}, e.g. my-app`,
      });
    }),
  displayName: z.string().trim().min(1, "Enter the name people see in Palette"),
  version: z
    .string()
    .min(1, "Enter a version, e.g. 1.0.0")
    .refine((v) => !LEADING_V.test(v), {
      message: "Write the version without a leading v (1.2.3, not v1.2.3)",
    })
    .superRefine((v, ctx) => {
      if (v === "" || LEADING_V.test(v) || OCI_TAG.test(v)) return;
      ctx.addIssue({ code: "custom", message: versionTagProblem(v) });
    }),
  cloudTypes: z
    .array(z.string())
    .min(1, "Choose at least one cloud, or All clouds")
    .refine(
      (list) =>
        list.every(
          (c) => includes(CLOUD_TYPES, c) || includes(CLOUD_TYPES_API_ONLY, c),
        ),
      { message: "Remove the cloud types Palette does not know" },
    ),
});

const annotationRows = z
  .array(z.object({ key: z.string(), value: z.string() }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (row.key === "" && row.value === "") return;
      if (row.key.trim() === "")
        ctx.addIssue({
          code: "custom",
          path: [i, "key"],
          message: "Enter a key",
        });
      else if (seen.has(row.key))
        ctx.addIssue({
          code: "custom",
          path: [i, "key"],
          message: `The key ${row.key} is already used above`,
        });
      seen.add(row.key);
    });
  });

const dependencyRow = z.object({
  packName: z.string().min(1, "Enter the name of the pack this one depends on"),
  layer: z
    .string()
    .refine((v) => includes(LAYERS, v), { message: "Choose a layer" }),
  type: z
    .string()
    .refine((v) => includes(DEPENDENCY_TYPES, v), { message: "Choose a type" }),
  minVersion: z.string(),
  maxVersion: z.string(),
});

const resourceRow = z.object({
  type: z.string().refine((v) => includes(RESOURCE_TYPES, v), {
    message: "Choose a resource",
  }),
  minLimit: z
    .string()
    .refine((v) => v.trim() !== "" && Number.isFinite(Number(v)), {
      message: "Enter a number",
    }),
  components: z.array(
    z.object({
      scheduleType: z.string().refine((v) => includes(SCHEDULE_TYPES, v), {
        message: "Choose where it runs",
      }),
      resourceRequestParamRef: z.string(),
      replicaCountParamRef: z.string(),
    }),
  ),
});

export const contentSchema = z
  .object({
    // Read for the OS fields' keys only; Basics checks them.
    basics: z.looseObject({
      layer: z.string(),
      cloudTypes: z.array(z.string()),
    }),
    annotations: annotationRows,
    charts: z.array(z.looseObject({ path: z.string(), name: z.string() })),
    constraints: z.object({
      dependencies: z.array(dependencyRow),
      resources: z.array(resourceRow),
    }),
  })
  .superRefine((v, ctx) => {
    // An OS pack's annotation with a typed field of its own (imageId, osName, …) is entered
    // there: a row of the same key would silently replace the field's value in pack.json while
    // the field still showed its own.
    if (v.basics.layer === "os") {
      const typed = new Set<string>(typedOsKeys(v.basics.cloudTypes));
      v.annotations.forEach((row, i) => {
        if (typed.has(row.key))
          ctx.addIssue({
            code: "custom",
            path: ["annotations", i, "key"],
            message: `${row.key} has its own field above: enter its value there and remove this row`,
          });
      });
    }
    // The OS image annotations and "a chart or a manifest" are warnings or nothing in the
    // core (pack-format §H rule 26): shown under their fields from the core's findings, never
    // blocking. A chart entry without a readable chart is the core's REF_MISSING/CHART_INVALID.
    v.charts.forEach((c, i) => {
      if (c.name === "")
        ctx.addIssue({
          code: "custom",
          path: ["charts", i, "path"],
          message:
            c.blob === null
              ? `pack.json lists ${c.path}, which is not in the pack: add the chart's .tgz (its file name is kept) or remove the entry`
              : `${c.path} is not a Helm chart: remove it`,
        });
    });
  });

/** The last text each YAML file was parsed with here, and its first error. */
const lastParse = new Map<
  string,
  { text: string; first: Finding | undefined }
>();

/**
 * The first error the core's parser finds in `text`, from the last call's answer when the text is
 * the same: the step status asks on every render of every step, and a 1 MB values.yaml takes
 * ~300 ms to parse on the page's thread. One entry per file, so memory stays one text each.
 */
export function firstYamlError(
  text: string,
  file: string,
): Finding | undefined {
  const hit = lastParse.get(file);
  if (hit?.text === text) return hit.first;
  const first = parseYamlLimited(text, file).findings.find(
    (f) => f.severity === "error",
  );
  lastParse.set(file, { text, first });
  return first;
}

/** The YAML files must at least parse before the pack can be reviewed; the rest are findings. */
const yamlText = (file: string) =>
  z
    .string()
    .nullable()
    .superRefine((text, ctx) => {
      if (text === null) return;
      const first = firstYamlError(text, file);
      if (first)
        ctx.addIssue({
          code: "custom",
          message: `${first.message}${first.line ? ` (line ${first.line})` : ""}`,
        });
    });

/** The text files whose YAML must parse for the Values step, by form key (`files.<key>`). */
export const YAML_TEXT_FILES = {
  values: "values.yaml",
  presets: "presets.yaml",
  schema: "schema.yaml",
} as const;

export const valuesSchema = z.object({
  files: z.object({
    values: yamlText(YAML_TEXT_FILES.values),
    presets: yamlText(YAML_TEXT_FILES.presets),
    schema: yamlText(YAML_TEXT_FILES.schema),
  }),
});

/** Logo, review, publish: nothing blocks here; the core's findings say what to fix. */
const openStep = z.object({});

export const STEP_SCHEMAS: Record<StepId, z.ZodType> = {
  basics: z.object({ basics: basicsSchema }),
  content: contentSchema,
  logo: openStep,
  values: valuesSchema,
  review: openStep,
  publish: openStep,
};

/** Does the step's schema accept these values? (Step status is computed from this.) */
export const stepIsValid = (step: StepId, v: WizardValues): boolean =>
  STEP_SCHEMAS[step].safeParse(v).success;
