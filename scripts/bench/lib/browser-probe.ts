/**
 * In-page timing for the browser bench. PROBE_SCRIPT is added to every page (context
 * `addInitScript`) and keeps `window.__pb`:
 *
 * - `marks[key]`: `performance.now()` when a watched condition first held (checked on every DOM
 *   mutation, by a MutationObserver connected only while something is watched), and
 *   `marks[key + "@frame"]`: just after the next frame (rAF, then a message: the frame is painted).
 *   A `fresh` watch only counts once its condition has been false (a status that must go and
 *   come back). Event marks hold the triggering event's `timeStamp` (same clock).
 * - `lt`: every PerformanceObserver 'longtask' entry [startTime, duration] (tasks ≥ 50 ms).
 * - key latencies: each keydown to the frame after it.
 *
 * The page code is a string, not a function: tsx compiles functions with helpers (`__name`) that
 * do not exist in the page.
 */
import type { Page } from "@playwright/test";

export const PROBE_SCRIPT = String.raw`(() => {
  if (window.__pb) return;
  const pb = { marks: {}, watches: new Map(), lt: [], keys: null };
  window.__pb = pb;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) pb.lt.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const txt = (el) => (el && el.textContent) || "";
  const all = (sel) => Array.prototype.slice.call(document.querySelectorAll(sel));
  const errors = () => all(".text-file__problems .problem--error");
  const probes = {
    home: () => all("h1").some((h) => txt(h).trim() === "Build and review Palette packs"),
    step: (name) => all("h2").some((h) => txt(h).trim().startsWith("Step ") && txt(h).trim().endsWith(": " + name)),
    editorReady: () => document.querySelector('[data-editor-ready="true"]') !== null,
    anyError: () => errors().length > 0,
    monacoError: () => errors().some((li) => txt(li).indexOf("values.yaml:") < 0),
    coreError: () => errors().some((li) => txt(li).indexOf("values.yaml:") >= 0),
    squiggle: () => document.querySelector(".squiggly-error") !== null,
    noError: () => document.querySelector(".text-file__problems") !== null && errors().length === 0,
    zipDone: () => all('[role="status"]').some((s) => /\.zip is downloaded/.test(txt(s))),
    // Every condition holds: at least min (1) elements match css, and hold text when given
    // (Monaco writes spaces as U+00A0; they are compared as spaces).
    dom: (conds) =>
      conds.every((c) => {
        const els = document.querySelectorAll(c.css);
        const min = c.min || 1;
        if (!c.text) return els.length >= min;
        let n = 0;
        for (const el of els)
          if (txt(el).replace(/\u00a0/g, " ").indexOf(c.text) >= 0 && ++n >= min) return true;
        return false;
      }),
  };
  const afterFrame = (done) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(performance.now());
      ch.port2.postMessage(0);
    });
  let mo = null;
  const check = () => {
    for (const [key, w] of pb.watches) {
      const ok = probes[w.probe](w.arg);
      if (w.fresh) {
        if (!ok) w.fresh = false;
        continue;
      }
      if (!ok) continue;
      pb.marks[key] = performance.now();
      pb.watches.delete(key);
      afterFrame((t) => (pb.marks[key + "@frame"] = t));
    }
    if (pb.watches.size === 0 && mo) {
      mo.disconnect();
      mo = null;
    }
  };
  pb.arm = (specs) => {
    for (const s of specs) {
      delete pb.marks[s.key];
      delete pb.marks[s.key + "@frame"];
      pb.watches.set(s.key, { probe: s.probe, arg: s.arg, fresh: Boolean(s.fresh) });
    }
    if (!mo) {
      mo = new MutationObserver(check);
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    check();
  };
  pb.disarm = () => {
    pb.watches.clear();
    check();
  };
  pb.armEvent = (type, key) => {
    delete pb.marks[key];
    const h = (e) => {
      window.removeEventListener(type, h, true);
      pb.marks[key] = e.timeStamp;
    };
    window.addEventListener(type, h, true);
  };
  const onKey = (e) => {
    const keys = pb.keys;
    if (keys) afterFrame((t) => keys.push(t - e.timeStamp));
  };
  window.addEventListener("keydown", onKey, true);
  pb.trackKeys = () => { pb.keys = []; };
  pb.takeKeys = () => { const k = pb.keys || []; pb.keys = null; return k; };
  if (location.pathname === "/") pb.arm([{ key: "home", probe: "home" }]);
})();`;

