import type { StepId } from "@/features/wizard/model/draft-schema";

export const STEP_LABELS: Record<StepId, string> = {
  basics: "Basics",
  content: "Content",
  logo: "Logo",
  values: "Values",
  review: "Review",
  publish: "Publish",
};
