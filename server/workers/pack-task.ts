// Runs inside the worker-thread pool (pool.ts): the CPU-bound half of an upload and of a tar.gz
// download, so the server's event loop only moves bytes (issue 10 item 1). Standalone: it imports
// the core and the fs store's file format, never the pool or the HTTP side. Under tsx it is loaded
// through pack-task-tsx.mjs; a bundled start points the pool at a bundle of this file.
import { createHash, randomBytes } from "node:crypto";
import type { MessagePort } from "node:worker_threads";
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { move, transferableSymbol, valueSymbol } from "piscina";
import type { ArchiveError } from "../../src/pack/archive-error";
import { concatBytes } from "../../src/pack/bytes";
import {
  readChartArchive,
  type ChartArchive,
  type ChartError,
} from "../../src/pack/chart";
import type { Finding } from "../../src/pack/finding";
import { err, ok, type Result } from "../../src/pack/result";
import type { PackFiles } from "../../src/pack/pack-files";
import { withLimits } from "../../src/pack/limits";
import { compareBytes } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { secretFindings } from "../../src/pack/secrets";
import { packBudget } from "../../src/pack/validate/context";
import type { PackDetail } from "../../src/pack/registry-types";
import { sniff } from "../../src/pack/sniff";
import { checkIdentity } from "../../src/pack/validate";
import type { WriteRefusal } from "../../src/pack/write-refusal";
import type { CompressedForms } from "../../src/pack/zip-read";
import { writePackZipParts } from "../../src/pack/zip-write";
import { CHART_ARCHIVE } from "../../src/pack/chart-detail";
import {
  describePack,
  fileDigestsNow,
  prepareChart,
  type PreparedChart,
} from "../prepare";
import { packFileTail, splitPackFile } from "../store/fs-pack-file";
import type { BuiltTarGz } from "../store/store";
import { gzipTar } from "./gzip-tar";
import { collectSoon } from "./collect";
import { zlibFlate } from "./zlib-flate";

export interface CheckTask {
  /** The received body (a temp file): read here, never copied through the main thread. */
  path: string;
  name: string;
  version: string;
  uploadedBy: string;
  createdAt: string;
  /** A helper task waiting in the pool to open this pack's charts on another thread. */
  helper?: CheckHelper;
  /**
   * `stored-file`: write the fs store's file (header + zip, fsynced) in `tmpDir` and return its
   * path. `files`: return the files (moved, not copied) and the version's tar.gz.
   */
  output: { kind: "stored-file"; tmpDir: string } | { kind: "files" };
}

/**
 * The two ends of a check's helper (pool.ts): a port to it and the chart claims they share, one
 * Int32 per chart (0 free, 1 the check's, 2 the helper's), so the two threads split a pack's chart
 * archives, the check from the front, the helper from the back, without waiting for each other.
 */
export interface CheckHelper {
  port: MessagePort;
  claims: SharedArrayBuffer;
}

/** A file of the upload for the helper: where it lies in the upload file, or its own bytes (copied). */
type SharedFile =
  | { path: string; offset: number; length: number }
  | { path: string; bytes: Uint8Array };

/**
 * What a check tells its helper: the upload file, where its stored chart archives are in it, the
 * budget's room; and for a store that pushes a tar.gz, the version's files and top folder, so the
 * helper can build it while the check validates.
 */
interface HelpJob {
  file: string;
  charts: { path: string; offset: number; length: number }[];
  room: number;
  tarGz?: { top: string; files: SharedFile[] };
}

/** One chart the helper prepared, by its index in the job; or the tar.gz it built, or refused. */
type HelpResult =
  | ({ index: number } & Omit<PreparedChart, "bytes">)
  | { tarGz: BuiltTarGz }
  | { refused: WriteRefusal };

const CHECK = 1;
const HELPER = 2;
/** How long a helper waits for its check's job before it gives up (the check then does it all). */
const HELPER_WAIT_MS = 5000;

export type CheckOutcome =
  | {
      ok: false;
      status: 415 | 422 | 507;
      code: "UNSUPPORTED_MEDIA_TYPE" | "INVALID_PACK" | "STORAGE_FULL";
      message: string;
      findings?: Finding[] | ArchiveFinding[];
    }
  | {
      ok: true;
      detail: PackDetail;
      storedFile?: string;
      /** The stored file is the upload itself, the detail appended (keptUpload). */
      kept?: boolean;
      files?: PackFiles;
      /** The OCI layer, hashed by the thread that built it. */
      tarGz?: BuiltTarGz;
    };

