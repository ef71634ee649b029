import { useSyncExternalStore } from "react";

/**
 * The signed-in session: a bearer token from `POST /api/v1/session`, kept in sessionStorage (gone
 * when the tab closes; never a cookie, so no CSRF surface). Read through useSyncExternalStore.
 */
const KEY = "packsmith.session";
export interface Session {
  token: string;
  username: string;
  expiresAt: string;
}

const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const s = JSON.parse(
      sessionStorage.getItem(KEY) ?? "null",
    ) as Session | null;
    cached = s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function setSession(s: Session | null): void {
  cached = s;
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the session lives in memory for this page
  }
  for (const l of listeners) l();
}

export const getToken = (): string | null => read()?.token ?? null;

export function useSession(): Session | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}
