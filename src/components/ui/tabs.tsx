import { useRef, type KeyboardEvent, type ReactNode } from "react";

import "./tabs.css";

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

interface TabsProps<T extends string> {
  /** Names the tab list for assistive technology. */
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  /** Prefix for element ids; unique on the page. */
  idPrefix: string;
  /** The selected tab's panel. Only it is rendered. */
  children: ReactNode;
}

/**
 * The WAI-ARIA tabs pattern, controlled: the caller keeps the selection (in the URL, for the pack
 * page). Arrow keys, Home and End move and select (automatic activation); only the selected tab
 * is in the tab order.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  children,
}: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null);
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1 + tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[to % tabs.length];
    if (!next) return;
    onSelect(next.id);
    listRef.current
      ?.querySelector<HTMLElement>(
        `#${CSS.escape(`${idPrefix}-tab-${next.id}`)}`,
      )
      ?.focus();
  }

  return (
    <div className="tabs">
      <div
        ref={listRef}
        role="tablist"
        aria-label={label}
        className="tabs__list"
      >
        {tabs.map((t) => {
          const isSelected = t.id === selected;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${t.id}`}
              className="tabs__tab"
              aria-selected={isSelected}
              // Only the rendered panel exists, so only its tab points at it.
              aria-controls={isSelected ? `${idPrefix}-panel` : undefined}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(t.id)}
              onKeyDown={onKeyDown}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${tabs[index]?.id ?? selected}`}
        className="tabs__panel"
      >
        {children}
      </div>
    </div>
  );
}
