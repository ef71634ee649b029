import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { MarkdownView } from "@/components/markdown/markdown-view";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { readmeSkeleton } from "@/features/wizard/model/empty-values";
import { CodeEditor } from "@/lib/monaco";

/**
 * README.md in Monaco, with a preview exactly as reviewers will see it: the shared MarkdownView
 * (raw HTML through DOMPurify's allow-list, images from the draft's own files).
 */
export function ReadmeEditor({
  draftId,
  revealLine,
}: {
  draftId: string;
  revealLine?: number | undefined;
}) {
  const { control, setValue } = useFormContext<WizardValues>();
  const { files } = useWizard();
  const [text, title] = useWatch({
    control,
    name: ["files.readme", "basics.displayName"],
  });
  const [mode, setMode] = useState<"edit" | "preview">("edit");
  const set = (v: string | null) =>
    setValue("files.readme", v, { shouldDirty: true });

  if (text === null)
    return (
      <div className="text-file">
        <p className="muted">
          This pack has no README.md. Palette shows it as the pack&apos;s
          documentation, and pack-central requires one.
        </p>
        <Button onClick={() => set(readmeSkeleton(title))}>
          Add README.md
        </Button>
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
          onClick={() => setMode("preview")}
        >
          Preview
        </Button>
        <Button onClick={() => set(null)}>Remove README.md</Button>
      </div>
      {mode === "edit" ? (
        <CodeEditor
          value={text}
          language="markdown"
          ariaLabel="README.md editor"
          modelUri={`file:///${draftId}/README.md`}
          height="28rem"
          onChange={(v) => set(v)}
          revealLine={revealLine}
        />
      ) : (
        <section className="readme-preview" aria-label="README.md preview">
          <MarkdownView text={text} path="README.md" files={files} />
        </section>
      )}
    </div>
  );
}
