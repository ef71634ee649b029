import { STEP_IDS, type StepId } from "@/features/wizard/model/draft-schema";

export interface NavState {
  step: StepId;
  /** Steps the user has left at least once with "Next" or opened: their problems are shown. */
  visited: StepId[];
}

export type NavAction =
  | { type: "next" }
  | { type: "back" }
  /** Jump to a step already reached (stepper, a finding's link). */
  | { type: "go"; step: StepId };

const indexOf = (s: StepId) => STEP_IDS.indexOf(s);
const withVisited = (visited: StepId[], s: StepId): StepId[] =>
  visited.includes(s) ? visited : [...visited, s];

/** The furthest step reached: the stepper lets the user jump anywhere up to it. */
export function furthest(state: NavState): StepId {
  return state.visited.reduce<StepId>(
    (a, s) => (indexOf(s) > indexOf(a) ? s : a),
    state.step,
  );
}

/**
 * Wizard navigation as a pure function. "next" is only dispatched after the current step's
 * schema passed; "go" reaches any step up to the furthest reached (later steps need "Next").
 */
export function navReducer(state: NavState, action: NavAction): NavState {
  const i = indexOf(state.step);
  switch (action.type) {
    case "next": {
      const step = STEP_IDS[Math.min(i + 1, STEP_IDS.length - 1)]!;
      return {
        step,
        visited: withVisited(withVisited(state.visited, state.step), step),
      };
    }
    case "back": {
      const step = STEP_IDS[Math.max(i - 1, 0)]!;
      return { step, visited: withVisited(state.visited, state.step) };
    }
    case "go": {
      const limit = indexOf(furthest(state));
      if (indexOf(action.step) > limit) return state;
      return {
        step: action.step,
        visited: withVisited(
          withVisited(state.visited, state.step),
          action.step,
        ),
      };
    }
  }
}

export type StepStatus = "current" | "complete" | "error" | "upcoming";

/**
 * Each step's status, computed: the current step is "current"; a visited step is "error" when its
 * schema fails or the core found an error there, "complete" otherwise; the rest are "upcoming".
 */
export function stepStatuses(
  state: NavState,
  isValid: (s: StepId) => boolean,
  coreErrorSteps: ReadonlySet<StepId>,
): Record<StepId, StepStatus> {
  const out = {} as Record<StepId, StepStatus>;
  for (const s of STEP_IDS) {
    if (s === state.step) out[s] = "current";
    else if (!state.visited.includes(s)) out[s] = "upcoming";
    else out[s] = !isValid(s) || coreErrorSteps.has(s) ? "error" : "complete";
  }
  return out;
}
