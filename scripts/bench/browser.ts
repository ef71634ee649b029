/**
 * The app in a real browser: the production build (vite build into the run's temp folder) served
 * by the real server (own port, data folder and htpasswd: lib/server-proc.ts), in Debian's
 * Chromium driven by Playwright. Everything goes through the app as a user drives it: the
 * builder's "Make a new version of an existing pack" import of a folder, "Next", Monaco, the
 * Publish step's "Download .zip". Times come from the page's own clock (lib/browser-probe.ts);
 * main-thread tasks from a Chromium trace (lib/browser-trace.ts).
 *
 * 1. First screen: `/` in a new browser context (empty cache), navigation start → the home
 *    heading in the DOM and the frame after it painted; the JS and CSS that arrived before it
 *    (Resource Timing body bytes over the wire, and the same files gzip'd -6 and brotli'd here);
 *    then the same page loaded again in that context (cache warm).
 * 2. Monaco: Values step heading painted → `data-editor-ready="true"` painted, on a small pack:
 *    cold (new context: the editor chunk is fetched and run) and warm (Back, then Next again);
 *    and typing in that small values.yaml, as the baseline of the typing rows below.
 * 3. A 1 MB values.yaml (the big pack's, in a pack without charts): editor ready; 5 s idle on the
 *    step (main-thread time, YAML worker starts); a broken line pasted at the top → the first error
 *    in the step's problem list (and when Monaco's own, monaco-yaml, diagnostic appears); 50
 *    characters typed (40 ms apart) → the longest main-thread task and each key's time to the
 *    next frame.
 * 4. The generated ~100 MB pack (gen.ts writeBenchPack) imported as a folder, through every step to
 *    Publish; 5 s idle there; then "Download .zip" (the core's JSZip writer in the pack worker): click → the
 *    "is downloaded" status painted, next to `zip -qr -n .tgz:.png` of the same folder in the same
 *    run; the longest main-thread task during it. Then three edits and one typing run on this pack's
 *    values.yaml, where every change re-checks the whole 100 MB pack; then the page reloaded, the
 *    draft reopened from IndexedDB (its step shown; the longest main-thread task until 2 s quiet).
 *    Issue 11's targets (PASS/FAIL
 *    in the rows' notes): broken line → first error ≤ 300 ms, folder import → first step ≤ 1.5 s,
 *    typing in the 1 MB values.yaml (alone and in the 100 MB pack) with no main-thread task over 50 ms.
 *
 * Medians of 3: after one warm-up for the first screen, editor ready and the zip; without one for
 * the edits and typing (each on the page the previous one left). Single runs: the 1 MB editor
 * start, the idle rows, and the 100 MB pack's import, typing and reopening.
 */
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import type { BenchContext } from "./lib/context";
import { ChromiumCpu } from "./lib/browser-cpu";
import { buildApp, launchChromium } from "./lib/browser-env";
import { writeEditorPacks, type PackFolder } from "./lib/browser-packs";
import {
  arm,
  armEvent,
  longTasks,
  marks,
  needMark,
  PROBE_SCRIPT,
  resources,
  takeKeys,
  trackKeys,
  waitMark,
  waitQuiet,
  type ResourceEntry,
} from "./lib/browser-probe";
import {
  cpuProfiled,
  traced,
  tracedWhenAsked,
  type MainThreadStats,
} from "./lib/browser-trace";
import {
  backTo,
  focusValues,
  goTo,
  importFolder,
  nextTo,
  nextUntil,
  openBuild,
} from "./lib/browser-wizard";
import { writeBenchPack, type GeneratedPack } from "./lib/gen";
import {
  fmtMB,
  measureTool,
  median,
  msVerdict,
  ratio,
  row,
  verdict,
  type Row,
} from "./lib/measure";
import {
  startBenchServer,
  writeBenchHtpasswd,
  type BenchServer,
} from "./lib/server-proc";

export const description =
  "the app in Chromium: first screen bytes and time, Monaco ready cold/warm, 1 MB values.yaml diagnostics and typing, Download .zip of a 100 MB pack vs zip -r";

