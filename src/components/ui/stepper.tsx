import "./stepper.css";

export type StepperStatus = "current" | "complete" | "error" | "upcoming";

export interface StepperStep<T extends string> {
  id: T;
  label: string;
  status: StepperStatus;
  /** False for steps that cannot be opened yet. */
  reachable: boolean;
}

interface StepperProps<T extends string> {
  label: string;
  steps: readonly StepperStep<T>[];
  onSelect: (id: T) => void;
}

const STATUS_TEXT: Record<StepperStatus, string> = {
  current: "current step",
  complete: "done",
  error: "has problems",
  upcoming: "not started",
};

/**
 * The steps of a multi-step flow as a navigation list: each reachable step is a button, the
 * current one marked `aria-current="step"`, and each status given in words as well as by a mark.
 */
export function Stepper<T extends string>({
  label,
  steps,
  onSelect,
}: StepperProps<T>) {
  return (
    <nav aria-label={label} className="stepper">
      <ol className="stepper__list">
        {steps.map((s, i) => (
          <li key={s.id} className={`stepper__item stepper__item--${s.status}`}>
            <button
              type="button"
              className="stepper__button"
              aria-current={s.status === "current" ? "step" : undefined}
              disabled={!s.reachable}
              onClick={() => onSelect(s.id)}
            >
              <span className="stepper__mark" aria-hidden="true">
                {s.status === "complete"
                  ? "✓"
                  : s.status === "error"
                    ? "!"
                    : i + 1}
              </span>
              <span className="stepper__label">{s.label}</span>
              <span className="visually-hidden">, {STATUS_TEXT[s.status]}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
