import { useRef } from "react";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { DraftSummary } from "@/features/drafts/api/draft-store";

/** Confirm deleting a draft: its files go with it. */
export function DeleteDraftDialog({
  draft,
  onClose,
  onConfirm,
}: {
  draft: DraftSummary | null;
  onClose: () => void;
  onConfirm: (draft: DraftSummary) => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={draft !== null}
      onClose={onClose}
      title={`Delete ${draft?.title ?? "the draft"}?`}
      initialFocusRef={keep}
      actions={
        <>
          <Button ref={keep} onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" onClick={() => draft && onConfirm(draft)}>
            Delete the draft
          </Button>
        </>
      }
    >
      <p>
        The draft and its files are removed from this browser. Export it first
        to keep a copy.
      </p>
    </Dialog>
  );
}