const RUNS = 3;
/** Pasted at the top of values.yaml: an unclosed flow sequence (Monaco would auto-close a typed `[`). */
const BROKEN = "broken: [unclosed\n";
/** 50 characters, typed as a YAML comment on a new last line (no completion pops up in a comment). */
const TYPED = "# typed by the packsmith bench, fifty characters!!";
const KEY_DELAY_MS = 40;
/** How long the first edit waits for Monaco's own (monaco-yaml) diagnostic. */
const MONACO_DIAG_WAIT_MS = 10_000;
const IDLE_MS = 5000;
/** The rows' targets: the first screen's bytes, and issue 11 item 4's for the builder with big packs. */
const TARGET = {
  /** 100 MB pack, its values.yaml: broken line → first error. */
  brokenLineMs: 300,
  /** 100 MB pack folder import → first step painted. */
  importMs: 1500,
  /** Typing in a 1 MB values.yaml: no main-thread task longer than this. */
  typingTaskMs: 50,
  /** Every byte of the first screen over the wire. */
  firstScreenBytes: 90_000,
};

const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;
const ms0 = (n: number | undefined): string =>
  n === undefined ? "—" : `${n.toFixed(0)} ms`;
const p = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? NaN;
};
const timedRow = (
  name: string,
  runsMs: number[],
  extra: Partial<Row> = {},
): Row => ({ name, ms: median(runsMs), runsMs, ...extra });

async function withPage<T>(
  ctx: BenchContext,
  browser: Browser,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    await context.addInitScript(PROBE_SCRIPT);
    const page = await context.newPage();
    page.on("pageerror", (e) => ctx.log(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") ctx.log(`console error: ${m.text()}`);
    });
    return await fn(page);
  } finally {
    await context.close().catch(() => undefined);
  }
}

function mainNotes(m: MainThreadStats): string {
  return `${m.over50} tasks ≥ 50 ms; main thread busy ${((m.busyMs / m.windowMs) * 100).toFixed(0)}% of ${(m.windowMs / 1000).toFixed(1)} s`;
}

// --- 1. First screen --------------------------------------------------------------------------

interface Asset {
  path: string;
  wire: number;
  decoded: number;
  gzip: number;
  brotli: number;
}

function assetSizes(dist: string, base: string, res: ResourceEntry[]): Asset[] {
  return res.map((r) => {
    const rel = decodeURIComponent(new URL(r.name, base).pathname);
    const bytes = readFileSync(path.join(dist, rel));
    return {
      path: rel,
      wire: r.encodedBodySize,
      decoded: r.decodedBodySize,
      gzip: gzipSync(bytes, { level: 6 }).length,
      brotli: brotliCompressSync(bytes).length,
    };
  });
}

const isCode = (r: ResourceEntry): boolean =>
  /\.(js|mjs|css)(\?|$)/.test(new URL(r.name).pathname);

/** The page's first-contentful-paint time; the entry can come a little after the frame. */
async function firstContentfulPaint(page: Page): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const t = (await page.evaluate(
      `(performance.getEntriesByName("first-contentful-paint")[0] || { startTime: -1 }).startTime`,
    )) as number;
    if (t >= 0) return t;
    await page.waitForTimeout(50);
  }
  return NaN;
}

