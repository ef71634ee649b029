import { existsSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  signIn,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

/* Issue 10 item 4: requests the server refuses or ends at its edge, leaving nothing behind, and HEAD
   wherever GET works. All against the real process. */

let srv: RunningServer;
const api = (path: string): string => `${srv.url}/api/v1${path}`;

/** The server process's open descriptors. */
const fdCount = (): number => readdirSync(`/proc/${srv.proc.pid}/fd`).length;
/** Upload temp files in the data folder. */
const tempFiles = (): string[] => {
  const dir = join(srv.dataDir, ".tmp");
  return existsSync(dir) ? readdirSync(dir) : [];
};

beforeAll(async () => {
  // A short request timeout, so a stalled body is ended within the test (and a refused body's
  // linger is as short); a 1 MiB cap, so a body over it is quick to send.
  srv = await startServer({
    env: { PACKSMITH_REQUEST_TIMEOUT: "2", PACKSMITH_MAX_UPLOAD_MIB: "1" },
  });
  const put = await fetch(api("/packs/hellouniverse/1.0.0"), {
    method: "PUT",
    headers: writeHeaders(basic(ADMIN)),
    body: new Uint8Array(await tutorialZip()),
  });
  expect(put.status).toBe(201);
});
afterAll(async () => {
  await srv.stop();
  srv.cleanup();
});

const stubbornSockets: Socket[] = [];
afterAll(() => stubbornSockets.forEach((s) => s.destroy()));

/**
 * One raw HTTP exchange: what the server sent before the connection closed. `stubborn`: the client
 * never closes its side, so only the server can end the exchange.
 */
function rawExchange(
  head: string,
  body = "",
  stubborn = false,
): Promise<string> {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const socket = connect(
      { port: Number(port), host: hostname, allowHalfOpen: stubborn },
      () => socket.write(head + body),
    );
    let got = "";
    socket.on("data", (d: Buffer) => (got += d.toString("latin1")));
    // The server's side ending is the answer's end; a stubborn client keeps its own side open.
    socket.on(stubborn ? "end" : "close", () => {
      resolve(got);
      if (stubborn) stubbornSockets.push(socket);
    });
    socket.on("error", reject);
  });
}

describe("PUT with a Content-Type that is not a pack", () => {
  it("20 × application/json → 415 before the body is read; no descriptor and no temp file left", async () => {
    expect((await fetch(api("/health"))).status).toBe(200);
    const before = fdCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(api(`/packs/hellouniverse/2.0.${i}`), {
          method: "PUT",
          headers: writeHeaders(basic(ADMIN), {
            "content-type": "application/json",
          }),
          body: JSON.stringify({ not: "a pack", i }),
        }),
      ),
    );
    const bodies = await Promise.all(
      answers.map(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error: { code: string; message: string } },
      })),
    );
    for (const b of bodies) {
      expect(b.status).toBe(415);
      expect(b.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(b.body.error.message).toContain("application/json");
    }
    await expect.poll(fdCount, { timeout: 10_000 }).toBeLessThanOrEqual(before);
    expect(tempFiles()).toEqual([]);
    // Nothing was stored under any of those versions.
    const versions = (await (
      await fetch(api("/packs/hellouniverse"))
    ).json()) as { versions: { version: string }[] };
    expect(versions.versions.map((v) => v.version)).toEqual(["1.0.0"]);
  });

  it("the pack types and no Content-Type at all are read (then sniffed)", async () => {
    for (const type of [
      "application/zip",
      "application/x-zip-compressed",
      "application/octet-stream",
      "application/gzip; charset=binary",
      undefined,
    ]) {
      const headers = writeHeaders(basic(ADMIN));
      if (type === undefined) delete headers["content-type"];
      else headers["content-type"] = type;
      const r = await fetch(api("/packs/hellouniverse/1.0.0"), {
        method: "PUT",
        headers,
        body: new Uint8Array(await tutorialZip()),
      });
      expect([type, r.status]).toEqual([type, 200]);
    }
  });
});

