import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

/* Issue 10 item 9: the built app on the wire. The production build (vite build into a temp folder)
   served by the real server: brotli or gzip copies made at build time, chosen by Accept-Encoding;
   hashed /assets/* cached for a year, the app shell revalidated. */

const ROOT = new URL("../../", import.meta.url).pathname;
let dist: string;
let srv: RunningServer;
let asset: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "packsmith-dist-"));
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "--outDir",
      dist,
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    { cwd: ROOT, stdio: "ignore" },
  );
  srv = await startServer({ env: { PACKSMITH_STATIC: dist } });
  const html = readFileSync(join(dist, "index.html"), "utf8");
  asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "";
  expect(asset).not.toBe("");
}, 300_000);
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
  rmSync(dist, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent, still encoded. */
  raw: Buffer;
}

/** One GET as a browser sends it, the body kept as it came over the wire. */
function get(path: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${srv.url}${path}`,
      { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const decode: Record<string, (b: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

describe.each([
  ["br", "br"],
  ["gzip, deflate, br, zstd", "br"],
  ["gzip", "gzip"],
  ["identity", undefined],
  [undefined, undefined],
])("Accept-Encoding: %s", (accept, expected) => {
  const cases = (): [string, string, string][] => [
    ["/", "index.html", "no-cache"],
    ["/packs/hello-universe/1.0.0", "index.html", "no-cache"],
    [asset, asset, "public, max-age=31536000, immutable"],
  ];

  it(`the app shell, its client routes and a hashed asset are sent ${expected ?? "unencoded"}, with Vary and their cache rule`, async () => {
    for (const [path, file, cache] of cases()) {
      const a = await get(path, accept);
      const original = readFileSync(join(dist, file));
      expect([path, a.status]).toEqual([path, 200]);
      expect([path, a.headers["content-encoding"]]).toEqual([path, expected]);
      expect(a.headers.vary).toMatch(/accept-encoding/i);
      expect([path, a.headers["cache-control"]]).toEqual([path, cache]);
      expect(a.headers["content-length"]).toBe(String(a.raw.length));
      // What came over the wire is the file itself once decoded, and smaller when encoded.
      const body = expected ? decode[expected]!(a.raw) : a.raw;
      expect(body.equals(original)).toBe(true);
      if (expected) expect(a.raw.length).toBeLessThan(original.length);
    }
  });
});

it("a 304 for a hashed asset keeps its cache rule", async () => {
  const first = await get(asset, "br");
  const etag = String(first.headers.etag);
  const again = await new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      `${srv.url}${asset}`,
      { headers: { "accept-encoding": "br", "if-none-match": etag } },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw: Buffer.alloc(0),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
  expect(again.status).toBe(304);
  expect(again.headers["cache-control"]).toBe(
    "public, max-age=31536000, immutable",
  );
});
