/** Text shown as-is in a scrollable, keyboard-focusable region (for files too big for the editor). */
export function PlainText({ label, text }: { label: string; text: string }) {
  return (
    // A scrolling region must be reachable by keyboard (axe scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <pre className="plain-text" tabIndex={0} role="region" aria-label={label}>
      {text}
    </pre>
  );
}