export interface ArchiveFinding {
  code: string;
  severity: "error";
  message: string;
  file?: string;
}

/** Read, check and describe an uploaded pack; write what the store keeps. */
async function checkUploadTask(task: CheckTask): Promise<unknown> {
  try {
    return await checkUploadFile(task);
  } finally {
    // However the check ends (a refusal before any chart, a throw), its helper stops waiting.
    task.helper?.port.close();
  }
}

/** The check itself (with or without a helper); {@link checkUploadTask} closes the helper's port after it. */
async function checkUploadFile(task: CheckTask): Promise<unknown> {
  const bytes = readWhole(task.path);
  const kind = sniff(bytes);
  if (kind !== "zip" && kind !== "gzip")
    return {
      ok: false,
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `the body is ${kind === "empty" ? "empty" : `not a zip (it looks like ${kind})`}; upload the pack as a .zip`,
    } satisfies CheckOutcome;
  const compressed: CompressedForms = new Map();
  const archive = readPackArchive(bytes, {
    name: `${task.name}-${task.version}`,
    compressed,
    native: zlibFlate,
  });
  if (!archive.ok)
    return {
      ok: false,
      status: 422,
      code: "INVALID_PACK",
      message: archive.error.message,
      findings: [archiveFinding(archive.error)],
    } satisfies CheckOutcome;
  const files = archive.value.files;
  const sharing = task.helper
    ? shareWork(
        task.helper,
        task.path,
        bytes,
        files,
        task.output.kind === "files"
          ? `${task.name}-${task.version}`
          : undefined,
      )
    : null;
  // While the helper starts on the charts, this thread scans the pack's own files; the digests come
  // after the charts, each of which the thread that prepared it has hashed.
  const secretCache = new Map<string, readonly Finding[]>();
  for (const [path, b] of files)
    secretCache.set(path, secretFindings(new Map([[path, b]])));
  const prepared = sharing
    ? await sharing.prepared()
    : new Map<string, PreparedChart>();
  const digests = fileDigestsNow(files, prepared);
  const { detail, errors } = await describePack(
    files,
    { uploadedBy: task.uploadedBy, createdAt: task.createdAt },
    {
      native: zlibFlate,
      prepared,
      digests,
      secretCache: {
        get: (path, b) =>
          files.get(path) === b ? secretCache.get(path) : undefined,
        set: () => undefined,
      },
    },
  );
  // A name or version pack.json lacks (missing, broken, not a string: empty in the detail) is the
  // pack.json rules' finding; comparing it with the URL would put a mismatch before the cause.
  const identity = checkIdentity(detail, task).filter(
    (f) => detail[f.path as "name" | "version"] !== "",
  );
  if (errors.length || identity.length)
    return {
      ok: false,
      status: 422,
      code: "INVALID_PACK",
      message: `${task.name} ${task.version} has ${errors.length + identity.length} error(s): ${[...identity, ...errors][0]!.message}`,
      findings: [...identity, ...detail.findings],
    } satisfies CheckOutcome;
  const top = `${detail.name}-${detail.version}`;
  if (task.output.kind === "stored-file") {
    let storedFile: string;
    try {
      const kept = keptUpload(task.path, bytes, detail, files, compressed);
      const stored = kept
        ? ok(kept)
        : await writeStoredFile(task.output.tmpDir, detail, files, compressed);
      if (!stored.ok) return notStorable("zip", stored.error, top);
      storedFile = stored.value;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOSPC" && code !== "EDQUOT") throw e;
      return {
        ok: false,
        status: 507,
        code: "STORAGE_FULL",
        message: "the server has no space left to store this pack",
      } satisfies CheckOutcome;
    }
    return {
      ok: true,
      detail,
      storedFile,
      kept: storedFile === task.path,
    } satisfies CheckOutcome;
  }
  // The version's top folder: the URL's name and version, which the identity check found equal.
  const tarGz = sharing ? await sharing.tarGz() : gzipToBytes(files, top);
  if (!tarGz.ok) return notStorable("tar.gz", tarGz.error, top);
  const outcome: CheckOutcome = { ok: true, detail, files, tarGz: tarGz.value };
  return moved(outcome, files, [tarGz.value.bytes]);
}

