// The pool's entry for pack-task.ts when the server runs from source (`node --import tsx`): Node 20
// does not pass the parent's `--import tsx` hooks on to worker threads, so this registers tsx in the
// worker and re-exports the TypeScript task. A bundled start skips this file (pool.ts taskFile).
import { register } from "tsx/esm/api";

register();
const task = await import("./pack-task.ts");

export const checkUpload = task.checkUpload;
export const helpCheck = task.helpCheck;
export const buildTarGz = task.buildTarGz;
export const openChart = task.openChart;
export const readStored = task.readStored;
export const readLayer = task.readLayer;
export const buildZip = task.buildZip;
