import { createContext, useContext } from "react";

import type {
  DraftBlobs,
  DraftOrigin,
  StepId,
} from "@/features/wizard/model/draft-schema";
import type { Target } from "@/pack/targets";
import type { FindingTarget } from "@/features/wizard/model/finding-targets";
import type { PackFiles } from "@/pack/pack-files";
import type { PackReport } from "@/lib/pack-worker/protocol";

/** A place the user asked to jump to (a finding's link); the step that owns it consumes it. */
export type JumpRequest = FindingTarget & { seq: number };

export interface WizardContextValue {
  draftId: string;
  origin: DraftOrigin;
  blobs: DraftBlobs;
  /** Store new file bytes; returns their ids in order. */
  addBlobs: (bytes: readonly Uint8Array[]) => string[];
  /**
   * The pack the draft describes right now: made when first read after a change (a getter), so a
   * keystroke in a 1 MB values.yaml does not re-encode it unless something on screen reads it.
   */
  readonly files: PackFiles;
  /** Names the draft's content as it is now (useDraftRevision); equal means unchanged. */
  revision: string;
  /** The core's report on `files` (debounced; the previous one while a new one runs). */
  report: PackReport | undefined;
  /** The report on screen is for an older state of the draft (a new one is coming). */
  reportPending: boolean;
  /** Where the pack is going (kept in the draft); the report is for this target. */
  target: Target;
  setTarget: (target: Target) => void;
  jump: JumpRequest | null;
  goTo: (target: FindingTarget) => void;
  goToStep: (step: StepId) => void;
}

export const WizardContext = createContext<WizardContextValue | null>(null);

/** The wizard's shared state, for the step components. */
export function useWizard(): WizardContextValue {
  const ctx = useContext(WizardContext);
  if (!ctx) throw new Error("useWizard is used outside the pack wizard");
  return ctx;
}
