import { useEffect, useRef, type RefObject } from "react";

import type { JumpRequest } from "@/features/wizard/hooks/wizard-context";
import type { StepId } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";

/**
 * Focus follows the wizard: to the new step's heading, or to the field a finding's link points
 * at. The first render leaves focus alone (the app moves it to the main landmark).
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
        : null;
    (target ?? heading.current)?.focus();
  }, [step, jump, heading]);
}
