import { afterAll, beforeAll } from "vitest";

import {
  createPackMessageHandler,
  PackWorkerState,
} from "@/lib/pack-worker/handler";
import type { PackRequest, PackResponse } from "@/lib/pack-worker/protocol";

/** What a test sees of the page's workers, by each worker's name (`packsmith-pack`, …). */
export interface WorkerWatch {
  /** A request the page sent; `"hold"` keeps it from the handler until the test hands it over. */
  request?: (worker: string, request: PackRequest) => "hold" | undefined;
  /** An answer, as the handler sends it. */
  answer?: (worker: string, message: PackResponse) => void;
}

const BLOB = "__in_page_worker_blob__";

/**
 * structuredClone as postMessage clones, Blobs included: a browser passes a Blob as a handle to
 * the same immutable data, so the stand-in passes jsdom's Blobs (which Node cannot clone) as
 * themselves and clones everything else.
 */
function cloneMessage<T>(message: T): T {
  const blobs: Blob[] = [];
  const walk = (v: unknown, leaf: (x: object) => unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    const x = leaf(v);
    if (x !== v) return x;
    if (Array.isArray(v)) return v.map((i) => walk(i, leaf));
    if (v instanceof Map)
      return new Map([...v].map(([k, i]) => [k, walk(i, leaf)]));
    if (Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(
        Object.entries(v).map(([k, i]) => [k, walk(i, leaf)]),
      );
    return v;
  };
  const marked = walk(message, (x) =>
    x instanceof Blob ? { [BLOB]: blobs.push(x) - 1 } : x,
  );
  return walk(structuredClone(marked), (x) =>
    BLOB in x ? blobs[(x as Record<string, number>)[BLOB]!]! : x,
  ) as T;
}

/**
 * jsdom has no Worker: for this file's tests the page's pack workers are a stand-in that runs the
 * real message handler in this thread, with structured clones both ways, answering later as a
 * worker does. Returns how to hand a held request to its worker.
 */
export function inPageWorkers(watch: WorkerWatch = {}): {
  handle: (worker: string, request: PackRequest) => void;
} {
  const handlers = new Map<string, (request: PackRequest) => void>();

  class InPageWorker {
    onmessage: ((event: { data: PackResponse }) => void) | null = null;
    onerror = null;
    onmessageerror = null;
    readonly name: string;
    private readonly handle: (request: PackRequest) => void;

    constructor(_url: URL, opts?: { name?: string }) {
      this.name = opts?.name ?? "";
      const handler = createPackMessageHandler((message) => {
        const copy = cloneMessage(message);
        watch.answer?.(this.name, message);
        setTimeout(() => this.onmessage?.({ data: copy }));
      }, new PackWorkerState());
      this.handle = (request) => void handler({ data: request });
      handlers.set(this.name, this.handle);
    }

    postMessage(message: PackRequest): void {
      const copy = cloneMessage(message);
      if (watch.request?.(this.name, copy) !== "hold") this.handle(copy);
    }

    terminate(): void {}
  }

  const realWorker = globalThis.Worker;
  beforeAll(() => {
    globalThis.Worker = InPageWorker as unknown as typeof Worker;
  });
  afterAll(() => {
    globalThis.Worker = realWorker;
  });
  return { handle: (worker, request) => handlers.get(worker)!(request) };
}
