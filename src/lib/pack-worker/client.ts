import type { ArchiveError } from "@/pack/archive-error";
import type { ChartArchive, ChartError, ChartInfo } from "@/pack/chart";
import type { ChartMeta } from "@/pack/chart-meta";
import type { FileDigest } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import type { ArchiveFormat } from "@/pack/read-archive";
import type { PackChart } from "@/pack/registry-types";
import type { ValidateOptions, ValidationReport } from "@/pack/validate";

import { rememberBlob } from "@/lib/files/byte-blobs";
import type { FolderEntry } from "@/lib/files/dropped-items";
import { ok, type Result } from "@/pack/result";

import { LAST_READ } from "./file-table";
import { FileRefs } from "./file-refs";
import { spawnPackWorker, takeEarlyPackWorker } from "./spawn";
import { textEdit, type QuickSyntax } from "./values-syntax";
import type {
  LentPack,
  PackMethod,
  ReadExtras,
  ReadOptions,
  PackReport,
  PackRequest,
  PackResponse,
  PackWorkerMethods,
} from "./protocol";

/**
 * The pack core, run in a Web Worker. Inputs are copied to the worker (the caller keeps them),
 * except the files of a pack the worker holds already (a draft's, sent once by validateFiles),
 * which are named by id; large outputs are transferred back without a copy (files) or made
 * Blobs in the worker (archives).
 */
