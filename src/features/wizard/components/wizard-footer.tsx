import { Button } from "@/components/ui/button";
import { STEP_IDS, type StepId } from "@/features/wizard/model/draft-schema";

const NEXT_LABEL: Partial<Record<StepId, string>> = {
  values: "Next: review",
  review: "Next: publish",
};

/** Back and Next. Next submits the step's form, so Enter in a field moves on too. */
export function WizardFooter({
  step,
  onBack,
}: {
  step: StepId;
  onBack: () => void;
}) {
  const index = STEP_IDS.indexOf(step);
  return (
    <div className="wizard__footer">
      {index > 0 && <Button onClick={onBack}>Back</Button>}
      {index < STEP_IDS.length - 1 && (
        <Button variant="primary" type="submit">
          {NEXT_LABEL[step] ?? "Next"}
        </Button>
      )}
    </div>
  );
}
