import type { ReactNode } from "react";

import "./table-scroll.css";

/**
 * The box of a table that may be wider than the screen: it scrolls sideways inside itself, so
 * the page never does. It is a named, focusable region, so keyboard users can scroll it too
 * (axe: scrollable-region-focusable).
 */
export function TableScroll({
  label,
  children,
}: {
  /** Names the region, usually the table's caption. */
  label: string;
  children: ReactNode;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box needs a tab stop
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
