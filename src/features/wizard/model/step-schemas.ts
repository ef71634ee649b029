import { z } from "zod";

import type {
  StepId,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import {
  ADDON_TYPES,
  CLOUD_TYPES,
  CLOUD_TYPES_API_ONLY,
  DEPENDENCY_TYPES,
  LAYERS,
  MAX_NAME_LENGTH,
  OCI_NAME,
  OCI_TAG,
  RESOURCE_TYPES,
  SCHEDULE_TYPES,
} from "@/pack/schemas";
import { manifestKey } from "@/pack/values";
import { parseYamlLimited } from "@/pack/yaml-text";

/*
 * One schema per step. Each checks only its own slice of the form (the rest is stripped), and
 * blocks "Next" only on what the core would call an error or what the step cannot do without;
 * the core's warnings are shown, never blocking. Rules come from the core's constants, so the
 * wizard and the server never disagree.
 */

const includes = (list: readonly string[], v: string) => list.includes(v);

export const basicsSchema = z
  .object({
    layer: z.string().refine((v) => includes(LAYERS, v), {
      message: "Choose the layer this pack belongs to",
    }),
    addonType: z.string(),
    name: z
      .string()
      .min(1, "Enter a name: it identifies the pack in every registry")
      .max(MAX_NAME_LENGTH, `Keep the name to ${MAX_NAME_LENGTH} characters`)
      .regex(
        OCI_NAME,
        "Use lower-case letters, digits and single separators (- . _) between them, e.g. my-app",
      ),
    displayName: z
      .string()
      .trim()
      .min(1, "Enter the name people see in Palette"),
    version: z
      .string()
      .min(1, "Enter a version, e.g. 1.0.0")
      .refine((v) => !/^[vV]\d/.test(v), {
        message: "Write the version without a leading v (1.2.3, not v1.2.3)",
      })
      .refine((v) => OCI_TAG.test(v), {
        message:
          "Use letters, digits, dots, dashes and underscores only (no + or spaces): the version becomes an OCI tag",
      }),
    group: z.string(),
    eol: z
      .string()
      .refine(
        (v) =>
          v.trim() === "" ||
          /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v),
        { message: "Write the end-of-life date as YYYY-MM-DD" },
      ),
    cloudTypes: z
      .array(z.string())
      .min(1, "Choose at least one cloud, or All clouds")
      .refine(
        (list) =>
          list.every(
            (c) =>
              includes(CLOUD_TYPES, c) || includes(CLOUD_TYPES_API_ONLY, c),
          ),
        { message: "Remove the cloud types Palette does not know" },
      ),
  })
  .superRefine((b, ctx) => {
    if (b.layer === "addon" && !includes(ADDON_TYPES, b.addonType))
      ctx.addIssue({
        code: "custom",
        path: ["addonType"],
        message: "Choose the kind of add-on: Palette groups add-ons by it",
      });
    if (b.cloudTypes.includes("all") && b.cloudTypes.length > 1)
      ctx.addIssue({
        code: "custom",
        path: ["cloudTypes"],
        message:
          "All clouds already covers every cloud: clear the others, or untick All clouds",
      });
  });

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const AMI = /^ami-[0-9a-f]{8,17}$/;
const AWS_OWNER = /^(\d{12}|self|amazon|aws-marketplace)$/;

const osSchema = z.object({
  layer: z.string(),
  cloudTypes: z.array(z.string()),
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
  packName: z.string().min(1, "Enter the pack's name"),
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
    basics: osSchema,
    os: z.looseObject({}),
    annotations: annotationRows,
    charts: z.array(z.looseObject({ path: z.string(), name: z.string() })),
    manifests: z.array(z.looseObject({ path: z.string() })),
    roles: z.array(z.looseObject({ name: z.string() })),
    constraints: z.object({
      dependencies: z.array(dependencyRow),
      resources: z.array(resourceRow),
    }),
  })
  .superRefine((v, ctx) => {
    const need = (key: string, ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: ["os", key], message });
    };
    const os = v.os as Record<string, string>;
    const filled = (k: string) => (os[k] ?? "").trim() !== "";
    if (v.basics.layer === "os") {
      const clouds = v.basics.cloudTypes;
      need("osName", filled("osName"), "Enter the OS name, e.g. ubuntu");
      need(
        "sshUsername",
        filled("sshUsername"),
        "Enter the SSH user of the image",
      );
      need(
        "skipK8sInstall",
        os.skipK8sInstall === "true" || os.skipK8sInstall === "false",
        "Say whether the image already has Kubernetes",
      );
      if (clouds.includes("aws")) {
        need(
          "cloudRegion",
          AWS_REGION.test(os.cloudRegion ?? ""),
          "Enter an AWS region, e.g. us-east-1",
        );
        need(
          "imageId",
          AMI.test(os.imageId ?? ""),
          "Enter an AMI id, e.g. ami-0abcd1234ef567890",
        );
        need(
          "imageOwner",
          AWS_OWNER.test(os.imageOwner ?? ""),
          "Enter the AMI owner: a 12-digit AWS account id (or self, amazon)",
        );
      }
      if (clouds.includes("vsphere")) {
        need(
          "folder",
          filled("folder"),
          "Enter the vSphere folder for the template, e.g. spectro-templates",
        );
        if (!clouds.includes("aws")) {
          if (os.vsphereSource === "ova")
            need(
              "imageId",
              /^https:\/\/\S+\.ova$/i.test(os.imageId ?? ""),
              "Enter the HTTPS address of the .ova file",
            );
          else
            need(
              "imageId",
              /^\/\S/.test(os.imageId ?? ""),
              "Enter the inventory path of the VM template, e.g. /Datacenter/vm/spectro-templates/ubuntu-22",
            );
        }
      }
      if (clouds.includes("azure")) {
        need(
          "imagePublisher",
          filled("imagePublisher"),
          "Enter the image publisher, e.g. Canonical",
        );
        need("imageOffer", filled("imageOffer"), "Enter the image offer");
        need("imageSKU", filled("imageSKU"), "Enter the image SKU");
      }
      return;
    }
    if (v.charts.length === 0 && v.manifests.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["charts"],
        message:
          "Add at least one Helm chart (.tgz) or Kubernetes manifest (.yaml)",
      });
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
    const keys = new Map<string, string>();
    v.manifests.forEach((m, i) => {
      const key = manifestKey(m.path);
      const other = keys.get(key);
      if (other)
        ctx.addIssue({
          code: "custom",
          path: ["manifests", i, "path"],
          message: `${m.path} and ${other} would share values under manifests.${key}: rename one`,
        });
      keys.set(key, m.path);
    });
  });

/** The YAML files must at least parse before the pack can be reviewed; the rest are findings. */
const yamlText = (file: string) =>
  z
    .string()
    .nullable()
    .superRefine((text, ctx) => {
      if (text === null) return;
      const first = parseYamlLimited(text, file).findings.find(
        (f) => f.severity === "error",
      );
      if (first)
        ctx.addIssue({
          code: "custom",
          message: `${first.message}${first.line ? ` (line ${first.line})` : ""}`,
        });
    });

export const valuesSchema = z.object({
  files: z.object({
    values: yamlText("values.yaml"),
    presets: yamlText("presets.yaml"),
    schema: yamlText("schema.yaml"),
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
