import { Budget, withLimits } from "@/pack/limits";
import { readChart, readChartArchive } from "@/pack/chart";
import { contentDigest, fileDigests, sha256Hex } from "@/pack/digest";
import { packFromEntries } from "@/pack/pack-files";
import { readPackArchive } from "@/pack/read-archive";
import { writePackTarGz } from "@/pack/tar-write";
import { validatePack, type ValidateOptions } from "@/pack/validate";
import { writePackZip } from "@/pack/zip-write";

import type {
  PackMethod,
  PackRequest,
  PackResponse,
  PackWorkerMethods,
} from "./protocol";
import { transferablesOf } from "./transferables";

/** Run one call of the protocol. `onProgress` receives whole percents, each once. */
export async function runPackMethod(
  request: PackRequest,
  onProgress: (percent: number) => void,
): Promise<PackWorkerMethods[PackMethod]["result"]> {
  switch (request.method) {
    case "readArchive": {
      const [bytes, name] = request.args;
      return readPackArchive(bytes, { name });
    }
    case "fromEntries":
      return packFromEntries(request.args[0], withLimits());
    case "validate": {
      const [files, opts] = request.args;
      return validatePack(files, reviveOptions(opts));
    }
    case "writeZip": {
      const [files, top] = request.args;
      let last = -1;
      return writePackZip(files, top, (percent) => {
        const whole = Math.floor(percent);
        if (whole === last) return;
        last = whole;
        onProgress(whole);
      });
    }
    case "writeTarGz": {
      const [files, top] = request.args;
      return writePackTarGz(files, top);
    }
    case "digest": {
      const files = await fileDigests(request.args[0]);
      return { digest: await contentDigest(files), files };
    }
    case "readChart": {
      const [bytes, name] = request.args;
      return readChart(bytes, { name });
    }
    case "readChartArchive": {
      const [bytes, name] = request.args;
      return readChartArchive(bytes, { name });
    }
    case "sha256":
      return sha256Hex(request.args[0]);
  }
}

/** A Budget arrives as a plain object after structured cloning: make it a Budget again. */
function reviveOptions(
  opts: ValidateOptions | undefined,
): ValidateOptions | undefined {
  const budget: unknown = opts?.budget;
  if (
    !opts ||
    typeof budget !== "object" ||
    budget === null ||
    budget instanceof Budget
  )
    return opts;
  const { limit, used } = budget as { limit: number; used: number };
  return { ...opts, budget: Object.assign(new Budget(limit), { used }) };
}

/**
 * The worker's message handler, apart from the worker so tests can drive it: answers each
 * request with progress messages and then one result (its buffers transferred, not copied) or
 * one error. Never throws.
 */
export function createPackMessageHandler(
  post: (message: PackResponse, transfer: Transferable[]) => void,
): (event: { data: PackRequest }) => Promise<void> {
  return async ({ data: request }) => {
    const { id } = request;
    try {
      const value = await runPackMethod(request, (percent) =>
        post({ id, type: "progress", percent }, []),
      );
      post({ id, type: "result", value }, transferablesOf(value));
    } catch (e) {
      const error =
        e instanceof Error
          ? { name: e.name, message: e.message }
          : { name: "Error", message: String(e) };
      post({ id, type: "error", error }, []);
    }
  };
}
