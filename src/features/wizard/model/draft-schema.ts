import { z } from "zod";

import { TARGETS } from "@/pack/targets";

/*
 * The wizard's state, as react-hook-form holds it and as a draft stores it. Everything here is
 * plain JSON: file bytes live in a separate blob map (`DraftBlobs`) and are referenced by id, so
 * the form stays cheap to compare and to save on every change.
 *
 * This schema restores drafts (from IndexedDB or an imported draft file): it checks shapes, not
 * pack rules. The rules are the step schemas (step-schemas.ts) and the core's validatePack.
 */

const str = z.string();

export const annotationRowSchema = z.object({ key: str, value: str });
export type AnnotationRow = z.infer<typeof annotationRowSchema>;

/** Every OS annotation the wizard has a typed field for (pack-format §C.1). */
export const osFieldsSchema = z.object({
  osName: str,
  os_spectro_version: str,
  sshUsername: str,
  sshPassword: str,
  /** "" means "not written"; otherwise the exact annotation string. */
  skipK8sInstall: z.enum(["", "true", "false"]),
  cloudRegion: str,
  imageId: str,
  imageOwner: str,
  /** vSphere only: where imageId points (not written to pack.json; read back from imageId). */
  vsphereSource: z.enum(["template", "ova"]),
  folder: str,
  imagePublisher: str,
  imageOffer: str,
  imageSKU: str,
});
export type OsFields = z.infer<typeof osFieldsSchema>;

export const dependencyRowSchema = z.object({
  packName: str,
  layer: str,
  type: str,
  minVersion: str,
  maxVersion: str,
});

export const resourceComponentRowSchema = z.object({
  scheduleType: str,
  resourceRequestParamRef: str,
  replicaCountParamRef: str,
});

export const resourceRowSchema = z.object({
  type: str,
  /** Kept as typed text; written as a number. */
  minLimit: str,
  components: z.array(resourceComponentRowSchema),
});

/** A chart archive in the pack. `blob` is null when pack.json lists a file the pack lacks. */
export const chartRowSchema = z.object({
  blob: str.nullable(),
  path: str,
  /** From Chart.yaml; empty when the archive could not be read. */
  name: str,
  version: str,
});
export type ChartRow = z.infer<typeof chartRowSchema>;

export const fileRowSchema = z.object({ blob: str.nullable(), path: str });
export type FileRow = z.infer<typeof fileRowSchema>;

export const roleRowSchema = z.object({
  name: str,
  /** Paths relative to the role folder (`tasks/main.yml`). */
  files: z.array(z.object({ blob: str, path: str })),
});

export const logoSchema = z.object({
  blob: str,
  width: z.number(),
  height: z.number(),
  /** The format the user dropped, when the wizard converted it to PNG. */
  convertedFrom: str.optional(),
});

export const wizardValuesSchema = z.object({
  basics: z.object({
    layer: str,
    addonType: str,
    name: str,
    displayName: str,
    version: str,
    group: str,
    eol: str,
    cloudTypes: z.array(str),
  }),
  os: osFieldsSchema,
  annotations: z.array(annotationRowSchema),
  constraints: z.object({
    dependencies: z.array(dependencyRowSchema),
    resources: z.array(resourceRowSchema),
  }),
  charts: z.array(chartRowSchema),
  manifests: z.array(fileRowSchema),
  roles: z.array(roleRowSchema),
  logo: logoSchema.nullable(),
  files: z.object({
    /** null only when an imported values.yaml is not UTF-8 text (kept among the extra files). */
    values: str.nullable(),
    readme: str.nullable(),
    presets: str.nullable(),
    schema: str.nullable(),
  }),
  extras: z.object({
    /** Files the wizard has no editor for (unpacked chart folders, NOTES.txt…), kept as they are. */
    files: z.array(z.object({ blob: str, path: str })),
    /** pack.json fields the wizard has no field for (commit_msg, kubeVersion…), kept verbatim. */
    packJson: z.record(str, z.unknown()),
    /** Optional pack.json keys written even when empty (an imported `"group": ""`). */
    keep: z.array(str),
    /**
     * The pack.json a template or an import started from, and what the wizard wrote for it
     * then: untouched fields are written as the author wrote them (merge-edits.ts). Absent for
     * a blank pack and in drafts saved before it existed.
     */
    authored: z
      .object({
        original: z.record(str, z.unknown()),
        rendered: z.record(str, z.unknown()),
      })
      .nullable()
      .optional(),
  }),
});
export type WizardValues = z.infer<typeof wizardValuesSchema>;

/** File bytes of a draft, by blob id. A Map, so any id is an ordinary key. */
export type DraftBlobs = Map<string, Uint8Array>;

export const STEP_IDS = [
  "basics",
  "content",
  "logo",
  "values",
  "review",
  "publish",
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Where the draft came from: decides the advice shown (a new version of an existing pack…). */
export const draftOriginSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("blank") }),
  z.object({ kind: z.literal("template"), template: str }),
  z.object({
    kind: z.literal("import"),
    source: str,
    previous: z
      .object({ name: str, displayName: str, version: str })
      .optional(),
  }),
]);
export type DraftOrigin = z.infer<typeof draftOriginSchema>;

/** What a draft stores besides the form: origin, where the user was, where the pack is going. */
export const draftMetaSchema = z.object({
  origin: draftOriginSchema,
  step: z.enum(STEP_IDS),
  visited: z.array(z.enum(STEP_IDS)),
  /** Drafts saved before the switch existed meant an OCI registry. */
  target: z.enum(TARGETS).default("oci"),
});

/** The JSON half of a stored draft; the drafts store keeps it opaque and this schema restores it. */
export const draftDataSchema = z.object({
  format: z.literal(1),
  meta: draftMetaSchema,
  values: wizardValuesSchema,
});
export type DraftData = z.infer<typeof draftDataSchema>;
