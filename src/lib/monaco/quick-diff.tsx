import { structuredPatch, type StructuredPatchHunk } from "diff";

/**
 * The largest text (each side, in characters) the quick diff takes on: past it Monaco's own diff
 * (in its worker) is waited for.
 */
const MAX_CHARS = 200_000;

/**
 * The changed lines of `before` → `after`, with three lines of context around each change, as
 * jsdiff's hunks; null when the texts are too large, or so different that the diff would take
 * long (it gives up past 20 ms or 5,000 changed lines): this runs on the page's thread, once per
 * diff, while Monaco loads. Equal texts give no hunk.
 */
export function quickHunks(
  before: string,
  after: string,
): StructuredPatchHunk[] | null {
  if (before.length > MAX_CHARS || after.length > MAX_CHARS) return null;
  const patch = structuredPatch("", "", before, after, undefined, undefined, {
    context: 3,
    timeout: 20,
    maxEditLength: 5000,
  });
  return patch?.hunks ?? null;
}

/** A hunk's side in words. A side with no line starts where the other's lines go (jsdiff). */
const range = (start: number, count: number): string =>
  count === 0
    ? start <= 1
      ? "nothing"
      : `nothing, after line ${start - 1}`
    : count === 1
      ? `line ${start}`
      : `lines ${start}–${start + count - 1}`;

/** A changed line's text, its blanks at the end marked (a change of them alone reads as none). */
function Changed({ text }: { text: string }) {
  const body = text.trimEnd();
  return body.length === text.length ? (
    text
  ) : (
    <>
      {body}
      <span className="quick-diff__blanks">{text.slice(body.length)}</span>
    </>
  );
}

/**
 * A diff drawn without Monaco: each changed stretch with its context, removed lines as `<del>`
 * and added ones as `<ins>` (tinted, not struck), both also with `-` and `+` so the change reads
 * without colour. What the diff editor's place shows while Monaco's chunk loads (a second or more on a
 * cold page), from {@link quickHunks}.
 */
export function QuickDiff({
  hunks,
  label,
  height,
}: {
  hunks: readonly StructuredPatchHunk[];
  label: string;
  /** The most it grows to (CSS), as the editor's box; it scrolls past that. */
  height: string;
}) {
  return (
    <div
      className="quick-diff"
      role="region"
      aria-label={label}
      // Focusable so keyboard users can scroll it; a labelled region, announced when it takes
      // focus (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      style={{ maxHeight: height }}
    >
      {hunks.length === 0 ? (
        <p className="muted">The two texts are the same.</p>
      ) : (
        hunks.map((h) => (
          <pre key={`${h.oldStart}:${h.newStart}`} className="quick-diff__hunk">
            <span className="quick-diff__where">
              {range(h.oldStart, h.oldLines)} → {range(h.newStart, h.newLines)}
            </span>
            {h.lines.map((line, i) => {
              const text = line.slice(1);
              switch (line[0]) {
                case "+":
                  return (
                    <ins key={i}>
                      + <Changed text={text} />
                    </ins>
                  );
                case "-":
                  return (
                    <del key={i}>
                      - <Changed text={text} />
                    </del>
                  );
                case "\\":
                  // "\ No newline at end of file": said, since "a" and "a" plus a line break
                  // otherwise read as the same line removed and added.
                  return (
                    <span key={i} className="quick-diff__where">
                      (no line break at the end of the file)
                    </span>
                  );
                default:
                  return <span key={i}>{`  ${text}`}</span>;
              }
            })}
          </pre>
        ))
      )}
    </div>
  );
}
