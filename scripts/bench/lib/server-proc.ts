/**
 * The real Packsmith server as a child process for the server bench: its production start, the
 * compiled `build/node/server.mjs` (built here first, as `npm start` builds it; no TypeScript loader
 * in the server or its worker threads), with its own data folder, port 0, API only, silent log, as
 * ONE process: so the child's pid is the server's, for /proc/<pid>/status memory readings,
 * `--cpu-prof`, and killing it by its id.
 *
 * Clean-up, whatever happens: `stop()` (SIGTERM, then SIGKILL after 5 s); on SIGINT/SIGTERM of the
 * bench, a listener put in front of run.ts's own kills every live server *before* run.ts removes
 * the temp folders (so no server recreates a folder in them); on any exit, a synchronous SIGKILL;
 * and if the bench itself is SIGKILLed, the watchdog preloaded into the server (server-watchdog.ts)
 * sees its stdin pipe close and ends it.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import bcrypt from "bcryptjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, "../../..");
const WATCHDOG = path.join(here, "server-watchdog.mjs");
const SERVER = path.join(ROOT, "build/node/server.mjs");
let built = false;

/** `build/node/` from the sources as they are now, once per bench run (esbuild, well under a second). */
function buildServer(): void {
  if (built) return;
  execFileSync(process.execPath, ["scripts/build-node.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  built = true;
}

export interface BenchServer {
  url: string;
  pid: number;
  /** ms from spawn to the "running at" line (Node start-up, module loading, listen). */
  startMs: number;
  /** `VmRSS` / `VmHWM` of the server process, in bytes (undefined once it is gone). */
  memory(): { rss: number; hwm: number } | undefined;
  /** What the server wrote to stdout so far (its JSON log lines, at PACKSMITH_LOG's level). */
  stdout(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const c of live) {
    try {
      if (c.pid !== undefined) process.kill(c.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  // In front of run.ts's handlers, which remove the temp folders and exit.
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.prependListener(sig, killAll);
}

/**
 * Run `node <same loader flags as this process> <script> <args…>` to completion, killed with the
 * bench like the servers. Rejects with its stderr when it fails.
 */
export async function runNodeScript(
  script: string,
  args: string[],
): Promise<void> {
  installHooks();
  const proc = spawn(process.execPath, [...process.execArgv, script, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  live.add(proc);
  let err = "";
  proc.stderr!.on(
    "data",
    (d: Buffer) => (err = (err + d.toString()).slice(-4000)),
  );
  await new Promise<void>((resolve, reject) => {
    proc.once("error", reject);
    proc.once("exit", (code, signal) => {
      live.delete(proc);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(script)} failed (${code ?? signal}): ${err.trim()}`,
          ),
        );
    });
  });
}

export const BENCH_USER = { username: "bench", password: "bench-password" };

export const basicAuth = (
  u: { username: string; password: string } = BENCH_USER,
): string =>
  `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}`;

/**
 * An htpasswd file with BENCH_USER. bcrypt cost 4 (the server creates cost 12): the server caches a
 * successful check for 60 s, so with cost 12 one upload a minute would pay ~0.25 s of bcrypt; at
 * cost 4 that is ~1 ms and the figures are about the upload path only.
 */
export function writeBenchHtpasswd(file: string): string {
  writeFileSync(
    file,
    `${BENCH_USER.username}:${bcrypt.hashSync(BENCH_USER.password, 4).replace("$2b$", "$2y$")}\n`,
  );
  return file;
}

export async function startBenchServer(opts: {
  dataDir: string;
  htpasswd: string;
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server into this folder when it stops. */
  cpuProfDir?: string;
}): Promise<BenchServer> {
  installHooks();
  buildServer();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: "0",
    HOST: "127.0.0.1",
    PACKSMITH_DATA: opts.dataDir,
    PACKSMITH_HTPASSWD: opts.htpasswd,
    PACKSMITH_STATIC: "",
    PACKSMITH_LOG: "silent",
    ...opts.env,
  };
  const args = [
    "--import",
    WATCHDOG,
    ...(opts.cpuProfDir
      ? ["--cpu-prof", "--cpu-prof-dir", opts.cpuProfDir]
      : []),
    SERVER,
  ];
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    // stdin: the watchdog's pipe; detached: a Ctrl-C on the terminal reaches the bench only, which
    // then kills the server itself (first) instead of racing with it.
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  live.add(proc);
  const exited = new Promise<void>((resolve) =>
    proc.once("exit", () => {
      live.delete(proc);
      resolve();
    }),
  );
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on(
    "data",
    (d: Buffer) => (err = (err + d.toString()).slice(-8000)),
  );
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    }
    proc.stdin?.destroy();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start in 60 s\n${out}\n${err}`)),
        60_000,
      );
      proc.stdout!.on("data", () => {
        const m = /running at (http:\/\/[^/\s]+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal})\n${out}\n${err}`));
      });
    });
    const startMs = performance.now() - t0;
    const pid = proc.pid!;
    return {
      url,
      pid,
      startMs,
      memory: () => procMemory(pid),
      stdout: () => out,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** VmRSS and VmHWM of a process, in bytes. */
export function procMemory(
  pid: number,
): { rss: number; hwm: number } | undefined {
  let s: string;
  try {
    s = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (k: string): number =>
    Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}
