/** Timing, memory and process helpers shared by the benches. */
import { spawnSync, type StdioOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** One line of the results table (and of bench.json). */
export interface Row {
  /** The bench module that produced the row (filled in by run.ts). */
  bench?: string;
  name: string;
  /** Short name used when other rows give their time as a ratio of this one. */
  label?: string;
  /** Median wall time. */
  ms: number;
  /** Every timed run, in order (warm-up excluded). */
  runsMs: number[];
  /** Bytes processed, for MB/s (1 MB = 10^6 bytes). */
  inputBytes?: number;
  mbPerS?: number;
  /** This row's time divided by another row's time, keyed by that row's name (>1 = slower). */
  ratios?: Record<string, number>;
  outputBytes?: number;
  /**
   * Peak resident memory. "delta": for a core function, the rise over the RSS just before the call,
   * measured once in a fresh Node process (see rss-probe.ts). "child-peak": a system tool's own
   * peak RSS (GNU time %M).
   */
  peakRssMB?: number;
  rssKind?: "delta" | "child-peak";
  notes?: string;
}

export const MB = 1e6;

// A real `gc` without requiring --expose-gc on the command line, so timed runs start from a clean heap.
v8.setFlagsFromString("--expose-gc");
export const gc = vm.runInNewContext("gc") as () => void;

export interface MeasureOptions {
  runs?: number;
  warmup?: number;
  /** Called before every run (warm-up included), outside the timed region: delete outputs and so on. */
  before?: () => void;
}

export interface Measured<T> {
  ms: number;
  runsMs: number[];
  result: T;
  peakRssMB?: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Run `fn` warm-up + `runs` times and return the median time of the timed runs. */
export async function measure<T>(
  fn: () => T | Promise<T>,
  opts: MeasureOptions = {},
): Promise<Measured<T>> {
  const { runs = 3, warmup = 1, before } = opts;
  const runsMs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    // Yield to the event loop between runs, so a pending SIGINT/SIGTERM handler (cleanup) can run.
    await new Promise((resolve) => setImmediate(resolve));
    before?.();
    result = undefined; // let the previous result be collected
    gc();
    const t0 = performance.now();
    result = await fn();
    const t1 = performance.now();
    if (i >= warmup) runsMs.push(t1 - t0);
  }
  return { ms: median(runsMs), runsMs, result: result as T };
}

/**
 * Samples the process RSS every millisecond from a worker thread, so it keeps sampling while the
 * main thread is busy in synchronous code. Reports the peak rise over the RSS at start.
 */
export class RssSampler {
  private constructor(
    private readonly worker: Worker,
    private readonly shared: Float64Array,
    private readonly base: number,
  ) {}
  static async start(): Promise<RssSampler> {
    const shared = new Float64Array(new SharedArrayBuffer(16));
    shared[0] = process.memoryUsage.rss();
    const worker = new Worker(
      `const { workerData, parentPort } = require("node:worker_threads");
       const s = workerData;
       const tick = () => { const r = process.memoryUsage.rss(); if (r > s[0]) s[0] = r; };
       tick();
       const t = setInterval(() => { if (s[1]) { clearInterval(t); parentPort.close(); } else tick(); }, 1);`,
      { eval: true, workerData: shared },
    );
    await new Promise<void>((resolve) =>
      worker.once("online", () => resolve()),
    );
    // The base is taken once the worker runs, so its own memory is not counted.
    const base = process.memoryUsage.rss();
    shared[0] = base;
    return new RssSampler(worker, shared, base);
  }
  stop(): number {
    this.shared[1] = 1;
    void this.worker.terminate();
    return Math.max(0, (this.shared[0]! - this.base) / MB);
  }
}

const GNU_TIME = "/usr/bin/time";
const haveGnuTime = ((): boolean => {
  if (!existsSync(GNU_TIME)) return false;
  return (
    spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0
  );
})();

export interface ToolRun {
  cmd: string;
  args: string[];
  cwd?: string;
  /** stdout: "ignore" (/dev/null), "pipe" (captured), or an open file descriptor. */
  stdout?: "ignore" | "pipe" | number;
}

/** Run a system tool; throws with its stderr when it fails. */
export function runTool(t: ToolRun, peakFile?: string): Buffer {
  const stdio: StdioOptions = ["ignore", t.stdout ?? "ignore", "pipe"];
  const [cmd, args] =
    peakFile && haveGnuTime
      ? [GNU_TIME, ["-f", "%M", "-o", peakFile, t.cmd, ...t.args]]
      : [t.cmd, t.args];
  const r = spawnSync(cmd, args, {
    cwd: t.cwd,
    stdio,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(
      `${t.cmd} ${t.args.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr?.toString().trim()}`,
    );
  return r.stdout ?? Buffer.alloc(0);
}

/**
 * Time a system tool like `measure` does; the first warm-up run is wrapped in GNU time (when
 * present) to read the child's peak RSS.
 */
export async function measureTool(
  t: ToolRun | (() => ToolRun),
  opts: MeasureOptions = {},
): Promise<Measured<Buffer>> {
  const spec = typeof t === "function" ? t : () => t;
  const peakFile = path.join(scratchDir(), "peak");
  let first = true;
  try {
    const m = await measure(
      () => {
        const run = runTool(spec(), first ? peakFile : undefined);
        first = false;
        return run;
      },
      { ...opts },
    );
    if (existsSync(peakFile)) {
      const kb = Number(
        readFileSync(peakFile, "utf8").trim().split("\n").pop(),
      );
      if (Number.isFinite(kb)) m.peakRssMB = (kb * 1024) / MB;
    }
    return m;
  } finally {
    rmSync(peakFile, { force: true });
  }
}

let scratch: string | undefined;

/** One temp folder for this process's own small files, removed on exit (also after process.exit). */
function scratchDir(): string {
  if (!scratch) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "packsmith-bench-time-"));
    scratch = dir;
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

const probeScript = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "rss-probe.ts",
);

/**
 * Peak RSS rise (MB) of `rssOps[op](args)` of scripts/bench/<bench>.ts, run once in a fresh Node
 * process (same loader flags as this one), so memory freed by earlier work cannot hide it.
 */
export function probeRss(
  bench: string,
  op: string,
  args: Record<string, string>,
): number | undefined {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, probeScript, bench, op, JSON.stringify(args)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) {
    process.stderr.write(`rss probe ${bench}/${op} failed: ${r.stderr}\n`);
    return undefined;
  }
  return (
    JSON.parse(r.stdout.trim().split("\n").pop()!) as { peakRssMB: number }
  ).peakRssMB;
}

