import { getPackWorker } from "@/lib/pack-worker/client";
import type { ChartError, ChartInfo } from "@/pack/chart";
import type { Result } from "@/pack/result";

export type ChartResult = Result<ChartInfo, ChartError>;

// One read per chart archive for as long as its bytes live (the opened pack holds them), so
// switching files and comparing versions never reads a chart twice.
const reads = new WeakMap<Uint8Array, Promise<ChartResult>>();

/** Open a chart .tgz in the pack worker, once per archive; for React's `use`. */
export function readChartOnce(
  bytes: Uint8Array,
  name: string,
): Promise<ChartResult> {
  let p = reads.get(bytes);
  if (!p) {
    // It never rejects (a crashed worker becomes a result), so `use` needs no error boundary.
    p = getPackWorker()
      .readChart(bytes, name)
      .catch((e: unknown): ChartResult => ({
        ok: false,
        error: {
          kind: "not-a-chart",
          message: `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
        },
      }));
    reads.set(bytes, p);
  }
  return p;
}
