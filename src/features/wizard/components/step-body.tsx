import { BasicsStep } from "@/features/wizard/components/basics-step";
import { ContentStep } from "@/features/wizard/components/content-step";
import { LogoStep } from "@/features/wizard/components/logo-step";
import {
  PublishStep,
  type PublishStepProps,
} from "@/features/wizard/components/publish-step";
import { ReviewStep } from "@/features/wizard/components/review-step";
import { ValuesStep } from "@/features/wizard/components/values-step";
import type { StepId } from "@/features/wizard/model/draft-schema";

/** The current step's component. */
export function StepBody({
  step,
  ...publish
}: { step: StepId } & PublishStepProps) {
  switch (step) {
    case "basics":
      return <BasicsStep />;
    case "content":
      return <ContentStep />;
    case "logo":
      return <LogoStep />;
    case "values":
      return <ValuesStep />;
    case "review":
      return <ReviewStep />;
    case "publish":
      return <PublishStep {...publish} />;
  }
}
