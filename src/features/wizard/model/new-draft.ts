import {
  draftDataSchema,
  type DraftBlobs,
  type DraftData,
  type DraftOrigin,
  type WizardValues,
} from "@/features/wizard/model/draft-schema";
import { emptyValues } from "@/features/wizard/model/empty-values";
import {
  packFilesToDraft,
  type ChartFacts,
} from "@/features/wizard/model/pack-files-to-draft";
import { nextVersion } from "@/features/wizard/model/version";
import type { PackFiles } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";

/** A new draft's content, before it is stored. */
export interface NewDraft {
  data: DraftData;
  blobs: DraftBlobs;
}

const wrap = (
  values: WizardValues,
  blobs: DraftBlobs,
  origin: DraftOrigin,
): NewDraft => ({
  data: {
    format: 1,
    meta: { origin, step: "basics", visited: ["basics"], target: "oci" },
    values,
  },
  blobs,
});

export const blankDraft = (): NewDraft =>
  wrap(emptyValues(), new Map(), { kind: "blank" });

/**
 * A draft from template `id`'s pack folder: the pack imported as it is, every file kept and
 * pack.json remembered, so that a pack made with no change is the template's (issue 9 item 1).
 */
export function templateDraft(
  id: string,
  files: PackFiles,
  newId: () => string = () => crypto.randomUUID(),
): Result<NewDraft, string> {
  const r = packFilesToDraft(files, { newId });
  if (!r.ok)
    return err(`the template ${id} cannot be read: ${r.error.message}`);
  return ok(
    wrap(r.value.values, r.value.blobs, { kind: "template", template: id }),
  );
}

/**
 * A draft for the next version of an existing pack: every file kept, the version moved on
 * (patch + 1 for SemVer) and the previous name, display name and version remembered, so the core
 * can warn when they change (pack-format rule 25).
 */
export function nextVersionDraft(
  files: PackFiles,
  source: string,
  charts?: ReadonlyMap<string, ChartFacts | null>,
): Result<NewDraft, string> {
  const r = packFilesToDraft(files, charts ? { charts } : {});
  if (!r.ok) return err(r.error.message);
  const { values, blobs } = r.value;
  const previous = {
    name: values.basics.name,
    displayName: values.basics.displayName,
    version: values.basics.version,
  };
  values.basics.version = nextVersion(values.basics.version);
  return ok(wrap(values, blobs, { kind: "import", source, previous }));
}

/** A stored draft's JSON, checked before the wizard trusts it (it may come from an imported file). */
export function restoreDraftData(json: unknown): Result<DraftData, string> {
  const r = draftDataSchema.safeParse(json);
  if (r.success) return ok(r.data);
  const first = r.error.issues[0];
  return err(
    `the saved draft does not have the shape this version of Packsmith expects${first ? ` (${first.path.join(".") || "root"}: ${first.message})` : ""}`,
  );
}
