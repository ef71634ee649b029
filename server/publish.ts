import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import type { ArchiveError } from "../src/pack/archive-error";
import { readPackArchive } from "../src/pack/read-archive";
import { summaryOf, type PackSummary } from "../src/pack/registry-types";
import { sniff } from "../src/pack/sniff";
import { checkIdentity } from "../src/pack/validate";
import type { ServerConfig } from "./config";
import { Limiter } from "./limiter";
import { describePack } from "./prepare";
import type { PackStore } from "./store/store";
import { receiveBody } from "./upload";

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
    }
  | { ok: false; error: PublishFailure };

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
  const tmpDir = join(config.dataDir, ".tmp");
  const fail = (
    status: number,
    code: string,
    message: string,
    extra: Omit<PublishFailure, "status" | "code" | "message"> = {},
  ): PublishResult => ({
    ok: false,
    error: { status, code, message, ...extra },
  });

  async function publish(r: PublishRequest): Promise<PublishResult> {
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
        return fail(
          409,
          "VERSION_EXISTS",
          `${name} ${version} already exists with other content; publish a new version or force`,
          { details: { digest: existing.digest }, close: true },
        );
      }
    }
    const received = await receiveBody(r.body, tmpDir, config.maxUploadBytes);
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
      const sent = r.contentSha256;
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
        return await check(r, await readFile(received.value.path));
      } finally {
        release();
      }
    } finally {
      await received.value.discard();
    }
  }

  /** Check the received bytes and store them. */
  async function check(r: PublishRequest, buf: Buffer): Promise<PublishResult> {
    const { name, version, force } = r;
    const bytes = new Uint8Array(buf);
    const kind = sniff(bytes);
    if (kind !== "zip" && kind !== "gzip")
      return fail(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        `the body is ${kind === "empty" ? "empty" : `not a zip (it looks like ${kind})`}; upload the pack as a .zip`,
      );
    const archive = readPackArchive(bytes, { name: `${name}-${version}` });
    if (!archive.ok)
      return fail(422, "INVALID_PACK", archive.error.message, {
        details: { findings: [archiveFinding(archive.error)] },
      });
    const { detail, errors } = await describePack(archive.value.files, {
      uploadedBy: r.user,
      createdAt: new Date().toISOString(),
    });
    const identity = checkIdentity(detail, { name, version });
    if (errors.length || identity.length)
      return fail(
        422,
        "INVALID_PACK",
        `${name} ${version} has ${errors.length + identity.length} error(s): ${[...identity, ...errors][0]!.message}`,
        { details: { findings: [...identity, ...detail.findings] } },
      );
    const put = await store.put(
      { detail, files: archive.value.files },
      { force },
    );
    if (put.status === "conflict")
      return fail(
        409,
        "VERSION_EXISTS",
        `${name} ${version} already exists with other content; publish a new version or force`,
        { details: { digest: put.existingDigest, uploaded: detail.digest } },
      );
    return {
      ok: true,
      status: put.status === "identical" ? 200 : 201,
      value: { summary: summaryOf(put.detail), digest: put.detail.digest },
    };
  }

  return { publish };
}

function archiveFinding(e: ArchiveError): {
  code: string;
  severity: "error";
  message: string;
  file?: string;
} {
  return {
    code: `ARCHIVE_${e.kind.toUpperCase().replace(/-/g, "_")}`,
    severity: "error",
    message: e.message,
    ...(e.entry ? { file: e.entry } : {}),
  };
}
