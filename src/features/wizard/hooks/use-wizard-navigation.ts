import { useReducer } from "react";

import {
  furthest,
  navReducer,
  type NavState,
} from "@/features/wizard/model/navigation";
import { STEP_IDS, type StepId } from "@/features/wizard/model/draft-schema";

/** The wizard's navigation: the pure reducer, plus which steps the stepper may open. */
export function useWizardNavigation(initial: NavState) {
  const [state, dispatch] = useReducer(navReducer, initial);
  const limit = STEP_IDS.indexOf(furthest(state));
  const reachable = (s: StepId) => STEP_IDS.indexOf(s) <= limit;
  return { state, dispatch, reachable };
}
