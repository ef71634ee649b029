import { useId } from "react";

import { useWizard } from "@/features/wizard/hooks/wizard-context";
import { TARGETS, type Target } from "@/pack/targets";

/** Each destination in words: where the pack goes and how. */
export const TARGET_LABELS: Record<Target, string> = {
  oci: "a Palette OCI registry",
  "spectro-cli": "a Spectro CLI registry",
  "pack-central": "pack-central",
};

/** The check's verdict when it found errors, as Review and Publish both say it. */
export const errorsToFix = (errors: number, target: Target): string =>
  `${errors} ${errors === 1 ? "error" : "errors"} to fix before publishing to ${TARGET_LABELS[target]}`;

const HINTS: Record<Target, string> = {
  oci: "Pushed with ORAS, or uploaded here. The registry does not insist on a logo or README.",
  "spectro-cli":
    "Pushed with spectro pack push. The Spectro CLI refuses a pack without a PNG logo.",
  "pack-central":
    "A pull request to spectrocloud/pack-central, whose checks insist on a PNG logo, a README, image lists and an add-on type.",
};

/**
 * Where the pack is going (kept in the draft): the core checks the pack for that destination, so
 * "ready" on Review and Publish means ready there (`packsmith validate --target`).
 */
export function TargetSwitch() {
  const { target, setTarget } = useWizard();
  const name = useId();
  return (
    <fieldset className="target-switch">
      <legend className="target-switch__legend">Publish to</legend>
      <div className="target-switch__options">
        {TARGETS.map((t) => (
          <div key={t} className="target-switch__option">
            <input
              type="radio"
              id={`${name}-${t}`}
              name={name}
              value={t}
              checked={target === t}
              aria-describedby={`${name}-${t}-hint`}
              onChange={() => setTarget(t)}
            />
            <label htmlFor={`${name}-${t}`}>
              {TARGET_LABELS[t][0]!.toUpperCase() + TARGET_LABELS[t].slice(1)}
            </label>
            <span id={`${name}-${t}-hint`} className="target-switch__hint">
              {HINTS[t]}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