async function firstScreen(
  ctx: BenchContext,
  browser: Browser,
  base: string,
  dist: string,
): Promise<Row[]> {
  const cold: number[] = [];
  const warm: number[] = [];
  const fcp: number[] = [];
  const warmWire: number[] = [];
  let assets: Asset[] = [];
  let later = 0;
  /** Every byte the first screen took over the wire: the page, then each file before the heading. */
  let screenWire = 0;
  for (let i = 0; i < 1 + RUNS; i++) {
    ctx.log(`first screen: ${i ? `run ${i}` : "warm-up"}…`);
    await withPage(ctx, browser, async (page) => {
      await page.goto(`${base}/`, { waitUntil: "commit" });
      const t = await needMark(page, "home@frame", 30_000, "home heading");
      const m = await marks(page);
      const res = await resources(page);
      if (i > 0) {
        cold.push(t);
        fcp.push(await firstContentfulPaint(page));
      }
      if (i === 1) {
        const code = res.filter(isCode);
        const before = code.filter((r) => r.responseEnd <= m.home!);
        later = code.length - before.length;
        assets = assetSizes(dist, base, before);
        const page0 = (await page.evaluate(
          `performance.getEntriesByType("navigation")[0]?.encodedBodySize ?? 0`,
        )) as number;
        screenWire = res
          .filter((r) => r.responseEnd <= m.home!)
          .reduce((a, r) => a + r.encodedBodySize, page0);
      }
      await page.goto(`${base}/`, { waitUntil: "commit" });
      const w = await needMark(page, "home@frame", 30_000, "home heading");
      if (i > 0) {
        warm.push(w);
        const again = (await resources(page)).filter(isCode);
        warmWire.push(again.reduce((a, r) => a + r.transferSize, 0));
      }
    });
  }
  const sum = (k: keyof Omit<Asset, "path">): number =>
    assets.reduce((a, x) => a + x[k], 0);
  const uncompressed = assets.every((a) => a.wire === a.decoded);
  ctx.info.firstScreen = {
    cold,
    warm,
    fcp,
    assets,
    laterCodeFiles: later,
    wireBytes: screenWire,
  };
  ctx.note(
    `first screen: JS+CSS before the home heading showed: ${assets.length} files, ${kB(sum("wire"))} over the wire${uncompressed ? " (sent without Content-Encoding)" : ""}; gzip -6 of the same files ${kB(sum("gzip"))}, brotli ${kB(sum("brotli"))} [${assets.map((a) => `${path.basename(a.path)} ${kB(a.wire)}`).join(", ")}]`,
  );
  return [
    timedRow("first screen /, cold: nav → home heading painted", cold, {
      label: "first screen cold",
      outputBytes: screenWire,
      notes: `${kB(screenWire)} on the wire in all (HTML, JS, CSS, fonts, images before the heading; target ≤ ${TARGET.firstScreenBytes / 1000} kB: ${verdict(screenWire <= TARGET.firstScreenBytes)}); FCP ${ms0(median(fcp.filter((x) => !Number.isNaN(x))))}; JS+CSS before it ${kB(sum("wire"))} on the wire, ${kB(sum("gzip"))} gzip'd; localhost, no throttling`,
    }),
    timedRow("first screen /, warm (same context, loaded again)", warm, {
      notes: `JS+CSS transfer ${kB(median(warmWire))} (hashed assets from the cache: immutable; index.html revalidated)`,
    }),
  ];
}

// --- 2. Monaco ready, cold and warm --------------------------------------------------------------

const VALUES_WATCHES = [
  { key: "values", probe: "step" as const, arg: "Values" },
  { key: "ready", probe: "editorReady" as const },
];

/** From the Logo step: Next, then Values heading painted → editor ready painted. */
async function openValues(
  page: Page,
  from: "next" | "back",
): Promise<{
  ms: number;
  clickAt: number;
  shownAt: number;
  readyAt: number;
}> {
  await arm(page, VALUES_WATCHES);
  await armEvent(page, "click", "nextClick");
  await nextTo(page, "Values");
  const shownAt = await needMark(page, "values@frame", 30_000, "Values step");
  const readyAt = await needMark(
    page,
    "ready@frame",
    60_000,
    `editor ready (${from})`,
  );
  const clickAt = (await marks(page)).nextClick ?? shownAt;
  return { ms: readyAt - shownAt, clickAt, shownAt, readyAt };
}

