import type { WorkerLike } from "./client";

/** A pack worker (pack.worker.ts), named for the browser's task manager and devtools. */
export const spawnPackWorker = (name: string) => (): WorkerLike =>
  new Worker(new URL("./pack.worker.ts", import.meta.url), {
    type: "module",
    name,
  }) as unknown as WorkerLike;

let early: { worker: WorkerLike; failed: boolean } | null = null;
// The client has started its worker (it asks for the early one each time it starts one): a page
// reached from another keeps using that worker, and none is started early again.
let clientStarted = false;

/**
 * Start the app's pack worker now, before its client (and the chunk that holds it) is loaded, so
 * that fetching, compiling and running the worker's script overlaps the page's own loading. The
 * pack page calls it as soon as its URL is matched: its first call to the worker, the archive's
 * read, then finds the worker ready; so do the builder and the open page (router.tsx). This module
 * is a few lines, kept out of the client's chunk.
 */
export function startPackWorkerEarly(): void {
  if (early || clientStarted || typeof Worker === "undefined") return;
  try {
    const worker = spawnPackWorker("packsmith-pack")();
    const e = { worker, failed: false };
    // An error before the client takes the worker (its script cannot load) would otherwise be
    // lost, and calls would wait forever on a dead worker.
    worker.onerror = (event) => {
      event.preventDefault();
      e.failed = true;
    };
    early = e;
  } catch {
    // The client starts one itself on its first call, and reports why it cannot.
  }
}

/**
 * The worker {@link startPackWorkerEarly} started, once; null when there is none or it failed (the
 * client then starts a fresh one, whose error it reports). The client calls it whenever it starts
 * a worker.
 */
export function takeEarlyPackWorker(): WorkerLike | null {
  clientStarted = true;
  const e = early;
  early = null;
  if (!e) return null;
  if (!e.failed) return e.worker;
  e.worker.terminate();
  return null;
}
