/**
 * Reading Chart.yaml + values.yaml from a generated 20 MB chart .tgz with the core's readChart,
 * next to `tar xzf` of the same file (and gunzip alone, to show what the decompression costs).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "fflate";
import { readChart } from "../../src/pack/chart";
import type { BenchContext, RssOps } from "./lib/context";
import { chartTgz, Rng } from "./lib/gen";
import {
  fmtMB,
  measure,
  measureTool,
  probeRss,
  ratio,
  row,
  type Row,
} from "./lib/measure";

export const description =
  "readChart on a generated 20 MB chart .tgz, vs tar xzf and gzip -dc";

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
};

export async function bench(ctx: BenchContext): Promise<Row[]> {
  const dir = ctx.tmpDir("chart");
  ctx.log("generating the chart…");
  const t0 = performance.now();
  // Templates and CRDs are text; the CRDs carry random base64, so the .tgz stays ~20 MB.
  const { tgz, expanded } = chartTgz(new Rng(7), {
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
  const gunzipM = await measure(() => gunzipSync(tgz), { runs: RUNS });
  const gunzip = row("fflate gunzipSync", gunzipM, {
    ...io,
    label: "gunzipSync",
    notes: "in-process decompression floor",
  });

  const readM = await measure(
    () => readChart(tgz, { name: "charts/big-chart-1.0.0.tgz" }),
    { runs: RUNS },
  );
  const read = ratio(row("readChart", readM, io), untar, gzipDc, gunzip);
  const r = readM.result;
  read.notes = r.ok
    ? `${r.value.name} ${r.value.version}, values ${fmtMB(r.value.valuesText.length)}, ${r.value.paths.length} files`
    : `FAILED: ${r.error.kind}: ${r.error.message}`;
  ctx.info.check = read.notes;
  for (const [r, op] of [
    [gunzip, "gunzipSync"],
    [read, "readChart"],
  ] as const) {
    r.peakRssMB = probeRss("chart", op, { file });
    r.rssKind = "delta";
  }
  return [gzipDc, gunzip, untar, read];
}