/**
 * An upload whose archive as the store keeps it (the canonical zip, the OCI layer) every reader
 * would refuse: a stored text file that deflates past the ratio limit, say, or one more folder
 * level under the top folder. Refused like an unreadable archive. The finding names the pack's
 * file (without the stored archive's top folder, so the app can link it) when it is the cause: a
 * zip entry's; a tar.gz is judged as one stream, and its largest file need not be the cause.
 */
function notStorable(
  archive: "zip" | "tar.gz",
  refusal: WriteRefusal,
  top: string,
): CheckOutcome {
  const { entry, ...rest } = refusal;
  const file =
    archive === "zip" && entry?.startsWith(`${top}/`)
      ? entry.slice(top.length + 1)
      : undefined;
  return {
    ok: false,
    status: 422,
    code: "INVALID_PACK",
    message: `the pack's ${archive} as the registry stores it would be refused when read: ${refusal.message}`,
    findings: [
      archiveFinding(file === undefined ? rest : { ...rest, entry: file }),
    ],
  };
}

/**
 * `value` handed back with the buffers under `files` (and `more`) moved, not copied: each file is
 * a view of a buffer this worker made (the upload read whole, an expanded entry), never Node's pool.
 */
function moved(
  value: object,
  files: PackFiles,
  more: Uint8Array[] = [],
): unknown {
  const buffers = new Set<ArrayBuffer>();
  for (const b of [...files.values(), ...more])
    buffers.add(b.buffer as ArrayBuffer);
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: value });
}

/**
 * Share the work with the helper: the upload's chart archives stored in the zip (the helper reads
 * them from the upload file: memory shared between threads outlives a check until both collect
 * it, which 8 uploads in a row turned into 500 MB), one claim each (the last claim is the tar.gz's), and the tar.gz when
 * `tarGzTop` is given. `prepared()` claims charts from the front and prepares them here until it
 * meets one the helper took, then waits for the helper's; `tarGz()` builds the tar.gz here unless
 * the helper claimed it first. What the helper took but never sent (it failed) is done here.
 */
function shareWork(
  helper: CheckHelper,
  file: string,
  upload: Uint8Array,
  files: PackFiles,
  tarGzTop?: string,
): {
  prepared: () => Promise<Map<string, PreparedChart>>;
  tarGz: () => Promise<Result<BuiltTarGz, WriteRefusal>>;
} {
  const claims = new Int32Array(helper.claims);
  const tarGzClaim = claims.length - 1;
  const inUpload = (b: Uint8Array): boolean => b.buffer === upload.buffer;
  const shared = [...files.keys()]
    .filter((p) => CHART_ARCHIVE.test(p))
    .sort(compareBytes)
    .map((path) => ({ path, bytes: files.get(path)! }))
    .filter(({ bytes }) => inUpload(bytes))
    .slice(0, tarGzClaim);
  const budget = packBudget(files, withLimits());
  const room = budget.limit - budget.used;
  const { port } = helper;
  const got = new Map<number, Omit<PreparedChart, "bytes">>();
  let builtTarGz: Result<BuiltTarGz, WriteRefusal> | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  port.on("message", (m: HelpResult) => {
    if ("tarGz" in m) builtTarGz = ok(m.tarGz);
    else if ("refused" in m) builtTarGz = err(m.refused);
    else got.set(m.index, m);
    wake?.();
  });
  port.on("close", () => {
    closed = true;
    wake?.();
  });
  const until = async (ready: () => boolean): Promise<void> => {
    while (!ready() && !closed) await new Promise<void>((r) => (wake = r));
  };
  const view = (b: Uint8Array) => ({
    offset: b.byteOffset - upload.byteOffset,
    length: b.length,
  });
  port.postMessage({
    file,
    room,
    charts: shared.map(({ path, bytes }) => ({ path, ...view(bytes) })),
    ...(tarGzTop !== undefined
      ? {
          tarGz: {
            top: tarGzTop,
            files: [...files].map(([path, b]): SharedFile =>
              inUpload(b) ? { path, ...view(b) } : { path, bytes: b },
            ),
          },
        }
      : {}),
  } satisfies HelpJob);
  const here = (path: string, bytes: Uint8Array): PreparedChart => ({
    bytes,
    ...prepareChart(path, bytes, { room, native: zlibFlate }),
  });
  return {
    async prepared() {
      const out = new Map<string, PreparedChart>();
      let i = 0;
      for (; i < shared.length; i++) {
        if (Atomics.compareExchange(claims, i, 0, CHECK) !== 0) break;
        const { path, bytes } = shared[i]!;
        out.set(path, here(path, bytes));
      }
      // From here on every chart is the helper's.
      for (; i < shared.length; i++) {
        const { path, bytes } = shared[i]!;
        await until(() => got.has(i));
        const m = got.get(i);
        out.set(path, m ? { bytes, ...m } : here(path, bytes));
      }
      return out;
    },
    async tarGz() {
      const top = tarGzTop ?? "";
      if (Atomics.compareExchange(claims, tarGzClaim, 0, CHECK) === 0)
        return gzipToBytes(files, top);
      await until(() => builtTarGz !== null);
      return builtTarGz ?? gzipToBytes(files, top);
    },
  };
}

