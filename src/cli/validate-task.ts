/**
 * The worker-thread task of `packsmith validate <src>…`: one source per call, checked in the
 * worker so that several sources use every core. Loaded by piscina from the compiled
 * `build/node/validate-task.mjs` (see scripts/build-node.mjs).
 */
import type { Target } from "../pack/validate";
import { checkSource, type SourceCheck } from "./check-source";

export interface ValidateTask {
  source: string;
  target: Target;
  digests: boolean;
}

export default function validateTask(task: ValidateTask): Promise<SourceCheck> {
  return checkSource(task.source, task);
}
