import { useSyncExternalStore } from "react";

/*
 * A router-free view of the URL. The browser's history is the single source of truth: components
 * read it through `useSyncExternalStore`, so the current route is never copied into state.
 */

const subscribers = new Set<() => void>();

function notify(): void {
  for (const subscriber of subscribers) subscriber();
}

function subscribe(subscriber: () => void): () => void {
  subscribers.add(subscriber);
  window.addEventListener("popstate", subscriber);
  return () => {
    subscribers.delete(subscriber);
    window.removeEventListener("popstate", subscriber);
  };
}

const getPathname = (): string => window.location.pathname;
const getSearch = (): string => window.location.search;

/** The current pathname; re-renders on `navigate` and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

/** The current query string as URLSearchParams (a fresh object per change of `location.search`). */
export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, getSearch);
  return new URLSearchParams(search);
}

/** Guards that may stop an in-app navigation (unsaved changes); each returns true to allow it. */
const blockers = new Set<() => boolean>();

/** Register a navigation guard; returns its removal. */
export function addNavigationBlocker(allow: () => boolean): () => void {
  blockers.add(allow);
  return () => blockers.delete(allow);
}

/**
 * Go to a same-origin path (with an optional `?query`). `replace` rewrites the current history
 * entry, for URL changes that are not a new page (selecting a file). Returns false when a guard
 * refused.
 */
export function navigate(
  to: string,
  opts: { replace?: boolean } = {},
): boolean {
  const current = window.location.pathname + window.location.search;
  if (to === current) return true;
  const samePage =
    new URL(to, window.location.origin).pathname === window.location.pathname;
  if (!samePage) for (const allow of blockers) if (!allow()) return false;
  if (opts.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  notify();
  return true;
}

/**
 * A plain left click that the app may take over as in-app navigation. A modified click (new tab,
 * new window, download) or one a handler already took keeps the browser's behaviour.
 */
export function isPlainLeftClick(event: {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}