/**
 * The helper of one upload check (pool.ts dispatches it beside the check): it waits for the
 * check's job, then prepares the shared charts from the back (read from the upload file) until it
 * meets one the check has claimed, each result posted as it is ready; then builds the tar.gz when
 * asked and the check has not claimed it.
 */
async function helpCheckTask(task: CheckHelper): Promise<number> {
  const { port } = task;
  // The check posts its job as soon as it has read the upload; a check that never does (it ended,
  // or never started) leaves nothing to help with.
  const job = await new Promise<HelpJob | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), HELPER_WAIT_MS);
    port.once("message", (m: HelpJob) => {
      clearTimeout(timer);
      resolve(m);
    });
    port.once("close", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  let done = 0;
  if (!job) {
    port.close();
    return done;
  }
  const claims = new Int32Array(task.claims);
  let fd = -1;
  const read = (at: { offset: number; length: number }): Uint8Array => {
    const bytes = new Uint8Array(at.length);
    if (readAll(fd, bytes, at.offset) !== at.length)
      throw new Error(`${job.file} is shorter than its check read it`);
    return bytes;
  };
  try {
    fd = openSync(job.file, "r");
    for (let i = job.charts.length - 1; i >= 0; i--) {
      if (Atomics.compareExchange(claims, i, 0, HELPER) !== 0) break;
      const c = job.charts[i]!;
      const bytes = read(c);
      const p = prepareChart(c.path, bytes, {
        room: job.room,
        native: zlibFlate,
      });
      port.postMessage({ index: i, ...p } satisfies HelpResult);
      done++;
    }
    // Then the tar.gz, unless the check, done validating, has claimed it already.
    if (
      job.tarGz &&
      Atomics.compareExchange(claims, claims.length - 1, 0, HELPER) === 0
    ) {
      const files: PackFiles = new Map(
        job.tarGz.files.map((f): [string, Uint8Array] => [
          f.path,
          "bytes" in f ? f.bytes : read(f),
        ]),
      );
      const tarGz = gzipToBytes(files, job.tarGz.top);
      if (tarGz.ok)
        port.postMessage({ tarGz: tarGz.value } satisfies HelpResult, [
          tarGz.value.bytes.buffer as ArrayBuffer,
        ]);
      else port.postMessage({ refused: tarGz.error } satisfies HelpResult);
      done++;
    }
  } finally {
    if (fd !== -1) closeSync(fd);
    port.close();
  }
  return done;
}

export interface ReadLayerTask {
  /** A stored pack archive (an OCI layer's tar.gz), or its files already read; copied to the worker. */
  source: { bytes: Uint8Array } | { files: PackFiles };
  /** For messages: the archive's name. */
  name: string;
  /** Also describe it as a stored version (validation, digests, charts) with these. */
  describe?: { uploadedBy: string; createdAt: string };
}

export type ReadLayerOutcome =
  | { ok: true; files: PackFiles; detail?: PackDetail }
  | { ok: false; message: string };

/** A stored pack archive read (and described when asked), its files moved back; or why it is none. */
async function readLayerTask(task: ReadLayerTask): Promise<unknown> {
  let files: PackFiles;
  if ("files" in task.source) files = task.source.files;
  else {
    const read = readPackArchive(task.source.bytes, {
      name: task.name,
      native: zlibFlate,
    });
    if (!read.ok)
      return {
        ok: false,
        message: read.error.message,
      } satisfies ReadLayerOutcome;
    files = read.value.files;
  }
  const outcome: ReadLayerOutcome = { ok: true, files };
  if (task.describe)
    outcome.detail = (
      await describePack(files, task.describe, { native: zlibFlate })
    ).detail;
  return moved(outcome, files);
}

/**
 * The canonical zip of a version's files (one top folder `top`), for a store that keeps none (OCI):
 * deflated with Node's zlib here, never on the event loop; the bytes moved back. Or why every
 * reader would refuse it (its files passed as a tar.gz, whose ratio is the whole stream's).
 */
