import { z } from "zod";

import { JsonSyntaxError, parseJsonLocated } from "./json-locate";
import { valueAt } from "./json-value";
import type { PackFiles } from "./pack-files";
import { err, ok, type Result } from "./result";
import { decodeText, lineOfPath, parseYamlLimited } from "./yaml-text";

/*
 * A template is a pack folder (`templates/<id>/` at the package root) plus `template.json`, which
 * says how the builder's Start step and `packsmith init --list` present it. The same description is
 * read by the app (from Vite's glob of the folder) and by the command line (from the disk).
 * It also names the values the pack copies from the documentation's example (an AMI, an account, a
 * vCenter path, a password): they parse and validate, so no finding names them, but they are the
 * example author's, and `packsmith init` tells the user to replace them.
 */

/** The file beside the pack that describes the template; it is not part of the pack. */
export const TEMPLATE_FILE = "template.json";

/** A template id: its folder's name. */
const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A value of the template's pack that the user must replace with their own. */
const sampleValueSchema = z.object({
  /** The file that holds it. */
  file: z.enum(["pack.json", "values.yaml"]),
  /** Its dotted path of mapping keys in that file (`annotations.imageId`). */
  path: z.string().regex(/^[^.]+(\.[^.]+)*$/, "must be a dotted path of keys"),
  /** What to put there instead, as the user reads it ("your AMI's id"). */
  replaceWith: z.string().min(1),
});

/** One sample value of a template (template.json's `sampleValues`). */
export type SampleValue = z.infer<typeof sampleValueSchema>;

const templateJsonSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  sampleValues: z.array(sampleValueSchema).default([]),
});

/** What a template is: its description and the sample values its pack holds. */
export interface TemplateInfo {
  id: string;
  title: string;
  /** The pack's layer, from its pack.json. */
  layer: string;
  description: string;
  /** The documentation's values the pack copies, in template.json's order. */
  sampleValues: SampleValue[];
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
  const json = parseJson(templateJson);
  const meta = templateJsonSchema.safeParse(json);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const what =
      json === undefined || !issue
        ? "not JSON"
        : `\`${issue.path.join(".") || "(the whole file)"}\` ${issue.message}`;
    return err(
      `templates/${id}/${TEMPLATE_FILE}: ${what}; it holds a non-empty "title" and "description" and the "sampleValues" to replace ([{file, path, replaceWith}])`,
    );
  }
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
    sampleValues: meta.data.sampleValues,
  });
}

/** The 1-based line of the value at dotted `path` in pack.json's text, if it is there. */
function jsonLine(text: string, path: string): number | undefined {
  try {
    return parseJsonLocated(text).lines.get(path);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
}

/** The 1-based line where the value at dotted `path` in a YAML text starts, if it is there. */
function yamlLine(
  text: string,
  file: string,
  path: string,
): number | undefined {
  const parsed = parseYamlLimited(text, file);
  const keys = path.split(".");
  // lineOfPath answers a missing path with its deepest part: a sample is named only where it is.
  return parsed.node(0, keys)
    ? lineOfPath(parsed, 0, keys, "value")
    : undefined;
}

/**
 * Each of `samples` with the line of its value in `pack` (a template's pack as written, or one the
 * user edited since), in template.json's order; `line` is absent where the pack no longer holds it.
 */
export function sampleValueLines(
  samples: readonly SampleValue[],
  pack: PackFiles,
): (SampleValue & { line?: number })[] {
  return samples.map((s) => {
    const bytes = pack.get(s.file);
    const text = bytes && decodeText(bytes);
    if (!text) return s;
    const line =
      s.file === "pack.json"
        ? jsonLine(text, s.path)
        : yamlLine(text, s.file, s.path);
    return line === undefined ? s : { ...s, line };
  });
}

/**
 * A sample value with what the template's own file holds at its path: the value a draft from the
 * template still holds until the user replaces it (`ValidateOptions.samples`).
 */
export type TemplateSample = SampleValue & { value: unknown };

/** The first document of a sample's file in `pack`, as data; undefined when it does not read. */
function sampleRoot(pack: PackFiles, file: SampleValue["file"]): unknown {
  if (file === "pack.json") return parseJson(pack.get(file));
  const bytes = pack.get(file);
  const text = bytes && decodeText(bytes);
  if (!text) return undefined;
  const parsed = parseYamlLimited(text, file);
  return parsed.findings.some((f) => f.severity === "error")
    ? undefined
    : parsed.values[0];
}

/**
 * Each of `samples` with the value the template's `pack` holds at its path, in template.json's
 * order; one the pack does not hold is left out (nothing to compare a draft's value with).
 */
export function templateSamples(
  samples: readonly SampleValue[],
  pack: PackFiles,
): TemplateSample[] {
  return samples.flatMap((s) => {
    const at = valueAt(sampleRoot(pack, s.file), s.path.split("."));
    return at.found ? [{ ...s, value: at.value }] : [];
  });
}

/** The pack a template folder holds: every file but template.json. */
export function templatePack(folder: PackFiles): PackFiles {
  const files: PackFiles = new Map(folder);
  files.delete(TEMPLATE_FILE);
  return files;
}
