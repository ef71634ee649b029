import { z } from "zod";

import type { StoredDraft } from "@/features/drafts/api/draft-store";
import { getPackWorker } from "@/lib/pack-worker/client";
import { err, ok, type Result } from "@/pack/result";
import { decodeText } from "@/pack/yaml-text";

/*
 * A draft file: a zip with one folder holding `draft.json` (the draft's JSON and the list of its
 * files) and `files/<blob id>` for each file's bytes. Written and read by the core in the pack
 * worker, with the same safety rules as a pack archive: an imported draft file is untrusted.
 */

const DRAFT_JSON = "draft.json";
const FORMAT = "packsmith-draft";

const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  title: z.string(),
  subtitle: z.string(),
  data: z.unknown(),
  blobIds: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,128}$/)),
});

export interface DraftFileContent {
  title: string;
  subtitle: string;
  data: unknown;
  blobs: Map<string, Uint8Array>;
}

/** The file name a draft is exported as. */
export const draftFileName = (title: string): string =>
  `${title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "pack"}.packsmith-draft.zip`;

/** Write a stored draft and its files as a draft file (a zip, as a Blob made in the pack worker). */
export async function writeDraftFile(
  draft: Pick<StoredDraft, "title" | "subtitle" | "data" | "blobIds">,
  blobs: ReadonlyMap<string, Uint8Array>,
): Promise<Blob> {
  const files = new Map<string, Uint8Array>();
  const blobIds = draft.blobIds.filter((id) => blobs.has(id));
  files.set(
    DRAFT_JSON,
    new TextEncoder().encode(
      JSON.stringify({
        format: FORMAT,
        version: 1,
        title: draft.title,
        subtitle: draft.subtitle,
        data: draft.data,
        blobIds,
      }),
    ),
  );
  for (const id of blobIds) files.set(`files/${id}`, blobs.get(id)!);
  return getPackWorker().writeDraftZip(files, "packsmith-draft");
}

/** Read a draft file; every problem is a message for the user. */
export async function readDraftFile(
  file: Blob,
  name: string,
): Promise<Result<DraftFileContent, string>> {
  // Kept in the worker and as Blobs: the draft made of these files is stored and checked next.
  const read = await getPackWorker().readArchive(file, name, {
    keep: true,
    blobs: true,
  });
  if (!read.ok) return err(`${name} cannot be opened: ${read.error.message}`);
  const files = read.value.files;
  const text = decodeText(files.get(DRAFT_JSON) ?? new Uint8Array([0xff]));
  if (text === null)
    return err(`${name} is not a Packsmith draft file: it has no draft.json`);
  let parsed: z.infer<typeof envelopeSchema>;
  try {
    const r = envelopeSchema.safeParse(JSON.parse(text));
    if (!r.success)
      return err(`${name} is not a Packsmith draft file of a known version`);
    parsed = r.data;
  } catch {
    return err(`${name}: draft.json is not valid JSON`);
  }
  const blobs = new Map<string, Uint8Array>();
  for (const id of parsed.blobIds) {
    const b = files.get(`files/${id}`);
    if (!b) return err(`${name} is incomplete: the file ${id} is missing`);
    blobs.set(id, b);
  }
  return ok({
    title: parsed.title,
    subtitle: parsed.subtitle,
    data: parsed.data,
    blobs,
  });
}
