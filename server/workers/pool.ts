import { availableParallelism } from "node:os";
import { MessageChannel, type Transferable } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ChartArchive, ChartError } from "../../src/pack/chart";
import type { PackFiles } from "../../src/pack/pack-files";
import type { Result } from "../../src/pack/result";
import type { WriteRefusal } from "../../src/pack/write-refusal";
import type {
  CheckOutcome,
  CheckTask,
  ReadLayerOutcome,
  ReadLayerTask,
  TarGzOutcome,
  TarGzTask,
} from "./pack-task";

/**
 * The worker-thread pool for CPU-bound work (issue 10: the event loop only moves bytes), one
 * thread per core: bcrypt, the upload check (read, validate, digests, chart analysis, the stored
 * archive) and tar.gz builds. Created on first use, so a process that never needs it starts none.
 */
let pool: Piscina | null = null;

/** The task modules, standalone files in this folder. */
type TaskModule = "bcrypt" | "pack";

/**
 * The one place a task module's file is resolved. From source (tsx), `pack` is a small .mjs that
 * registers tsx in the worker and loads pack-task.ts; a bundled production start points this at
 * the bundled task files instead.
 */
function taskFile(module: TaskModule): string {
  // Bundled (build/node/server.mjs, scripts/build-node.mjs), every `*-task` file of this folder is
  // compiled to `<name>.mjs` beside the bundle; this module is then no longer a .ts file.
  const bundled = !import.meta.url.endsWith(".ts");
  const file =
    module === "bcrypt"
      ? "./bcrypt-task.mjs"
      : bundled
        ? "./pack-task.mjs"
        : "./pack-task-tsx.mjs";
  return new URL(file, import.meta.url).href;
}

function workers(): Piscina {
  pool ??= createPool(Math.max(1, availableParallelism()));
  return pool;
}

function createPool(threads: number): Piscina {
  return new Piscina({
    filename: taskFile("bcrypt"),
    maxThreads: threads,
    // Every thread stays, idle or not. A thread ended after a quiet minute came back cold for the
    // next upload (a new isolate: code not yet optimized): a lone 48 MB check after 70 s idle took
    // 590–740 ms against 480–500 with the threads kept, and idle RSS was no lower (docs/api.md).
    minThreads: threads,
    // The threads yield to the event loop when the cores are busy: /health and every read stay
    // quick while uploads are checked (per-thread nice on Linux, via @napi-rs/nice).
    niceIncrement: 10,
    // A thread's event loop turns between tasks (piscina's default parks the thread in
    // Atomics.wait), so the collection a big task schedules as it ends runs then (collect.ts).
    atomics: "async",
    // The task files load what they need themselves (see taskFile): no loader flags of the parent.
    execArgv: [],
  });
}

/** `name` of the task module `module` run in the pool on `task`. */
function run<T>(
  module: TaskModule,
  name: string,
  task: unknown,
  transferList?: Transferable[],
): Promise<T> {
  return workers().run(task, {
    name,
    filename: taskFile(module),
    ...(transferList ? { transferList } : {}),
  }) as Promise<T>;
}

/** At most this many of a pack's chart archives are shared with a check's helper. */
const SHARED_CHARTS = 64;

/** bcrypt comparison of `password` with `hash` in the pool. */
export function bcryptCompare(
  password: string,
  hash: string,
): Promise<boolean> {
  return run("bcrypt", "compare", { password, hash });
}

/** A bcrypt hash of `password` at `cost`, computed in the pool. */
export function bcryptHash(password: string, cost: number): Promise<string> {
  return run("bcrypt", "hash", { password, cost });
}

/**
 * Check an upload in the pool: the worker reads the received temp file itself, validates and
 * describes the pack, and writes the stored file or moves the files and the tar.gz back.
 */
export function checkUploadInPool(
  task: Omit<CheckTask, "helper">,
  opts: { helper?: boolean } = {},
): Promise<CheckOutcome> {
  // A helper needs a second thread: with one, it could only wait behind the check.
  if (opts.helper === false || workers().options.maxThreads < 2)
    return run("pack", "checkUpload", task);
  // A helper task beside the check opens the pack's chart archives on another thread (the two
  // split them through shared claims, see pack-task.ts): a pack with big charts is checked on two
  // cores. The check is queued first (the pool runs its queue in order), so a helper never holds a
  // thread the check waits for; queued behind other work, the helper finds everything claimed, or
  // the check gone, and ends at once.
  const { port1, port2 } = new MessageChannel();
  const claims = new SharedArrayBuffer(4 * SHARED_CHARTS);
  const checked = run<CheckOutcome>(
    "pack",
    "checkUpload",
    { ...task, helper: { port: port1, claims } },
    [port1],
  );
  run<number>("pack", "helpCheck", { port: port2, claims }, [port2]).catch(
    () => undefined, // The check prepares what the helper did not send.
  );
  return checked;
}

/**
 * Build a version's tar.gz in the pool into `task.out`. Files given in the task are copied to the
 * worker (never moved: the caller's copies stay in its caches).
 */
export function buildTarGzInPool(task: TarGzTask): Promise<TarGzOutcome> {
  return run("pack", "buildTarGz", task);
}

/** A chart archive opened in the pool (Helm's limits); the bytes are copied to the worker. */
export function openChartInPool(
  bytes: Uint8Array,
  file: string,
): Promise<Result<ChartArchive, ChartError>> {
  return run("pack", "openChart", { bytes, file });
}

/**
 * A stored pack archive (an OCI layer) read in the pool, and described as a stored version when
 * `task.describe` says with what; the bytes are copied to the worker, the files moved back.
 */
export function readLayerInPool(
  task: ReadLayerTask,
): Promise<ReadLayerOutcome> {
  return run("pack", "readLayer", task);
}

/**
 * The canonical zip of `files` under the top folder `top`, written in the pool (the files copied
 * there), or why every reader would refuse it.
 */
export function buildZipInPool(
  files: PackFiles,
  top: string,
): Promise<Result<Uint8Array, WriteRefusal>> {
  return run("pack", "buildZip", { files, top });
}

/** The files of a stored fs pack file and its content digest, read in the pool; null when gone. */
export function readStoredInPool(
  path: string,
): Promise<{ digest: string; files: PackFiles } | null> {
  return run("pack", "readStored", { path });
}

/** Stop the pool's threads (server shutdown). */
export async function closeWorkers(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.destroy();
}

/** The pool's live threads (their `threadId`s), started on first use. */
export function poolThreadIds(): number[] {
  return workers().threads.map((w) => w.threadId);
}
