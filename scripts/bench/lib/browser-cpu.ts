/**
 * CPU time of Chromium's processes (Linux /proc), sampled every 500 ms while the browser bench
 * runs. run.ts's CpuMeter counts this process and the children it reaps; Chromium's renderers are
 * children of its zygote and never reaped into this process, so their CPU shows up there as "other
 * processes". This figure says how much of that was Chromium.
 */
import { readdirSync, readFileSync } from "node:fs";

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: string): Stat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = s.lastIndexOf(")");
    const f = s.slice(close + 2).split(" ");
    return {
      pid: Number(pid),
      ppid: Number(f[1]),
      comm: s.slice(s.indexOf("(") + 1, close),
      ticks: Number(f[11]) + Number(f[12]),
    };
  } catch {
    return undefined; // gone, or not Linux
  }
}

export class ChromiumCpu {
  private readonly max = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), 500);
    this.timer.unref();
  }

  private sample(): void {
    let procs: Stat[];
    try {
      procs = readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .map(readStat)
        .filter((s): s is Stat => s !== undefined);
    } catch {
      return;
    }
    const byPid = new Map(procs.map((p) => [p.pid, p]));
    const mine = (p: Stat): boolean => {
      for (let cur: Stat | undefined = p, n = 0; cur && n < 50; n++) {
        if (cur.ppid === process.pid) return true;
        cur = byPid.get(cur.ppid);
      }
      return false;
    };
    for (const p of procs) {
      if (!p.comm.startsWith("chrom") || !mine(p)) continue;
      this.max.set(p.pid, Math.max(this.max.get(p.pid) ?? 0, p.ticks));
    }
  }

  /** CPU seconds used by Chromium's processes so far (up to 500 ms of each exited one is missed). */
  seconds(): number {
    this.sample();
    let ticks = 0;
    for (const t of this.max.values()) ticks += t;
    return ticks / 100; // USER_HZ
  }

  stop(): number {
    const s = this.seconds();
    clearInterval(this.timer);
    return s;
  }
}
