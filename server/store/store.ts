import type { PackFiles } from "../../src/pack/pack-files";
import type { WriteRefusal } from "../../src/pack/write-refusal";
import type { PackDetail, PackSummary } from "../../src/pack/registry-types";

export type { PackDetail, PackSummary } from "../../src/pack/registry-types";

/** A pack that passed validation and is ready to store. */
export interface PreparedPack {
  detail: PackDetail;
  files: PackFiles;
  /** The version's tar.gz, built in the worker pool by the upload check (a driver that pushes one uses it). */
  tarGz?: BuiltTarGz;
}

/** A version's tar.gz in one buffer of its own (so a pool thread can move it) and its SHA-256 (hex). */
export interface BuiltTarGz {
  bytes: Uint8Array;
  sha256: string;
}

/**
 * A version whose stored file the upload check already wrote (and fsynced) in the worker pool, in
 * the driver's `storedFileDir`: the driver moves it into place; the caller removes what is left.
 */
export interface PreparedFile {
  detail: PackDetail;
  path: string;
}

/** A version's tar.gz as a file on this server's disk (a cache, built once). */
export interface TarGzFile {
  detail: PackDetail;
  path: string;
  size: number;
  /** True for the one call that built it (however many asked at once); the server logs it. */
  built?: boolean;
}

export type PutResult =
  | { status: "created" | "replaced" | "identical"; detail: PackDetail }
  | { status: "conflict"; existingDigest: string };

/** Raised by a driver for conditions the API maps to a status code. */
export class StoreError extends Error {
  constructor(
    readonly code:
      | "STORAGE_FULL"
      | "IMMUTABLE_TAG"
      | "REPOSITORY_MISSING"
      | "REGISTRY_AUTH"
      | "REGISTRY_UNAVAILABLE"
      | "REGISTRY_ERROR"
      | "ARCHIVE_REFUSED",
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/**
 * A version's `archive` (its zip or tar.gz, written from its files when asked) that every reader
 * would refuse, which the writer found: 422 `ARCHIVE_REFUSED`, saying which file and limit. The
 * upload refused what the store writes then; the other archive is written later, from files that
 * passed as the first (a tar.gz is held to the ratio as one stream, a zip file by file).
 */
export const archiveRefused = (
  archive: string,
  refusal: WriteRefusal,
): StoreError =>
  new StoreError(
    "ARCHIVE_REFUSED",
    `${archive} would be refused when read: ${refusal.message}`,
  );

/**
 * A stored version's canonical zip, open: streamed from the file as it was when looked up (a forced
 * replace renames a new file in; this one stays readable), never read whole into memory. Call
 * `stream` or `close`, once.
 */
export interface StoredZip {
  detail: PackDetail;
  /** The zip's size in bytes. */
  size: number;
  stream(): NodeJS.ReadableStream;
  close(): Promise<void>;
}

/**
 * A storage driver. Every method is safe to call concurrently; `put` decides create / identical /
 * conflict atomically (exactly one of many concurrent creators wins).
 */
export interface PackStore {
  readonly kind: "fs" | "oci";
  /**
   * Every stored version, any order. With `name`, that pack's versions: a driver may then read
   * that pack alone (the OCI store lists one repository's tags) or answer more, which the caller
   * filters.
   */
  list(name?: string): Promise<PackSummary[]>;
  get(name: string, version: string): Promise<PackDetail | null>;
  /** The stored files of a version. */
  files(name: string, version: string): Promise<PackFiles | null>;
  /**
   * The stored canonical zip with the detail read from the same place, when the driver keeps one
   * (the filesystem store does); the server otherwise writes it from `files`.
   */
  zip?(name: string, version: string): Promise<StoredZip | null>;
  put(pack: PreparedPack, opts: { force: boolean }): Promise<PutResult>;
  /** For drivers that keep one file per version: where the upload check writes it (see PreparedFile). */
  readonly storedFileDir?: string;
  putFile?(pack: PreparedFile, opts: { force: boolean }): Promise<PutResult>;
  /**
   * The version's tar.gz, built once (in the worker pool) and kept on disk, or null when the
   * version does not exist.
   */
  tarGz?(name: string, version: string): Promise<TarGzFile | null>;
  delete(name: string, version: string): Promise<boolean>;
  /** Remove temporary files left by crashed uploads (start-up and hourly). */
  sweep(): Promise<void>;
  /**
   * Whether the storage can be used now (`GET /health/ready`); never throws. The cause may name
   * internal paths and addresses: the API shows it to signed-in callers only.
   */
  ready(): Promise<Readiness>;
  close(): Promise<void>;
}

/** The answer of `PackStore.ready`. */
export type Readiness = { ok: true } | { ok: false; cause: string };
