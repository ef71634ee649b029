import contentDisposition from "content-disposition";
import fastifyStatic from "@fastify/static";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import type { ArchiveError } from "../src/pack/archive-error";
import { imageInfo } from "../src/pack/png";
import { readPackArchive } from "../src/pack/read-archive";
import { OCI_NAME, OCI_TAG, MAX_NAME_LENGTH } from "../src/pack/schemas";
import { sniff } from "../src/pack/sniff";
import { writePackTarGz } from "../src/pack/tar-write";
import { checkIdentity } from "../src/pack/validate";
import { decodeText } from "../src/pack/yaml-text";
import { writePackZip } from "../src/pack/zip-write";
import { LoginThrottle, Tokens, type Htpasswd, type TokenClaims } from "./auth";
import type { ServerConfig } from "./config";
import { sendError } from "./http-errors";
import { Limiter } from "./limiter";
import type { Revocations } from "./sessions";
import { describePack, openChart } from "./prepare";
import { summaryOf } from "../src/pack/registry-types";
import { StoreError, type PackStore } from "./store/store";
import { listPacks, packVersions } from "./list-packs";
import { receiveBody } from "./upload";

export interface AppDeps {
  config: ServerConfig;
  store: PackStore;
  users: Htpasswd;
  tokens: Tokens;
  /** Ended sessions, shared by every instance (sessions.ts). */
  revocations: Revocations;
  version: string;
  throttle?: LoginThrottle;
}

/** The header the app (and the CLI) sends on every unsafe request; a cross-site form cannot. */
export const CLIENT_HEADER = "x-packsmith-client";

const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "manifest-src 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");
const RAW_CSP = "sandbox; default-src 'none'";

const validName = (n: string): boolean =>
  n.length <= MAX_NAME_LENGTH && OCI_NAME.test(n);
const validVersion = (v: string): boolean => OCI_TAG.test(v);

