import { useCallback, useMemo, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { MarkdownView } from "@/components/markdown/markdown-view";
import { EditorLinkTargets } from "@/features/wizard/components/editor-link-targets";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { fileRemoval, useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import {
  isReadmeSkeleton,
  readmeSkeleton,
} from "@/features/wizard/model/empty-values";
import { CodeEditor, type EditorMarker } from "@/lib/monaco";

const NAME = "files.readme";

/**
 * README.md in Monaco, with a preview exactly as reviewers will see it: the shared MarkdownView
 * (raw HTML through DOMPurify's allow-list, images from the draft's own files).
 *
 * A README finding's link (the review's list, the error summary) lands here like a YAML file's:
 * on `#field-files-readme` (the editor, or "Add README.md" when there is none) or on the line of
 * a finding (`#field-files-readme-line-N`), either putting the caret in the editor, in edit mode.
 * README findings are warnings (a missing README is an error for pack-central only), so every
 * finding's line has a target, not only errors'.
 */
export function ReadmeEditor({
  draftId,
  revealLine,
}: {
  draftId: string;
  revealLine?: number | undefined;
}) {
  const { control, setValue, getValues } = useFormContext<WizardValues>();
  const { files, report } = useWizard();
  const removal = useRemoval();
  const [text, title] = useWatch({
    control,
    name: [NAME, "basics.displayName"],
  });
  const [mode, setMode] = useState<"edit" | "preview">("edit");
  const [focusLine, setFocusLine] = useState<
    { line: number; seq: number } | undefined
  >(undefined);
  const markers: EditorMarker[] = useMemo(
    () =>
      (report?.findings ?? []).flatMap((f) =>
        f.file === "README.md" && f.line
          ? [{ line: f.line, message: f.message, severity: f.severity }]
          : [],
      ),
    [report],
  );
  const lines = [...new Set(markers.map((m) => m.line))];
  const focusOn = useCallback((line: number) => {
    setMode("edit");
    setFocusLine((f) => ({ line, seq: (f?.seq ?? 0) + 1 }));
  }, []);
  const set = (v: string | null) => setValue(NAME, v, { shouldDirty: true });

  if (text === null)
    return (
      <div className="text-file">
        <p className="muted">
          This pack has no README.md. Palette shows it as the pack&apos;s
          documentation, and pack-central requires one.
        </p>
        <Button id={fieldId(NAME)} onClick={() => set(readmeSkeleton(title))}>
          Add README.md
        </Button>
        <RemovalPrompt removal={removal} />
      </div>
    );
  return (
    <div className="text-file">
      <div className="text-file__toolbar" role="group" aria-label="README view">
        <Button aria-pressed={mode === "edit"} onClick={() => setMode("edit")}>
          Edit
        </Button>
        <Button
          aria-pressed={mode === "preview"}
          onClick={() => {
            setMode("preview");
            // Back in Edit, the editor opens where it was, without taking the focus again.
            setFocusLine(undefined);
          }}
        >
          Preview
        </Button>
        <Button
          onClick={() =>
            removal.request(
              fileRemoval("README.md", { getValues, setValue }, NAME, {
                untouched: text.trim() === "" || isReadmeSkeleton(text),
              }),
            )
          }
        >
          Remove README.md
        </Button>
      </div>
      <RemovalPrompt removal={removal} />
      <EditorLinkTargets
        name={NAME}
        label="README.md"
        lines={lines}
        focusOn={focusOn}
      >
        {mode === "edit" ? (
          <CodeEditor
            value={text}
            language="markdown"
            ariaLabel="README.md editor"
            modelUri={`file:///${draftId}/README.md`}
            height="28rem"
            onChange={(v) => set(v)}
            markers={markers}
            revealLine={revealLine}
            focusLine={focusLine}
          />
        ) : (
          <section className="readme-preview" aria-label="README.md preview">
            <MarkdownView text={text} path="README.md" files={files} />
          </section>
        )}
      </EditorLinkTargets>
    </div>
  );
}
