import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/text-input";

import "./key-value-editor.css";

export interface KeyValueRow {
  key: string;
  value: string;
}

interface KeyValueEditorProps {
  /** Prefix of the inputs' ids: `${id}-${i}-key` and `${id}-${i}-value`. */
  id: string;
  legend: string;
  hint?: string;
  rows: readonly KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  /** Per-row errors, by index. */
  errors?: readonly ({ key?: string; value?: string } | undefined)[];
  keyLabel?: string;
  valueLabel?: string;
  /** Suggested keys, offered through a datalist. */
  suggestions?: readonly string[];
}

/** Pairs of text inputs in a table-like list, with add and remove; every control is labelled. */
export function KeyValueEditor({
  id,
  legend,
  hint,
  rows,
  onChange,
  errors = [],
  keyLabel = "Key",
  valueLabel = "Value",
  suggestions,
}: KeyValueEditorProps) {
  const set = (i: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const listId = suggestions?.length ? `${id}-suggestions` : undefined;
  return (
    <fieldset
      className="key-value-editor"
      aria-describedby={hint ? `${id}-hint` : undefined}
    >
      <legend className="key-value-editor__legend">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="key-value-editor__hint">
          {hint}
        </p>
      )}
      {listId && (
        <datalist id={listId}>
          {suggestions?.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {rows.length === 0 && (
        <p className="key-value-editor__empty">None yet.</p>
      )}
      <ul className="key-value-editor__rows" id={id} tabIndex={-1}>
        {rows.map((row, i) => {
          const err = errors[i];
          return (
            <li key={i} className="key-value-editor__row">
              <div className="key-value-editor__cell">
                <label htmlFor={`${id}-${i}-key`}>
                  {keyLabel} {i + 1}
                </label>
                <TextInput
                  id={`${id}-${i}-key`}
                  value={row.key}
                  list={listId}
                  invalid={Boolean(err?.key)}
                  aria-describedby={
                    err?.key ? `${id}-${i}-key-error` : undefined
                  }
                  onChange={(e) => set(i, { key: e.target.value })}
                />
                {err?.key && (
                  <p
                    id={`${id}-${i}-key-error`}
                    className="key-value-editor__error"
                  >
                    {err.key}
                  </p>
                )}
              </div>
              <div className="key-value-editor__cell">
                <label htmlFor={`${id}-${i}-value`}>
                  {valueLabel} {i + 1}
                </label>
                <TextInput
                  id={`${id}-${i}-value`}
                  value={row.value}
                  invalid={Boolean(err?.value)}
                  onChange={(e) => set(i, { value: e.target.value })}
                />
              </div>
              <Button
                className="key-value-editor__remove"
                aria-label={`Remove ${row.key || `${keyLabel.toLowerCase()} ${i + 1}`}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      <Button onClick={() => onChange([...rows, { key: "", value: "" }])}>
        Add {keyLabel.toLowerCase()}
      </Button>
    </fieldset>
  );
}
