import { useEffect, useRef, type RefObject } from "react";

import type { JumpRequest } from "@/features/wizard/hooks/wizard-context";
import type { StepId } from "@/features/wizard/model/draft-schema";
import {
  fieldId,
  REVIEW_FILES_ID,
} from "@/features/wizard/model/finding-targets";
import { textTargetId } from "@/features/wizard/model/form-errors";

/**
 * Focus follows the wizard: to the new step's heading, or to what a finding's link points at: its
 * field, or its text file's editor (on the line when that line has a target; TextFileEditor has
 * one per error line, ReadmeEditor per finding line), or the Review's file browser for a file
 * (its viewer shows the line), else the heading. The first render leaves focus alone (the app
 * moves it to the main landmark).
 */
export function useStepFocus(
  step: StepId,
  jump: JumpRequest | null,
  heading: RefObject<HTMLHeadingElement | null>,
): void {
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step && !jump) return;
    shown.current = step;
    const target =
      jump?.kind === "field"
        ? document.getElementById(fieldId(jump.field))
        : jump?.kind === "text"
          ? document.getElementById(textTargetId(jump))
          : jump?.kind === "file"
            ? document.getElementById(REVIEW_FILES_ID)
            : null;
    (target ?? heading.current)?.focus();
  }, [step, jump, heading]);
}
