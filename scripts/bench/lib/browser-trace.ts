/**
 * The page's main-thread tasks during an action, from a Chromium trace (Playwright's
 * `browser.startTracing`, category `disabled-by-default-devtools.timeline`: one `RunTask` event per
 * task of every thread). The page's main thread is the one that logs the two `console.timeStamp`
 * markers put around the action (category `devtools.timeline`), so other renderers, the browser
 * process and the page's workers are never counted.
 *
 * Every task is counted, not only the ≥ 50 ms ones a 'longtask' PerformanceObserver reports.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Browser, Page } from "@playwright/test";

export interface MainThreadStats {
  /** The longest task that overlapped the window (its whole duration). */
  longestMs: number;
  /** Tasks of ≥ 50 ms (what the web calls long tasks). */
  over50: number;
  /** Sum of the task time inside the window. */
  busyMs: number;
  windowMs: number;
  tasks: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { message?: string } };
}

const START = "packsmith-bench-start";
const END = "packsmith-bench-end";

let saved = 0;

/**
 * Run `fn` while tracing `page`; returns its result and the main-thread task figures. With
 * BENCH_BROWSER_TRACE=<folder>, each trace is also written there as `<label>-<n>.json` (DevTools'
 * Performance panel and chrome://tracing open it), to see what a long task spent its time on.
 */
export async function traced<T>(
  browser: Browser,
  page: Page,
  fn: () => Promise<T>,
  label = "trace",
): Promise<{ value: T; main: MainThreadStats }> {
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
  });
  let value: T;
  try {
    await page.evaluate(`console.timeStamp(${JSON.stringify(START)})`);
    value = await fn();
    await page.evaluate(`console.timeStamp(${JSON.stringify(END)})`);
  } catch (e) {
    await browser.stopTracing().catch(() => undefined);
    throw e;
  }
  const trace = await browser.stopTracing();
  const dir = process.env.BENCH_BROWSER_TRACE;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${label}-${++saved}.json`), trace);
  }
  return { value, main: mainThreadStats(trace) };
}

export function mainThreadStats(trace: Buffer): MainThreadStats {
  const parsed = JSON.parse(trace.toString("utf8")) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mark = (m: string): TraceEvent | undefined =>
    events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === m);
  const start = mark(START);
  const end = mark(END);
  if (!start || !end)
    throw new Error("trace: the page's timeStamp markers are missing");
  const { pid, tid } = start;
  let longestMs = 0;
  let over50 = 0;
  let busyUs = 0;
  let tasks = 0;
  for (const e of events) {
    if (e.name !== "RunTask" || e.ph !== "X" || e.pid !== pid || e.tid !== tid)
      continue;
    const dur = e.dur ?? 0;
    const from = Math.max(e.ts, start.ts);
    const to = Math.min(e.ts + dur, end.ts);
    if (to <= from) continue;
    tasks++;
    busyUs += to - from;
    longestMs = Math.max(longestMs, dur / 1000);
    if (dur >= 50_000) over50++;
  }
  return {
    longestMs,
    over50,
    busyMs: busyUs / 1000,
    windowMs: (end.ts - start.ts) / 1000,
    tasks,
  };
}

let profiles = 0;

/**
 * `fn`, with the page's main thread profiled (V8's sampler, 100 µs) into BENCH_BROWSER_CPU_PROF
 * as `<label>-<n>.cpuprofile` when it is set (DevTools' Performance panel opens it; the build
 * then has source maps, see browser-env.ts, so a profile's minified names can be read back).
 */
export async function cpuProfiled<T>(
  page: Page,
  label: string,
  fn: () => Promise<T>,
): Promise<T> {
  const dir = process.env.BENCH_BROWSER_CPU_PROF;
  if (!dir) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send("Profiler.stop");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `${label}-${++profiles}.cpuprofile`),
      JSON.stringify(profile),
    );
    await cdp.detach();
  }
}

/**
 * `fn`, traced into BENCH_BROWSER_TRACE as `<label>-<n>.json` and profiled into
 * BENCH_BROWSER_CPU_PROF when they are set; untouched (and untimed by either) when neither is.
 */
export async function tracedWhenAsked<T>(
  browser: Browser,
  page: Page,
  label: string,
  fn: () => Promise<T>,
): Promise<T> {
  // cpuProfiled is `fn` alone unless BENCH_BROWSER_CPU_PROF is set.
  const profiled = () => cpuProfiled(page, label, fn);
  return process.env.BENCH_BROWSER_TRACE
    ? (await traced(browser, page, profiled, label)).value
    : profiled();
}
