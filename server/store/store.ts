import type { PackFiles } from "../../src/pack/pack-files";
import type { PackDetail, PackSummary } from "../../src/pack/registry-types";

export type { PackDetail, PackSummary } from "../../src/pack/registry-types";

/** A pack that passed validation and is ready to store. */
export interface PreparedPack {
  detail: PackDetail;
  files: PackFiles;
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
      | "REGISTRY_ERROR",
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/**
 * A storage driver. Every method is safe to call concurrently; `put` decides create / identical /
 * conflict atomically (exactly one of many concurrent creators wins).
 */
export interface PackStore {
  readonly kind: "fs" | "oci";
  /** Every stored version, any order. */
  list(): Promise<PackSummary[]>;
  get(name: string, version: string): Promise<PackDetail | null>;
  /** The stored files of a version. */
  files(name: string, version: string): Promise<PackFiles | null>;
  /**
   * The stored canonical zip with the detail read from the same place, when the driver keeps one
   * (the filesystem store does); the server otherwise writes it from `files`.
   */
  zip?(
    name: string,
    version: string,
  ): Promise<{ detail: PackDetail; bytes: Uint8Array } | null>;
  put(pack: PreparedPack, opts: { force: boolean }): Promise<PutResult>;
  delete(name: string, version: string): Promise<boolean>;
  /** Remove temporary files left by crashed uploads (start-up and hourly). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}
