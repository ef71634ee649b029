import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";

const MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Delete temp files (uploads being received, versions being written) left in `dir`. At start-up
 * (`all`) every file there is an orphan of a process that died; later, only files older than an
 * hour are, since live uploads are still writing theirs (security.md, "Temp sweep").
 */
export async function sweepTemp(dir: string, all: boolean): Promise<number> {
  await mkdir(dir, { recursive: true });
  const now = Date.now();
  let removed = 0;
  for (const f of await readdir(dir)) {
    const p = join(dir, f);
    const s = await stat(p).catch(() => null);
    if (s && (all || now - s.mtimeMs > MAX_AGE_MS)) {
      await rm(p, { force: true, recursive: true });
      removed++;
    }
  }
  return removed;
}
