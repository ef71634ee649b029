import { Budget, withLimits } from "@/pack/limits";
import { readChart, readChartArchive, readChartYaml } from "@/pack/chart";
import { describeCharts } from "@/pack/chart-detail";
import {
  contentDigest,
  fileDigests,
  sha256Hex,
  type FileDigest,
} from "@/pack/digest";
import type { FolderEntry } from "@/lib/files/dropped-items";
import { showName, type ArchiveError } from "@/pack/archive-error";
import {
  asArchiveResult,
  checkEntrySizes,
  packFromEntries,
  type PackFiles,
} from "@/pack/pack-files";
import { readPackArchive } from "@/pack/read-archive";
import { err, ok, type Result } from "@/pack/result";
import {
  validatePack,
  type ValidateOptions,
  type ValidationReport,
} from "@/pack/validate";
import { writePackArchive } from "@/pack/write-archive";
import type { WriteRefusal } from "@/pack/write-refusal";

import { FileTable } from "./file-table";
import type {
  LentPack,
  PackMethod,
  PackRefs,
  PackReport,
  PackRequest,
  PackResponse,
  PackWorkerMethods,
} from "./protocol";
import { transferablesOf } from "./transferables";
import {
  applyTextEdit,
  quickValuesSyntax,
  quickValuesSyntaxOfEdit,
} from "./values-syntax";

/**
 * What a worker keeps between calls: the files it holds by id and, per session, the last report
 * with what it was made from (the same ids and options give the same report).
 */
export class PackWorkerState {
  readonly table = new FileTable();
  readonly reports = new Map<string, { key: string; report: PackReport }>();
  /** Per session, the values.yaml text of its last quick check. */
  readonly quickTexts = new Map<string, string>();
}