describe("bodies received, checked, then stored or refused", () => {
  it("leave no descriptor and no temp file behind (the received file is flushed while it is checked)", async () => {
    expect((await fetch(api("/health"))).status).toBe(200);
    const before = fdCount();
    for (let i = 0; i < 5; i++) {
      // Stored: the upload itself becomes the stored file (the core writes the canonical zip).
      const stored = await fetch(api("/packs/hellouniverse/1.0.0?force=true"), {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(await tutorialZip(`flushed ${i}`)),
      });
      expect(stored.status).toBe(201);
      // Refused after the body was read: its pack.json says 1.0.0, not 3.0.<i>.
      const refused = await fetch(api(`/packs/hellouniverse/3.0.${i}`), {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(await tutorialZip(`refused ${i}`)),
      });
      expect(refused.status).toBe(422);
    }
    await expect.poll(fdCount, { timeout: 10_000 }).toBeLessThanOrEqual(before);
    expect(tempFiles()).toEqual([]);
    const readme = await fetch(
      api("/packs/hellouniverse/1.0.0/files/README.md"),
    );
    expect(await readme.text()).toContain("variant flushed 4");
  });
});

/**
 * A client that goes on sending its body after the server refused it: `more` bytes (in 64 KiB
 * chunks) once the server's side has ended, never past its Content-Length, then its own end;
 * unless `forever`. What it read before its socket closed, and the write error it met (a reset).
 */
function refusedWhileSending(
  head: string,
  opts: { more: number; forever?: boolean },
): Promise<{ answer: string; writeError?: string }> {
  const { hostname, port } = new URL(srv.url);
  const chunk = Buffer.alloc(64 * 1024, 1);
  const declared = /content-length: (\d+)/i.exec(head)?.[1];
  const limit = declared === undefined ? Infinity : Number(declared);
  let sent = 0;
  const frame = (b: Buffer): Buffer =>
    head.includes("chunked")
      ? Buffer.concat([
          Buffer.from(`${b.length.toString(16)}\r\n`),
          b,
          Buffer.from("\r\n"),
        ])
      : b;
  return new Promise((resolve) => {
    const socket = connect({
      port: Number(port),
      host: hostname,
      allowHalfOpen: true,
    });
    let answer = "";
    let writeError: string | undefined;
    let serverEnded = false;
    let sentAfterEnd = 0;
    socket.on("data", (d: Buffer) => (answer += d.toString("latin1")));
    socket.on("error", (e: NodeJS.ErrnoException) => (writeError = e.code));
    socket.on("close", () => resolve({ answer, writeError }));
    socket.on("end", () => (serverEnded = true));
    const pump = (): void => {
      while (!socket.destroyed) {
        const done = serverEnded && !opts.forever && sentAfterEnd >= opts.more;
        if (done || sent + chunk.length > limit) {
          if (head.includes("chunked")) socket.write("0\r\n\r\n");
          socket.end();
          return;
        }
        if (serverEnded) sentAfterEnd += chunk.length;
        sent += chunk.length;
        if (!socket.write(frame(chunk))) return void socket.once("drain", pump);
        // Past the answer, a client that never stops trickles (a chunk per 10 ms), so the test
        // does not spend its seconds of linger parsing gigabytes.
        if (serverEnded && opts.forever) return void setTimeout(pump, 10);
      }
    };
    socket.write(head, pump);
  });
}