async function editorReady(
  ctx: BenchContext,
  browser: Browser,
  base: string,
  pack: PackFolder,
  dist: string,
): Promise<Row[]> {
  const cold: number[] = [];
  const warm: number[] = [];
  let fetched: Asset[] = [];
  let early: string[] = [];
  const typing: TypingResult[] = [];
  for (let i = 0; i < 1 + RUNS; i++) {
    ctx.log(`editor ready: ${i ? `run ${i}` : "warm-up"}…`);
    await withPage(ctx, browser, async (page) => {
      await openBuild(page, base);
      await importFolder(page, pack.dir);
      await nextUntil(page, "Logo");
      const c = await openValues(page, "next");
      if (i > 0) cold.push(c.ms);
      if (i === 1) {
        // What the step loads: JS/CSS (workers included) requested from the Next click (the lazy
        // import starts while React renders the step, just before its heading changes) to 1 s
        // after the editor is ready; and the *monaco*/*editor* chunks requested before the click.
        await page.waitForTimeout(1000);
        const code = (await resources(page)).filter(isCode);
        const seen = new Set<string>();
        fetched = assetSizes(
          dist,
          base,
          code.filter(
            (r) =>
              r.startTime >= c.clickAt &&
              r.startTime <= c.readyAt + 1000 &&
              !seen.has(r.name) &&
              Boolean(seen.add(r.name)),
          ),
        );
        early = code
          .filter(
            (r) => r.startTime < c.clickAt && /monaco|editor/.test(r.name),
          )
          .map((r) => path.basename(new URL(r.name).pathname));
      }
      await waitQuiet(page, 500, 5000);
      await backTo(page, "Logo");
      const w = await openValues(page, "back");
      if (i > 0) warm.push(w.ms);
      if (i === RUNS)
        for (let k = 0; k < RUNS; k++) {
          ctx.log(`small values.yaml: typing, run ${k + 1}…`);
          typing.push(await typeValues(browser, page, "small"));
        }
    });
  }
  const sum = (k: keyof Omit<Asset, "path">): number =>
    fetched.reduce((a, x) => a + x[k], 0);
  ctx.info.editorReady = { cold, warm, fetched, fetchedBefore: early };
  return [
    timedRow("Values step → editor ready, cold (new context)", cold, {
      notes: `small values.yaml; JS/CSS fetched from the Next click to 1 s after ready (workers included): ${fetched.length} files, ${kB(sum("wire"))} on the wire (gzip ${kB(sum("gzip"))}, brotli ${kB(sum("brotli"))})${early.length ? `; chunks named *monaco*/*editor* fetched before it: ${early.join(", ")}` : "; no *monaco*/*editor* chunk fetched before it"}`,
    }),
    timedRow("Values step → editor ready, warm (Back, Next)", warm, {
      notes: "Monaco already loaded in the page",
    }),
    typingRow(
      `small values.yaml: typing ${TYPED.length} chars, longest main-thread task`,
      typing,
    ),
  ];
}

// --- 3. 1 MB values.yaml -----------------------------------------------------------------------------

interface EditResult {
  errorMs: number;
  coreMs?: number;
  squiggleMs?: number;
  monacoMs?: number;
}

/** Paste BROKEN at the top of values.yaml; time to the first error in the problem list. */
async function breakValues(
  page: Page,
  monacoWaitMs: number,
): Promise<EditResult> {
  await focusValues(page);
  await page.keyboard.press("Control+Home");
  await waitQuiet(page, 1000, 5000);
  await arm(page, [
    { key: "err", probe: "anyError" },
    { key: "core", probe: "coreError" },
    { key: "monaco", probe: "monacoError" },
    { key: "squiggle", probe: "squiggle" },
  ]);
  await armEvent(page, "beforeinput", "edit");
  await armEvent(page, "input", "edit2");
  await page.keyboard.insertText(BROKEN);
  const err = await needMark(page, "err@frame", 60_000, "first error");
  await waitMark(page, "core", 30_000);
  if (monacoWaitMs > 0) await waitMark(page, "monaco", monacoWaitMs);
  const m = await marks(page);
  const edit = Math.min(m.edit ?? Infinity, m.edit2 ?? Infinity);
  const since = (k: string): number | undefined =>
    m[k] === undefined ? undefined : m[k]! - edit;
  // Remove the pasted line (Ctrl+Z would take two steps), and wait until the problem list is clean.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Delete");
  await arm(page, [{ key: "clean", probe: "noError" }]);
  await needMark(page, "clean", 60_000, "problem list clean after undo");
  return {
    errorMs: err - edit,
    coreMs: since("core"),
    squiggleMs: since("squiggle"),
    monacoMs: since("monaco"),
  };
}

interface TypingResult {
  main: MainThreadStats;
  typingMs: number;
  keys: number[];
  /** The editor's lines holding what was typed (this run's and earlier ones'), as shown after it. */
  typedLines: string[];
}

/**
 * Type TYPED on a new last line, KEY_DELAY_MS apart, traced until 1 s after the last key. With
 * BENCH_BROWSER_CPU_PROF=<folder>, the page's main thread is also profiled (V8's sampler, 100 µs)
 * and written there as `typing-<label>-<n>.cpuprofile` (DevTools' Performance panel opens it).
 */