function buildZipTask(task: { files: PackFiles; top: string }): unknown {
  const parts: Uint8Array[] = [];
  const r = writePackZipParts(task.files, task.top, (p) => parts.push(p), {
    deflateRaw: (b) => deflateRawSync(b, { level: 6 }),
  });
  if (!r.ok) return r;
  const zip = concatBytes(parts, r.value);
  return move({ [transferableSymbol]: [zip.buffer], [valueSymbol]: ok(zip) });
}

/** A chart archive opened with Helm's limits (the chart-file endpoint), its files moved back. */
function openChartTask(task: { bytes: Uint8Array; file: string }): unknown {
  const r: Result<ChartArchive, ChartError> = readChartArchive(task.bytes, {
    name: task.file,
    native: zlibFlate,
  });
  return r.ok ? moved(r, r.value.files) : r;
}

/**
 * The files of a stored fs pack file, with its content digest, moved back; null when the file is
 * gone or not a pack file.
 */
function readStoredTask(task: { path: string }): unknown {
  const stored = readPackFile(task.path);
  if (!stored) return null;
  const files = storedFiles(task.path, stored.zip);
  return moved({ digest: stored.detail.digest, files }, files);
}

export interface TarGzTask {
  /** A stored fs pack file (checked against `digest`), or the files themselves. */
  source:
    | { kind: "pack-file"; path: string; digest: string }
    | { kind: "files"; files: PackFiles };
  top: string;
  /** The cache file to create: written in `tmpDir` (same disk, swept by the server), then renamed. */
  out: string;
  tmpDir: string;
}

export type TarGzOutcome =
  | { ok: true; size: number }
  | { ok: false; reason: "gone" | "changed" }
  /** Every reader would refuse it (its files passed as a zip, whose ratio is each file's). */
  | { ok: false; reason: "refused"; refusal: WriteRefusal };

/** Build a version's tar.gz with Node's zlib into `out`, atomically (temp file, fsync, rename). */
async function buildTarGzTask(task: TarGzTask): Promise<TarGzOutcome> {
  let files: PackFiles;
  if (task.source.kind === "files") files = task.source.files;
  else {
    const stored = readPackFile(task.source.path);
    if (!stored) return { ok: false, reason: "gone" };
    if (stored.detail.digest !== task.source.digest)
      return { ok: false, reason: "changed" };
    files = storedFiles(task.source.path, stored.zip);
  }
  mkdirSync(join(task.out, ".."), { recursive: true });
  const tmp = await writeTempFile(task.tmpDir, (put) =>
    gzipTar(files, task.top, put),
  );
  if (!tmp.ok) return { ok: false, reason: "refused", refusal: tmp.error };
  renameSync(tmp.value.path, task.out);
  return { ok: true, size: tmp.value.size };
}

