import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
} from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";

/** A real CNCF distribution 2.8 registry (Debian `docker-registry`) for one test file. */
export interface TestRegistry {
  /** `http://127.0.0.1:<port>` (or `https://` with `tls`), no trailing slash. */
  url: string;
  /** `127.0.0.1:<port>`. */
  host: string;
  /** Empty when started with `auth: false`. */
  username: string;
  password: string;
  /** The registry's access log so far (Apache combined format), when started with `accessLog`. */
  accessLog(): string;
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  /** htpasswd Basic auth with a generated user (default true). */
  auth?: boolean;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Keep the registry's own access log (one line per request) for `accessLog()`. */
  accessLog?: boolean;
}

export const REGISTRY_BIN =
  process.env.PACKSMITH_REGISTRY_BIN ?? "/usr/bin/docker-registry";

/**
 * The registry runs under a tiny `sh` watchdog whose stdin is a pipe from this process: when this
 * process ends in any way (even SIGKILL, which runs no handler) the pipe closes, `read` returns and
 * the watchdog kills the registry and removes its folder. `stop()` closes the pipe the same way and
 * waits.
 */
const WATCHDOG = `exec 3<&0
"$0" serve "$1" </dev/null &
r=$!
exec 2>/dev/null
trap '' PIPE HUP
( read _ <&3; kill $r ) &
w=$!
wait $r
s=$?
kill $w 2>/dev/null
rm -rf "$2"
exit $s`;

const live = new Set<{ child: ChildProcess; dir: string }>();
let exitHookInstalled = false;

/** Last resort for a test file that never called stop(): runs synchronously on normal exit. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const r of live) {
      killGroup(r.child, "SIGKILL");
      rmSync(r.dir, { recursive: true, force: true });
    }
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (
    child.pid === undefined ||
    child.exitCode !== null ||
    child.signalCode !== null
  )
    return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));

/**
 * Start `docker-registry serve` on 127.0.0.1 with a fresh temporary storage folder, deletes
 * enabled and (by default) htpasswd auth with a generated user and password. Resolves once `/v2/`
 * answers (401 with auth, 200 without).
 */
export async function startRegistry(
  opts: StartRegistryOptions = {},
): Promise<TestRegistry> {
  installExitHook();
  const auth = opts.auth ?? true;
  let lastError = "";
  // The free port can be taken between probing and binding: try a few ports.
  for (let attempt = 0; attempt < 4; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "packsmith-registry-"));
    const username = auth ? `user${randomBytes(3).toString("hex")}` : "";
    const password = auth ? randomBytes(12).toString("base64url") : "";
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const scheme = opts.tls ? "https" : "http";
    const url = `${scheme}://${host}`;
    const config = [
      "version: 0.1",
      "log:",
      "  level: error",
      "  accesslog:",
      `    disabled: ${opts.accessLog ? "false" : "true"}`,
      "storage:",
      "  filesystem:",
      `    rootdirectory: ${JSON.stringify(join(dir, "data"))}`,
      "  delete:",
      "    enabled: true",
      "  maintenance:",
      "    uploadpurging:",
      "      enabled: false",
      "http:",
      `  addr: ${host}`,
      `  secret: ${randomBytes(16).toString("hex")}`,
      ...(opts.tls
        ? [
            "  tls:",
            `    certificate: ${JSON.stringify(opts.tls.certFile)}`,
            `    key: ${JSON.stringify(opts.tls.keyFile)}`,
          ]
        : []),
      ...(auth
        ? [
            "auth:",
            "  htpasswd:",
            "    realm: packsmith-test",
            `    path: ${JSON.stringify(join(dir, "htpasswd"))}`,
          ]
        : []),
      "",
    ].join("\n");
    writeFileSync(join(dir, "config.yml"), config);
    // Cost 4 (the minimum): the registry checks the hash on every request.
    if (auth)
      writeFileSync(
        join(dir, "htpasswd"),
        `${username}:${bcrypt.hashSync(password, 4)}\n`,
      );

    const child = spawn(
      "sh",
      ["-c", WATCHDOG, REGISTRY_BIN, join(dir, "config.yml"), dir],
      {
        stdio: ["pipe", opts.accessLog ? "pipe" : "ignore", "pipe"],
        detached: true,
      },
    );
    const entry = { child, dir };
    live.add(entry);
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-4000);
    });
    let access = "";
    child.stdout?.on("data", (b: Buffer) => {
      access += b.toString();
    });
    const exited = new Promise<void>((resolve) =>
      child.once("exit", () => resolve()),
    );
    child.once("error", (e) => {
      stderr += `\n${e.message}`;
    });
    // Keep the test process free to exit; the exit hook and the watchdog still clean up.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();

    const stop = async (): Promise<void> => {
      if (!live.has(entry)) return;
      child.stdin?.end();
      const done = await Promise.race([
        exited.then(() => true),
        sleep(5000).then(() => false),
      ]);
      if (!done) {
        killGroup(child, "SIGKILL");
        await Promise.race([exited, sleep(2000)]);
      }
      live.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    };

    const ready = await waitReady(
      url,
      auth ? 401 : 200,
      exited,
      opts.tls !== undefined,
    );
    if (ready)
      return {
        url,
        host,
        username,
        password,
        accessLog: () => access,
        stop,
      };
    lastError = stderr.trim();
    await stop();
  }
  throw new Error(
    `docker-registry did not start (${REGISTRY_BIN}): ${lastError || "no output"}`,
  );
}