async function typeValues(
  browser: Browser,
  page: Page,
  label: string,
): Promise<TypingResult> {
  await focusValues(page);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await waitQuiet(page, 1000, 5000);
  const { value, main } = await traced(
    browser,
    page,
    () => cpuProfiled(page, `typing-${label}`, () => typeTraced(page)),
    `typing-${label}`,
  );
  return { main, ...value };
}

async function typeTraced(page: Page): Promise<{
  typingMs: number;
  keys: number[];
  typedLines: string[];
}> {
  await trackKeys(page);
  const t0 = performance.now();
  await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
  const typingMs = performance.now() - t0;
  await page.waitForTimeout(1000);
  // Every key must have reached the text: a run that lost some measured a broken editor.
  const lines = await page
    .locator(".view-line", { hasText: TYPED.slice(0, 12) })
    .allInnerTexts();
  return {
    typingMs,
    keys: await takeKeys(page),
    typedLines: lines.map((l) => l.replace(/\u00a0/g, " ").trim()),
  };
}

/** The median of one figure over the runs that have it; undefined when none has. */
function medianOf(runs: EditResult[], k: keyof EditResult): number | undefined {
  const xs = runs.map((r) => r[k]).filter((x) => x !== undefined);
  return xs.length ? median(xs) : undefined;
}

function editNotes(runs: EditResult[], monacoWaitMs: number): string {
  const monaco = runs[0]?.monacoMs;
  return [
    `core finding ${ms0(medianOf(runs, "coreMs"))}, squiggle ${ms0(medianOf(runs, "squiggleMs"))}`,
    `Monaco's own diagnostic ${monaco === undefined ? `NONE within ${monacoWaitMs / 1000} s` : ms0(monaco)}`,
  ].join("; ");
}

function typingRow(name: string, runs: TypingResult[], targetMs?: number): Row {
  const keys = runs.flatMap((r) => r.keys);
  const longest = runs.map((r) => r.main.longestMs);
  const worst = runs.reduce((a, r) =>
    r.main.longestMs > a.main.longestMs ? r : a,
  );
  // "No task over": judged on the longest task of every run, not the median.
  const target =
    targetMs === undefined
      ? ""
      : `longest task of all runs ${ms0(worst.main.longestMs)}, ${msVerdict(worst.main.longestMs, targetMs, "no task over")}; `;
  // A lost key is reported first: the times of such a run are not the editor's.
  // Runs on one page type the same line again: every such line must be whole, this run's too.
  const lost = runs.filter(
    (r) =>
      !r.typedLines.length || !r.typedLines.every((l) => l.includes(TYPED)),
  );
  const lostNote = lost.length
    ? `KEYS LOST in ${lost.length} of ${runs.length} runs (the lines read “${lost[0]!.typedLines.join(" | ")}”); `
    : "";
  return timedRow(name, longest, {
    notes: `${lostNote}${target}${TYPED.length} keys ${KEY_DELAY_MS} ms apart took ${(median(runs.map((r) => r.typingMs)) / 1000).toFixed(1)} s (ideal ${((TYPED.length * KEY_DELAY_MS) / 1000).toFixed(1)} s); key → next frame p50 ${ms0(p(keys, 50))}, p95 ${ms0(p(keys, 95))}, max ${ms0(Math.max(...keys))}; worst run: ${mainNotes(worst.main)}`,
  });
}