/** Run one call of the protocol. `onProgress` receives whole percents, each once. */
export async function runPackMethod(
  request: PackRequest,
  onProgress: (percent: number) => void,
  state: PackWorkerState = new PackWorkerState(),
): Promise<PackWorkerMethods[PackMethod]["result"]> {
  switch (request.method) {
    case "readArchive": {
      const [source, name, { keep = false, blobs = false } = {}] = request.args;
      if (keep) state.table.startRead(request.id);
      const bytes =
        source instanceof Uint8Array ? source : await blobBytes(source);
      if (!bytes) return err(unreadable(name));
      const r = readPackArchive(bytes, { name });
      if (!r.ok) return r;
      return ok({
        ...r.value,
        held: keep ? state.table.holdRead(request.id, r.value.files) : [],
        blobs: blobs ? blobsOf(r.value.files) : [],
      });
    }
    case "readBlobs": {
      const [blobs] = request.args;
      state.table.startRead(request.id);
      const r = await readEach(blobs);
      if (!r.ok) return r;
      const files = new Map(r.value);
      return ok({
        files,
        held: state.table.holdRead(request.id, files),
        blobs,
      });
    }
    case "fromEntries": {
      const [entries, { blobs = false } = {}] = request.args;
      state.table.startRead(request.id);
      const r = await readFolder(entries);
      if (!r.ok) return r;
      return ok({
        files: r.value,
        held: state.table.holdRead(request.id, r.value),
        blobs: blobs ? blobsOf(r.value) : [],
      });
    }
    case "validate": {
      const [pack, opts] = request.args;
      return validatePack(state.table.lent(pack), reviveOptions(opts));
    }
    case "writeZip": {
      const [pack, top] = request.args;
      return archiveBlob(
        await writePackArchive(state.table.lent(pack), top, "zip", {
          onProgress: wholePercents(onProgress),
        }),
        ZIP,
      );
    }
    case "writeUploadZip": {
      const [pack, top] = request.args;
      const files = state.table.lent(pack);
      const [bytes, { digest }] = await Promise.all([
        writePackArchive(files, top, "zip", {
          onProgress: wholePercents(onProgress),
        }).then(written),
        digestOf(files, heldHashes(state.table, pack)),
      ]);
      return {
        zip: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: ZIP }),
        sha256: await sha256Hex(bytes),
        digest,
      };
    }
    case "writeDraftZip": {
      const [pack, top] = request.args;
      return archiveBlob(
        await writePackArchive(state.table.lent(pack), top, "zip", {
          overRatio: "store",
        }),
        ZIP,
      );
    }
    case "writeTarGz": {
      const [pack, top] = request.args;
      return archiveBlob(
        await writePackArchive(state.table.lent(pack), top, "tar.gz"),
        "application/gzip",
      );
    }
    case "digest": {
      const [pack] = request.args;
      return digestOf(state.table.lent(pack), heldHashes(state.table, pack));
    }
    case "compareDetail": {
      const [pack] = request.args;
      const files = state.table.lent(pack);
      return {
        ...(await digestOf(files, heldHashes(state.table, pack))),
        charts: await describeCharts(files),
      };
    }
    case "readChart": {
      const [bytes, name] = request.args;
      return readChart(bytes, { name });
    }
    case "readChartArchive": {
      const [bytes, name] = request.args;
      return readChartArchive(bytes, { name });
    }
    case "readChartYaml": {
      const [bytes, name] = request.args;
      return readChartYaml(bytes, { name });
    }
    case "validateRefs": {
      const [refs, opts] = request.args;
      return validateRefs(state, refs, opts);
    }
    case "digestRefs":
      return digestRefs(state.table, request.args[0]);
    case "readHeldChart": {
      const [id, name] = request.args;
      return state.table.chart(id, name);
    }
    case "readHeldChartYaml": {
      const [id, name] = request.args;
      return readChartYaml(state.table.bytes(id), { name });
    }
    case "readHeldChartArchive": {
      const [id, name] = request.args;
      return readChartArchive(state.table.bytes(id), { name });
    }
    case "quickValues": {
      const [session, sent] = request.args;
      const prev = state.quickTexts.get(session) ?? null;
      if (typeof sent === "string") {
        state.quickTexts.set(session, sent);
        return quickValuesSyntax(prev, sent);
      }
      const text = prev === null ? null : applyTextEdit(prev, sent);
      if (text === null)
        throw new Error(
          `the quick worker cannot apply this edit to the text of ${session}: its state and the page's disagree`,
        );
      state.quickTexts.set(session, text);
      // The edit names the change: the two texts are not compared again.
      return quickValuesSyntaxOfEdit(text, sent);
    }
    case "release": {
      const [session] = request.args;
      state.table.release(session);
      state.reports.delete(session);
      state.quickTexts.delete(session);
      return null;
    }
  }
}

/** A Blob's bytes; null when the browser cannot read it (the file moved or changed on disk). */
async function blobBytes(blob: Blob): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await blob.arrayBuffer());
  } catch {
    return null;
  }
}

function unreadable(path: string, entry?: string): ArchiveError {
  const message = `${showName(path)} could not be read: was it moved, changed or removed after it was chosen?`;
  return entry === undefined
    ? { kind: "unreadable", message }
    : { kind: "unreadable", entry, message };
}

/** Each file as a Blob made here: the page stores these without copying bytes (byte-blobs.ts). */
function blobsOf(files: PackFiles): [string, Blob][] {
  return [...files].map(([path, bytes]) => [
    path,
    new Blob([bytes as Uint8Array<ArrayBuffer>]),
  ]);
}

/** Each Blob's bytes, by key; refused naming the first key whose Blob cannot be read. */
async function readEach(
  blobs: readonly (readonly [key: string, blob: Blob])[],
): Promise<Result<[string, Uint8Array][], ArchiveError>> {
  const read = await Promise.all(
    blobs.map(async ([key, blob]) => [key, await blobBytes(blob)] as const),
  );
  const out: [string, Uint8Array][] = [];
  for (const [key, bytes] of read) {
    if (!bytes) return err(unreadable(key, key));
    out.push([key, bytes]);
  }
  return ok(out);
}

/**
 * A dropped folder's files read here, off the page's thread: refused by their count and sizes
 * before any is read, then as packFromEntries refuses them. Blobs asked for are made here of the
 * bytes read, not the file on disk: a file changed there after the drop could not be stored.
 */
