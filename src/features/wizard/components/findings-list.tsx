import { useFormContext } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { STEP_LABELS } from "@/features/wizard/components/step-labels";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  findingTarget,
  type FindingTarget,
} from "@/features/wizard/model/finding-targets";
import type { Finding } from "@/pack/finding";

const SEVERITY_TEXT = {
  error: "Error",
  warning: "Warning",
  info: "Note",
} as const;

function linkText(t: FindingTarget, f: Finding): string {
  const where = f.line
    ? `${f.file ?? "pack.json"}, line ${f.line}`
    : (f.file ?? "pack.json");
  switch (t.kind) {
    case "field":
      return `Fix on ${STEP_LABELS[t.step]}`;
    case "text":
      return `Open ${where}`;
    case "file":
      return `Show ${where}`;
  }
}

/** Every finding of the core, errors first, each with a link to where it is fixed. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const { goTo } = useWizard();
  const { getValues } = useFormContext<WizardValues>();
  if (findings.length === 0)
    return (
      <p className="review-findings-empty">
        The core found nothing to report: this pack follows every rule it
        checks.
      </p>
    );
  return (
    <section aria-labelledby="findings-heading">
      <h3 id="findings-heading">Findings ({findings.length})</h3>
      <ul className="review-findings">
        {findings.map((f, i) => {
          const target = findingTarget(f, getValues());
          return (
            <li
              key={`${i}:${f.code}`}
              className={`review-finding review-finding--${f.severity}`}
            >
              <span className="review-finding__severity">
                {SEVERITY_TEXT[f.severity]}
              </span>
              <span className="review-finding__message">{f.message}</span>
              <code className="review-finding__code">{f.code}</code>
              <Button variant="link" onClick={() => goTo(target)}>
                {linkText(target, f)}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
