import { open, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { summaryOf, type PackSummary } from "../src/pack/registry-types";
import type { ServerConfig } from "./config";
import { Limiter } from "./limiter";
import type { PackStore, PutResult } from "./store/store";
import { ByteGate, receiveBody } from "./upload";
import { checkUploadInPool } from "./workers/pool";

/** A content digest as the contract writes it. */
const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

/** One pack PUT as the service sees it: the route's checked parameters, the headers it needs, the body. */
export interface PublishRequest {
  name: string;
  version: string;
  /** The signed-in user, recorded as `uploadedBy`. */
  user: string;
  force: boolean;
  /** `Content-Length` as sent, when sent. */
  declaredLength?: string;
  /** `X-Pack-Digest`: the content digest the client says it sends, decided before the body is read. */
  claimedDigest?: string;
  /** `X-Content-Sha256`: the body's SHA-256 the client says it sends. */
  contentSha256?: string;
  body: IncomingMessage;
}

/** A refusal in the API's error terms; `close` asks the route to end the connection. */
export interface PublishFailure {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  close?: boolean;
  retryAfter?: number;
}

export type PublishResult =
  | {
      ok: true;
      status: 200 | 201;
      value: { summary: PackSummary; digest: string };
      /** Where the time went, ms (the route logs it at debug level). */
      phases?: UploadPhases;
      /** Threads the check ran on: 2 with its helper (a lone upload), else 1. */
      threads?: 1 | 2;
      /** fs: whether the stored file is the upload as it came (else written anew). */
      kept?: boolean;
    }
  | { ok: false; error: PublishFailure };

/** An upload's phases in ms: body to disk, waiting for a check slot, check in the pool, store. */
export interface UploadPhases {
  receive: number;
  wait: number;
  check: number;
  store: number;
}

/** Publishes packs: receive the body, check it, store it; 409 for other content without force. */
export interface Publisher {
  publish(req: PublishRequest): Promise<PublishResult>;
}

export function createPublisher(deps: {
  config: ServerConfig;
  store: PackStore;
}): Publisher {
  const { config, store } = deps;
  const uploads = new Limiter(config.uploadConcurrency, config.uploadQueue);
  // Checks in the pool by size too: bodies of at most the upload cap at once (one 50 MiB pack, or
  // many small ones), so a burst of big uploads costs the memory of one check.
  const checking = new ByteGate(config.maxUploadBytes);
  const tmpDir = join(config.dataDir, ".tmp");
  /** Uploads between their first byte and their answer. */
  let inFlight = 0;
  const fail = (
    status: number,
    code: string,
    message: string,
    extra: Omit<PublishFailure, "status" | "code" | "message"> = {},
  ): PublishResult => ({
    ok: false,
    error: { status, code, message, ...extra },
  });

  const exists = (name: string, version: string): string =>
    `${name} ${version} already exists with other content; publish a new version${config.allowForce ? ", or add ?force=true to replace it" : ""}`;

  async function publish(r: PublishRequest): Promise<PublishResult> {
    inFlight++;
    try {
      return await publishOne(r);
    } finally {
      inFlight--;
    }
  }

  async function publishOne(r: PublishRequest): Promise<PublishResult> {
    const { name, version, force } = r;
    if (force && !config.allowForce)
      return fail(
        403,
        "FORCE_DISABLED",
        "this server does not allow overwriting a version; publish a new version",
      );
    if (
      r.declaredLength !== undefined &&
      Number(r.declaredLength) > config.maxUploadBytes
    )
      return fail(
        413,
        "TOO_LARGE",
        `the pack is ${r.declaredLength} bytes; this server accepts at most ${config.maxUploadBytes}`,
        { close: true },
      );
    if (r.claimedDigest !== undefined && !DIGEST_RE.test(r.claimedDigest))
      return fail(
        400,
        "DIGEST_INVALID",
        `the X-Pack-Digest header is ${JSON.stringify(r.claimedDigest.slice(0, 80))}; it must be the pack's content digest, sha256: and 64 lowercase hex digits`,
        { close: true },
      );
    // Decide before reading the body when the client says what it sends (X-Pack-Digest: content digest).
    if (r.claimedDigest !== undefined && !force) {
      const existing = await store.get(name, version);
      if (existing) {
        r.body.resume();
        if (existing.digest === r.claimedDigest)
          return {
            ok: true,
            status: 200,
            value: { summary: summaryOf(existing), digest: existing.digest },
          };
        return fail(409, "VERSION_EXISTS", exists(name, version), {
          details: { digest: existing.digest },
          close: true,
        });
      }
    }
    const t0 = performance.now();
    const sent = r.contentSha256;
    const received = await receiveBody(r.body, tmpDir, config.maxUploadBytes, {
      sha256: sent !== undefined,
    });
    const receiveMs = performance.now() - t0;
    if (!received.ok) {
      const e = received.error;
      const status = {
        TOO_LARGE: 413,
        SIZE_INVALID: 400,
        ABORTED: 400,
        STORAGE_FULL: 507,
      }[e.code];
      return fail(
        status,
        e.code === "ABORTED" ? "UPLOAD_ABORTED" : e.code,
        e.message,
        { close: true },
      );
    }
    try {
      if (
        sent !== undefined &&
        sent.replace(/^sha256:/, "").toLowerCase() !== received.value.sha256
      )
        return fail(
          400,
          "DIGEST_INVALID",
          `the body's SHA-256 is ${received.value.sha256}, not the ${sent} the request claims`,
        );
      const release = await uploads.acquire();
      if (!release)
        return fail(
          429,
          "BUSY",
          "too many uploads in progress; retry shortly",
          {
            retryAfter: 5,
          },
        );
      try {
        const leave = await checking.enter(received.value.size);
        try {
          return await check(r, received.value.path, {
            receive: receiveMs,
            wait: performance.now() - t0 - receiveMs,
          });
        } finally {
          leave();
        }
      } finally {
        release();
      }
    } finally {
      await received.value.discard();
    }
  }

  /**
   * Check the received file and store it. The checking (read, validate, digests, chart analysis)
   * and the writing of what the store keeps run in the worker pool: the fs store's file, written
   * from the upload's compressed entries; for the OCI store the files and the tar.gz, moved back.
   */
  async function check(
    r: PublishRequest,
    path: string,
    before: Pick<UploadPhases, "receive" | "wait">,
  ): Promise<PublishResult> {
    const { name, version, force } = r;
    const toFile = store.putFile && store.storedFileDir !== undefined;
    // A lone upload is checked on two threads. Under a burst every thread has work already: one
    // thread per check keeps a burst's memory that of one check per thread (8 uploads of 48 MB at
    // once: +410 MB over idle with helpers, +260 without).
    const helper = inFlight === 1;
    // The fs store keeps the upload itself as its stored file when it is the canonical zip (the
    // app's and the CLI's): its bytes start for the disk now, while the pool checks them, so the
    // check's fsync (after the detail is appended) has only that tail left to flush. Not before
    // the upload is let in: a body refused at the gates (429, a wrong X-Content-Sha256) is
    // removed before the kernel writes it back (it waits 30 s).
    if (toFile) flushAhead(path);
    const t0 = performance.now();
    const checked = await checkUploadInPool(
      {
        path,
        name,
        version,
        uploadedBy: r.user,
        createdAt: new Date().toISOString(),
        output: toFile
          ? { kind: "stored-file", tmpDir: store.storedFileDir! }
          : { kind: "files" },
      },
      { helper },
    );
    if (!checked.ok)
      return fail(checked.status, checked.code, checked.message, {
        ...(checked.findings
          ? { details: { findings: checked.findings } }
          : {}),
      });
    const { detail } = checked;
    if (r.claimedDigest !== undefined && r.claimedDigest !== detail.digest) {
      if (checked.storedFile !== undefined)
        await rm(checked.storedFile, { force: true });
      return fail(
        400,
        "DIGEST_INVALID",
        `the pack's content digest is ${detail.digest}, not the ${r.claimedDigest} its X-Pack-Digest header claims; nothing was stored`,
      );
    }
    const t1 = performance.now();
    let put: PutResult;
    if (checked.storedFile !== undefined)
      try {
        put = await store.putFile!(
          { detail, path: checked.storedFile },
          { force },
        );
      } finally {
        await rm(checked.storedFile, { force: true });
      }
    else
      put = await store.put(
        {
          detail,
          files: checked.files!,
          ...(checked.tarGz ? { tarGz: checked.tarGz } : {}),
        },
        { force },
      );
    if (put.status === "conflict")
      return fail(409, "VERSION_EXISTS", exists(name, version), {
        details: { digest: put.existingDigest, uploaded: detail.digest },
      });
    return {
      ok: true,
      status: put.status === "identical" ? 200 : 201,
      value: { summary: summaryOf(put.detail), digest: put.detail.digest },
      phases: {
        ...before,
        check: t1 - t0,
        store: performance.now() - t1,
      },
      threads: helper ? 2 : 1,
      ...(checked.kept !== undefined ? { kept: checked.kept } : {}),
    };
  }

  return { publish };
}

/**
 * Start writing a received file's data to disk (fdatasync in libuv's pool) without waiting for it.
 * Never fails: the check's own fsync of the stored file is what decides and reports.
 */
function flushAhead(path: string): void {
  void open(path, "r")
    .then((fh) => fh.datasync().finally(() => fh.close()))
    .catch(() => undefined);
}