async function waitReady(
  url: string,
  status: number,
  exited: Promise<void>,
  tls: boolean,
): Promise<boolean> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 15_000;
  // The test CA is not trusted by Node: readiness over TLS is probed with a raw connect instead.
  while (Date.now() < deadline && !gone) {
    try {
      if (tls) {
        if (await tcpOpen(url)) return true;
      } else {
        const res = await fetch(`${url}/v2/`, {
          signal: AbortSignal.timeout(2000),
        });
        await res.arrayBuffer();
        if (res.status === status) return true;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  return false;
}

async function tcpOpen(url: string): Promise<boolean> {
  const { connect } = await import("node:net");
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(u.port), u.hostname, () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/** A request as the fault proxy saw it. */
export interface ProxyRequest {
  method: string;
  /** Path and query, e.g. `/v2/spectro-packs/archive/x/manifests/1.0.0`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** 1 for the first request with this method and path (query ignored), 2 for the next… */
  seen: number;
}

/** Answer here, or forward to the registry (optionally with some headers replaced). */
export type ProxyAnswer =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Read part of the body, then cut the connection (a network drop mid-transfer). */
  | { drop: true }
  | { forward: { headers?: Record<string, string> } };

export interface FaultProxy {
  url: string;
  /** Every request received, in order. */
  requests: ProxyRequest[];
  stop(): Promise<void>;
}

/**
 * A real HTTP server in front of a registry that answers chosen requests itself (429, Harbor or
 * ECR errors, a token service…) and forwards the rest unchanged. Distribution builds `Location`
 * from the request's Host header, so uploads keep going through the proxy.
 */
export async function startFaultProxy(
  target: string,
  intercept: (req: ProxyRequest) => ProxyAnswer | undefined,
): Promise<FaultProxy> {
  const to = new URL(target);
  const counts = new Map<string, number>();
  const requests: ProxyRequest[] = [];
  const server = createHttpServer((req, res) => {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const key = `${method} ${path.split("?")[0]}`;
    const seen = (counts.get(key) ?? 0) + 1;
    counts.set(key, seen);
    const info: ProxyRequest = { method, path, headers: req.headers, seen };
    requests.push(info);
    const answer = intercept(info);
    if (answer && "drop" in answer) {
      req.once("data", () => req.socket.destroy());
      req.once("end", () => req.socket.destroy());
      return;
    }
    if (answer && "status" in answer) {
      req.resume();
      res.writeHead(answer.status, {
        "content-type": "application/json",
        ...answer.headers,
      });
      res.end(answer.body ?? "");
      return;
    }
    const headers = { ...req.headers, ...(answer?.forward.headers ?? {}) };
    const up = httpRequest(
      { host: to.hostname, port: to.port, method, path, headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestCertificates {
  /** PEM of the CA that signed the server certificate. */
  caPem: string;
  certFile: string;
  keyFile: string;
  remove(): void;
}

/** A throw-away CA and a server certificate for 127.0.0.1, made with the `openssl` command. */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "packsmith-certs-"));
  const run = (args: string[]): void => {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0)
      throw new Error(
        `openssl ${args[0]} failed: ${r.stderr || r.error?.message}`,
      );
  };
  const ec = [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
  ];
  run([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=packsmith test CA",
  ]);
  run([
    "req",
    ...ec,
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  ]);
  writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
  run([
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "2",
    "-extfile",
    "san.ext",
  ]);
  return {
    caPem: readFileSync(join(dir, "ca.crt"), "utf8"),
    certFile: join(dir, "server.crt"),
    keyFile: join(dir, "server.key"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The server's environment for the OCI store on a test registry (its credentials included). */
export function ociStoreEnv(registry: TestRegistry): Record<string, string> {
  return {
    PACKSMITH_STORAGE: "oci",
    PACKSMITH_OCI_URL: registry.url,
    PACKSMITH_OCI_USERNAME: registry.username,
    PACKSMITH_OCI_PASSWORD: registry.password,
  };
}
