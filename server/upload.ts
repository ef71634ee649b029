import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";

export type UploadFailure =
  | { code: "TOO_LARGE"; message: string }
  | { code: "SIZE_INVALID"; message: string }
  | { code: "ABORTED"; message: string }
  | { code: "STORAGE_FULL"; message: string };

export interface Received {
  path: string;
  size: number;
  /** The body's SHA-256 (hex), when asked for. */
  sha256?: string;
  /** Remove the temp file (always call, in a finally). */
  discard: () => Promise<void>;
}

const ABORTED: UploadFailure = {
  code: "ABORTED",
  message: "the upload was aborted",
};

/** How much of a body may wait for the disk before the socket is paused. */
const RECEIVE_BUFFER_BYTES = 1024 * 1024;

/**
 * Stream a request body to a temp file in `tmpDir` (on the same disk as the store), enforcing the
 * cap while reading, and hashing it as it goes when `sha256` is asked for (the client sent the
 * digest to compare: hashing costs the receiving thread ~0.7 ms per MB). The temp file is removed
 * on every failure.
 */
export async function receiveBody(
  req: IncomingMessage,
  tmpDir: string,
  maxBytes: number,
  opts: { sha256: boolean },
): Promise<
  { ok: true; value: Received } | { ok: false; error: UploadFailure }
> {
  // The request may be over before its body is listened to: the client ended the connection
  // while the request was authenticated (too short a body, answered 400 by the parser, then the
  // socket destroyed). Its events are gone, so nothing below would ever settle.
  // Checked after the last await: from here to the listeners below nothing yields.
  await mkdir(tmpDir, { recursive: true });
  if (req.destroyed) return { ok: false, error: ABORTED };
  const path = join(tmpDir, `upload-${randomBytes(12).toString("hex")}.tmp`);
  const discard = (): Promise<void> => rm(path, { force: true });
  const declared =
    req.headers["content-length"] === undefined
      ? undefined
      : Number(req.headers["content-length"]);
  const hash = opts.sha256 ? createHash("sha256") : null;
  const out = createWriteStream(path, {
    flags: "wx",
    mode: 0o600,
    // With the default 16 KiB, each 64 KiB chunk from the socket paused the body until its write
    // was done: a 48 MB body arrived in ~150 ms; with 1 MiB, writes queue while the socket keeps
    // flowing: ~65 ms (docs/api.md, "What an upload costs").
    highWaterMark: RECEIVE_BUFFER_BYTES,
  });
  let size = 0;
  const result = await new Promise<
    { ok: true } | { ok: false; error: UploadFailure }
  >((resolve) => {
    let settled = false;
    const finish = (
      r: { ok: true } | { ok: false; error: UploadFailure },
    ): void => {
      if (settled) return;
      settled = true;
      if (!r.ok) {
        req.unpipe(out);
        out.destroy();
      }
      resolve(r);
    };
    req.on("data", (chunk: Buffer) => {
      // After a refusal the rest of the body is dropped as it arrives (see linger.ts).
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        finish({
          ok: false,
          error: {
            code: "TOO_LARGE",
            message: `the pack is larger than ${maxBytes / 1024 / 1024} MiB, the limit of this server`,
          },
        });
        return;
      }
      hash?.update(chunk);
      if (!out.write(chunk)) {
        req.pause();
        out.once("drain", () => req.resume());
      }
    });
    req.on("aborted", () => finish({ ok: false, error: ABORTED }));
    // Closed before its body was whole, however that came about (an event missed while the file
    // was being opened included).
    req.on("close", () => {
      if (!req.complete) finish({ ok: false, error: ABORTED });
    });
    req.on("error", () =>
      finish(
        declared !== undefined && size < declared
          ? {
              ok: false,
              error: {
                code: "SIZE_INVALID",
                message: `the body is ${size} bytes, shorter than its Content-Length of ${declared}`,
              },
            }
          : { ok: false, error: ABORTED },
      ),
    );
    req.on("end", () => {
      if (declared !== undefined && size !== declared) {
        finish({
          ok: false,
          error: {
            code: "SIZE_INVALID",
            message: `the body is ${size} bytes, not the ${declared} its Content-Length declares`,
          },
        });
        return;
      }
      out.end(() => finish({ ok: true }));
    });
    out.on("error", (e: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        error:
          e.code === "ENOSPC"
            ? {
                code: "STORAGE_FULL",
                message: "the server has no space left to receive this pack",
              }
            : {
                code: "ABORTED",
                message: `the upload could not be written (${e.code ?? e.message})`,
              },
      }),
    );
  });
  if (!result.ok) {
    await discard();
    return result;
  }
  return {
    ok: true,
    value: {
      path,
      size,
      ...(hash ? { sha256: hash.digest("hex") } : {}),
      discard,
    },
  };
}

/**
 * Admission of upload checks by their size: checks run at once while their bodies add up to at
 * most `limit` bytes, so the memory the worker pool spends on checking (the archive, its expanded
 * files and charts: a few times the body) stays bounded however many uploads arrive; one check is
 * always admitted, whatever its size. First come, first served.
 */
export class ByteGate {
  private used = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /** Wait for room for `bytes`; call the returned function when the check is done. */
  async enter(bytes: number): Promise<() => void> {
    // Counted when admitted: here, or by admit() for one that waited.
    if (this.waiting.length === 0 && this.fits(bytes)) this.used += bytes;
    else await new Promise<void>((go) => this.waiting.push({ bytes, go }));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.used -= bytes;
      this.admit();
    };
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.limit;
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.go();
    }
  }
}