describe("a refused body the client is still sending", () => {
  // A session token: no bcrypt check, so the body is refused well within the 2 s request timeout.
  let token = "";
  beforeAll(async () => {
    token = await signIn(srv.url);
  });
  const start = (type: string, length: string): string =>
    `PUT /api/v1/packs/hellouniverse/4.0.0 HTTP/1.1\r\nHost: localhost\r\n` +
    `Authorization: Bearer ${token}\r\nX-Packsmith-Client: test\r\n` +
    `Content-Type: ${type}\r\n${length}\r\n`;

  // Closing at once would reset the connection under a client still writing, which may then never
  // read the refusal (a browser shows "connection reset"): the server reads and drops the rest.
  it.each([
    [
      "over the cap (chunked) → 413",
      "application/zip",
      "Transfer-Encoding: chunked\r\n",
      "413",
      "TOO_LARGE",
    ],
    [
      "not a pack type, 64 MiB declared → 415",
      "application/json",
      `Content-Length: ${64 * 1024 * 1024}\r\n`,
      "415",
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "headers over 16 KiB, 64 MiB declared → 431",
      "application/zip",
      `X-Big: ${"a".repeat(20 * 1024)}\r\nContent-Length: ${64 * 1024 * 1024}\r\n`,
      "431",
      "HEADERS_TOO_LARGE",
    ],
  ])(
    "%s: the client reads the answer and finishes sending after the server's side ended, without a reset",
    async (_name, type, length, status, code) => {
      const r = await refusedWhileSending(start(type, length), {
        more: 2 * 1024 * 1024,
      });
      expect(r.answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(r.answer.toLowerCase()).toContain("connection: close");
      expect(r.answer).toContain(`"code":"${code}"`);
      expect(r.writeError).toBeUndefined();
      expect(tempFiles()).toEqual([]);
    },
  );

  it("a client that never stops sending is cut off once the linger runs out", async () => {
    const r = await refusedWhileSending(
      start("application/zip", "Transfer-Encoding: chunked\r\n"),
      { more: 0, forever: true },
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.answer).toContain('"code":"TOO_LARGE"');
    expect(tempFiles()).toEqual([]);
  });
});

describe("a stalled body", () => {
  it("is answered 408 and closed when the request timeout runs out; its temp file is removed", async () => {
    const { host } = new URL(srv.url);
    const half = Buffer.alloc(32 * 1024, 7).toString("latin1");
    const head =
      `PUT /api/v1/packs/hellouniverse/3.0.0 HTTP/1.1\r\nHost: ${host}\r\n` +
      `Authorization: ${basic(ADMIN)}\r\nX-Packsmith-Client: test\r\n` +
      `Content-Type: application/zip\r\nContent-Length: ${2 * half.length}\r\n\r\n`;
    const exchange = rawExchange(head, half, true);
    // The body is being received: its temp file exists while the client stalls.
    await expect.poll(() => tempFiles().length, { timeout: 10_000 }).toBe(1);
    const answer = await exchange;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    await expect.poll(tempFiles, { timeout: 10_000 }).toEqual([]);
    expect((await fetch(api("/packs/hellouniverse/3.0.0"))).status).toBe(404);
  });
});

describe("a body cut short", () => {
  it("5 × the client half-closes right after too short a body → 400 SIZE_INVALID each; no descriptor, no temp file, and the next upload is checked as usual", async () => {
    const token = await signIn(srv.url);
    const { host } = new URL(srv.url);
    expect((await fetch(api("/health"))).status).toBe(200);
    const before = fdCount();
    // The body ends while the request is still being authenticated: the parser's refusal comes
    // before the upload listens to the body (a review found each such request left its temp file
    // open for good).
    const { port, hostname } = new URL(srv.url);
    const cutShort = (i: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect({ port: Number(port), host: hostname }, () =>
          socket.end(
            `PUT /api/v1/packs/hellouniverse/9.0.${i} HTTP/1.1\r\nHost: ${host}\r\n` +
              `Authorization: Bearer ${token}\r\nX-Packsmith-Client: test\r\n` +
              `Content-Type: application/zip\r\nContent-Length: 1000\r\n\r\nPK\x03\x04short`,
          ),
        );
        let got = "";
        socket.on("data", (d: Buffer) => (got += d.toString("latin1")));
        socket.on("close", () => resolve(got));
        socket.on("error", reject);
      });
    const answers = await Promise.all([0, 1, 2, 3, 4].map(cutShort));
    for (const a of answers) {
      expect(a).toMatch(/^HTTP\/1\.1 400 /);
      expect(a).toContain('"code":"SIZE_INVALID"');
    }
    await expect.poll(tempFiles, { timeout: 10_000 }).toEqual([]);
    await expect.poll(fdCount, { timeout: 10_000 }).toBeLessThanOrEqual(before);
    const put = await fetch(api("/packs/hellouniverse/1.0.0?force=true"), {
      method: "PUT",
      headers: writeHeaders(`Bearer ${token}`),
      body: new Uint8Array(await tutorialZip("after the cut bodies")),
    });
    expect(put.status).toBe(201);
  });
});