export interface PackWorkerClient {
  /**
   * src/pack/read-archive.ts readPackArchive: a .zip, .tar.gz or .tar, decided by its bytes. A
   * Blob (a chosen file, a response's body) is read in the worker, never on the page. With
   * `keep`, the worker keeps the files (those of the latest such read only): a draft or a local
   * pack made of them is then checked, digested and written without sending them back.
   */
  readArchive(
    source: Blob | Uint8Array,
    name: string,
    opts?: ReadOptions,
  ): Promise<Result<{ files: PackFiles; format: ArchiveFormat }, ArchiveError>>;
  /**
   * src/pack/pack-files.ts packFromEntries with the default limits: a folder's files, each read
   * in the worker (refused by count and size before any is read); kept, and with Blobs when
   * asked, as readArchive's.
   */
  fromEntries(
    entries: FolderEntry[],
    opts?: Pick<ReadOptions, "blobs">,
  ): Promise<Result<PackFiles, ArchiveError>>;
  /**
   * Blobs read in the worker, by key (a draft's files from IndexedDB, files the user chose); kept
   * as readArchive's. Each Blob is remembered as its bytes' twin (lib/files/byte-blobs.ts)
   * unless `twins` is false: a chosen file changed on disk later could not be stored.
   */
  readBlobs(
    blobs: [key: string, blob: Blob][],
    opts?: { twins?: boolean },
  ): Promise<Result<Map<string, Uint8Array>, ArchiveError>>;
  /** src/pack/validate.ts validatePack. */
  validate(files: PackFiles, opts?: ValidateOptions): Promise<ValidationReport>;
  /**
   * src/pack/write-archive.ts writePackArchive, as a zip; `onProgress` gets whole percents from 0
   * to 100. Rejects with an `ArchiveRefused` error, its message naming the file and the limit,
   * when every reader would refuse the zip (a compression bomb, say).
   */
  writeZip(
    files: PackFiles,
    top: string,
    onProgress?: (percent: number) => void,
  ): Promise<Blob>;
  /**
   * writeZip for an upload: the zip, its SHA-256 (the `X-Content-SHA256` header) and the pack's
   * content digest, in one call.
   */
  writeUploadZip(
    files: PackFiles,
    top: string,
    onProgress?: (percent: number) => void,
  ): Promise<{ zip: Blob; sha256: string; digest: string }>;
  /**
   * A draft file's zip: as writeZip, but a file that deflates past the readers' ratio is stored
   * instead of refused, so a draft can always be saved to a file and opened again.
   */
  writeDraftZip(files: PackFiles, top: string): Promise<Blob>;
  /** writeZip's tar.gz (the OCI layer), refused in the same way. */
  writeTarGz(files: PackFiles, top: string): Promise<Blob>;
  /** The content digest (registry-api.md §Identity) and each file's size and SHA-256. */
  digest(files: PackFiles): Promise<{ digest: string; files: FileDigest[] }>;
  /**
   * digest's answer and chart-detail.ts describeCharts: the `digest`, `files` and `charts` of a
   * registry detail, for comparing a pack opened from disk with a registry version.
   */
  compareDetail(
    files: PackFiles,
  ): Promise<{ digest: string; files: FileDigest[]; charts: PackChart[] }>;
  /** src/pack/chart.ts readChart. */
  readChart(
    bytes: Uint8Array,
    name: string,
  ): Promise<Result<ChartInfo, ChartError>>;
  /**
   * src/pack/chart.ts readChartArchive: the chart's metadata and every file inside it, keyed by the
   * path relative to the chart's root folder (`templates/deployment.yaml`); the files are transferred.
   */
  readChartArchive(
    bytes: Uint8Array,
    name: string,
  ): Promise<Result<ChartArchive, ChartError>>;
  /**
   * src/pack/chart.ts readChartYaml: a chart's name, version and the rest of Chart.yaml without
   * expanding the archive. Only its first MiB is copied to the worker (`helm package` writes
   * Chart.yaml first); the whole archive only when Chart.yaml is not within it.
   */
  readChartYaml(
    bytes: Uint8Array,
    name: string,
  ): Promise<Result<ChartMeta, ChartError>>;
  /**
   * validate, for a pack the caller checks again and again (a draft): each file's bytes go to the
   * worker once and are then named by id; the same files and options answer the last report
   * again. `session` names the caller; its files stay in the worker until its next call or
   * `release`. Latest wins: while a check of the session runs, calls wait, and all of them are
   * answered by one check of the newest files (a superseded call gets the newer report).
   */
  validateFiles(
    session: string,
    files: PackFiles,
    opts?: ValidateOptions,
  ): Promise<PackReport>;
  /** digest in the same way: files the worker holds are named by id and hashed once. */
  digestFiles(
    session: string,
    files: PackFiles,
  ): Promise<{ digest: string; files: FileDigest[] }>;
  /**
   * values-syntax.ts quickValuesSyntax: the syntax errors an edit to values.yaml brought, from the
   * top-level entries it touched, against the session's text of its last call. The app asks it of
   * getQuickWorker(), a second worker, so it never waits behind a full check. Latest wins per
   * session: a call a newer one replaced before it ran resolves null.
   */
  quickValues(session: string, text: string): Promise<QuickSyntax | null>;
  /** The session is over: the worker drops the files no other session holds. */
  release(session: string): void;
  /**
   * The pack made of the last kept read is closed (its draft, the local pack): the worker drops
   * those files unless a session holds them. The next kept read would, later.
   */
  releaseRead(): void;
  /** Stop the worker now (a cancelled export): pending calls reject; the next call starts afresh. */
  terminate(): void;
}