async function readFolder(
  entries: readonly FolderEntry[],
): Promise<Result<PackFiles, ArchiveError>> {
  const limits = withLimits();
  try {
    checkEntrySizes(
      entries.map(({ path, file }) => ({ path, size: file.size })),
      limits,
    );
  } catch (e) {
    return asArchiveResult(e);
  }
  const read = await readEach(entries.map(({ path, file }) => [path, file]));
  if (!read.ok) return read;
  return packFromEntries(
    read.value.map(([path, bytes]) => ({ path, bytes })),
    limits,
  );
}

/**
 * The archive, or its refusal thrown as an ArchiveRefused error whose message names the file and
 * the limit: the call then rejects with it, and the page shows that message where it shows why
 * an archive could not be written.
 */
function written(r: Result<Uint8Array, WriteRefusal>): Uint8Array {
  if (r.ok) return r.value;
  throw Object.assign(new Error(r.error.message), { name: "ArchiveRefused" });
}

const ZIP = "application/zip";

/** Each whole percent once: writePackArchive reports fractions, many per percent. */
function wholePercents(
  onProgress: (percent: number) => void,
): (percent: number) => void {
  let last = -1;
  return (percent) => {
    const whole = Math.floor(percent);
    if (whole === last) return;
    last = whole;
    onProgress(whole);
  };
}

/** written's archive as a Blob, made here: the page gets a handle, not 80 MB to copy. */
function archiveBlob(r: Result<Uint8Array, WriteRefusal>, type: string): Blob {
  return new Blob([written(r) as Uint8Array<ArrayBuffer>], { type });
}

/**
 * digestOf's `hash` for a lent pack: a file lent by id is hashed once per id (the table keeps
 * it), the rest as they come. Resolved at once, as FileTable.lent.
 */
function heldHashes(
  table: FileTable,
  pack: LentPack,
): (path: string, bytes: Uint8Array) => Promise<string> {
  const hashes = new Map<string, Promise<string>>();
  for (const [path, file] of pack)
    if ("id" in file) hashes.set(path, table.sha256(file.id));
  return (path, bytes) => hashes.get(path) ?? sha256Hex(bytes);
}

function validateRefs(
  state: PackWorkerState,
  refs: PackRefs,
  opts: ValidateOptions | undefined,
): PackReport {
  // Resolve first, always: it is what moves the session's ids, even when the report is reused.
  const files = state.table.open(refs);
  const key = JSON.stringify([refs.files.map(([p, r]) => [p, r.id]), opts]);
  const last = state.reports.get(refs.session);
  if (last?.key === key) return last.report;
  const full: Partial<ValidationReport> = validatePack(files, {
    ...reviveOptions(opts),
    chartCache: state.table.chartCache(refs),
    secretCache: state.table.secretCache(refs),
    manifestCache: state.table.manifestCache(refs),
  });
  delete full.chartArchives;
  const report = full as PackReport;
  state.reports.set(refs.session, { key, report });
  return report;
}

/**
 * The content digest (registry-api.md §Identity) and each file's size and SHA-256; `hash` as in
 * fileDigests (a file's SHA-256 when it is known already).
 */
async function digestOf(
  files: PackFiles,
  hash?: (path: string, bytes: Uint8Array) => Promise<string>,
): Promise<{ digest: string; files: FileDigest[] }> {
  const list = await fileDigests(files, hash);
  return { digest: await contentDigest(list), files: list };
}

async function digestRefs(
  table: FileTable,
  refs: PackRefs,
): Promise<{ digest: string; files: FileDigest[] }> {
  const files = table.open(refs);
  const ids = new Map(refs.files.map(([path, ref]) => [path, ref.id]));
  return digestOf(files, (path) => table.sha256(ids.get(path)!));
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
  state: PackWorkerState = new PackWorkerState(),
): (event: { data: PackRequest }) => Promise<void> {
  return async ({ data: request }) => {
    const { id } = request;
    try {
      const value = await runPackMethod(
        request,
        (percent) => post({ id, type: "progress", percent }, []),
        state,
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
