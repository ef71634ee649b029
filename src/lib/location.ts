import { useSyncExternalStore } from "react";

/*
 * A router-free view of `location.pathname`. The browser's history is the single source of truth:
 * components read it through `useSyncExternalStore`, so the current route is never copied into state.
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

function getPathname(): string {
  return window.location.pathname;
}

/** The current pathname; re-renders on `navigate` and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

/** Pushes a same-origin path onto the history and re-renders every `usePathname` reader. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, "", path);
  notify();
}