/** The part of a Worker the client uses, so tests can stand in for one. */
export interface WorkerLike {
  postMessage(message: PackRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<PackResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** A read's files as the Blobs it made of them too (lib/files/byte-blobs.ts). */
function rememberBlobs({
  files,
  blobs,
}: { files: PackFiles } & ReadExtras): void {
  for (const [path, blob] of blobs) {
    const bytes = files.get(path);
    if (bytes) rememberBlob(bytes, blob);
  }
}

/** The methods whose first argument is a lent pack, and the arguments after it. */
type LentMethod = {
  [M in PackMethod]: PackWorkerMethods[M]["args"] extends [
    LentPack,
    ...unknown[],
  ]
    ? M
    : never;
}[PackMethod];
type Rest<M extends LentMethod> = PackWorkerMethods[M]["args"] extends [
  LentPack,
  ...infer R,
]
  ? R
  : never;

/** How much of a chart archive readChartYaml copies to the worker first. */
const CHART_YAML_PREFIX = 1024 * 1024;

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (percent: number) => void;
}

/**
 * A client over workers made by `spawn`. One worker at a time, started by the first call. When it
 * dies (an uncaught error, out of memory, a message that cannot be read) every pending call
 * rejects with an Error saying so, and the next call starts a fresh worker.
 */
export function createPackWorkerClient(
  spawn: () => WorkerLike,
): PackWorkerClient {
  let worker: WorkerLike | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  // What the running worker holds, mirrored; a fresh worker holds nothing.
  const held = new FileRefs();

  function stop(reason: Error): void {
    const dead = worker;
    worker = null;
    dead?.terminate();
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(reason);
  }

  function start(): WorkerLike {
    held.reset();
    quickSent.clear();
    const w = spawn();
    w.onmessage = ({ data }) => {
      const call = pending.get(data.id);
      if (!call) return;
      if (data.type === "progress") {
        call.onProgress?.(data.percent);
        return;
      }
      pending.delete(data.id);
      if (data.type === "result") call.resolve(data.value as never);
      else
        call.reject(
          Object.assign(new Error(data.error.message), {
            name: data.error.name,
          }),
        );
    };
    w.onerror = (event) => {
      event.preventDefault();
      stop(
        new Error(
          `The pack worker stopped unexpectedly${event.message ? ` (${event.message})` : ""}; try again.`,
        ),
      );
    };
    w.onmessageerror = () =>
      stop(
        new Error(
          "The pack worker sent an answer that could not be read; try again.",
        ),
      );
    return w;
  }

  /**
   * Post one call. `prepare` runs once the worker that will receive the call is known, and names
   * the method and its arguments (a session's file refs, or a chart by id, depend on what that
   * worker holds); its `commit` runs once the worker has the message.
   */
  function post<R>(
    prepare: () => {
      method: PackMethod;
      args: unknown;
      commit?: () => void;
    },
    onProgress?: (percent: number) => void,
  ): Promise<R> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve: resolve as (value: never) => void,
        reject,
        onProgress,
      });
      try {
        worker ??= start();
        const { method, args, commit } = prepare();
        worker.postMessage({ id, method, args } as PackRequest);
        commit?.();
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  function call<M extends PackMethod>(
    method: M,
    args: PackWorkerMethods[M]["args"],
    onProgress?: (percent: number) => void,
  ): Promise<PackWorkerMethods[M]["result"]> {
    return post(() => ({ method, args }), onProgress);
  }

  // The latest read posted: only its answer's files are adopted as held (file-table.ts holdRead).
  let latestRead: object | null = null;

  /**
   * A read whose files the worker keeps as the last read: posting it lets the previous read's
   * go (the worker does the same when the read starts); its answer, when it is still the latest
   * read, makes its files held here under the worker's ids.
   */
  async function read<M extends "readArchive" | "fromEntries" | "readBlobs">(
    method: M,
    args: PackWorkerMethods[M]["args"],
  ): Promise<PackWorkerMethods[M]["result"]> {
    const mine = {};
    const r = await post<PackWorkerMethods[M]["result"]>(() => ({
      method,
      args,
      // Once posted (a read that could not be posted changes nothing).
      commit: () => {
        held.release(LAST_READ);
        latestRead = mine;
      },
    }));
    if (r.ok && latestRead === mine)
      held.adopt(LAST_READ, r.value.files, r.value.held);
    return r;
  }

  function release(session: string): void {
    const quickHeld = quickSent.delete(session);
    if (!(held.release(session) || quickHeld) || !worker) return;
    void call("release", [session]).catch(() => undefined);
  }

  /** A call on a pack lent to it (FileRefs.lend), decided when it is posted. */
  function lent<M extends LentMethod>(
    method: M,
    files: PackFiles,
    rest: Rest<M>,
    onProgress?: (percent: number) => void,
  ): Promise<PackWorkerMethods[M]["result"]> {
    return post(
      () => ({ method, args: [held.lend(files), ...rest] }),
      onProgress,
    );
  }

  async function readChartYaml(
    bytes: Uint8Array,
    name: string,
  ): Promise<Result<ChartMeta, ChartError>> {
    // An imported pack's charts are held: named by id, not even their first MiB is sent.
    if (held.heldId(bytes) !== undefined)
      return heldOr(bytes, "readHeldChartYaml", "readChartYaml", name);
    if (bytes.length > CHART_YAML_PREFIX) {
      const head = await call("readChartYaml", [
        bytes.slice(0, CHART_YAML_PREFIX),
        name,
      ]);
      if (head.ok || head.error.kind !== "truncated") return head;
    }
    return call("readChartYaml", [bytes, name]);
  }

  /**
   * A call on a session's files: the refs are made for the worker that receives it, and the
   * mirror moves only once the worker has the request.
   */
  function callOnFiles<M extends "validateRefs" | "digestRefs">(
    method: M,
    session: string,
    files: PackFiles,
    opts?: ValidateOptions,
  ): Promise<PackWorkerMethods[M]["result"]> {
    return post(() => {
      const { refs, commit } = held.refs(session, files);
      return {
        method,
        args: opts === undefined ? [refs] : [refs, opts],
        commit,
      };
    });
  }

  // validateFiles, latest wins: one check per session in the worker at a time, and while it runs
  // only the newest files wait. Typing in a big pack otherwise queued a full check per pause,
  // each of which the worker ran to the end, long after the text had moved on.
  const waiting = new Map<
    string,
    {
      files: PackFiles;
      opts: ValidateOptions | undefined;
      waiters: {
        resolve: (r: PackReport) => void;
        reject: (e: Error) => void;
      }[];
    }
  >();
  const checking = new Set<string>();

  function nextCheck(session: string): void {
    const q = waiting.get(session);
    if (!q) return;
    waiting.delete(session);
    checking.add(session);
    callOnFiles("validateRefs", session, q.files, q.opts)
      .then(
        (report) => q.waiters.forEach((w) => w.resolve(report)),
        (e: unknown) =>
          q.waiters.forEach((w) =>
            w.reject(e instanceof Error ? e : new Error(String(e))),
          ),
      )
      .finally(() => {
        checking.delete(session);
        nextCheck(session);
      });
  }

  // quickValues, latest wins: one call per session in the worker, and only the newest text waits.
  interface QuickCall {
    text: string;
    resolve: (r: QuickSyntax | null) => void;
    reject: (e: Error) => void;
  }
  const quick = new Map<string, { next: QuickCall | null }>();
  // Per session, the text the running worker holds: the next call sends only the edit of it.
  const quickSent = new Map<string, string>();

  function runQuick(session: string, q: { next: QuickCall | null }): void {
    const c = q.next;
    if (!c) {
      quick.delete(session);
      return;
    }
    q.next = null;
    post<QuickSyntax>(() => {
      const prev = quickSent.get(session);
      return {
        method: "quickValues",
        args: [session, prev === undefined ? c.text : textEdit(prev, c.text)],
        commit: () => quickSent.set(session, c.text),
      };
    })
      .then(c.resolve, (e: unknown) =>
        c.reject(e instanceof Error ? e : new Error(String(e))),
      )
      .finally(() => runQuick(session, q));
  }

  /** A chart call by id when the worker holds the bytes (decided at posting time), else by bytes. */
  function heldOr<
    H extends "readHeldChart" | "readHeldChartYaml" | "readHeldChartArchive",
    B extends "readChart" | "readChartYaml" | "readChartArchive",
  >(
    bytes: Uint8Array,
    byId: H,
    byBytes: B,
    name: string,
  ): Promise<PackWorkerMethods[H | B]["result"]> {
    return post(() => {
      const id = held.heldId(bytes);
      return id === undefined
        ? { method: byBytes, args: [bytes, name] }
        : { method: byId, args: [id, name] };
    });
  }

  return {
    readArchive: async (source, name, opts) => {
      const r = opts?.keep
        ? await read("readArchive", [source, name, opts])
        : await call("readArchive", [source, name, opts]);
      if (!r.ok) return r;
      rememberBlobs(r.value);
      return ok({ files: r.value.files, format: r.value.format });
    },
    readBlobs: async (blobs, opts) => {
      const r = await read("readBlobs", [blobs]);
      if (!r.ok) return r;
      if (opts?.twins !== false) rememberBlobs(r.value);
      return ok(r.value.files);
    },
    fromEntries: async (entries, opts) => {
      const r = await read("fromEntries", [entries, opts]);
      if (!r.ok) return r;
      rememberBlobs(r.value);
      return ok(r.value.files);
    },
    // A pack's files are lent at posting time: the bytes the worker holds then are named by id.
    validate: (files, opts) =>
      lent("validate", files, opts === undefined ? [] : [opts]),
    writeZip: (files, top, onProgress) =>
      lent("writeZip", files, [top], onProgress),
    writeUploadZip: (files, top, onProgress) =>
      lent("writeUploadZip", files, [top], onProgress),
    writeDraftZip: (files, top) => lent("writeDraftZip", files, [top]),
    writeTarGz: (files, top) => lent("writeTarGz", files, [top]),
    digest: (files) => lent("digest", files, []),
    compareDetail: (files) => lent("compareDetail", files, []),
    // Chart bytes a draft already sent are named by id: not copied again, and read once.
    readChart: (bytes, name) =>
      heldOr(bytes, "readHeldChart", "readChart", name),
    readChartArchive: (bytes, name) =>
      heldOr(bytes, "readHeldChartArchive", "readChartArchive", name),
    readChartYaml,
    validateFiles: (session, files, opts) =>
      new Promise((resolve, reject) => {
        const waiter = { resolve, reject };
        const queued = waiting.get(session);
        if (queued) {
          Object.assign(queued, { files, opts });
          queued.waiters.push(waiter);
          return;
        }
        waiting.set(session, { files, opts, waiters: [waiter] });
        if (!checking.has(session)) nextCheck(session);
      }),
    digestFiles: (session, files) => callOnFiles("digestRefs", session, files),
    quickValues: (session, text) =>
      new Promise((resolve, reject) => {
        const running = quick.get(session);
        if (running) {
          running.next?.resolve(null);
          running.next = { text, resolve, reject };
          return;
        }
        const q = { next: { text, resolve, reject } };
        quick.set(session, q);
        runQuick(session, q);
      }),
    release,
    releaseRead: () => release(LAST_READ),
    terminate: () => stop(new Error("The pack worker was stopped.")),
  };
}

let client: PackWorkerClient | null = null;
let quickClient: PackWorkerClient | null = null;

/**
 * The app's one pack worker client; the worker itself starts on the first call, unless the page
 * started it early (spawn.ts startPackWorkerEarly), which the client then takes.
 */
export function getPackWorker(): PackWorkerClient {
  client ??= createPackWorkerClient(
    () => takeEarlyPackWorker() ?? spawnPackWorker("packsmith-pack")(),
  );
  return client;
}

/**
 * A second pack worker, for the quick check of a values.yaml edit only: the first one may be in
 * the middle of a full check of a 100 MB pack, and this answer must not wait for it.
 */
export function getQuickWorker(): PackWorkerClient {
  quickClient ??= createPackWorkerClient(spawnPackWorker("packsmith-quick"));
  return quickClient;
}