/**
 * CPU time spent by *other* processes while the bench ran (Linux: /proc/stat busy time minus this
 * process and its children). Above ~0.2 cores the timings are inflated by background work.
 */
export class CpuMeter {
  private readonly start = CpuMeter.sample();
  private readonly t0 = performance.now();
  private static sample(): { busy: number; own: number } | undefined {
    try {
      const cpu = readFileSync("/proc/stat", "utf8")
        .split("\n")[0]!
        .trim()
        .split(/\s+/)
        .slice(1)
        .map(Number);
      // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
      const busy =
        cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
      const self = readFileSync("/proc/self/stat", "utf8");
      const f = self
        .slice(self.lastIndexOf(")") + 2)
        .split(" ")
        .map(Number);
      // Fields 14–17 (utime stime cutime cstime) are at 11–14 after the ")".
      const own = f[11]! + f[12]! + f[13]! + f[14]!;
      return { busy, own };
    } catch {
      return undefined;
    }
  }
  /** Average number of cores busy with other processes since the meter started. */
  otherCores(): number | undefined {
    const end = CpuMeter.sample();
    if (!this.start || !end) return undefined;
    const hz = 100; // USER_HZ on every Linux build that matters
    const other =
      (end.busy - this.start.busy - (end.own - this.start.own)) / hz;
    return Math.max(0, other / ((performance.now() - this.t0) / 1000));
  }
}

/** A Row from a measurement. */
export function row(
  name: string,
  m: Measured<unknown>,
  extra: Partial<Row> & { rssKind?: Row["rssKind"] } = {},
): Row {
  const r: Row = { name, ms: m.ms, runsMs: m.runsMs, ...extra };
  if (r.inputBytes) r.mbPerS = r.inputBytes / MB / (m.ms / 1000);
  if (m.peakRssMB !== undefined) {
    r.peakRssMB = m.peakRssMB;
    r.rssKind ??= "child-peak";
  }
  return r;
}

/** Set `ratios[baseline label]` = row.ms / baseline.ms for each baseline row. */
export function ratio(r: Row, ...baselines: Row[]): Row {
  r.ratios ??= {};
  for (const b of baselines) r.ratios[b.label ?? b.name] = r.ms / b.ms;
  return r;
}

export const fmtMB = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** PASS or FAIL: how a row's notes judge a figure against its target. */
export const verdict = (ok: boolean): string => (ok ? "PASS" : "FAIL");

/** `target ≤ 200 ms: PASS`, a time against its target (reviewer.ts counts the rows by it). */
export const msVerdict = (ms: number, target: number, what = "≤"): string =>
  `target ${what} ${target} ms: ${verdict(ms <= target)}`;

/** The first line a tool prints for `--version` (or `-v`), for the record. */
export function toolVersion(
  cmd: string,
  flag = "--version",
): string | undefined {
  const r = spawnSync(cmd, [flag], { encoding: "utf8" });
  if (r.status !== 0 && !r.stdout) return undefined;
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .find((l) => /\d/.test(l) && !/copyright/i.test(l));
}
