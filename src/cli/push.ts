import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { contentDigest } from "../pack/digest";
import type { Finding } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import { writePackArchive } from "../pack/write-archive";
import type { WriteRefusal } from "../pack/write-refusal";

export interface PushOptions {
  registry: string;
  name: string;
  version: string;
  force: boolean;
  auth: { username: string; password: string } | { token: string } | null;
  clientVersion: string;
  /** Called as bytes go out (for the progress line). */
  onProgress?: (sent: number, total: number) => void;
}

export type PushOutcome =
  | { kind: "created" | "identical"; digest: string; status: number }
  /** Not sent: the registry, like every reader, would refuse the zip (a compression bomb, say). */
  | { kind: "not-written"; refusal: WriteRefusal }
  | { kind: "conflict"; stored: string; local: string }
  | {
      kind: "rejected";
      status: number;
      code: string;
      message: string;
      findings: Finding[];
    };

/**
 * Upload a pack through the registry API (registry-api.md PUT): the canonical zip, with its
 * SHA-256 (`X-Content-SHA256`) and content digest (`X-Pack-Digest`, so an existing version is
 * recognised before the body is sent). A zip the registry would refuse is never sent.
 */
export async function pushPack(
  files: PackFiles,
  o: PushOptions,
): Promise<PushOutcome> {
  const written = await writePackArchive(
    files,
    `${o.name}-${o.version}`,
    "zip",
  );
  if (!written.ok) return { kind: "not-written", refusal: written.error };
  const zip = written.value;
  const digest = await contentDigest(files);
  const url = new URL(
    `/api/v1/packs/${encodeURIComponent(o.name)}/${encodeURIComponent(o.version)}${o.force ? "?force=true" : ""}`,
    o.registry,
  );
  const headers: Record<string, string> = {
    "content-type": "application/zip",
    "content-length": String(zip.length),
    "x-content-sha256": createHash("sha256").update(zip).digest("hex"),
    "x-pack-digest": digest,
    "x-packsmith-client": `packsmith-cli/${o.clientVersion}`,
    "user-agent": `packsmith-cli/${o.clientVersion}`,
  };
  if (o.auth && "token" in o.auth)
    headers.authorization = `Bearer ${o.auth.token}`;
  else if (o.auth)
    headers.authorization = `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString("base64")}`;
  const { status, body } = await send(url, headers, zip, o.onProgress);
  let parsed: {
    digest?: string;
    error?: {
      code?: string;
      message?: string;
      details?: { digest?: string; findings?: Finding[] };
    };
  } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    parsed = {
      error: {
        code: "BAD_RESPONSE",
        message: `the registry answered ${status} with a body that is not JSON`,
      },
    };
  }
  if (status === 201 || status === 200)
    return {
      kind: status === 201 ? "created" : "identical",
      digest: parsed.digest ?? digest,
      status,
    };
  if (status === 409 && parsed.error?.code === "VERSION_EXISTS")
    return {
      kind: "conflict",
      stored: parsed.error.details?.digest ?? "?",
      local: digest,
    };
  return {
    kind: "rejected",
    status,
    code: parsed.error?.code ?? String(status),
    message: parsed.error?.message ?? `HTTP ${status}`,
    findings: parsed.error?.details?.findings ?? [],
  };
}

function send(
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array,
  onProgress?: (sent: number, total: number) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      { method: "PUT", headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text }),
        );
      },
    );
    req.on("error", (e) =>
      reject(new Error(`cannot reach ${url.origin}: ${e.message}`)),
    );
    const CHUNK = 256 * 1024;
    let at = 0;
    const pump = (): void => {
      while (at < body.length) {
        const end = Math.min(at + CHUNK, body.length);
        const more = req.write(body.subarray(at, end));
        at = end;
        onProgress?.(at, body.length);
        if (!more) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