/** A file read into a buffer of its own (transferable, unlike Node's pooled small buffers). */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const bytes = new Uint8Array(fstatSync(fd).size);
    return bytes.subarray(0, readAll(fd, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** Fill `into` from `fd` at `position` (less at the end of the file); how many bytes were read. */
function readAll(fd: number, into: Uint8Array, position: number): number {
  let at = 0;
  while (at < into.length) {
    const n = readSync(fd, into, at, into.length - at, position + at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

/** A stored fs pack file read whole: its detail and its zip; null when it is gone or not a pack file. */
function readPackFile(
  path: string,
): { detail: PackDetail; zip: Uint8Array } | null {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  return splitPackFile(bytes);
}

/** The files of the stored zip of the pack file at `path` (named in the error when unreadable). */
function storedFiles(path: string, zip: Uint8Array): PackFiles {
  const r = readPackArchive(zip, { native: zlibFlate });
  if (!r.ok)
    throw new Error(`stored pack ${path} is unreadable: ${r.error.message}`);
  return r.value.files;
}

/** The fs store's file, written part by part (copied entries are views of the upload) and fsynced. */
async function writeStoredFile(
  tmpDir: string,
  detail: PackDetail,
  files: PackFiles,
  compressed: CompressedForms,
): Promise<Result<string, WriteRefusal>> {
  const r = await writeTempFile(tmpDir, (put) => {
    const zip = writePackZipParts(
      files,
      `${detail.name}-${detail.version}`,
      put,
      { compressed, deflateRaw: (b) => deflateRawSync(b, { level: 6 }) },
    );
    if (zip.ok) put(packFileTail(detail));
    return zip;
  });
  return r.ok ? ok(r.value.path) : r;
}

/** Thrown to stop comparing an upload with the canonical zip at its first difference. */
const DIFFERS = Symbol("differs");

/**
 * The upload itself made the stored file, when it is byte for byte the zip the store would write
 * (the app and the CLI write exactly that zip: JSZip's layout, see zip-write.ts): the detail is
 * appended and the file fsynced, instead of writing the same bytes a second time. Its path, or null
 * when the upload differs (another top folder, another zip writer, an entry to deflate).
 */
function keptUpload(
  path: string,
  upload: Uint8Array,
  detail: PackDetail,
  files: PackFiles,
  compressed: CompressedForms,
): string | null {
  let at = 0;
  try {
    const zip = writePackZipParts(
      files,
      `${detail.name}-${detail.version}`,
      (part) => {
        const end = at + part.length;
        // A copied entry is a view of the upload at this very offset: nothing to compare.
        const same =
          end <= upload.length &&
          ((part.buffer === upload.buffer &&
            part.byteOffset === upload.byteOffset + at) ||
            Buffer.from(part.buffer, part.byteOffset, part.length).equals(
              upload.subarray(at, end),
            ));
        if (!same) throw DIFFERS;
        at = end;
      },
      {
        compressed,
        // The canonical zip holds every text file deflated already: one to deflate differs.
        deflateRaw: () => {
          throw DIFFERS;
        },
      },
    );
    // Refused: writeStoredFile meets the refusal too, and says it.
    if (!zip.ok) return null;
  } catch (e) {
    if (e === DIFFERS) return null;
    throw e;
  }
  if (at !== upload.length) return null;
  const fd = openSync(path, "a");
  try {
    writeAll(fd, packFileTail(detail));
    fchmodSync(fd, 0o644);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return path;
}

/**
 * A new file in `tmpDir` holding what `write` puts, in order, fsynced and closed; its path and
 * size. When the writer refuses (its archive would be refused when read) or writing fails, the
 * file is removed, and the refusal returned or the error thrown on (ENOSPC stays ENOSPC).
 */
async function writeTempFile(
  tmpDir: string,
  write: (put: (part: Uint8Array) => void) => Result<unknown, WriteRefusal>,
): Promise<Result<{ path: string; size: number }, WriteRefusal>> {
  mkdirSync(tmpDir, { recursive: true });
  const path = join(tmpDir, `${randomBytes(12).toString("hex")}.tmp`);
  const fd = openSync(path, "wx", 0o644);
  let size = 0;
  let r: Result<unknown, WriteRefusal>;
  try {
    r = write((part) => {
      writeAll(fd, part);
      size += part.length;
    });
    if (r.ok) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
  closeSync(fd);
  if (r.ok) return ok({ path, size });
  rmSync(path, { force: true });
  return r;
}

function writeAll(fd: number, part: Uint8Array): void {
  let at = 0;
  while (at < part.length) at += writeSync(fd, part, at, part.length - at);
}

function gzipToBytes(
  files: PackFiles,
  top: string,
): Result<BuiltTarGz, WriteRefusal> {
  const chunks: Uint8Array[] = [];
  const hash = createHash("sha256");
  const r = gzipTar(files, top, (c) => {
    chunks.push(c);
    hash.update(c);
  });
  if (!r.ok) return r;
  return ok({
    bytes: concatBytes(chunks, r.value),
    sha256: hash.digest("hex"),
  });
}

function archiveFinding(e: ArchiveError): ArchiveFinding {
  return {
    code: `ARCHIVE_${e.kind.toUpperCase().replace(/-/g, "_")}`,
    severity: "error",
    message: e.message,
    ...(e.entry ? { file: e.entry } : {}),
  };
}

/**
 * A task followed by a collection when it leaves big buffers behind (collect.ts), however it ends:
 * the exports below are what the pool runs.
 */
function collecting<T, R>(
  task: (arg: T) => R | Promise<R>,
): (arg: T) => Promise<R> {
  return async (arg) => {
    try {
      return await task(arg);
    } finally {
      collectSoon();
    }
  };
}

export const checkUpload = collecting(checkUploadTask);
export const helpCheck = collecting(helpCheckTask);
export const readLayer = collecting(readLayerTask);
export const buildZip = collecting(buildZipTask);
export const openChart = collecting(openChartTask);
export const readStored = collecting(readStoredTask);
export const buildTarGz = collecting(buildTarGzTask);
