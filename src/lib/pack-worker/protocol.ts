import type { FolderEntry } from "@/lib/files/dropped-items";
import type { ArchiveError } from "@/pack/archive-error";
import type { ChartArchive, ChartError, ChartInfo } from "@/pack/chart";
import type { ChartMeta } from "@/pack/chart-meta";
import type { FileDigest } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import type { ArchiveFormat } from "@/pack/read-archive";
import type { PackChart } from "@/pack/registry-types";
import type { Result } from "@/pack/result";
import type { ValidateOptions, ValidationReport } from "@/pack/validate";

import type { QuickSyntax, TextEdit } from "./values-syntax";

/**
 * One file of a pack named in a request: by the id the worker holds it under, with its bytes only
 * the first time (client.ts FileRefs decides; file-table.ts keeps them).
 */
export interface FileRef {
  id: string;
  bytes?: Uint8Array;
}

/**
 * A file lent to one call: by the id the worker holds it under (its bytes are not copied), or its
 * bytes, copied for that call only.
 */
export type LentFile = { id: string } | { bytes: Uint8Array };

/**
 * A pack lent to one call (client.ts): each path and its file, in the pack's order. Unlike
 * PackRefs it changes nothing the worker holds: copying a 100 MB draft to the worker for each
 * download froze the page for a second.
 */
export type LentPack = [path: string, file: LentFile][];

/**
 * The ids the worker holds the files of a read under (FileTable.holdRead), by path; empty when a
 * newer read started before this one ended (only the latest read is held).
 */
export type HeldIds = [path: string, id: string][];

export interface ReadOptions {
  keep?: boolean;
  blobs?: boolean;
}

/** What a read answers beside its files: the ids they are held under, their Blobs. */
export interface ReadExtras {
  held: HeldIds;
  blobs: [path: string, blob: Blob][];
}

/** A pack as a session's request names it: each path and its file, in the pack's order. */
export interface PackRefs {
  /** Who holds these ids until its next request (a draft's report, its digest). */
  session: string;
  files: [path: string, ref: FileRef][];
}

/**
 * validatePack's report without the opened chart archives: the page never reads their inner
 * files, and sending every chart's contents back on each edit is what made the builder slow.
 */
export type PackReport = Omit<ValidationReport, "chartArchives">;

/** Each call the worker answers: its arguments and what it resolves to. */
export interface PackWorkerMethods {
  /**
   * An archive, from a Blob (a chosen file, a response's body: read here, never on the page) or
   * bytes. With `keep`, the files read are held as the last read (file-table.ts), named in
   * `held`; with `blobs`, each file comes as a Blob too, for storing (lib/files/byte-blobs.ts).
   * Both cost the worker a copy of the files, so a read that is only shown asks for neither.
   */
  readArchive: {
    args: [source: Blob | Uint8Array, name: string, opts?: ReadOptions];
    result: Result<
      { files: PackFiles; format: ArchiveFormat } & ReadExtras,
      ArchiveError
    >;
  };
  /**
   * Blobs read here, by key (a draft's files in IndexedDB, files the user chose): held as a kept
   * read, so reopening a draft neither reads nor copies its files on the page. The answer's
   * `blobs` are the Blobs given; the page decides whether they are twins (client.ts).
   */
  readBlobs: {
    args: [blobs: [key: string, blob: Blob][]];
    result: Result<{ files: PackFiles } & ReadExtras, ArchiveError>;
  };
  /** A folder's files, each read here; held as a kept read; `blobs` as readArchive's. */
  fromEntries: {
    args: [entries: FolderEntry[], opts?: Pick<ReadOptions, "blobs">];
    result: Result<{ files: PackFiles } & ReadExtras, ArchiveError>;
  };
  validate: {
    args: [files: LentPack, opts?: ValidateOptions];
    result: ValidationReport;
  };
  /**
   * The archives are Blobs made in the worker: a Blob crosses to the page as a handle, where
   * 81 MB of bytes took ~300 ms of the page's thread to become one.
   */
  writeZip: { args: [files: LentPack, top: string]; result: Blob };
  writeDraftZip: { args: [files: LentPack, top: string]; result: Blob };
  writeTarGz: { args: [files: LentPack, top: string]; result: Blob };
  /** writeZip, with what an upload sends beside it: the zip's SHA-256 and the content digest. */
  writeUploadZip: {
    args: [files: LentPack, top: string];
    result: { zip: Blob; sha256: string; digest: string };
  };
  digest: {
    args: [files: LentPack];
    result: { digest: string; files: FileDigest[] };
  };
  /** What a compare page needs of a pack no server described: chart-detail.ts describeCharts. */
  compareDetail: {
    args: [files: LentPack];
    result: { digest: string; files: FileDigest[]; charts: PackChart[] };
  };
  readChart: {
    args: [bytes: Uint8Array, name: string];
    result: Result<ChartInfo, ChartError>;
  };
  readChartArchive: {
    args: [bytes: Uint8Array, name: string];
    result: Result<ChartArchive, ChartError>;
  };
  /** src/pack/chart.ts readChartYaml: Chart.yaml only, from the whole archive or its first part. */
  readChartYaml: {
    args: [bytes: Uint8Array, name: string];
    result: Result<ChartMeta, ChartError>;
  };
  /** validate on files the worker holds; the same ids and options answer the previous report. */
  validateRefs: {
    args: [pack: PackRefs, opts?: ValidateOptions];
    result: PackReport;
  };
  /** digest on files the worker holds: each file is hashed once per id. */
  digestRefs: {
    args: [pack: PackRefs];
    result: { digest: string; files: FileDigest[] };
  };
  /** readChart on a file the worker holds: read once per id, answered from then on. */
  readHeldChart: {
    args: [id: string, name: string];
    result: Result<ChartInfo, ChartError>;
  };
  /** readChartYaml on a file the worker holds (an imported pack's chart: nothing is sent). */
  readHeldChartYaml: {
    args: [id: string, name: string];
    result: Result<ChartMeta, ChartError>;
  };
  /** readChartArchive on a file the worker holds (its bytes are not sent again). */
  readHeldChartArchive: {
    args: [id: string, name: string];
    result: Result<ChartArchive, ChartError>;
  };
  /**
   * values-syntax.ts quickValuesSyntax of a text against the session's text of the last call
   * (which it then becomes): the whole text, or the edit of the session's text that makes it.
   */
  quickValues: {
    args: [session: string, text: string | TextEdit];
    result: QuickSyntax;
  };
  /** The session is over: the files only it held are dropped, and its last quick text. */
  release: { args: [session: string]; result: null };
}

export type PackMethod = keyof PackWorkerMethods;

/** page → worker. `id` pairs the answer with its call. */
export type PackRequest = {
  [M in PackMethod]: {
    id: number;
    method: M;
    args: PackWorkerMethods[M]["args"];
  };
}[PackMethod];

/** worker → page: progress (any number), then exactly one result or error. */
export type PackResponse =
  | { id: number; type: "progress"; percent: number }
  | { id: number; type: "result"; value: unknown }
  | { id: number; type: "error"; error: { name: string; message: string } };