/** Build the HTTP app: the registry API under /api/v1 and the built SPA at /. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, users, tokens, revocations } = deps;
  const throttle = deps.throttle ?? new LoginThrottle();
  const uploads = new Limiter(config.uploadConcurrency, config.uploadQueue);
  const tmpDir = join(config.dataDir, ".tmp");
  const app = Fastify({
    logger:
      process.env.PACKSMITH_LOG === "silent"
        ? false
        : { level: process.env.PACKSMITH_LOG ?? "warn" },
    trustProxy: false,
    routerOptions: { maxParamLength: 1100 },
    bodyLimit: 64 * 1024,
    // The HTTP parser itself notices a body cut short (the connection ends before Content-Length
    // bytes arrived); answer in the API's error format rather than Fastify's.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const short = err.code === "HPE_INVALID_EOF_STATE";
      const body = JSON.stringify({
        error: short
          ? {
              code: "SIZE_INVALID",
              message: "the body is shorter than its Content-Length",
            }
          : { code: "BAD_REQUEST", message: "the request could not be parsed" },
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    serverFactory: (handler) => {
      const server = createServer(
        {
          maxHeaderSize: 16 * 1024,
          requestTimeout: 300_000,
          headersTimeout: 60_000,
        },
        handler,
      );
      // A client that half-closes after too short a body still gets its 400 SIZE_INVALID answer.
      (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen =
        true;
      return server;
    },
  });

  // Raw bodies stay unread until the route has checked name, auth and size.
  app.addContentTypeParser("*", (_req, _payload, done) => done(null));

  app.addHook("onRequest", async (req, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "same-origin");
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    reply.header(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=()",
    );
    reply.header("Content-Security-Policy", APP_CSP);
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      reply.header("Access-Control-Allow-Origin", origin);
      reply.header("Vary", "Origin");
      reply.header("Access-Control-Allow-Credentials", "true");
    }
    if (req.method === "OPTIONS" && req.url.startsWith("/api/")) {
      if (origin && config.corsOrigins.includes(origin)) {
        reply.header(
          "Access-Control-Allow-Methods",
          "GET, HEAD, PUT, DELETE, POST",
        );
        reply.header(
          "Access-Control-Allow-Headers",
          `authorization, content-type, ${CLIENT_HEADER}, x-content-sha256, x-pack-digest, if-none-match`,
        );
        reply.header("Access-Control-Expose-Headers", "etag, retry-after");
        reply.header("Access-Control-Max-Age", "600");
      }
      return reply.code(204).send();
    }
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
      // Unsafe methods: refuse other sites (a form post cannot set the custom header).
      if (
        req.headers["sec-fetch-site"] === "cross-site" &&
        !(origin && config.corsOrigins.includes(origin))
      ) {
        return sendError(
          reply,
          403,
          "CROSS_SITE",
          "requests from another site are refused",
        );
      }
      if (req.url.startsWith("/api/") && !req.headers[CLIENT_HEADER]) {
        return sendError(
          reply,
          403,
          "CLIENT_HEADER_MISSING",
          `unsafe requests need the header ${CLIENT_HEADER} (any value)`,
        );
      }
    }
    return undefined;
  });

  app.setErrorHandler(
    (
      err: { statusCode?: number; code?: string; message: string },
      _req,
      reply,
    ) => {
      if (err instanceof StoreError)
        return sendError(reply, storeStatus(err.code), err.code, err.message);
      const status =
        err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) app.log.error(err);
      return sendError(
        reply,
        status,
        status === 413
          ? "TOO_LARGE"
          : status >= 500
            ? "INTERNAL"
            : (err.code ?? "BAD_REQUEST"),
        status >= 500
          ? "the server failed; the request changed nothing"
          : err.message,
      );
    },
  );

  /** The authenticated user, or a reply already sent (401/429). */
  async function authenticate(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | null> {
    const h = req.headers.authorization ?? "";
    const token = bearerToken(req);
    if (token !== null) {
      const user = (await liveSession(token))?.user;
      if (user) return user;
      sendError(
        reply,
        401,
        "UNAUTHORIZED",
        "sign in: the token is invalid or expired",
      );
      return null;
    }
    if (h.startsWith("Basic ")) {
      const decoded = Buffer.from(h.slice(6).trim(), "base64").toString("utf8");
      const i = decoded.indexOf(":");
      return login(
        req,
        reply,
        i < 0 ? decoded : decoded.slice(0, i),
        i < 0 ? "" : decoded.slice(i + 1),
      );
    }
    sendError(reply, 401, "UNAUTHORIZED", "sign in to change the registry");
    return null;
  }

  /** A token's claims when it is genuine, unexpired, not signed out and its user still exists. */
  async function liveSession(token: string): Promise<TokenClaims | null> {
    await users.refresh();
    const claims = tokens.verify(token);
    if (!claims || !users.has(claims.user)) return null;
    return (await revocations.isRevoked(claims.sid)) ? null : claims;
  }

  async function login(
    req: FastifyRequest,
    reply: FastifyReply,
    user: string,
    password: string,
  ): Promise<string | null> {
    // The htpasswd file is re-read when it changed, so a removed user is refused at once.
    await users.refresh();
    const wait = throttle.blockedFor(user, req.ip);
    if (wait > 0) return tooManyAttempts(reply, wait);
    // The failure is reserved before bcrypt runs (in the worker pool), so a parallel burst runs at
    // most as many checks as the limits allow; the rest are refused at once.
    let refusedFor = 0;
    const verdict = await users.verify(user, password, () => {
      const r = throttle.reserve(user, req.ip);
      if (!r.ok) {
        refusedFor = r.retryAfter;
        return null;
      }
      req.log.debug("sign-in: bcrypt check");
      return r.settle;
    });
    if (verdict === "refused") return tooManyAttempts(reply, refusedFor);
    if (verdict) return user;
    sendError(reply, 401, "UNAUTHORIZED", "wrong user name or password");
    return null;
  }

  async function readable(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<boolean> {
    if (config.publicRead) return true;
    return (await authenticate(req, reply)) !== null;
  }

  /** Validated route parameters, or a 400 already sent. */
  function packParams(
    req: FastifyRequest,
    reply: FastifyReply,
  ): { name: string; version: string } | null {
    const { name, version } = req.params as { name: string; version: string };
    if (!validName(name) || !validVersion(version)) {
      sendError(
        reply,
        400,
        "NAME_INVALID",
        `\`${safe(name)}/${safe(version)}\` is not a valid pack name and version (name: lower-case OCI path component; version: OCI tag)`,
      );
      return null;
    }
    return { name, version };
  }

  // The OCI registry's public address only when the operator published it (README: Configuration).
  const published = config.oci?.publicHost
    ? { host: config.oci.publicHost, basePath: config.oci.basePath }
    : undefined;
  app.get("/api/v1/health", async () => ({
    status: "ok",
    storage: store.kind,
    version: deps.version,
    ...(published ? { registry: published } : {}),
  }));

  app.post("/api/v1/session", async (req, reply) => {
    const body = req.body as
      { username?: unknown; password?: unknown } | undefined;
    if (
      !body ||
      typeof body.username !== "string" ||
      typeof body.password !== "string"
    ) {
      return sendError(
        reply,
        400,
        "BAD_REQUEST",
        'send {"username", "password"} as JSON',
      );
    }
    const user = await login(req, reply, body.username, body.password);
    if (!user) return reply;
    return tokens.issue(user);
  });

  // Sign out: the session ends for every instance that shares the secret (sessions.ts).
  app.delete("/api/v1/session", async (req, reply) => {
    const token = bearerToken(req);
    const claims = token === null ? null : await liveSession(token);
    if (!claims)
      return sendError(
        reply,
        401,
        "UNAUTHORIZED",
        "send the session's token (Authorization: Bearer) to end it; this one is invalid, expired or already ended",
      );
    await revocations.revoke(claims.sid, claims.exp);
    return reply.code(204).send();
  });

  app.get("/api/v1/packs", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const r = listPacks(
      await store.list(),
      req.query as Record<string, unknown>,
    );
    if (!r.ok) return sendError(reply, 400, r.error.code, r.error.message);
    return r.value;
  });

  app.get("/api/v1/packs/:name", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const { name } = req.params as { name: string };
    if (!validName(name))
      return sendError(
        reply,
        400,
        "NAME_INVALID",
        `\`${safe(name)}\` is not a valid pack name`,
      );
    return (
      packVersions(await store.list(), name) ??
      sendError(reply, 404, "PACK_NOT_FOUND", `no pack named \`${name}\``)
    );
  });

  app.get("/api/v1/packs/:name/:version", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const p = packParams(req, reply);
    if (!p) return reply;
    const d = await store.get(p.name, p.version);
    return (
      d ??
      sendError(
        reply,
        404,
        "VERSION_NOT_FOUND",
        `no version \`${p.version}\` of \`${p.name}\``,
      )
    );
  });

  app.get("/api/v1/packs/:name/:version/archive", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const p = packParams(req, reply);
    if (!p) return reply;
    const format = (req.query as { format?: string }).format ?? "zip";
    if (format !== "zip" && format !== "tar.gz")
      return sendError(reply, 400, "FORMAT_INVALID", "format is zip or tar.gz");
    // A driver that keeps the canonical zip serves it as stored; otherwise it is written from the
    // files. The 304 is decided before any archive is read or written.
    const stored =
      format === "zip" ? await store.zip?.(p.name, p.version) : undefined;
    const d = stored?.detail ?? (await store.get(p.name, p.version));
    if (!d)
      return sendError(
        reply,
        404,
        "VERSION_NOT_FOUND",
        `no version \`${p.version}\` of \`${p.name}\``,
      );
    const etag = format === "zip" ? `"${d.digest}"` : `"${d.digest}+tar.gz"`;
    reply.header("ETag", etag).header("Cache-Control", "no-cache");
    if (req.headers["if-none-match"] === etag) return reply.code(304).send();
    const top = `${d.name}-${d.version}`;
    let bytes = stored?.bytes;
    if (!bytes) {
      const files = await store.files(p.name, p.version);
      if (!files)
        return sendError(
          reply,
          404,
          "VERSION_NOT_FOUND",
          `no version \`${p.version}\` of \`${p.name}\``,
        );
      bytes =
        format === "zip"
          ? await writePackZip(files, top)
          : writePackTarGz(files, top);
    }
    return reply
      .type(format === "zip" ? "application/zip" : "application/gzip")
      .header("Content-Disposition", contentDisposition(`${top}.${format}`))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get("/api/v1/packs/:name/:version/files/*", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const p = packParams(req, reply);
    if (!p) return reply;
    const path = (req.params as { "*": string })["*"];
    const files = await store.files(p.name, p.version);
    const bytes = files?.get(path);
    reply.header("Content-Security-Policy", RAW_CSP);
    if (!bytes)
      return sendError(
        reply,
        404,
        "FILE_NOT_FOUND",
        `\`${safe(path)}\` is not in ${p.name} ${p.version}`,
      );
    return sendPackFile(reply, path, bytes);
  });

  // A file inside a chart archive (contract version 2): `chartFile` is the archive's name under
  // `charts/`, `*` the path relative to the chart's root folder, as in `PackDetail.charts[].files`.
  app.get(
    "/api/v1/packs/:name/:version/charts/:chartFile/files/*",
    async (req, reply) => {
      if (!(await readable(req, reply))) return reply;
      const p = packParams(req, reply);
      if (!p) return reply;
      const { chartFile, "*": path } = req.params as {
        chartFile: string;
        "*": string;
      };
      reply.header("Content-Security-Policy", RAW_CSP);
      const file = `charts/${chartFile}`;
      const files = await store.files(p.name, p.version);
      if (!files)
        return sendError(
          reply,
          404,
          "VERSION_NOT_FOUND",
          `no version \`${p.version}\` of \`${p.name}\``,
        );
      // Only an archive directly under charts/: a `/` smuggled in as %2F, `.` or `..` names
      // nothing. Other characters are looked up as written (the stored names passed the core's
      // path rules, which allow spaces, `@` and braces).
      const bytes =
        chartFile.includes("/") || /^\.+$/.test(chartFile)
          ? undefined
          : files.get(file);
      if (!bytes)
        return sendError(
          reply,
          404,
          "CHART_NOT_FOUND",
          `\`${safe(file)}\` is not a chart archive in ${p.name} ${p.version}`,
        );
      const chart = openChart(bytes, file);
      if (!chart.ok)
        return sendError(
          reply,
          404,
          "CHART_NOT_FOUND",
          `\`${safe(file)}\` in ${p.name} ${p.version} cannot be read: ${safe(chart.error.message)}`,
        );
      const inner = chart.value.files.get(path);
      if (!inner)
        return sendError(
          reply,
          404,
          "FILE_NOT_FOUND",
          `\`${safe(path)}\` is not in ${safe(file)} of ${p.name} ${p.version}`,
        );
      return sendPackFile(reply, path, inner);
    },
  );

  // The logo as an image, only when its bytes really are a PNG (never SVG on the app origin).
  app.get("/api/v1/packs/:name/:version/logo", async (req, reply) => {
    if (!(await readable(req, reply))) return reply;
    const p = packParams(req, reply);
    if (!p) return reply;
    const logo = (await store.files(p.name, p.version))?.get("logo.png");
    if (!logo || imageInfo(logo).format !== "png")
      return sendError(
        reply,
        404,
        "LOGO_NOT_FOUND",
        `${p.name} ${p.version} has no PNG logo`,
      );
    reply
      .header("Content-Security-Policy", RAW_CSP)
      .header("Cache-Control", "public, max-age=300");
    return reply
      .type("image/png")
      .send(Buffer.from(logo.buffer, logo.byteOffset, logo.byteLength));
  });

  app.put("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    const user = await authenticate(req, reply);
    if (!user) return reply;
    const force = (req.query as { force?: string }).force === "true";
    if (force && !config.allowForce)
      return sendError(
        reply,
        403,
        "FORCE_DISABLED",
        "this server does not allow overwriting a version; publish a new version",
      );
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > config.maxUploadBytes) {
      reply.header("Connection", "close");
      return sendError(
        reply,
        413,
        "TOO_LARGE",
        `the pack is ${declared} bytes; this server accepts at most ${config.maxUploadBytes}`,
      );
    }
    // Decide before reading the body when the client says what it sends (X-Pack-Digest: content digest).
    const claimed = req.headers["x-pack-digest"];
    if (typeof claimed === "string" && !force) {
      const existing = await store.get(p.name, p.version);
      if (existing) {
        req.raw.resume();
        if (existing.digest === claimed)
          return reply
            .code(200)
            .send({ summary: summaryOf(existing), digest: existing.digest });
        reply.header("Connection", "close");
        return sendError(
          reply,
          409,
          "VERSION_EXISTS",
          `${p.name} ${p.version} already exists with other content; publish a new version or force`,
          { digest: existing.digest },
        );
      }
    }
    const received = await receiveBody(req.raw, tmpDir, config.maxUploadBytes);
    if (!received.ok) {
      const e = received.error;
      const status = {
        TOO_LARGE: 413,
        SIZE_INVALID: 400,
        ABORTED: 400,
        STORAGE_FULL: 507,
      }[e.code];
      reply.header("Connection", "close");
      return sendError(
        reply,
        status,
        e.code === "ABORTED" ? "UPLOAD_ABORTED" : e.code,
        e.message,
      );
    }
    try {
      const sent = req.headers["x-content-sha256"];
      if (
        typeof sent === "string" &&
        sent.replace(/^sha256:/, "").toLowerCase() !== received.value.sha256
      ) {
        return sendError(
          reply,
          400,
          "DIGEST_INVALID",
          `the body's SHA-256 is ${received.value.sha256}, not the ${sent} the request claims`,
        );
      }
      const release = await uploads.acquire();
      if (!release) {
        reply.header("Retry-After", "5");
        return sendError(
          reply,
          429,
          "BUSY",
          "too many uploads in progress; retry shortly",
        );
      }
      try {
        const bytes = new Uint8Array(await readFile(received.value.path));
        const kind = sniff(bytes);
        if (kind !== "zip" && kind !== "gzip")
          return sendError(
            reply,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            `the body is ${kind === "empty" ? "empty" : `not a zip (it looks like ${kind})`}; upload the pack as a .zip`,
          );
        const archive = readPackArchive(bytes, {
          name: `${p.name}-${p.version}`,
        });
        if (!archive.ok)
          return sendError(reply, 422, "INVALID_PACK", archive.error.message, {
            findings: [archiveFinding(archive.error)],
          });
        const { detail, errors } = await describePack(archive.value.files, {
          uploadedBy: user,
          createdAt: new Date().toISOString(),
        });
        const identity = checkIdentity(detail, p);
        if (errors.length || identity.length) {
          const all = [...identity, ...detail.findings];
          return sendError(
            reply,
            422,
            "INVALID_PACK",
            `${p.name} ${p.version} has ${errors.length + identity.length} error(s): ${[...identity, ...errors][0]!.message}`,
            { findings: all },
          );
        }
        const r = await store.put(
          { detail, files: archive.value.files },
          { force },
        );
        if (r.status === "conflict") {
          return sendError(
            reply,
            409,
            "VERSION_EXISTS",
            `${p.name} ${p.version} already exists with other content; publish a new version or force`,
            { digest: r.existingDigest, uploaded: detail.digest },
          );
        }
        return reply
          .code(r.status === "identical" ? 200 : 201)
          .send({ summary: summaryOf(r.detail), digest: r.detail.digest });
      } finally {
        release();
      }
    } finally {
      await received.value.discard();
    }
  });

  app.delete("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    if (!(await authenticate(req, reply))) return reply;
    if (!(await store.delete(p.name, p.version)))
      return sendError(
        reply,
        404,
        "VERSION_NOT_FOUND",
        `no version \`${p.version}\` of \`${p.name}\``,
      );
    return reply.code(204).send();
  });

  app.all("/api/*", async (req, reply) =>
    sendError(
      reply,
      404,
      "NOT_FOUND",
      `no API endpoint ${req.method} ${safe(req.url.split("?")[0] ?? "")}`,
    ),
  );

  if (config.staticDir && existsSync(join(config.staticDir, "index.html"))) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      wildcard: false,
      index: "index.html",
    });
    // Client-side routes (/packs/…) get the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method !== "GET" || req.url.startsWith("/api/"))
        return sendError(reply, 404, "NOT_FOUND", "not found");
      return reply.sendFile("index.html");
    });
  }
  return app;
}

