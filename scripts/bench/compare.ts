/**
 * The compare page on two versions whose chart changed a lot (issue 8: "compare of two versions
 * with 100+ changed inner files ≤ 1.5 s"). Two generated versions of one pack are pushed to the
 * real server (own port, data folder, production build: lib/server-proc.ts, lib/browser-env.ts);
 * the second renames the chart archive, bumps its version and edits its values.yaml and 150 of its
 * 420 templates. Chromium opens `/packs/<name>/compare/1.0.0...1.1.0` in a new context each run
 * (empty cache), and the page's own clock (navigation start = 0) gives:
 *
 * 1. lists: every changed inner file listed (the chart's "Changed inside (152)" section present);
 * 2. first text: both sides of the chart's first three diffs on screen (their files fetched from
 *    the API; plain text while Monaco loads); first diffs: the same drawn by Monaco, when the page
 *    is complete as first shown;
 * 3. the longest main-thread task up to then (PerformanceObserver 'longtask');
 * 4. opening the 100th changed file's diff: click → its Monaco diff drawn.
 *
 * Medians of 3 after one warm-up.
 */
import { gzipSync } from "fflate";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { writeTar } from "../../src/pack/tar-write";
import { writePackZip } from "../../src/pack/zip-write";
import { contentDigest } from "../../src/pack/digest";
import type { PackFiles } from "../../src/pack/pack-files";
import type { BenchContext } from "./lib/context";
import { buildApp, launchChromium } from "./lib/browser-env";
import {
  chartFiles,
  chartValuesYaml,
  packValuesYaml,
  pngBytes,
  Rng,
} from "./lib/gen";
import { median, type Row } from "./lib/measure";
import { expectStatus, request } from "./lib/server-http";
import {
  basicAuth,
  startBenchServer,
  writeBenchHtpasswd,
  type BenchServer,
} from "./lib/server-proc";

export const description =
  "the compare page in Chromium on two versions with 152 changed files inside a renamed chart (420 templates): lists, first diffs drawn, longest task, opening the 100th diff";

const NAME = "bench-compare";
const CHART = "bench-app";
const TEMPLATES = 420;
const CHANGED_TEMPLATES = 150;
const RUNS = 3;

const enc = new TextEncoder();

/** Two versions of a chart pack; the second edits 150 templates, values.yaml and Chart.yaml. */
function versions(): { v1: PackFiles; v2: PackFiles; changedInside: number } {
  const r = new Rng(20260801);
  const chart = chartFiles(r, {
    name: CHART,
    crdBytes: 0,
    binBytes: 0,
    valuesBytes: 200_000,
    templates: TEMPLATES,
  });
  const next = new Map(chart);
  const templates = [...chart.keys()].filter((p) =>
    /^templates\/.*\.yaml$/.test(p),
  );
  for (const p of templates.slice(0, CHANGED_TEMPLATES))
    next.set(
      p,
      enc.encode(
        `${new TextDecoder().decode(chart.get(p))}# edited for 1.1.0\n`,
      ),
    );
  next.set("values.yaml", enc.encode(chartValuesYaml(r, 200_000)));
  next.set(
    "Chart.yaml",
    enc.encode(
      new TextDecoder()
        .decode(chart.get("Chart.yaml"))
        .replace(/^version: .*$/m, "version: 1.1.0"),
    ),
  );
  const tgz = (files: PackFiles) =>
    gzipSync(writeTar(files, CHART), { level: 6, mtime: 0 });
  const pack = (version: string, files: PackFiles): PackFiles => {
    const archive = `charts/${CHART}-${version}.tgz`;
    return new Map([
      [
        "pack.json",
        enc.encode(
          JSON.stringify(
            {
              name: NAME,
              displayName: "Bench compare",
              version,
              layer: "addon",
              addonType: "system app",
              cloudTypes: ["all"],
              charts: [archive],
            },
            null,
            2,
          ),
        ),
      ],
      ["values.yaml", enc.encode(packValuesYaml(new Rng(7), [CHART], 20_000))],
      ["logo.png", pngBytes(new Rng(9), 64, 64)],
      [archive, tgz(files)],
    ]);
  };
  return {
    v1: pack("1.0.0", chart),
    v2: pack("1.1.0", next),
    changedInside: CHANGED_TEMPLATES + 2,
  };
}

async function push(server: BenchServer, files: PackFiles, version: string) {
  const zip = await writePackZip(files, `${NAME}-${version}`);
  expectStatus(
    await request("PUT", `${server.url}/api/v1/packs/${NAME}/${version}`, {
      headers: {
        authorization: basicAuth(),
        "x-packsmith-client": "bench",
        "content-type": "application/zip",
        "x-pack-digest": await contentDigest(files),
      },
      body: zip,
    }),
    [200, 201],
    `PUT ${NAME} ${version}`,
  );
}

/**
 * In the page (a string: the app's CSP forbids the eval behind a string `waitForFunction`, and
 * tsx-compiled functions carry helpers the page lacks): long tasks, and `__cmp.watch(key, probe,
 * arg)`, which records `performance.now()` in `__cmp.marks[key]` on the first frame the probe holds.
 */