export type Probe =
  | "home"
  | "step"
  | "editorReady"
  | "anyError"
  | "monacoError"
  | "coreError"
  | "squiggle"
  | "noError"
  | "zipDone"
  | "dom";

/** For the `dom` probe: `min` (default 1) elements match `css`, each holding `text` when given. */
export interface DomCondition {
  css: string;
  text?: string;
  min?: number;
}

export interface Watch {
  key: string;
  probe: Probe;
  /** The probe's argument: a step name for `step`, every condition that must hold for `dom`. */
  arg?: string | DomCondition[];
  fresh?: boolean;
}

export const arm = (page: Page, watches: Watch[]): Promise<void> =>
  page.evaluate(`window.__pb.arm(${JSON.stringify(watches)})`);

export const disarm = (page: Page): Promise<void> =>
  page.evaluate("window.__pb.disarm()");

/** Mark `key` with the timeStamp of the next `type` event (capture phase, on window). */
export const armEvent = (
  page: Page,
  type: string,
  key: string,
): Promise<void> =>
  page.evaluate(
    `window.__pb.armEvent(${JSON.stringify(type)}, ${JSON.stringify(key)})`,
  );

export const marks = (page: Page): Promise<Record<string, number>> =>
  page.evaluate("({ ...window.__pb.marks })");

export const now = (page: Page): Promise<number> =>
  page.evaluate("performance.now()");

/**
 * Wait for `marks[key]`; undefined after `timeoutMs`. Polled from here: the app's CSP
 * (`script-src 'self'`) forbids the eval that `page.waitForFunction` uses for a string predicate.
 */
export async function waitMark(
  page: Page,
  key: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  const expr = `window.__pb ? window.__pb.marks[${JSON.stringify(key)}] : undefined`;
  for (;;) {
    const t = (await page.evaluate(expr)) as number | undefined;
    if (t !== undefined || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Like waitMark, but throws when it does not come. */
export async function needMark(
  page: Page,
  key: string,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const t = await waitMark(page, key, timeoutMs);
  if (t === undefined)
    throw new Error(`${what}: not seen within ${timeoutMs / 1000} s`);
  return t;
}

export interface Quiet {
  waitedMs: number;
  /** True when the page never had `quietMs` without a long task before the cap. */
  capped: boolean;
}

/**
 * Wait until the page's main thread has run no long task (≥ 50 ms) for `quietMs`, at most
 * `capMs`. Used before each timed action so the previous one's trailing work is not measured.
 * A page that re-renders on its own (the wizard on a big pack) never gets quiet: the caps are
 * kept short so that does not cost the bench minutes.
 */
export async function waitQuiet(
  page: Page,
  quietMs = 1000,
  capMs = 10_000,
): Promise<Quiet> {
  const t0 = Date.now();
  const start = await now(page);
  for (;;) {
    const { t, lastEnd } = (await page.evaluate(
      `(() => { const lt = window.__pb.lt; const l = lt[lt.length - 1]; return { t: performance.now(), lastEnd: l ? l[0] + l[1] : 0 }; })()`,
    )) as { t: number; lastEnd: number };
    if (t - Math.max(lastEnd, start) >= quietMs)
      return { waitedMs: Date.now() - t0, capped: false };
    if (Date.now() - t0 > capMs)
      return { waitedMs: Date.now() - t0, capped: true };
    await page.waitForTimeout(100);
  }
}

/** Long tasks that started in [from, to] (page clock). */
export async function longTasks(
  page: Page,
  from: number,
  to = Infinity,
): Promise<number[]> {
  const lt = (await page.evaluate("window.__pb.lt.slice()")) as [
    number,
    number,
  ][];
  return lt.filter(([s]) => s >= from && s <= to).map(([, d]) => d);
}

export const trackKeys = (page: Page): Promise<void> =>
  page.evaluate("window.__pb.trackKeys()");

/** Each keydown's latency to the frame after it, since trackKeys. */
export const takeKeys = (page: Page): Promise<number[]> =>
  page.evaluate("window.__pb.takeKeys()");

export interface ResourceEntry {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

/** The page's Resource Timing entries (same origin: sizes are visible). */
export const resources = (page: Page): Promise<ResourceEntry[]> =>
  page.evaluate(
    `performance.getEntriesByType("resource").map((e) => ({ name: e.name, initiatorType: e.initiatorType, startTime: e.startTime, responseEnd: e.responseEnd, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }))`,
  );