const safe = (s: string): string =>
  s.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);

/** The token of `Authorization: Bearer <token>`, or null. */
function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization ?? "";
  return h.startsWith("Bearer ") ? h.slice(7).trim() : null;
}

/** 429 for sign-ins over the limit, with the seconds to wait. */
function tooManyAttempts(reply: FastifyReply, seconds: number): null {
  reply.header("Retry-After", String(seconds));
  sendError(
    reply,
    429,
    "TOO_MANY_ATTEMPTS",
    `too many failed sign-ins; try again in ${seconds} seconds`,
  );
  return null;
}

/** A file of a pack (or of a chart in it): UTF-8 text inline as text/plain, anything else as a download. */
function sendPackFile(
  reply: FastifyReply,
  path: string,
  bytes: Uint8Array,
): FastifyReply {
  const isText = decodeText(bytes) !== null && !bytes.includes(0);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isText) return reply.type("text/plain; charset=utf-8").send(buf);
  const base = path.slice(path.lastIndexOf("/") + 1);
  return (
    reply
      .type("application/octet-stream")
      // Pack file names may hold spaces, `@`, quotes' neighbours and any letter (security.md's path
      // row): the header is built by the maintained encoder (RFC 6266 with an RFC 8187 fallback).
      .header("Content-Disposition", contentDisposition(base))
      .send(buf)
  );
}

function storeStatus(code: StoreError["code"]): number {
  switch (code) {
    case "STORAGE_FULL":
      return 507;
    case "IMMUTABLE_TAG":
      return 409;
    case "REPOSITORY_MISSING":
    case "REGISTRY_AUTH":
    case "REGISTRY_ERROR":
      return 502;
    case "REGISTRY_UNAVAILABLE":
      return 503;
  }
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
