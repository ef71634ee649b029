import { useMemo } from "react";

import {
  draftSubtitle,
  draftTitle,
  useAutosave,
} from "@/features/wizard/hooks/use-autosave";
import { useLeavePrompt } from "@/features/wizard/hooks/use-leave-prompt";
import type {
  DraftBlobs,
  DraftData,
  DraftOrigin,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import type { Target } from "@/pack/targets";
import type { NavState } from "@/features/wizard/model/navigation";
import type {
  DraftExport,
  OpenedDraft,
  WizardDraftStorage,
} from "@/features/wizard/types";

/**
 * Everything that keeps a draft safe: the autosave, the question on leaving with unsaved changes
 * (not once the registry holds exactly this content), and the snapshot an export writes.
 */
export function useDraftSaving(opts: {
  draft: OpenedDraft;
  storage: WizardDraftStorage;
  origin: DraftOrigin;
  nav: NavState;
  target: Target;
  values: WizardValues;
  blobs: DraftBlobs;
  /** useDraftRevision of values and blobs. */
  revision: string;
}) {
  const { draft, storage, origin, nav, target, values, blobs, revision } = opts;
  const data: DraftData = useMemo(
    () => ({
      format: 1,
      meta: { origin, step: nav.step, visited: nav.visited, target },
      values,
    }),
    [origin, nav.step, nav.visited, target, values],
  );
  const save = useAutosave({
    draftId: draft.id,
    storage,
    initialRev: draft.rev,
    initialSavedAt: draft.savedAt,
    snapshot: {
      data,
      blobs,
      content: revision,
      fingerprint: `${revision}:${nav.step}:${nav.visited.join()}:${target}`,
    },
  });
  useLeavePrompt(
    save.unsaved,
    storage.kind === "memory"
      ? "This browser cannot store drafts: leaving loses this pack. Leave anyway?"
      : "Some changes are not saved yet. Leave anyway?",
  );
  const snapshot = (): DraftExport => ({
    title: draftTitle(data),
    subtitle: draftSubtitle(data),
    data,
    blobs,
  });
  return {
    save,
    snapshot,
    /**
     * The registry now holds this content and the draft is removed from storage: leaving no
     * longer needs to ask, and the next change stores the draft again, files and all.
     */
    markPublished: save.forget,
  };
}
