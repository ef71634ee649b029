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

/** How much of a text the loading fallback shows: what its 20rem box scrolls through at once. */
export const PREVIEW_LINES = 300;
const PREVIEW_CHARS = 30_000;

/**
 * The start of `text` for the loading fallback: its first PREVIEW_LINES lines, at most
 * PREVIEW_CHARS characters; `cut` when there is more. A 1 MB values.yaml laid out whole in a
 * `<pre>` took two main-thread layouts of half a second each, delaying the editor it stood in for.
 */
export function textPreview(text: string): { head: string; cut: boolean } {
  let end = -1;
  for (let n = 0; n < PREVIEW_LINES; n++) {
    end = text.indexOf("\n", end + 1);
    if (end < 0 || end >= PREVIEW_CHARS) break;
  }
  if (end < 0 || end >= PREVIEW_CHARS)
    return text.length <= PREVIEW_CHARS
      ? { head: text, cut: false }
      : { head: text.slice(0, PREVIEW_CHARS), cut: true };
  return { head: text.slice(0, end + 1), cut: end + 1 < text.length };
}

/**
 * The plain text shown in place of Monaco while its chunk loads (or when it cannot load): the
 * same text, readable, scrollable by keyboard, with a status saying what is going on. While
 * loading, a long text shows its start only (the rest comes with the editor, a second later);
 * when the editor failed, the whole text.
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
              {state === "loading" ? <Preview text={pane.text} /> : pane.text}
            </pre>
          ),
        )}
      </div>
    </div>
  );
}

function Preview({ text }: { text: string }) {
  const { head, cut } = textPreview(text);
  return cut ? (
    <>
      {head}
      <em className="code-editor-fallback__more">
        {head.endsWith("\n") ? "" : "\n"}… the rest of the file shows once the
        editor has loaded
      </em>
    </>
  ) : (
    head
  );
}
