import { useEffect, useState } from "react";

/**
 * `value`, once its `key` has stopped changing for `ms` milliseconds. The key, not the value's
 * identity, decides what counts as a change: callers pass objects rebuilt on every render, and
 * keying on identity re-rendered the wizard every 300 ms forever (measured by the browser bench).
 */
export function useDebouncedValue<T>(value: T, ms: number, key: string): T {
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (settled.key === key) return;
    const t = window.setTimeout(() => setSettled({ key, value }), ms);
    return () => window.clearTimeout(t);
  }, [key, value, ms, settled.key]);
  return settled.value;
}
