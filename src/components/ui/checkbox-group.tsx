import type { ReactNode } from "react";

import "./checkbox-group.css";

interface CheckboxGroupProps {
  /** Prefix of each checkbox's id (`${id}-${value}`); the first one gets `id` itself. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly { value: string; label: ReactNode }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  onBlur?: () => void;
}

/** A multi-select as a fieldset of checkboxes: every option visible, each its own tab stop. */
export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  onBlur,
}: CheckboxGroupProps) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      className={
        error ? "checkbox-group checkbox-group--error" : "checkbox-group"
      }
      aria-describedby={described || undefined}
    >
      <legend className="checkbox-group__legend">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="checkbox-group__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="checkbox-group__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="checkbox-group__options">
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          const checked = value.includes(o.value);
          return (
            <div key={o.value} className="checkbox-group__option">
              <input
                id={boxId}
                type="checkbox"
                checked={checked}
                onBlur={onBlur}
                onChange={() =>
                  onChange(
                    checked
                      ? value.filter((v) => v !== o.value)
                      : [...value, o.value],
                  )
                }
              />
              <label htmlFor={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
