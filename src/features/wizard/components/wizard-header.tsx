import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AutosaveState } from "@/features/wizard/hooks/use-autosave";
import type { WizardValues } from "@/features/wizard/model/draft-schema";

interface WizardHeaderProps {
  values: WizardValues;
  save: AutosaveState;
  storageKind: "indexeddb" | "memory";
  onExport: () => Promise<void>;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

function saveText(save: AutosaveState, memory: boolean): string {
  if (memory) return "Kept in this tab only";
  switch (save.status) {
    case "saved":
      return save.savedAt
        ? `Draft saved at ${time(save.savedAt)}`
        : "Draft saved";
    case "published":
      return "Published: no draft kept";
    case "pending":
    case "saving":
      return "Saving draft…";
    case "error":
      return "Draft not saved";
    case "conflict":
      return "Draft changed in another tab";
  }
}

/** The draft's title, its save state and the draft actions. */
export function WizardHeader({
  values,
  save,
  storageKind,
  onExport,
}: WizardHeaderProps) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const title =
    values.basics.displayName.trim() || values.basics.name || "Untitled pack";
  const memory = storageKind === "memory";

  async function exportDraft() {
    setExporting(true);
    setExportError(null);
    try {
      await onExport();
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="wizard__header">
      <title>{`Build ${title} · Packsmith`}</title>
      <div className="wizard__title-row">
        <h1 className="wizard__title">{title}</h1>
        <p className="wizard__save" role="status">
          {saveText(save, memory)}
        </p>
        <Button busy={exporting} onClick={() => void exportDraft()}>
          Export draft
        </Button>
      </div>
      {memory && (
        <Alert tone="warning" title="This browser cannot store drafts">
          <p>
            Storage is unavailable here (a private window?), so this draft lives
            only in this tab: a reload or a closed tab loses it. Use Export
            draft to keep a copy.
          </p>
        </Alert>
      )}
      {save.status === "error" && save.error && (
        <Alert tone="error" title="The draft is not saved">
          <p>{save.error}</p>
          <Button onClick={() => void save.flush()}>Try again</Button>
        </Alert>
      )}
      {save.status === "conflict" && (
        <Alert tone="error" title="This draft was changed in another tab">
          <p>
            To keep both, export this version with Export draft, then reload the
            page to see the other tab&apos;s version. Nothing was overwritten.
          </p>
          <Button onClick={() => window.location.reload()}>
            Reload the other version
          </Button>
        </Alert>
      )}
      {exportError && (
        <Alert tone="error" title="The draft could not be exported">
          <p>{exportError}</p>
        </Alert>
      )}
    </div>
  );
}
