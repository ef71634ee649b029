import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

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

/**
 * A multi-select as a fieldset of checkboxes, every option visible and one tab stop for all of
 * them (a roving tabindex): the arrow keys, Home and End move between the boxes, Space ticks.
 */
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
  const boxes = useRef<HTMLDivElement>(null);
  // The box that takes the tab stop: the last one focused, else the first ticked one.
  const [active, setActive] = useState<number | null>(null);
  const firstTicked = options.findIndex((o) => value.includes(o.value));
  const stop = active ?? Math.max(firstTicked, 0);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, index: number) {
    const to = moveTo(event.key, index, options.length);
    if (to === null) return;
    event.preventDefault();
    setActive(to);
    const inputs = boxes.current?.querySelectorAll<HTMLInputElement>(
      "input[type=checkbox]",
    );
    inputs?.[to]?.focus();
  }

  const described = [
    `${id}-keys`,
    hint ? `${id}-hint` : "",
    error ? `${id}-error` : "",
  ]
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
      <p id={`${id}-keys`} className="checkbox-group__keys">
        One stop for the whole list: arrow keys move, Space ticks.
      </p>
      <div className="checkbox-group__options" ref={boxes}>
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          const checked = value.includes(o.value);
          return (
            <div key={o.value} className="checkbox-group__option">
              <input
                id={boxId}
                type="checkbox"
                tabIndex={i === stop ? 0 : -1}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
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

/** Where an arrow key (wrapping at the ends), Home or End moves from box `index`; null for any other key. */
function moveTo(key: string, index: number, count: number): number | null {
  switch (key) {
    case "ArrowDown":
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowUp":
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
