import type { FieldErrors } from "react-hook-form";

import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  fieldId,
  type FindingTarget,
  type TextFileKey,
} from "@/features/wizard/model/finding-targets";
import {
  firstYamlError,
  YAML_TEXT_FILES,
} from "@/features/wizard/model/step-schemas";
import type { Finding } from "@/pack/finding";

/** react-hook-form's nested errors as a flat list of (form path, message), in form order. */
export function flattenErrors(
  errors: FieldErrors,
  prefix = "",
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const e = value as { message?: unknown; type?: unknown; ref?: unknown };
    if (typeof e.message === "string" && e.message !== "")
      out.push({ path, message: e.message });
    for (const [k, v] of Object.entries(value as object))
      // `message` and `type` are strings on an error, but objects when they are field names.
      if (!["ref", "types", "root"].includes(k) && v && typeof v === "object")
        out.push(...flattenErrors({ [k]: v } as FieldErrors, path));
    const root = (value as { root?: { message?: string } }).root;
    if (root?.message) out.push({ path, message: root.message });
  }
  return out;
}

/**
 * The DOM id of a line of a text file's editor (`files.values`, line 25): focusing it puts the
 * focus in the editor with the caret on that line (TextFileEditor renders one per error line), so
 * an error summary's link reaches the line, not the editor's frame.
 */
export const textLineId = (path: string, line: number): string =>
  `${fieldId(path)}-line-${line}`;

/**
 * Where a link to a text file lands: the line's target when there is a line, else the file's
 * editor frame (or, with no README, its "Add README.md" button). Focusing either puts the focus
 * in the editor.
 */
export const textTargetId = ({
  file,
  line,
}: {
  file: TextFileKey;
  line?: number | undefined;
}): string =>
  line ? textLineId(`files.${file}`, line) : fieldId(`files.${file}`);

/**
 * The finding behind the step's error on a YAML file (`files.values`): the core's first YAML
 * error in the file's text as it is now, which the step's schema words as its message. Cached by
 * text (`firstYamlError`), so asking after the schema did parses nothing again.
 */
export function textFileError(
  path: string,
  values: Pick<WizardValues, "files">,
): Finding | undefined {
  const key = yamlFileKey(path);
  const text = key ? values.files[key] : null;
  return key && text !== null
    ? firstYamlError(text, YAML_TEXT_FILES[key])
    : undefined;
}

/** `files.values` → `values`: the form key of a YAML file the Values step checks, else null. */
function yamlFileKey(path: string): keyof typeof YAML_TEXT_FILES | null {
  const key = path.startsWith("files.") ? path.slice("files.".length) : "";
  return Object.hasOwn(YAML_TEXT_FILES, key)
    ? (key as keyof typeof YAML_TEXT_FILES)
    : null;
}

/**
 * The error summary's entries: each message links to its field's DOM id; a text file's error
 * with a line, to that line of its editor. The line is the finding's own, never read back out of
 * the message (whose text may hold other numbers).
 */
export const summaryErrors = (
  errors: FieldErrors,
  values: Pick<WizardValues, "files">,
): { id: string; message: string; target?: FindingTarget }[] =>
  flattenErrors(errors).map((e) => {
    const file = yamlFileKey(e.path);
    if (!file) return { id: fieldId(e.path), message: e.message };
    const line = textFileError(e.path, values)?.line;
    const target: FindingTarget = {
      kind: "text",
      step: "values",
      file,
      ...(line ? { line } : {}),
    };
    return { id: textTargetId(target), message: e.message, target };
  });
