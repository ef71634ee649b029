/**
 * A small HTTP client for the server bench on node:http: the same code sends bodies to Packsmith
 * and to docker-registry, so neither side gets a faster client. Keep-alive for the many small
 * list requests; bodies are sent from memory with an exact Content-Length.
 */
import { createHash } from "node:crypto";
import http from "node:http";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function request(
  method: string,
  url: string,
  opts: {
    headers?: Record<string, string>;
    body?: Uint8Array;
    agent?: http.Agent;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body) headers["content-length"] = String(opts.body.byteLength);
    const req = http.request(
      {
        method,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers,
        agent: opts.agent ?? keepAlive,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** Throw with the answer's body when the status is not one of `ok`. */
export function expectStatus(a: Answer, ok: number[], what: string): Answer {
  if (!ok.includes(a.status))
    throw new Error(
      `${what}: HTTP ${a.status}: ${a.body.toString("utf8").slice(0, 600)}`,
    );
  return a;
}

export const sha256Digest = (b: Uint8Array): string =>
  `sha256:${createHash("sha256").update(b).digest("hex")}`;

/**
 * A raw blob upload to a Distribution registry, as ORAS does it (pack-format §G.7 steps 3–4):
 * `POST /v2/<repo>/blobs/uploads/` → 202 + Location, then `PUT <Location>&digest=…` with the body.
 */
export async function registryBlobUpload(
  registry: { url: string; username: string; password: string },
  repo: string,
  bytes: Uint8Array,
  digest: string,
): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString("base64")}`;
  const start = expectStatus(
    await request("POST", `${registry.url}/v2/${repo}/blobs/uploads/`, {
      headers: { authorization, "content-length": "0" },
    }),
    [202],
    "registry upload start",
  );
  const location = start.headers.location;
  if (!location) throw new Error("registry upload start: no Location");
  const target = new URL(location, `${registry.url}/`);
  target.searchParams.append("digest", digest);
  expectStatus(
    await request("PUT", target.href, {
      headers: { authorization, "content-type": "application/octet-stream" },
      body: bytes,
    }),
    [201],
    "registry blob PUT",
  );
}

/** Percentile (nearest rank) of already sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[i]!;
}

/** p50, p99 (nearest rank) and max of latencies in any order; NaN when there are none. */
export function spread(xs: readonly number[]): {
  p50: number;
  p99: number;
  max: number;
} {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}
