import { summaryOf } from "../../src/pack/registry-types";
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import {
  link,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
  type FileHandle,
} from "node:fs/promises";
import { join } from "node:path";
import pMap from "p-map";
import type { PackFiles } from "../../src/pack/pack-files";
import { writePackZipParts } from "../../src/pack/zip-write";
import { dropTarGz, ensureTarGz } from "../archive-cache";
import { readLayerInPool, readStoredInPool } from "../workers/pool";
import {
  PACK_FILE_PROBE,
  packFileLayout,
  packFileTail,
  packFilePath,
  tarGzCachePath,
} from "./fs-pack-file";
import {
  archiveRefused,
  StoreError,
  type PackDetail,
  type PackStore,
  type PackSummary,
  type PreparedFile,
  type PreparedPack,
  type PutResult,
  type StoredZip,
  type TarGzFile,
} from "./store";

/**
 * The embedded store: one file per version, `<root>/packs/<name>/<version>.pack`, holding a JSON
 * header (the PackDetail) followed by the canonical zip. One file means one atomic step: a new
 * version appears with `link()` (fails if it exists, so exactly one concurrent creator wins) and a
 * forced one with `rename()` (readers see the old or the new file, whole). Temp files are written
 * and fsynced in `<root>/.tmp` on the same disk first: by the upload check in the worker pool
 * (`putFile`), or here (`put`). A version's tar.gz is built once, in the pool, and kept beside it
 * as `<version>.<hex of the content digest>.tar.gz` (fs-pack-file.ts).
 */

/** How stale a list may be about versions other instances sharing the data folder wrote. */
const SYNC_MS = 1000;

