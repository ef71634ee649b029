import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { PackStore, TarGzFile } from "./store/store";
import { isTarGzOf, tarGzCachePath } from "./store/fs-pack-file";
import { buildTarGzInPool } from "./workers/pool";
import type { TarGzOutcome, TarGzTask } from "./workers/pack-task";

/** Builds in flight by output path: however many downloads ask at once, each file is built once. */
const inflight = new Map<string, Promise<TarGzOutcome>>();

/**
 * The tar.gz at `task.out`, built in the worker pool unless it is already there. `built` is true
 * for the one caller whose request built it (the server logs that at debug level).
 */
export async function ensureTarGz(
  task: TarGzTask,
): Promise<{ outcome: TarGzOutcome; built: boolean }> {
  const size = await fileSize(task.out);
  if (size !== null) return { outcome: { ok: true, size }, built: false };
  const running = inflight.get(task.out);
  if (running) return { outcome: await running, built: false };
  const build = buildTarGzInPool(task).finally(() => inflight.delete(task.out));
  inflight.set(task.out, build);
  return { outcome: await build, built: true };
}

/** Remove a version's cached tar.gz files in `dir` (after a replace or a delete). */
export async function dropTarGz(dir: string, version: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((f) => isTarGzOf(f, version))
      .map((f) => rm(join(dir, f), { force: true })),
  );
}

async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/**
 * A store that has no tar.gz of its own (the OCI store) gets one cached in `dir`
 * (`<dir>/<name>/<version>.<hex>.tar.gz`, normally `<data>/cache/tar.gz`), built in the pool from
 * its files (written in `tmpDir` first); a replace or a delete through this store drops the
 * version's old files.
 */
export function withTarGzCache(
  store: PackStore,
  dir: string,
  tmpDir: string,
): PackStore {
  if (store.tarGz) return store;
  const dirOf = (name: string): string => join(dir, name);
  const tarGz = async (
    name: string,
    version: string,
  ): Promise<TarGzFile | null> => {
    const detail = await store.get(name, version);
    if (!detail) return null;
    const out = tarGzCachePath(dirOf(name), version, detail.digest);
    const size = await fileSize(out);
    if (size !== null) return { detail, path: out, size, built: false };
    const files = await store.files(name, version);
    if (!files) return null;
    const { outcome, built } = await ensureTarGz({
      source: { kind: "files", files },
      top: `${detail.name}-${detail.version}`,
      out,
      tmpDir,
    });
    if (!outcome.ok) return null;
    return { detail, path: out, size: outcome.size, built };
  };
  return {
    ...store,
    put: async (pack, opts) => {
      const r = await store.put(pack, opts);
      if (r.status === "replaced")
        await dropTarGz(dirOf(pack.detail.name), pack.detail.version);
      return r;
    },
    delete: async (n, v) => {
      const gone = await store.delete(n, v);
      await dropTarGz(dirOf(n), v);
      return gone;
    },
    tarGz,
  };
}