const PROBES = String.raw`(() => {
  if (window.__cmp) return;
  const c = { marks: {}, lt: [], watches: [] };
  window.__cmp = c;
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) c.lt.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const drawn = (d) => !!d && d.open && !!d.querySelector(".monaco-diff-editor .modified .view-line");
  c.probes = {
    listed: () => [...document.querySelectorAll("h4")].some((h) => /^Changed inside \(\d+\)/.test(h.textContent || "")),
    firstText: () => {
      const open = [...document.querySelectorAll(".chart-compare details[open]")];
      return open.length >= 3 && open.every((d) => !!d.querySelector(".code-editor-fallback__text, .monaco-diff-editor .modified .view-line"));
    },
    firstDiffs: () => {
      const open = [...document.querySelectorAll(".chart-compare details[open]")];
      return open.length >= 3 && open.every(drawn);
    },
    nthDrawn: (n) => drawn(document.querySelectorAll(".chart-compare details")[n]),
  };
  c.watch = (key, probe, arg) => c.watches.push({ key, probe, arg });
  const tick = () => {
    c.watches = c.watches.filter((w) => {
      if (!c.probes[w.probe](w.arg)) return true;
      c.marks[w.key] = performance.now();
      return false;
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  c.watch("listed", "listed");
  c.watch("firstText", "firstText");
  c.watch("firstDiffs", "firstDiffs");
})()`;

/** Wait (polling from here) for the page to record `key`. */
async function mark(page: Page, key: string): Promise<number> {
  const until = Date.now() + 60_000;
  for (;;) {
    const v = (await page.evaluate(
      `window.__cmp && window.__cmp.marks[${JSON.stringify(key)}]`,
    )) as number | undefined;
    if (typeof v === "number") return v;
    if (Date.now() > until) throw new Error(`compare bench: no ${key} in 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(
  browser: Browser,
  url: string,
): Promise<{
  listed: number;
  text: number;
  diffs: number;
  longest: number;
  open100: number;
}> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(PROBES);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const listed = await mark(page, "listed");
    const diffs = await mark(page, "firstDiffs");
    const text = await mark(page, "firstText");
    const longest = (await page.evaluate(
      "Math.max(0, ...window.__cmp.lt)",
    )) as number;
    const summary = page.locator(".chart-compare details > summary").nth(99);
    await summary.scrollIntoViewIfNeeded();
    await page.evaluate('window.__cmp.watch("open100", "nthDrawn", 99)');
    const t0 = (await page.evaluate("performance.now()")) as number;
    await summary.click();
    const open100 = (await mark(page, "open100")) - t0;
    return { listed, text, diffs, longest, open100 };
  } finally {
    await context.close().catch(() => undefined);
  }
}

export async function bench(ctx: BenchContext): Promise<Row[]> {
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    ctx.log("vite build into the run's temp folder…");
    const dist = ctx.tmpDir("dist");
    await buildApp(dist);
    server = await startBenchServer({
      dataDir: ctx.tmpDir("data"),
      htpasswd: writeBenchHtpasswd(path.join(ctx.tmpDir("auth"), "htpasswd")),
      env: { PACKSMITH_STATIC: dist },
    });
    ctx.log("pushing two versions…");
    const { v1, v2, changedInside } = versions();
    await push(server, v1, "1.0.0");
    await push(server, v2, "1.1.0");
    browser = await launchChromium(ctx.tmpDir("downloads"));
    const url = `${server.url}/packs/${NAME}/compare/1.0.0...1.1.0`;
    ctx.info.compare = {
      templates: TEMPLATES,
      changedInside,
      chartBytes: [...v2].find(([p]) => p.endsWith(".tgz"))?.[1].length,
    };
    ctx.note(
      `compare: a chart of ${TEMPLATES + 3} files, ${changedInside} changed inside (values.yaml, Chart.yaml, ${CHANGED_TEMPLATES} templates), archive renamed; new browser context per run; page clock from navigation start; no network throttling`,
    );
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      ctx.log(`compare run ${i + 1}/${RUNS + 1}…`);
      const r = await run(browser, url);
      if (i > 0) runs.push(r);
    }
    const timed = (
      name: string,
      pick: (r: (typeof runs)[number]) => number,
      notes: string,
    ): Row => {
      const runsMs = runs.map(pick);
      return { name, ms: median(runsMs), runsMs, notes };
    };
    return [
      timed(
        "152 changed inner files listed",
        (r) => r.listed,
        "navigation start → the chart's changed files listed (details JSON only)",
      ),
      timed(
        "first 3 inner diffs' text shown",
        (r) => r.text,
        "navigation start → both sides of the three open diffs on screen (Monaco's plain-text stand-in while it loads)",
      ),
      timed(
        "first 3 inner diffs drawn",
        (r) => r.diffs,
        "navigation start → Monaco drew the three open diffs (each file fetched from the API); target ≤ 1500 ms",
      ),
      timed(
        "longest main-thread task",
        (r) => r.longest,
        "up to the first diffs drawn",
      ),
      timed(
        "open the 100th changed file",
        (r) => r.open100,
        "click on its summary → its Monaco diff drawn",
      ),
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}
