import type { ChartError, ChartInfo } from "@/pack/chart";
import { ok, type Result } from "@/pack/result";

import { readChartArchiveOnce } from "@/lib/pack-worker/chart-files";

export type ChartResult = Result<ChartInfo, ChartError>;

// The chart panel's view of the one shared read (lib/pack-worker/chart-files.ts): the same
// promise each time, so switching files and comparing versions never reads a chart twice.
const infos = new WeakMap<Uint8Array, Promise<ChartResult>>();

/** Open a chart .tgz in the pack worker, once per archive; for React's `use`. */
export function readChartOnce(
  bytes: Uint8Array,
  name: string,
): Promise<ChartResult> {
  let p = infos.get(bytes);
  if (!p) {
    p = readChartArchiveOnce(bytes, name).then((r): ChartResult =>
      r.ok ? ok(r.value.info) : r,
    );
    infos.set(bytes, p);
  }
  return p;
}
