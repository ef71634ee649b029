import { expect } from "vitest";

type Refusal<E> = { ok: true; value: unknown } | { ok: false; error: E };

/**
 * Assert that a read was refused with one of `kinds`, and — when an entry is to blame — that the
 * error carries the raw entry name and the message shows it. Returns the error.
 */
export function expectRefused<
  E extends { kind: string; message: string; entry?: string },
>(
  result: Refusal<E>,
  kinds: E["kind"] | readonly E["kind"][],
  entry?: string | readonly string[],
): E {
  if (result.ok) {
    throw new Error(
      `expected a refusal (${String(kinds)}), but the input was accepted`,
    );
  }
  const error = result.error;
  const allowed: readonly string[] = Array.isArray(kinds)
    ? kinds
    : [kinds as string];
  expect(allowed, `kind of "${error.message}"`).toContain(error.kind);
  expect(error.message.length).toBeGreaterThan(10);
  if (entry !== undefined) {
    const candidates: readonly string[] = Array.isArray(entry)
      ? entry
      : [entry as string];
    expect(candidates, `entry of "${error.message}"`).toContain(error.entry);
    expect(error.message).toContain(visiblePrefix(error.entry!));
  }
  return error;
}

/**
 * The part of a name a message must show verbatim: up to the first control, bidi or combining
 * character (those may be escaped for display), at most 40 characters, at least the whole
 * prefix.
 */
export function visiblePrefix(name: string): string {
  const stop = [...name].findIndex((ch) => /[\p{Cc}\p{Cf}\p{M}]/u.test(ch));
  const visible = stop < 0 ? name : [...name].slice(0, stop).join("");
  return visible.slice(0, 40);
}

export interface Measured<T> {
  value: T;
  /** Resident memory added while `fn` ran, in MiB (the process peak if `fn` raised it). */
  rssGrowthMiB: number;
}

/**
 * Run `fn` and report how much resident memory it added. No time: how long a call takes depends
 * on the machine's load, so speed is a bench row (`npm run bench -- core`), and a test asserts work
 * (cpu-growth.ts) or counts. `maxRSS` is the process's peak; if it rose during `fn`, the peak
 * happened inside `fn`. Each test file runs in its own process (pool: forks), so earlier files do
 * not distort the figure.
 */
export function measure<T>(fn: () => T): Measured<T> {
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const value = fn();
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const rssAfter = process.memoryUsage().rss;
  const peak = peakAfter > peakBefore ? peakAfter : rssAfter;
  return {
    value,
    rssGrowthMiB: Math.max(0, peak - rssBefore) / 1024 / 1024,
  };
}
