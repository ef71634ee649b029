import type { FieldErrors } from "react-hook-form";

import { fieldId } from "@/features/wizard/model/finding-targets";

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

/** A text file's error as the step's schema words it: the core's message, then "(line N)". */
const LINE_SUFFIX = /\(line (\d+)\)$/;

/**
 * The error summary's entries: each message links to its field's DOM id; a text file's error
 * with a line, to that line of its editor.
 */
export const summaryErrors = (errors: FieldErrors) =>
  flattenErrors(errors).map((e) => {
    const line = e.path.startsWith("files.")
      ? LINE_SUFFIX.exec(e.message)?.[1]
      : undefined;
    return {
      id: line ? textLineId(e.path, Number(line)) : fieldId(e.path),
      message: e.message,
    };
  });