async function bigValues(
  ctx: BenchContext,
  browser: Browser,
  base: string,
  pack: PackFolder,
): Promise<Row[]> {
  const rows: Row[] = [];
  const size = `${(pack.valuesBytes / 1e6).toFixed(1)} MB values.yaml`;
  await withPage(ctx, browser, async (page) => {
    const yamlStarts: number[] = [];
    page.on("worker", (w) => {
      if (/yaml\.worker/.test(w.url())) yamlStarts.push(Date.now());
    });
    ctx.log(`${size}: import, Values step…`);
    await openBuild(page, base);
    await importFolder(page, pack.dir);
    await nextUntil(page, "Logo");
    await waitQuiet(page, 500, 5000);
    const opened = await traced(browser, page, async () => {
      const o = await openValues(page, "next");
      await page.waitForTimeout(1000);
      return o;
    });
    const open = opened.value;
    rows.push(
      timedRow(`${size}: Values step → editor ready (cold)`, [open.ms], {
        notes: `single run; Next click → ready ${ms0(open.readyAt - open.clickAt)}; from the click to 1 s after ready: longest main-thread task ${ms0(opened.main.longestMs)}, ${mainNotes(opened.main)}`,
      }),
    );
    const quiet = await waitQuiet(page, 1000, 10_000);
    ctx.log(`${size}: ${IDLE_MS / 1000} s idle…`);
    const before = yamlStarts.length;
    const idle = await traced(browser, page, () =>
      page.waitForTimeout(IDLE_MS),
    );
    const starts = yamlStarts.length - before;
    ctx.info.values1mb = {
      open,
      openMain: opened.main,
      quiet,
      idle: idle.main,
      yamlStarts: starts,
    };
    rows.push(
      timedRow(
        `${size}: ${IDLE_MS / 1000} s idle on the step, main-thread busy`,
        [idle.main.busyMs],
        {
          notes: `no input; YAML worker started ${starts} times; longest task ${ms0(idle.main.longestMs)}; ${mainNotes(idle.main)}${quiet.capped ? "; never quiet (1 s without a long task) before it" : ""}`,
        },
      ),
    );

    const edits: EditResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`${size}: broken line, run ${i + 1}…`);
      edits.push(await breakValues(page, i === 0 ? MONACO_DIAG_WAIT_MS : 0));
    }
    ctx.info.values1mb = {
      ...(ctx.info.values1mb as object),
      edits,
    };
    rows.push(
      timedRow(
        `${size}: broken line pasted → first error in the problem list`,
        edits.map((e) => e.errorMs),
        { notes: editNotes(edits, MONACO_DIAG_WAIT_MS) },
      ),
    );

    const typing: TypingResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`${size}: typing, run ${i + 1}…`);
      typing.push(await typeValues(browser, page, "values-1mb"));
    }
    ctx.info.values1mbTyping = typing.map((t) => ({
      ...t.main,
      typingMs: t.typingMs,
      keys: t.keys,
    }));
    rows.push(
      typingRow(
        `${size}: typing ${TYPED.length} chars, longest main-thread task`,
        typing,
        TARGET.typingTaskMs,
      ),
    );
  });
  return rows;
}

// --- 4. The 100 MB pack: import, Download .zip, and its values.yaml --------------------------------

async function systemZip(ctx: BenchContext, pack: GeneratedPack): Promise<Row> {
  const parent = path.dirname(pack.dir);
  const out = path.join(ctx.tmpDir("zip"), "sys.zip");
  ctx.log("zip -qr…");
  const r = row(
    "zip -qr -n .tgz:.png (same files, from disk)",
    await measureTool(
      {
        cmd: "zip",
        args: ["-qr", "-n", ".tgz:.png", out, pack.top],
        cwd: parent,
      },
      { runs: RUNS, before: () => rmSync(out, { force: true }) },
    ),
    { inputBytes: pack.totalBytes, label: "zip", rssKind: "child-peak" },
  );
  r.outputBytes = statSync(out).size;
  r.notes = `out ${fmtMB(r.outputBytes)}; deflate -6, charts/png stored`;
  rmSync(out, { force: true });
  return r;
}

