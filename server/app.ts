import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { createAccess } from "./access";
import { LoginThrottle, type Htpasswd, type Tokens } from "./auth";
import { trustProxyOption, type ServerConfig } from "./config";
import { sendError } from "./http-errors";
import { endAndLinger, isLingering, LINGER_MS } from "./linger";
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
  // How long a refused body is still read after its answer, within the request's own timeout.
  const lingerMs = Math.min(LINGER_MS, config.requestTimeoutSeconds * 1000);
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    // Behind a reverse proxy (PACKSMITH_TRUST_PROXY) req.ip is the client, so the sign-in limits
    // count each client rather than locking out everyone behind the proxy.
    trustProxy: trustProxyOption(config.trustProxy),
    // Any parameter the request line can hold is routed, so an over-long name or version gets the
    // routes' own 400 NAME_INVALID, not a 404 "no API endpoint".
    routerOptions: { maxParamLength: MAX_HEADER_BYTES },
    bodyLimit: 64 * 1024,
    // A `__proto__` or `constructor.prototype` key in a JSON body is dropped, not the whole body
    // refused as "not valid JSON" (it is valid JSON; only its use as an object is dangerous).
    onProtoPoisoning: "remove",
    onConstructorPoisoning: "remove",
    // A path Fastify cannot decode (`/packs/%ZZ`) is refused before any hook runs: in the API's
    // error format, with the headers every answer carries, and without echoing the path.
    frameworkErrors: (err, _req, reply) => {
      securityHeaders(reply);
      const badUrl = err.code === "FST_ERR_BAD_URL";
      void sendError(
        reply,
        400,
        badUrl ? "URL_INVALID" : "BAD_REQUEST",
        badUrl
          ? "the path is not valid percent-encoding (a % must be followed by two hex digits)"
          : "the request could not be routed",
      );
    },
    // The HTTP parser itself notices a body cut short (the connection ends before Content-Length
    // bytes arrived); answer in the API's error format rather than Fastify's.
    // Node also reports here a request that did not arrive whole in time (408) and headers over
    // `maxHeaderSize` (431); the socket closes after the answer, ending any upload in progress.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      // The rest of a refused request goes on reaching the parser, which goes on refusing it.
      if (isLingering(socket)) return;
      if (!socket.writable) return socket.destroy();
      const [status, reason, code, message] = clientError(err.code);
      const body = JSON.stringify({ error: { code, message } });
      const answer = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
      // A stalled client may never close its side: after a timeout the socket is closed outright,
      // so the request ends (its temp file removed) whatever the client does. A client still
      // sending (headers over the limit, then a body) reads its answer first (linger.ts).
      if (status === 408) socket.end(answer, () => void socket.destroy());
      else endAndLinger(socket, answer, lingerMs);
    },
    serverFactory: (handler) => {
      const requestTimeout = config.requestTimeoutSeconds * 1000;
      const server = createServer(
        {
          maxHeaderSize: MAX_HEADER_BYTES,
          requestTimeout,
          headersTimeout: Math.min(60_000, requestTimeout),
          // Node looks for requests over time at this interval (30 s by default): a quarter of the
          // timeout, so a stalled body is ended close to when its time runs out.
          connectionsCheckingInterval: Math.min(
            30_000,
            Math.max(250, requestTimeout / 4),
          ),
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
    securityHeaders(reply);
    const origin = req.headers.origin;
    // A listed origin (PACKSMITH_CORS_ORIGINS): it may read answers and send unsafe requests.
    const listed = origin !== undefined && config.corsOrigins.includes(origin);
    if (listed) {
      reply.header("Access-Control-Allow-Origin", origin);
      reply.header("Vary", "Origin");
      reply.header("Access-Control-Allow-Credentials", "true");
    }
    if (req.method === "OPTIONS" && req.url.startsWith("/api/")) {
      if (listed) {
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
      if (req.headers["sec-fetch-site"] === "cross-site" && !listed) {
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
      const body = jsonBodyError(err);
      if (body) return sendError(reply, 400, "BODY_INVALID", body);
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

  // Every API route as a pattern of its path, for the 405 below (`:param` one segment, `*` the rest).
  const apiRoutes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const source = route.url
      .split("/")
      .map((seg) =>
        seg.startsWith(":")
          ? "[^/]+"
          : seg === "*"
            ? ".*"
            : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    apiRoutes.push({
      pattern: new RegExp(`^${source}$`),
      methods: [route.method].flat(),
    });
  });

  const access = createAccess({
    publicRead: config.publicRead,
    users,
    tokens,
    revocations,
    throttle: deps.throttle ?? new LoginThrottle(),
  });
  await app.register(healthRoutes, {
    config,
    store,
    access,
    version: deps.version,
  });
  await app.register(sessionRoutes, { access, tokens, revocations });
  await app.register(readRoutes, { store, access });
  await app.register(writeRoutes, {
    store,
    access,
    publisher: createPublisher({ config, store }),
    lingerMs,
  });

  app.all("/api/*", async (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    // A path the API has, asked with a method it does not take: 405 naming the ones it takes.
    const allowed = apiRoutes
      .filter((r) => r.pattern.test(path))
      .flatMap((r) => r.methods);
    if (allowed.length) {
      const allow = [...new Set(allowed)].sort().join(", ");
      reply.header("Allow", allow);
      return sendError(
        reply,
        405,
        "METHOD_NOT_ALLOWED",
        `${req.method} is not an operation of ${safe(path)}; it takes ${allow}`,
      );
    }
    return sendError(
      reply,
      404,
      "NOT_FOUND",
      `no API endpoint ${req.method} ${safe(path)}`,
    );
  });

  if (config.staticDir && existsSync(join(config.staticDir, "index.html")))
    await app.register(staticRoutes, { root: config.staticDir });
  return app;
}

/** The headers every answer carries, errors included. */
function securityHeaders(reply: FastifyReply): void {
  reply.header("X-Content-Type-Options", "nosniff");
  reply.header("Referrer-Policy", "same-origin");
  reply.header("Cross-Origin-Opener-Policy", "same-origin");
  reply.header(
    "Permissions-Policy",
    "camera=(), microphone=(), geolocation=()",
  );
  reply.header("Content-Security-Policy", APP_CSP);
}

/**
 * What is wrong with a JSON body Fastify's parser refused (POST /session), in the API's words, or
 * null for any other error. Its own codes (`FST_ERR_CTP_…`) name its internals, not the request.
 */
function jsonBodyError(err: { code?: string; message: string }): string | null {
  switch (err.code) {
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "the body is empty; send a JSON object";
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return "the body is not valid JSON";
    default:
      return null;
  }
}

/** Node's `maxHeaderSize`: the request line and headers together, at most this many bytes. */
const MAX_HEADER_BYTES = 16 * 1024;

/** The answer to an error the HTTP parser or Node's timers report before a route runs. */
function clientError(
  code: string | undefined,
): [status: number, reason: string, code: string, message: string] {
  switch (code) {
    case "HPE_INVALID_EOF_STATE":
      return [
        400,
        "Bad Request",
        "SIZE_INVALID",
        "the body is shorter than its Content-Length",
      ];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [
        408,
        "Request Timeout",
        "REQUEST_TIMEOUT",
        "the request did not arrive whole in time; nothing was stored",
      ];
    case "HPE_HEADER_OVERFLOW":
      return [
        431,
        "Request Header Fields Too Large",
        "HEADERS_TOO_LARGE",
        `the request's headers are over ${MAX_HEADER_BYTES / 1024} KiB`,
      ];
    default:
      return [
        400,
        "Bad Request",
        "BAD_REQUEST",
        "the request could not be parsed",
      ];
  }
}

function storeStatus(code: StoreError["code"]): number {
  switch (code) {
    case "STORAGE_FULL":
      return 507;
    case "IMMUTABLE_TAG":
      return 409;
    case "ARCHIVE_REFUSED":
      return 422;
    case "REPOSITORY_MISSING":
    case "REGISTRY_AUTH":
    case "REGISTRY_ERROR":
      return 502;
    case "REGISTRY_UNAVAILABLE":
      return 503;
  }
}
