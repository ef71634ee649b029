import type { ReactNode } from "react";

import "./field.css";
import { CodeText } from "@/components/ui/code-text";

/** The ids a form-field's control must name in `aria-describedby` (hint, then error). */
export function describedBy(
  id: string,
  opts: { hint?: ReactNode; error?: string | undefined },
): string | undefined {
  const ids = [
    opts.hint ? `${id}-hint` : "",
    opts.error ? `${id}-error` : "",
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface FieldProps {
  /** The control's id: the label points at it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Advice that does not block (a warning of the core): shown under the control. */
  advice?: ReactNode;
  required?: boolean;
  children: ReactNode;
  className?: string;
}

/**
 * A labelled form control with its hint and error, GOV.UK style: the error is written above the
 * control, in words, and the control names both in `aria-describedby` (use `describedBy`).
 */
export function Field({
  id,
  label,
  hint,
  error,
  advice,
  required,
  children,
  className,
}: FieldProps) {
  return (
    <div
      className={["form-field", error ? "form-field--error" : "", className]
        .filter(Boolean)
        .join(" ")}
    >
      <label className="form-field__label" htmlFor={id}>
        {label}
        {required === false && (
          <span className="form-field__optional"> (optional)</span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-field__error">
          <span className="visually-hidden">Error: </span>
          <CodeText text={error} />
        </p>
      )}
      {children}
      {advice && !error && <p className="form-field__advice">{advice}</p>}
    </div>
  );
}
