// Garbage collection for the pool's threads once a task has let go of big buffers.
//
// A pack task allocates buffers the size of the pack (the upload read whole, expanded charts) and
// drops them when it returns. V8 frees such memory (outside its heap) only at a full collection,
// which it schedules from the thread's event loop, and a pool thread has no loop turn between tasks
// unless the pool runs with `atomics: "async"` (pool.ts); even then V8 waits for more allocation.
// So each thread kept its last tasks' buffers: 8 concurrent 50 MB uploads peaked at +270 MB over
// idle, 8 uploads of 48 MB that were not zips (read whole, refused) at +190. A full collection
// after any task that leaves this much outside the heap takes 7–30 ms, after the task's answer.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A task that leaves at least this much memory outside V8's heap is followed by a collection. */
const COLLECT_FROM_BYTES = 16 * 1024 * 1024;

/** V8's `gc()`, exposed for this module only (a new context gets it once the flag is set). */
const gc = ((): (() => void) | null => {
  try {
    setFlagsFromString("--expose-gc");
    const fn: unknown = runInNewContext("gc");
    return typeof fn === "function" ? (fn as () => void) : null;
  } catch {
    return null;
  }
})();

let scheduled = false;

/**
 * Call as a task ends: when this thread holds much memory outside the heap (the task's buffers,
 * now garbage), a full collection runs on its next loop turn, after the answer has been posted.
 * True when one was scheduled.
 */
export function collectSoon(): boolean {
  if (!gc || scheduled) return false;
  if (getHeapStatistics().external_memory < COLLECT_FROM_BYTES) return false;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    gc();
  }, 0);
  return true;
}
