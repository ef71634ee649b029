import type { Ref } from "react";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";

export interface SummaryError {
  /** The id of the control to focus. */
  id: string;
  message: string;
  /**
   * Follow the link some other way than focusing `id` at once, e.g. when the control is on a tab
   * not shown yet: the caller brings it on screen and moves the focus there.
   */
  onFollow?: () => void;
}

interface ErrorSummaryProps {
  errors: readonly SummaryError[];
  title?: string;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The list of a form's problems at its top, each a link that moves focus to its field. Focus it
 * (it has tabIndex -1) when a submit fails, so the user hears what to fix.
 */
export function ErrorSummary({
  errors,
  title = "There is a problem",
  ref,
}: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  // List the problems in the order of their fields on the page, whatever order they were found in.
  const ordered = errors.toSorted((a, b) => {
    const x = document.getElementById(a.id);
    const y = document.getElementById(b.id);
    if (!x || !y) return 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING
      ? -1
      : 1;
  });
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      tone="error"
      title={title}
      className="error-summary"
    >
      <ul>
        {ordered.map((e) => (
          <li key={`${e.id}:${e.message}`}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                event.preventDefault();
                if (e.onFollow) return e.onFollow();
                const el = document.getElementById(e.id);
                el?.scrollIntoView({ block: "center" });
                el?.focus();
              }}
            >
              <CodeText text={e.message} />
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