async function bigPackZip(
  ctx: BenchContext,
  browser: Browser,
  base: string,
  pack: GeneratedPack,
  sysZip: Row,
): Promise<Row[]> {
  const rows: Row[] = [];
  await withPage(ctx, browser, async (page) => {
    ctx.log("100 MB pack: import…");
    await openBuild(page, base);
    const imp = await tracedWhenAsked(browser, page, "import", () =>
      importFolder(page, pack.dir, 180_000),
    );
    const ltImport = (await page.evaluate(
      `window.__pb.lt.filter((x) => x[0] >= ${imp.changeAt} && x[0] <= ${imp.openAt}).map((x) => x[1])`,
    )) as number[];
    rows.push(
      timedRow(
        "100 MB pack folder import → Basics step painted",
        [imp.openAt - imp.changeAt],
        {
          inputBytes: pack.totalBytes,
          mbPerS: pack.totalBytes / 1e6 / ((imp.openAt - imp.changeAt) / 1000),
          notes: `${msVerdict(imp.openAt - imp.changeAt, TARGET.importMs)}; input change event → first step; longest task ${ms0(Math.max(0, ...ltImport))}, ${ltImport.filter((d) => d >= 50).length} long tasks (longtask entries)`,
        },
      ),
    );
    ctx.log("100 MB pack: Next to Publish…");
    const stepT0 = performance.now();
    await nextUntil(page, "Publish");
    const stepsMs = performance.now() - stepT0;
    const quiet = await waitQuiet(page, 1000, 5000);
    ctx.log(`100 MB pack: ${IDLE_MS / 1000} s idle on Publish…`);
    const idle = await traced(browser, page, () =>
      page.waitForTimeout(IDLE_MS),
    );
    rows.push(
      timedRow(
        `100 MB pack: ${IDLE_MS / 1000} s idle on the Publish step, main-thread busy`,
        [idle.main.busyMs],
        {
          notes: `no input; longest task ${ms0(idle.main.longestMs)}; ${mainNotes(idle.main)}${quiet.capped ? "; never quiet (1 s without a long task) before it" : ""}`,
        },
      ),
    );

    const times: number[] = [];
    const mains: MainThreadStats[] = [];
    let outBytes = 0;
    for (let i = 0; i < 1 + RUNS; i++) {
      ctx.log(`100 MB pack: Download .zip, ${i ? `run ${i}` : "warm-up"}…`);
      await arm(page, [{ key: "zip", probe: "zipDone", fresh: true }]);
      await armEvent(page, "click", "click");
      const { value: download, main } = await traced(
        browser,
        page,
        async () => {
          const waiting = page.waitForEvent("download", { timeout: 180_000 });
          await page
            .getByRole("button", { name: /^Download .*\.zip$/ })
            .click();
          const d = await waiting;
          await needMark(page, "zip@frame", 180_000, "zip downloaded");
          return d;
        },
      );
      const m = await marks(page);
      outBytes = statSync(await download.path()).size;
      await download.delete();
      if (i > 0) {
        times.push(m["zip@frame"]! - m.click!);
        mains.push(main);
      }
      await waitQuiet(page, 1000, 3000);
    }
    const worst = mains.reduce((a, x) => (x.longestMs > a.longestMs ? x : a));
    const zipRow = ratio(
      timedRow("Download .zip of the 100 MB pack (worker writeZip)", times, {
        inputBytes: pack.totalBytes,
        mbPerS: pack.totalBytes / 1e6 / (median(times) / 1000),
        outputBytes: outBytes,
        notes: `click → "is downloaded" painted; out ${fmtMB(outBytes)} (${(outBytes / sysZip.outputBytes!).toFixed(3)}× zip -r); pack.json and top folder at 1.0.1`,
      }),
      sysZip,
    );
    rows.push(
      zipRow,
      timedRow(
        "Download .zip: longest main-thread task",
        mains.map((x) => x.longestMs),
        { notes: `worst run: ${mainNotes(worst)}` },
      ),
    );
    ctx.info.bigPack = {
      importMs: imp.openAt - imp.changeAt,
      nextToPublishMs: stepsMs,
      idlePublish: idle.main,
      zipMs: times,
      zipMain: mains,
      zipBytes: outBytes,
    };

    // The same values.yaml as the 1 MB rows, inside the 100 MB pack.
    ctx.log("100 MB pack: values.yaml edit and typing…");
    await arm(page, [{ key: "ready", probe: "editorReady" }]);
    await goTo(page, "Values");
    await needMark(page, "ready@frame", 60_000, "editor ready (100 MB pack)");
    await waitQuiet(page, 1000, 5000);
    // Median of RUNS, as the 1 MB row: a single run swung 244–378 ms between runs of one tree (the
    // first edit after the step opens runs on a cold JIT in the page and the workers).
    const edits: EditResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`100 MB pack: broken line, run ${i + 1}…`);
      edits.push(await breakValues(page, 0));
    }
    const errorMs = median(edits.map((e) => e.errorMs));
    rows.push(
      timedRow(
        "100 MB pack, its values.yaml: broken line → first error",
        edits.map((e) => e.errorMs),
        {
          notes: `${msVerdict(errorMs, TARGET.brokenLineMs)}; runs ${edits.map((e) => ms0(e.errorMs)).join(", ")} (the first on the step as opened); core finding ${ms0(medianOf(edits, "coreMs"))}; the worker holds the pack's files by id: an edit sends values.yaml only`,
        },
      ),
    );
    const typing = await typeValues(browser, page, "pack-100mb");
    rows.push(
      typingRow(
        `100 MB pack, its values.yaml: typing ${TYPED.length} chars, longest main-thread task`,
        [typing],
        TARGET.typingTaskMs,
      ),
    );
    // The draft reopened: a reload brings its files back from IndexedDB as Blobs, read in the pack
    // worker, which keeps them, so the draft's first check sends none of them.
    ctx.log("100 MB pack: the draft reopened after a reload…");
    await page.getByText(/^Draft saved/).waitFor({ timeout: 60_000 });
    const reloadAt = performance.now();
    const reopenMs = await tracedWhenAsked(
      browser,
      page,
      "reopen",
      async () => {
        await page.reload({ waitUntil: "commit" });
        await page
          .getByRole("heading", { level: 2, name: /: Values$/ })
          .waitFor({ timeout: 60_000 });
        const ms = performance.now() - reloadAt;
        await waitQuiet(page, 2000, 15_000);
        return ms;
      },
    );
    const reopenTasks = await longTasks(page, 0);
    rows.push(
      timedRow("100 MB draft reopened: reload → its step shown", [reopenMs], {
        notes: `single run; from the load until 2 s without a long task: longest main-thread task ${ms0(Math.max(0, ...reopenTasks))}, ${reopenTasks.length} tasks ≥ 50 ms (the draft's files read back in the pack worker, its first check sending none)`,
      }),
    );
    ctx.info.bigPack = {
      ...(ctx.info.bigPack as object),
      edits,
      typing: { ...typing.main, typingMs: typing.typingMs, keys: typing.keys },
      reopen: { ms: reopenMs, longTasks: reopenTasks },
    };
  });
  return rows;
}

