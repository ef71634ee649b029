import "./editor.css";

interface EditorFallbackProps {
  /** One pane per text: a file, or the two sides of a diff. */
  panes: { label: string; text: string }[];
  height: string;
  /** What the fallback is for: the editor still loading, or failed to load. */
  state: "loading" | "failed";
  /** When the editor failed to load, an editable pane gets a textarea instead of the plain text. */
  onChange?: (value: string) => void;
}

/**
 * The plain text shown in place of Monaco while its chunk loads (or when it cannot load): the
 * same text, readable, scrollable by keyboard, with a status saying what is going on.
 */
export function EditorFallback({
  panes,
  height,
  state,
  onChange,
}: EditorFallbackProps) {
  return (
    <div className="code-editor-fallback">
      <p role="status" className="code-editor-fallback__status">
        {state === "loading"
          ? "Loading editor…"
          : "The editor could not be loaded; showing plain text."}
      </p>
      <div className="code-editor-fallback__panes">
        {panes.map((pane) =>
          state === "failed" && onChange ? (
            <textarea
              key={pane.label}
              className="code-editor-fallback__text"
              style={{ height }}
              aria-label={pane.label}
              value={pane.text}
              spellCheck={false}
              onChange={(event) => onChange(event.target.value)}
            />
          ) : (
            <pre
              key={pane.label}
              className="code-editor-fallback__text"
              style={{ height }}
              // Focusable so keyboard users can scroll it (axe: scrollable-region-focusable); a
              // labelled region, so the name is announced when it takes focus.
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
              tabIndex={0}
              role="region"
              aria-label={pane.label}
            >
              {pane.text}
            </pre>
          ),
        )}
      </div>
    </div>
  );
}
