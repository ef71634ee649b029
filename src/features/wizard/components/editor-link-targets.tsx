import type { ReactNode } from "react";

import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { textLineId } from "@/features/wizard/model/form-errors";

/**
 * The frame of a text file's editor that the error summary and the review link to: the frame
 * itself (`#field-<name>`: focusing it opens the file at the first of `lines`, else line 1) and
 * one hidden target per line of `lines` (`#field-<name>-line-N`), each putting the caret on its
 * line through `focusOn`.
 */
export function EditorLinkTargets({
  name,
  label,
  lines,
  focusOn,
  children,
}: {
  /** The form field (`files.values`, `files.readme`). */
  name: string;
  /** The file, as a line target reads it ("README.md, line 3"). */
  label: string;
  lines: readonly number[];
  focusOn: (line: number) => void;
  children: ReactNode;
}) {
  return (
    <div
      id={fieldId(name)}
      tabIndex={-1}
      className="text-file__editor"
      onFocus={(e) => {
        // A link to the file (no line, or none with a target) opens it at its first target.
        if (e.target === e.currentTarget) focusOn(lines[0] ?? 1);
      }}
    >
      {lines.map((line) => (
        <VisuallyHidden
          key={line}
          id={textLineId(name, line)}
          tabIndex={-1}
          onFocus={() => focusOn(line)}
        >
          {label}, line {line}
        </VisuallyHidden>
      ))}
      {children}
    </div>
  );
}
