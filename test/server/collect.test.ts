import { constants, PerformanceObserver } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectSoon } from "../../server/workers/collect";

/**
 * collect.ts: a pool thread lets go of a pack-sized buffer as its task ends; V8 frees that memory
 * only at a full collection, which nothing asks for on an idle pool thread. `collectSoon` forces
 * one (seen here as a forced major GC and the buffer's finalizer) when much is held outside the
 * heap, and none otherwise.
 */
const MB = 1024 * 1024;

let forced = 0;
let observer: PerformanceObserver;
beforeEach(() => {
  forced = 0;
  observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const { kind, flags } = (
        e as PerformanceEntry & { detail: { kind: number; flags: number } }
      ).detail;
      if (
        kind === constants.NODE_PERFORMANCE_GC_MAJOR &&
        flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED
      )
        forced++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
});
afterEach(() => observer.disconnect());

const registry = new FinalizationRegistry<{ collected: boolean }>((state) => {
  state.collected = true;
});

/** A buffer of `bytes`, written (so it is resident) and dropped; whether it was collected. */
function dropBuffer(bytes: number): { collected: boolean } {
  const state = { collected: false };
  // Allocated in a function of its own, so nothing here keeps it.
  (() => {
    const b = new Uint8Array(bytes);
    b.fill(1);
    registry.register(b.buffer, state);
  })();
  return state;
}

const turns = async (ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe("collectSoon", () => {
  it("after a task that dropped a 48 MB buffer: a forced full collection frees it", async () => {
    const upload = dropBuffer(48 * MB);
    expect(collectSoon()).toBe(true);
    // One at a time: a second call before it ran schedules nothing more.
    expect(collectSoon()).toBe(false);
    await turns(300);
    expect(forced).toBe(1);
    expect(upload.collected).toBe(true);
  });

  it("leaves a thread holding little outside the heap alone", async () => {
    dropBuffer(1 * MB);
    expect(collectSoon()).toBe(false);
    await turns(300);
    expect(forced).toBe(0);
  });
});