describe("requests refused before any route", () => {
  it("a path that is not valid percent-encoding → 400 URL_INVALID in the API's format, with its headers, the path not echoed", async () => {
    const r = await fetch(api("/packs/%ZZ<script>"));
    expect(r.status).toBe(400);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toMatch(/default-src/);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "URL_INVALID",
        message: expect.stringMatching(/percent-encoding/) as string,
      },
    });
    expect(text).not.toContain("script");
  });

  it("a method a path of the API does not take → 405 with Allow naming those it takes; an unknown path → 404", async () => {
    for (const [method, path, allow] of [
      ["DELETE", "/packs/hellouniverse", "GET, HEAD"],
      ["POST", "/packs/hellouniverse/1.0.0", "DELETE, GET, HEAD, PUT"],
      ["PATCH", "/packs/hellouniverse/1.0.0/files/a/b.yaml", "GET, HEAD"],
      ["GET", "/session", "DELETE, POST"],
    ] as const) {
      const r = await fetch(api(path), {
        method,
        headers: { "x-packsmith-client": "t" },
      });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
        "METHOD_NOT_ALLOWED",
      );
    }
    expect((await fetch(api("/nothing-here"))).status).toBe(404);
  });

  it("a sign-in body that is empty or not JSON → 400 BODY_INVALID; a __proto__ key is dropped, not the body", async () => {
    const post = (body: string) =>
      fetch(api("/session"), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-packsmith-client": "t",
        },
        body,
      });
    for (const [body, says] of [
      ["", /empty/],
      ["{bad", /not valid JSON/],
    ] as const) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      const e = (
        (await r.json()) as { error: { code: string; message: string } }
      ).error;
      expect(e.code).toBe("BODY_INVALID");
      expect(e.message).toMatch(says);
    }
    const poisoned = await post(
      JSON.stringify({ ...ADMIN }).replace("{", '{"__proto__":{"admin":true},'),
    );
    expect(poisoned.status).toBe(200);
  });
});

describe("headers over the limit", () => {
  it("a 20 KiB header → 431 in the API's error shape", async () => {
    const { host } = new URL(srv.url);
    const answer = await rawExchange(
      `GET /api/v1/packs HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20 * 1024)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as {
      error: { code: string; message: string };
    };
    expect(body.error.code).toBe("HEADERS_TOO_LARGE");
    expect(body.error.message).toContain("KiB");
    // The server answers the next request as usual.
    expect((await fetch(api("/health"))).status).toBe(200);
  });
});

describe("HEAD wherever GET works", () => {
  /** Status, headers and the number of body bytes of one request (node:http: HEAD is sent as is). */
  function exchange(
    method: "GET" | "HEAD",
    path: string,
  ): Promise<{ status: number; type?: string; length?: string; body: number }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(api(path), { method }, (res) => {
        let body = 0;
        res.on("data", (d: Buffer) => (body += d.length));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"],
            length: res.headers["content-length"],
            body,
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  it.each([
    "/packs",
    "/packs/hellouniverse",
    "/packs/hellouniverse/1.0.0",
    "/packs/hellouniverse/1.0.0/archive",
    "/packs/hellouniverse/1.0.0/archive?format=tar.gz",
    "/packs/hellouniverse/1.0.0/logo",
    "/packs/hellouniverse/1.0.0/files/pack.json",
    "/packs/hellouniverse/1.0.0/files/logo.png",
    "/health",
  ])("HEAD %s → 200 with the GET's type and length, no body", async (path) => {
    const get = await exchange("GET", path);
    const head = await exchange("HEAD", path);
    expect(get.status).toBe(200);
    expect(get.body).toBeGreaterThan(0);
    expect(head).toEqual({
      status: 200,
      type: get.type,
      length: String(get.body),
      body: 0,
    });
  });
});

describe("zip downloads streamed from the stored file", () => {
  const ARCHIVE = "/packs/hellouniverse/1.0.0/archive";

  it("whole and byte for byte; HEAD, 304 and downloads cut off mid-way leave no descriptor open", async () => {
    const whole = await fetch(api(ARCHIVE));
    const zip = new Uint8Array(await whole.arrayBuffer());
    expect(whole.headers.get("content-length")).toBe(String(zip.length));
    const etag = whole.headers.get("etag")!;
    const before = fdCount();
    for (let i = 0; i < 20; i++) {
      expect((await fetch(api(ARCHIVE), { method: "HEAD" })).status).toBe(200);
      const same = await fetch(api(ARCHIVE), {
        headers: { "if-none-match": etag },
      });
      expect(same.status).toBe(304);
    }
    // Clients that read the first chunk and drop the connection.
    for (let i = 0; i < 10; i++) {
      const ctl = new AbortController();
      const r = await fetch(api(ARCHIVE), { signal: ctl.signal });
      expect(r.status).toBe(200);
      await r.body!.getReader().read();
      ctl.abort();
    }
    await expect.poll(fdCount, { timeout: 10_000 }).toBeLessThanOrEqual(before);
    const again = new Uint8Array(
      await (await fetch(api(ARCHIVE))).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(zip))).toBe(true);
  });
});
