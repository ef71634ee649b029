import { z } from "zod";

import type { PackFiles } from "./pack-files";
import { err, ok, type Result } from "./result";
import { decodeText } from "./yaml-text";

/*
 * A template is a pack folder (`templates/<id>/` at the package root) plus `template.json`, which
 * says how the builder's Start step and `packsmith init --list` present it. The same description is
 * read by the app (from Vite's glob of the folder) and by the command line (from the disk).
 */

/** The file beside the pack that describes the template; it is not part of the pack. */
export const TEMPLATE_FILE = "template.json";

/** A template id: its folder's name. */
const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]*$/;

const templateJsonSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
});

/** What a template is, as `packsmith init --list --json` prints it. */
export interface TemplateInfo {
  id: string;
  title: string;
  /** The pack's layer, from its pack.json. */
  layer: string;
  description: string;
}

const parseJson = (bytes: Uint8Array | undefined): unknown => {
  const text = bytes && decodeText(bytes);
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * The description of template `id` from its template.json and pack.json bytes; an error names
 * the file and what is wrong with it. Never throws.
 */
export function templateInfo(
  id: string,
  templateJson: Uint8Array | undefined,
  packJson: Uint8Array | undefined,
): Result<TemplateInfo, string> {
  if (!TEMPLATE_ID.test(id))
    return err(
      `template ${JSON.stringify(id)}: an id is lower-case letters, digits and -`,
    );
  const meta = templateJsonSchema.safeParse(parseJson(templateJson));
  if (!meta.success)
    return err(
      `templates/${id}/${TEMPLATE_FILE} must be JSON with a non-empty "title" and "description"`,
    );
  const pack = parseJson(packJson);
  const layer =
    pack && typeof pack === "object" && "layer" in pack
      ? (pack as { layer: unknown }).layer
      : undefined;
  if (typeof layer !== "string")
    return err(`templates/${id}/pack.json must be JSON with a "layer"`);
  return ok({
    id,
    title: meta.data.title,
    layer,
    description: meta.data.description,
  });
}

/** The pack a template folder holds: every file but template.json. */
export function templatePack(folder: PackFiles): PackFiles {
  const files: PackFiles = new Map(folder);
  files.delete(TEMPLATE_FILE);
  return files;
}
