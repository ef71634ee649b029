// Work, not wall time: how a function's CPU cost grows with its input, measured in one test.
// A wall-clock bound ("under a second") fails on a loaded machine and passes on a fast one
// whatever the algorithm; the ratio of CPU times at n and 10·n in one process tells linear (≈10)
// from quadratic (≈100) on any machine. Speed targets themselves live in `npm run bench -- core`.

/**
 * Bound on {@link cpuGrowth} at the default factor 10 for work that must be linear. Linear work
 * grows about 10× (measured 7–12), quadratic about 100×; but a quadratic part that is a fast loop
 * shows less at test sizes (an Array.includes duplicate-key check: ×45 for 4,000 → 40,000 keys;
 * yaml's own uniqueKeys: ×55–75), so the bound sits at 20, not halfway.
 */
export const LINEAR = 20;

/**
 * Bound on {@link cpuGrowth} at factor 10 for work that stops at a limit: what lies beyond the
 * limit is only scanned, never parsed (measured ×1.0–1.2; linear would be ×10).
 */
export const FLAT = 4;

/**
 * Bound on {@link cpuGrowth} for a billion-laughs document at 4 → 8 levels (factor 2), refused
 * before its aliases expand: the text to parse only doubles (measured ×1.6–2.4 on a quiet machine,
 * ×4.8 once during a full test run, which failed {@link FLAT}), while expanding it would cost
 * 9^4 = 6,561 times more. 20 keeps that verdict by a wide margin and not the machine's load.
 */
export const UNEXPANDED = 20;

/** CPU time of this process so far (user + system, all threads), in ms. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One sample: CPU ms per call of `fn`, calling it until at least `minMs` of CPU is used. */
function sample(fn: () => unknown, minMs: number): number {
  const start = cpuNow();
  let calls = 0;
  let used = 0;
  do {
    fn();
    calls++;
    used = cpuNow() - start;
  } while (used < minMs);
  return used / calls;
}

/**
 * Untimed calls of `fn`: at least `calls`, then on while they have used under `ms` of CPU, up to
 * 20. A count alone was too few for quick calls: a 2 ms parse ran at 3–25 ms for its first ten
 * calls while the JIT settled, and three warm-up calls left samples of 2–13 ms (B43's ratio
 * swung ×0.3–×6.4 where the work is flat).
 */
function warm(fn: () => unknown, calls: number, ms: number): void {
  const start = cpuNow();
  for (let i = 0; i < calls || (i < 20 && cpuNow() - start < ms); i++) fn();
}

export interface CpuOptions {
  /** Samples of each side; the least counts (default 3). */
  runs?: number;
  /** Untimed calls of each side first, at least (default 3): the JIT settles after a few. */
  warmup?: number;
  /** CPU ms of untimed calls of each side, at least, when `warmup` calls take less (default 60). */
  warmupMs?: number;
  /** CPU ms a sample lasts at least, repeating short calls (default 20). */
  minMs?: number;
}

export interface CpuRatio {
  /** CPU ms per call of the subject. */
  subject: number;
  /** CPU ms per call of the baseline. */
  baseline: number;
  /** subject / baseline. */
  ratio: number;
  /** The figures, for assertion messages. */
  text: string;
}

/**
 * CPU cost of `subject` over that of `baseline`, measured in the same process: samples of the
 * two alternate, so a slow spell of the machine hits both, and the least sample of each counts,
 * so one GC pause does not. CPU time, not wall time: other processes on a shared machine do not
 * inflate it.
 */
export function cpuRatio(
  subject: () => unknown,
  baseline: () => unknown,
  opts: CpuOptions & { labels?: [string, string] } = {},
): CpuRatio {
  const { runs = 3, warmup = 3, warmupMs = 60, minMs = 20 } = opts;
  const [subjectLabel, baselineLabel] = opts.labels ?? ["subject", "baseline"];
  warm(baseline, warmup, warmupMs);
  warm(subject, warmup, warmupMs);
  let b = Infinity;
  let s = Infinity;
  for (let i = 0; i < runs; i++) {
    b = Math.min(b, sample(baseline, minMs));
    s = Math.min(s, sample(subject, minMs));
  }
  const ratio = s / b;
  return {
    subject: s,
    baseline: b,
    ratio,
    text: `CPU per call ${s.toFixed(2)} ms (${subjectLabel}) vs ${b.toFixed(2)} ms (${baselineLabel}): ×${ratio.toFixed(2)}`,
  };
}

/**
 * How the CPU cost of `fn` grows when its input grows `factor`-fold (default 10): the
 * {@link cpuRatio} of `fn` on `make(factor·n)` over `fn` on `make(n)`. About `factor` for linear
 * work, `factor`² for quadratic, about 1 for work that stops at a limit. Both inputs are built
 * before anything is timed.
 */
export function cpuGrowth<T>(
  make: (n: number) => T,
  fn: (input: T) => unknown,
  n: number,
  opts: CpuOptions & { factor?: number } = {},
): CpuRatio {
  const { factor = 10 } = opts;
  const small = make(n);
  const large = make(n * factor);
  return cpuRatio(
    () => fn(large),
    () => fn(small),
    { ...opts, labels: [`n = ${n * factor}`, `n = ${n}`] },
  );
}
