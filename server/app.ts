import Fastify, { type FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { createAccess } from "./access";
import { LoginThrottle, type Htpasswd, type Tokens } from "./auth";
import { trustProxyOption, type ServerConfig } from "./config";
import { sendError } from "./http-errors";
import { privateReads } from "./private-reads";
import { createPublisher } from "./publish";
import { healthRoutes } from "./routes/health";
import { safe } from "./routes/pack-params";
import { readRoutes } from "./routes/read";
import { sessionRoutes } from "./routes/session";
import { staticRoutes } from "./routes/static";
import { writeRoutes } from "./routes/write";
import type { Revocations } from "./sessions";
import { StoreError, type PackStore } from "./store/store";

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

/** Build the HTTP app: the registry API under /api/v1 and the built SPA at /. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, users, tokens, revocations } = deps;
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    // Behind a reverse proxy (PACKSMITH_TRUST_PROXY) req.ip is the client, so the sign-in limits
    // count each client rather than locking out everyone behind the proxy.
    trustProxy: trustProxyOption(config.trustProxy),
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

  if (!config.publicRead) app.addHook("onSend", privateReads);

  app.setErrorHandler(
    (
      err: { statusCode?: number; code?: string; message: string },
      req,
      reply,
    ) => {
      if (err instanceof StoreError) {
        const status = storeStatus(err.code);
        // The client sees the store's code; the operator needs the cause behind a 5xx.
        if (status >= 500) req.log.error({ err }, `store failed: ${err.code}`);
        return sendError(reply, status, err.code, err.message);
      }
      const status =
        err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) req.log.error({ err }, "request failed");
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

  const access = createAccess({
    publicRead: config.publicRead,
    users,
    tokens,
    revocations,
    throttle: deps.throttle ?? new LoginThrottle(),
  });
  await app.register(healthRoutes, { config, store, version: deps.version });
  await app.register(sessionRoutes, { access, tokens, revocations });
  await app.register(readRoutes, { store, access });
  await app.register(writeRoutes, {
    store,
    access,
    publisher: createPublisher({ config, store }),
  });

  app.all("/api/*", async (req, reply) =>
    sendError(
      reply,
      404,
      "NOT_FOUND",
      `no API endpoint ${req.method} ${safe(req.url.split("?")[0] ?? "")}`,
    ),
  );

  if (config.staticDir && existsSync(join(config.staticDir, "index.html")))
    await app.register(staticRoutes, { root: config.staticDir });
  return app;
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