export function createFsStore(root: string): PackStore {
  const packsDir = join(root, "packs");
  const tmpDir = join(root, ".tmp");
  const fileOf = (name: string, version: string): string =>
    packFilePath(root, name, version);
  /**
   * name → version → detail: read from the folders on first use, kept in step with this process's
   * writes, and with other processes' (instances sharing the data folder) by {@link sync}.
   */
  const index = new Map<string, Map<string, PackDetail>>();
  /** Each folder's mtime when it was last read (`""`: the packs folder itself, whose entries are names). */
  const readAt = new Map<string, number>();
  /** Writes this process made per name, so a folder read that overlapped one does not undo it. */
  const writes = new Map<string, number>();
  const wrote = (name: string): void => {
    writes.set(name, (writes.get(name) ?? 0) + 1);
  };
  let syncedAt = -Infinity;
  let syncing: Promise<void> | null = null;
  const filesCache = new Map<string, { digest: string; files: PackFiles }>();
  const reading = new Map<
    string,
    Promise<{ digest: string; files: PackFiles } | null>
  >();
  /** Details stored before `charts` and `images` existed, completed from their files once. */
  const completed = new Map<string, Promise<PackDetail>>();

  async function readHeader(path: string): Promise<{
    detail: PackDetail;
    zip: { start: number; end: number };
  } | null> {
    let fh;
    try {
      fh = await open(path, "r");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      return await headerOf(fh);
    } finally {
      await fh.close();
    }
  }

  /** The detail of the pack file open as `fh` and where its zip lies; null when it is none. */
  async function headerOf(fh: FileHandle): Promise<{
    detail: PackDetail;
    zip: { start: number; end: number };
  } | null> {
    const { size } = await fh.stat();
    const probe = Math.min(PACK_FILE_PROBE, size);
    // Version 2 (every file written now) ends with its trailer; version 1 starts with its header.
    const tail = Buffer.alloc(probe);
    await fh.read(tail, 0, probe, size - probe);
    let at = packFileLayout(new Uint8Array(), tail, size);
    if (!at) {
      const head = Buffer.alloc(probe);
      await fh.read(head, 0, probe, 0);
      at = packFileLayout(head, new Uint8Array(), size);
    }
    if (!at) return null;
    const json = Buffer.alloc(at.json.end - at.json.start);
    await fh.read(json, 0, json.length, at.json.start);
    return {
      detail: JSON.parse(json.toString("utf8")) as PackDetail,
      zip: at.zip,
    };
  }

  async function readZip(
    name: string,
    version: string,
  ): Promise<StoredZip | null> {
    let fh;
    try {
      fh = await open(fileOf(name, version), "r");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      const head = await headerOf(fh);
      if (!head) {
        await fh.close();
        return null;
      }
      const opened = fh;
      const { start, end } = head.zip;
      return {
        detail: head.detail,
        size: end - start,
        // An empty range cannot be streamed (`end` is inclusive); a zip is never empty.
        stream: () => opened.createReadStream({ start, end: end - 1 }),
        close: () => opened.close(),
      };
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /**
   * Bring the index up to date with the folders: a folder whose mtime moved since it was read (a
   * version added, replaced or removed there, by this process or another) is read again, headers
   * only. Shared by concurrent callers; run by lists, at most once per {@link SYNC_MS}. Nothing
   * else needs the index: one version is read from its own file, and this process's writes are
   * remembered in it whether it has been read yet or not.
   */
  function sync(): Promise<void> {
    syncing ??= (async () => {
      const started = Date.now();
      await mkdir(packsDir, { recursive: true });
      const rootTime = (await stat(packsDir)).mtimeMs;
      const names =
        readAt.get("") === rootTime
          ? [...readAt.keys()].filter((k) => k !== "")
          : await readdir(packsDir);
      readAt.set("", rootTime);
      await pMap(names, readName, { concurrency: 8 });
      syncedAt = started;
    })().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  /** Read one name's folder again when its mtime moved (or it is gone). */
  async function readName(name: string): Promise<void> {
    const dir = join(packsDir, name);
    const time = await stat(dir).then(
      (st) => (st.isDirectory() ? st.mtimeMs : null),
      () => null,
    );
    if (time === null) {
      index.delete(name);
      readAt.delete(name);
      return;
    }
    if (readAt.get(name) === time) return;
    const writesBefore = writes.get(name) ?? 0;
    // The mtime is taken before the listing: a change while it is read moves it again.
    const files = (await readdir(dir).catch(() => [])).filter((f) =>
      f.endsWith(".pack"),
    );
    // Headers are small: read 32 at a time (one by one, 10,000 versions took seconds).
    const heads = await pMap(
      files,
      (f) => readHeader(join(dir, f)).catch(() => null),
      { concurrency: 32 },
    );
    // This process wrote the name meanwhile: its index entry is newer than this listing, and the
    // folder's mtime moved, so the next sync reads it again.
    if ((writes.get(name) ?? 0) !== writesBefore) return;
    const versions = new Map<string, PackDetail>();
    for (const h of heads) if (h) versions.set(h.detail.version, h.detail);
    if (versions.size) index.set(name, versions);
    else index.delete(name);
    readAt.set(name, time);
  }

  const remember = (d: PackDetail): void => {
    wrote(d.name);
    const versions = index.get(d.name) ?? new Map<string, PackDetail>();
    versions.set(d.version, d);
    index.set(d.name, versions);
  };

  /** The stored file written here (callers other than the upload, which writes it in the pool). */
  async function writeTemp(pack: PreparedPack): Promise<string> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(12).toString("hex")}.tmp`);
    const parts: Uint8Array[] = [];
    const top = `${pack.detail.name}-${pack.detail.version}`;
    const zip = writePackZipParts(pack.files, top, (p) => parts.push(p));
    if (!zip.ok) throw archiveRefused(`${top}.zip`, zip.error);
    parts.push(packFileTail(pack.detail));
    const fh = await open(
      tmp,
      constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY,
      0o644,
    );
    try {
      // writev takes at most IOV_MAX (1024) buffers at a time.
      for (let i = 0; i < parts.length; i += 512)
        await fh.writev(parts.slice(i, i + 512));
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw mapFsError(e);
    }
    await fh.close();
    return tmp;
  }

  async function syncDir(dir: string): Promise<void> {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async function filesOf(
    name: string,
    version: string,
  ): Promise<PackFiles | null> {
    // The small header decides whether the cached files are current; only a miss reads the zip.
    const h = await readHeader(fileOf(name, version));
    if (!h) return null;
    const key = `${name}:${version}`;
    const cached = filesCache.get(key);
    if (cached?.digest === h.detail.digest) return cached.files;
    // Expanded in the worker pool, once however many requests miss at the same time.
    let read = reading.get(key);
    if (!read) {
      read = readStoredInPool(fileOf(name, version)).finally(() =>
        reading.delete(key),
      );
      reading.set(key, read);
    }
    const stored = await read;
    if (!stored) return null;
    if (filesCache.size > 16)
      filesCache.delete(filesCache.keys().next().value!);
    filesCache.set(key, stored);
    return stored.files;
  }

  /**
   * A detail as the API gives it now. One stored before contract version 2 lacks `charts` and
   * `images`: they (and the findings, by today's rules) are computed from its files once and kept
   * in memory; the stored file is left as it is.
   */
  function complete(d: PackDetail): Promise<PackDetail> {
    const partial = d as Partial<PackDetail>;
    if (Array.isArray(partial.charts) && Array.isArray(partial.images))
      return Promise.resolve(d);
    const key = `${d.name}:${d.version}:${d.digest}`;
    let done = completed.get(key);
    if (!done) {
      done = (async () => {
        const files = await filesOf(d.name, d.version);
        if (!files) return { ...d, charts: [], images: [] };
        // In the pool (the files copied there): validation never runs on the event loop.
        const read = await readLayerInPool({
          source: { files },
          name: `${d.name}-${d.version}`,
          describe: { uploadedBy: d.uploadedBy, createdAt: d.createdAt },
        });
        const detail = read.ok ? read.detail : undefined;
        if (!detail)
          throw new Error(
            `${d.name} ${d.version} could not be described: ${read.ok ? "no detail" : read.message}`,
          );
        return {
          ...d,
          findings: detail.findings,
          charts: detail.charts,
          images: detail.images,
        };
      })();
      // A failed completion is not kept: the next read tries again.
      done.catch(() => completed.delete(key));
      if (completed.size >= 256)
        completed.delete(completed.keys().next().value!);
      completed.set(key, done);
    }
    return done.then((x) => structuredClone(x));
  }

  return {
    kind: "fs",
    async list(): Promise<PackSummary[]> {
      // Another instance sharing the data folder may have written since: a second at most.
      if (Date.now() - syncedAt >= SYNC_MS) await sync();
      return [...index.values()].flatMap((v) => [...v.values()].map(summaryOf));
    },
    async get(name, version) {
      const h = await readHeader(fileOf(name, version));
      return h ? complete(h.detail) : null;
    },
    zip: readZip,
    files: filesOf,
    storedFileDir: tmpDir,
    async put(pack: PreparedPack, { force }): Promise<PutResult> {
      const before = await decide(pack.detail, force);
      if (before) return before;
      const tmp = await writeTemp(pack);
      try {
        return await place(pack.detail, tmp, force);
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async putFile(pack: PreparedFile, { force }): Promise<PutResult> {
      return (
        (await decide(pack.detail, force)) ??
        place(pack.detail, pack.path, force)
      );
    },
    tarGz,
    async delete(name, version) {
      try {
        await unlink(fileOf(name, version));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw e;
      }
      await dropTarGz(join(packsDir, name), version);
      wrote(name);
      index.get(name)?.delete(version);
      if (index.get(name)?.size === 0) index.delete(name);
      filesCache.delete(`${name}:${version}`);
      return true;
    },
    // Its temp files live in `<root>/.tmp`, which the server sweeps with the uploads' (sweep.ts).
    async sweep() {},
    // Ready when a file can be written and removed in the data folder (a read-only or full disk fails).
    async ready() {
      const probe = join(root, `.ready-${randomBytes(6).toString("hex")}`);
      try {
        await writeFile(probe, "ready\n", { flag: "wx", mode: 0o600 });
        await rm(probe, { force: true });
        return { ok: true };
      } catch (e) {
        await rm(probe, { force: true }).catch(() => undefined);
        return {
          ok: false,
          cause: `the data folder ${root} is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        };
      }
    },
    async close() {},
  };

  /** identical / conflict decided from the stored header, or null to go on and store. */
  async function decide(
    detail: PackDetail,
    force: boolean,
  ): Promise<PutResult | null> {
    const existing = await readHeader(fileOf(detail.name, detail.version));
    if (existing && existing.detail.digest === detail.digest)
      return { status: "identical", detail: existing.detail };
    if (existing && !force)
      return { status: "conflict", existingDigest: existing.detail.digest };
    return null;
  }

  /** Move a written stored file into place: `link` for a new version (one creator wins), `rename` when forced. */
  async function place(
    detail: PackDetail,
    tmp: string,
    force: boolean,
  ): Promise<PutResult> {
    const dir = join(packsDir, detail.name);
    const final = fileOf(detail.name, detail.version);
    await mkdir(dir, { recursive: true });
    if (!force) {
      try {
        await link(tmp, final);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw mapFsError(e);
        // Another upload won the race: decide against what it stored.
        const winner = await readHeader(final);
        if (winner && winner.detail.digest === detail.digest)
          return { status: "identical", detail: winner.detail };
        return {
          status: "conflict",
          existingDigest: winner?.detail.digest ?? "",
        };
      }
      await syncDir(dir);
      remember(detail);
      return { status: "created", detail };
    }
    const existed = (await readHeader(final)) !== null;
    await rename(tmp, final).catch((e: unknown) =>
      Promise.reject(mapFsError(e)),
    );
    await syncDir(dir);
    remember(detail);
    // The old content's tar.gz is no longer this version's.
    await dropTarGz(dir, detail.version);
    return { status: existed ? "replaced" : "created", detail };
  }

  async function tarGz(
    name: string,
    version: string,
  ): Promise<TarGzFile | null> {
    const h = await readHeader(fileOf(name, version));
    if (!h) return null;
    const out = tarGzCachePath(join(packsDir, name), version, h.detail.digest);
    const { outcome, built } = await ensureTarGz({
      source: {
        kind: "pack-file",
        path: fileOf(name, version),
        digest: h.detail.digest,
      },
      top: `${h.detail.name}-${h.detail.version}`,
      out,
      tmpDir,
    });
    if (!outcome.ok) {
      if (outcome.reason === "refused")
        throw archiveRefused(
          `${h.detail.name}-${h.detail.version}.tar.gz`,
          outcome.refusal,
        );
      // Replaced or deleted while it was being built: answer for what is there now.
      return outcome.reason === "gone" ? null : tarGz(name, version);
    }
    return {
      detail: await complete(h.detail),
      path: out,
      size: outcome.size,
      built,
    };
  }
}

function mapFsError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOSPC" || code === "EDQUOT")
    return new StoreError(
      "STORAGE_FULL",
      "the server has no space left to store this pack",
    );
  return e;
}
