import { readdir, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { archiveRefused, type PackStore, type TarGzFile } from "./store/store";
import { isTarGzOf, tarGzCachePath } from "./store/fs-pack-file";
import { KeyedMutex } from "./oci/keyed-mutex";
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
 * version's old files. The cache holds at most `maxBytes`: after each build, the least recently
 * downloaded files go (a download touches its file; one being streamed stays readable).
 */
export function withTarGzCache(
  store: PackStore,
  dir: string,
  tmpDir: string,
  maxBytes = Infinity,
): PackStore {
  if (store.tarGz) return store;
  const dirOf = (name: string): string => join(dir, name);
  // One trim at a time (two would race on the same files and sizes).
  const trims = new KeyedMutex();
  // When each file was last used, as its mtime: a build's and a download's from one clock that
  // never repeats a value, so "least recently used" is exact even within one millisecond (a
  // file's own mtime, in nanoseconds, could sort after a later touch rounded to milliseconds).
  let lastUse = 0;
  const markUsed = (path: string): Promise<boolean> => {
    lastUse = Math.max(Date.now(), lastUse + 1);
    const at = new Date(lastUse);
    return utimes(path, at, at).then(
      () => true,
      () => false,
    );
  };
  const trim = (): Promise<void> =>
    trims.run(dir, () => trimCache(dir, maxBytes));
  const tarGz = async (
    name: string,
    version: string,
  ): Promise<TarGzFile | null> => {
    const detail = await store.get(name, version);
    if (!detail) return null;
    const out = tarGzCachePath(dirOf(name), version, detail.digest);
    const size = await fileSize(out);
    // Recently used: the trim keeps it over older ones. Gone meanwhile: built again below.
    if (size !== null && (await markUsed(out)))
      return { detail, path: out, size, built: false };
    const files = await store.files(name, version);
    if (!files) return null;
    const { outcome, built } = await ensureTarGz({
      source: { kind: "files", files },
      top: `${detail.name}-${detail.version}`,
      out,
      tmpDir,
    });
    if (!outcome.ok) {
      if (outcome.reason === "refused")
        throw archiveRefused(
          `${detail.name}-${detail.version}.tar.gz`,
          outcome.refusal,
        );
      return null;
    }
    if (built) {
      await markUsed(out);
      await trim();
    }
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

/**
 * Remove the least recently used `*.tar.gz` files under `dir/<name>/` until they take at most
 * `maxBytes` (the newest is always kept). A small walk of one folder per pack name; the cache is
 * ours alone, so no library's index is needed (stat's mtime is the index).
 */
export async function trimCache(dir: string, maxBytes: number): Promise<void> {
  if (!Number.isFinite(maxBytes)) return;
  const found: { path: string; size: number; used: number }[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const folder = join(dir, name);
    for (const f of await readdir(folder).catch(() => [] as string[])) {
      if (!f.endsWith(".tar.gz")) continue;
      const path = join(folder, f);
      const st = await stat(path).catch(() => null);
      if (st?.isFile()) found.push({ path, size: st.size, used: st.mtimeMs });
    }
  }
  let total = found.reduce((n, f) => n + f.size, 0);
  found.sort((a, b) => a.used - b.used);
  for (const f of found.slice(0, -1)) {
    if (total <= maxBytes) break;
    await rm(f.path, { force: true });
    total -= f.size;
  }
}