// --- The bench ---------------------------------------------------------------------------------

export async function bench(ctx: BenchContext): Promise<Row[]> {
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  let cpu: ChromiumCpu | undefined;
  const t0 = performance.now();
  try {
    ctx.log("vite build into the run's temp folder…");
    const dist = ctx.tmpDir("dist");
    const buildMs = await buildApp(dist);
    ctx.log("generating the 100 MB pack…");
    const pack = writeBenchPack(ctx.tmpDir("pack"));
    const packs = writeEditorPacks(ctx.tmpDir("packs"), pack.dir);
    const sysZip = await systemZip(ctx, pack);

    const auth = ctx.tmpDir("auth");
    server = await startBenchServer({
      dataDir: ctx.tmpDir("data"),
      htpasswd: writeBenchHtpasswd(path.join(auth, "htpasswd")),
      env: { PACKSMITH_STATIC: dist },
    });
    browser = await launchChromium(ctx.tmpDir("downloads"));
    cpu = new ChromiumCpu();
    ctx.info.setup = {
      buildMs: Math.round(buildMs),
      chromium: browser.version(),
      server: server.url,
      pack: {
        files: pack.files,
        totalBytes: pack.totalBytes,
        chartBytes: pack.chartBytes,
        textBytes: pack.textBytes,
      },
      values1mbBytes: packs.values1mb.valuesBytes,
    };
    ctx.note(
      `Chromium ${browser.version()} headless (${"/usr/bin/chromium"}), production build served by server/main.ts on localhost, no network throttling; page-clock times (navigation start / input event timeStamp → the frame after the DOM change); main-thread tasks from a Chromium trace`,
    );

    const rows: Row[] = [];
    rows.push(...(await firstScreen(ctx, browser, server.url, dist)));
    rows.push(
      ...(await editorReady(ctx, browser, server.url, packs.small, dist)),
    );
    rows.push(...(await bigValues(ctx, browser, server.url, packs.values1mb)));
    rows.push(sysZip);
    rows.push(...(await bigPackZip(ctx, browser, server.url, pack, sysZip)));
    const chromiumS = cpu.stop();
    const wallS = (performance.now() - t0) / 1000;
    ctx.info.chromiumCpuSeconds = chromiumS;
    ctx.note(
      `Chromium's processes used ${chromiumS.toFixed(0)} CPU-s, ${(chromiumS / wallS).toFixed(2)} cores on average over the bench's ${wallS.toFixed(0)} s: run.ts counts them as other processes (its renderers are never reaped into this process), so its background figure includes them`,
    );
    return rows;
  } finally {
    cpu?.stop();
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}
