/**
 * `npm run bench [-- <name>…]`: run every bench module (scripts/bench/<name>.ts) or the named ones,
 * print a table and write bench-results/bench.json. Speed targets live here, never in the tests.
 */
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchContext, BenchModule } from "./lib/context";
import { CpuMeter, toolVersion, type Row } from "./lib/measure";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const outFile = path.join(root, "bench-results", "bench.json");

async function loadModules(): Promise<Map<string, BenchModule>> {
  const mods = new Map<string, BenchModule>();
  const names = readdirSync(here)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.slice(0, -3))
    .sort();
  for (const name of names) {
    const m = (await import(
      pathToFileURL(path.join(here, `${name}.ts`)).href
    )) as Partial<BenchModule>;
    if (typeof m.bench !== "function")
      throw new Error(`scripts/bench/${name}.ts does not export bench()`);
    mods.set(name, { bench: m.bench, description: m.description ?? "" });
  }
  return mods;
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: root,
    encoding: "utf8",
  });
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim(),
    cpuMHz: cpus[0]?.speed || undefined,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    tmpdir: os.tmpdir(),
    git: git.status === 0 ? git.stdout.trim() : undefined,
    tools: {
      zip: toolVersion("zip", "-v"),
      unzip: toolVersion("unzip", "-v"),
      tar: toolVersion("tar"),
      gzip: toolVersion("gzip"),
      cat: toolVersion("cat"),
      sha256sum: toolVersion("sha256sum"),
    },
  };
}

const num = (n: number | undefined, digits: number): string =>
  n === undefined ? "" : n.toFixed(digits);

function ratioText(r: Row): string {
  return Object.entries(r.ratios ?? {})
    .map(([name, x]) => `${x.toFixed(2)}× ${name}`)
    .join("; ");
}

/** Slowest / fastest timed run. */
const spread = (r: Row): number =>
  r.runsMs.length ? Math.max(...r.runsMs) / Math.min(...r.runsMs) : 1;

const round2 = (n: number | undefined): number | undefined =>
  n === undefined ? undefined : Math.round(n * 100) / 100;

function notesText(r: Row): string {
  const noisy =
    spread(r) > 1.25
      ? `NOISY: runs ${r.runsMs.map((x) => x.toFixed(0)).join("/")} ms`
      : "";
  const rss =
    r.peakRssMB === undefined
      ? ""
      : r.rssKind === "child-peak"
        ? `RSS ${r.peakRssMB.toFixed(0)} MB`
        : `RSS +${r.peakRssMB.toFixed(0)} MB`;
  return [r.notes, rss, noisy].filter(Boolean).join("; ");
}

function table(rows: Row[]): string {
  const head = ["name", "ms", "MB/s", "ratio vs baseline", "notes"];
  const body = rows.map((r) => [
    `${r.bench}: ${r.name}`,
    num(r.ms, 0),
    num(r.mbPerS, 1),
    ratioText(r),
    notesText(r),
  ]);
  const width = head.map((h, i) =>
    Math.max(h.length, ...body.map((b) => b[i]!.length)),
  );
  const right = [false, true, true, false, false];
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right[i] ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join(" | ")
      .trimEnd();
  return [
    line(head),
    width.map((w) => "-".repeat(w)).join("-|-"),
    ...body.map(line),
  ].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mods = await loadModules();
  if (args.includes("--help") || args.includes("--list")) {
    console.log("usage: npm run bench [-- <name>…]\n\nbenches:");
    for (const [n, m] of mods) console.log(`  ${n.padEnd(8)} ${m.description}`);
    return;
  }
  const unknown = args.filter((a) => !mods.has(a));
  if (unknown.length) {
    console.error(
      `unknown bench ${unknown.join(", ")}; known: ${[...mods.keys()].join(", ")}`,
    );
    process.exit(2);
  }
  const selected = args.length ? [...new Set(args)] : [...mods.keys()];

  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "packsmith-bench-"));
  const cleanup = (): void => rmSync(tmpRoot, { recursive: true, force: true });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }

  const started = performance.now();
  const meter = new CpuMeter();
  const info = machine();
  const rows: Row[] = [];
  const benches: Record<
    string,
    {
      description: string;
      durationMs: number;
      /** Average number of cores other processes kept busy during this bench. */
      backgroundCores?: number;
      notes: string[];
      info: Record<string, unknown>;
    }
  > = {};
  try {
    for (const name of selected) {
      const mod = mods.get(name)!;
      const notes: string[] = [];
      const ctx: BenchContext = {
        tmpDir: (sub) => {
          const d = path.join(tmpRoot, name, sub);
          rmSync(d, { recursive: true, force: true });
          mkdirSync(d, { recursive: true });
          return d;
        },
        log: (m) => process.stderr.write(`[${name}] ${m}\n`),
        note: (line) => {
          notes.push(line);
          process.stderr.write(`[${name}] ${line}\n`);
        },
        info: {},
      };
      const t = performance.now();
      const meter = new CpuMeter();
      const got = await mod.bench(ctx);
      const backgroundCores = round2(meter.otherCores());
      rmSync(path.join(tmpRoot, name), { recursive: true, force: true });
      for (const r of got) rows.push({ bench: name, ...r });
      benches[name] = {
        description: mod.description,
        durationMs: Math.round(performance.now() - t),
        backgroundCores,
        notes,
        info: ctx.info,
      };
    }
  } finally {
    cleanup();
  }
  const totalMs = performance.now() - started;
  const backgroundCores = round2(meter.otherCores());

  console.log(
    `\nPacksmith bench: ${info.cpus} × ${info.cpuModel}, ${info.memGiB} GiB, Node ${info.node}, ${info.platform}, ${info.date}`,
  );
  console.log(
    "median of the timed runs after one warm-up; MB = 10^6 bytes; ratio = this row's time / the named row's time (< 1 = faster)",
  );
  console.log(
    "RSS +N = peak rise during one call in a fresh Node process; RSS N = the tool's own peak (GNU time)",
  );
  for (const [name, b] of Object.entries(benches))
    for (const n of b.notes) console.log(`${name}: ${n}`);
  console.log("");
  console.log(table(rows));
  console.log(`\ntotal ${(totalMs / 1000).toFixed(1)} s`);
  if (backgroundCores !== undefined) {
    const busy = `other processes kept ${backgroundCores.toFixed(2)} of ${os.cpus().length} cores busy during the run`;
    console.log(
      backgroundCores > 0.2
        ? `WARNING: ${busy}; the times are inflated, rerun on a quiet machine`
        : busy,
    );
  }

  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        schema: 1,
        machine: info,
        totalMs: Math.round(totalMs),
        backgroundCores,
        benches,
        rows: rows.map((r) => ({ ...r, spread: round2(spread(r)) })),
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
}

await main();
