/**
 * Reading a generated 20 MB chart .tgz with the core's readChart (everything) and readChartHead
 * (Chart.yaml + values.yaml, which come first), next to `tar xzf` of the same file and gunzip
 * alone, to show what the decompression costs. The in-process rows run interleaved (one run of
 * each in turn), so a busy machine slows them alike and their ratios stay comparable.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "fflate";
import { readChart, readChartHead } from "../../src/pack/chart";
import type { BenchContext, RssOps } from "./lib/context";
import { concat } from "../../src/pack/inflate";
import { tarParts } from "../../src/pack/tar-write";
import { chartFiles, Rng, type ChartSpec } from "./lib/gen";
import {
  fmtMB,
  gc,
  measureTool,
  median,
  probeRss,
  ratio,
  row,
  type Measured,
  type Row,
} from "./lib/measure";

export const description =
  "readChart and readChartHead on a generated 20 MB chart .tgz, vs tar xzf, gzip -dc and gunzipSync";

const RUNS = 5;

export const rssOps: RssOps = {
  gunzipSync: ({ file }) => {
    const tgz = new Uint8Array(readFileSync(file!));
    return () => gunzipSync(tgz);
  },
  readChart: ({ file }) => {
    const tgz = new Uint8Array(readFileSync(file!));
    return () => readChart(tgz, { name: "chart.tgz" });
  },
  readChartHead: ({ file }) => {
    const tgz = new Uint8Array(readFileSync(file!));
    return () => readChartHead(tgz, { name: "chart.tgz" });
  },
};

export async function bench(ctx: BenchContext): Promise<Row[]> {
  const dir = ctx.tmpDir("chart");
  ctx.log("generating the chart…");
  const t0 = performance.now();
  // Templates and CRDs are text; the CRDs carry random base64, so the .tgz stays ~20 MB.
  const { tgz, expanded } = helmOrderedChartTgz("big-chart", {
    name: "big-chart",
    crdBytes: 27_200_000,
    binBytes: 0,
    valuesBytes: 250_000,
    templates: 60,
  });
  const file = path.join(dir, "big-chart-1.0.0.tgz");
  writeFileSync(file, tgz);
  ctx.info.chart = {
    tgzBytes: tgz.length,
    expandedBytes: expanded,
    generateMs: Math.round(performance.now() - t0),
  };
  ctx.note(
    `${fmtMB(tgz.length)} chart .tgz (${fmtMB(expanded)} expanded); MB/s = .tgz bytes / time`,
  );
  const io = { inputBytes: tgz.length };

  const x = path.join(dir, "x");
  const untar = row(
    "tar xzf",
    await measureTool(
      { cmd: "tar", args: ["xzf", file, "-C", x] },
      {
        runs: RUNS,
        before: () => {
          rmSync(x, { recursive: true, force: true });
          mkdirSync(x);
        },
      },
    ),
    {
      ...io,
      label: "tar xzf",
      rssKind: "child-peak",
      notes: "extract everything to disk",
    },
  );
  rmSync(x, { recursive: true, force: true });
  const gzipDc = row(
    "gzip -dc > /dev/null",
    await measureTool({ cmd: "gzip", args: ["-dc", file] }, { runs: RUNS }),
    {
      ...io,
      label: "gzip -dc",
      rssKind: "child-peak",
      notes: "decompression floor",
    },
  );
  const name = "charts/big-chart-1.0.0.tgz";
  // Each run keeps only a line about its result, so no run's output is still on the heap (and
  // making the collector work) while the next one runs.
  const [gunzipM, readM, headM] = await interleaved(RUNS, [
    () => `${fmtMB(gunzipSync(tgz).length)}`,
    () => {
      const r = readChart(tgz, { name });
      return r.ok
        ? `${r.value.name} ${r.value.version}, values ${fmtMB(r.value.valuesText.length)}, ${r.value.paths.length} files`
        : `FAILED: ${r.error.kind}: ${r.error.message}`;
    },
    () => {
      const h = readChartHead(tgz, { name });
      return h.ok
        ? `Chart.yaml + values after ${fmtMB(h.value.consumed)} of ${fmtMB(tgz.length)}`
        : `FAILED: ${h.error.kind}: ${h.error.message}`;
    },
  ] as const);
  const gunzip = row("fflate gunzipSync", gunzipM, {
    ...io,
    label: "gunzipSync",
    notes: "in-process decompression floor",
  });
  const cpuRatio = (m: Timed<unknown>): string =>
    `CPU ${(m.cpuMs / gunzipM.cpuMs).toFixed(2)}× gunzipSync`;
  const read = ratio(row("readChart", readM, io), untar, gzipDc, gunzip);
  read.notes = `${readM.result}; ${cpuRatio(readM)}`;
  const head = ratio(row("readChartHead", headM, io), gunzip);
  head.notes = `${headM.result}; ${cpuRatio(headM)}`;
  ctx.info.check = read.notes;
  for (const [r, op] of [
    [gunzip, "gunzipSync"],
    [read, "readChart"],
    [head, "readChartHead"],
  ] as const) {
    r.peakRssMB = probeRss("chart", op, { file });
    r.rssKind = "delta";
  }
  return [gzipDc, gunzip, untar, read, head];
}

/**
 * The chart as `helm package` orders it: Chart.yaml and values.yaml first, then the rest (the
 * core's tar writer sorts every name, which would put values.yaml after 20 MB of CRDs).
 */
function helmOrderedChartTgz(
  top: string,
  spec: ChartSpec,
): { tgz: Uint8Array; expanded: number } {
  const files = chartFiles(new Rng(7), spec);
  const isHead = (p: string): boolean =>
    p === "Chart.yaml" || p === "values.yaml";
  const head = new Map([...files].filter(([p]) => isHead(p)));
  const rest = new Map([...files].filter(([p]) => !isHead(p)));
  let expanded = 0;
  for (const b of files.values()) expanded += b.length;
  // The first tar's end blocks (its last part) are dropped so the second continues the archive.
  const tar = concat([
    ...tarParts(head, top).slice(0, -1),
    ...tarParts(rest, top),
  ]);
  return { tgz: gzipSync(tar, { level: 6, mtime: 0 }), expanded };
}

type Timed<T> = Measured<T> & { cpuMs: number };

/**
 * One warm-up, then `runs` rounds of one run of each function in turn, each after a full GC.
 * Median wall time per function, and the median process CPU time (user + system), which a busy
 * machine inflates far less than wall time.
 */
async function interleaved<const F extends readonly (() => unknown)[]>(
  runs: number,
  fns: F,
): Promise<{ [K in keyof F]: Timed<ReturnType<F[K]>> }> {
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  const results: unknown[] = [];
  for (let round = 0; round <= runs; round++) {
    for (const [i, fn] of fns.entries()) {
      // Yield to the event loop between runs, so a pending SIGINT handler (cleanup) can run.
      await new Promise((resolve) => setImmediate(resolve));
      results[i] = undefined;
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      results[i] = fn();
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (round === 0) continue;
      wall[i]!.push(ms);
      cpu[i]!.push((c.user + c.system) / 1000);
    }
  }
  return fns.map((_, i) => ({
    ms: median(wall[i]!),
    runsMs: wall[i]!,
    cpuMs: median(cpu[i]!),
    result: results[i],
  })) as { [K in keyof F]: Timed<ReturnType<F[K]>> };
}
