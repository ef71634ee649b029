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
        const copy = structuredClone(message);
        watch.answer?.(this.name, message);
        setTimeout(() => this.onmessage?.({ data: copy }));
      }, new PackWorkerState());
      this.handle = (request) => void handler({ data: request });
      handlers.set(this.name, this.handle);
    }

    postMessage(message: PackRequest): void {
      const copy = structuredClone(message);
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
