import { resolve } from "node:path";
import { z } from "zod";
import { MAX_NAME_LENGTH, OCI_NAME } from "../src/pack/schemas";

export interface OciConfig {
  url: string;
  basePath: string;
  username?: string;
  password?: string;
  token?: string;
  caFile?: string;
  insecureSkipVerify: boolean;
  /**
   * The registry's host (and port) as Palette and reviewers reach it, published by `GET /health`
   * only when the operator sets PACKSMITH_OCI_PUBLIC_URL (the store's own URL may be internal).
   */
  publicHost?: string;
  /**
   * Pack names always listed (PACKSMITH_OCI_REPOSITORIES), for registries that refuse
   * `/v2/_catalog` (ECR, Harbor robot accounts) to packs this server did not push itself.
   */
  repositories?: string[];
}

/** Pino's levels, and `silent` for none. */
export const LOG_LEVELS = [
  "silent",
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Which proxies' `X-Forwarded-For` to believe, in the form Fastify's `trustProxy` takes: `false`
 * (none: `req.ip` is the socket's peer), `true` (any), a hop count, or addresses and CIDRs.
 */
export type TrustProxy = boolean | number | string[];

/**
 * `trustProxy` as Fastify's types take it: a hop count becomes the function Fastify itself makes
 * of one (trust the nearest `hops` addresses), which its runtime accepts but its types do not.
 */
export function trustProxyOption(
  t: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === "number" ? (_address, hop) => hop < t : t;
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** htpasswd file with bcrypt hashes; created with an `admin` user when absent and not given. */
  htpasswdFile: string;
  htpasswdGiven: boolean;
  /** Built app to serve at `/` (none: API only). */
  staticDir: string | null;
  storage: "fs" | "oci";
  oci: OciConfig | null;
  maxUploadBytes: number;
  publicRead: boolean;
  allowForce: boolean;
  corsOrigins: string[];
  tokenSecret: string | null;
  tokenTtlSeconds: number;
  /** Uploads processed at once (CPU-bound validation); more wait in a queue of `uploadQueue`. */
  uploadConcurrency: number;
  uploadQueue: number;
  logLevel: LogLevel;
  /** Fastify's `trustProxy`: the sign-in limits key on `req.ip`, the client behind a trusted proxy. */
  trustProxy: TrustProxy;
  /**
   * Seconds a request may take to arrive whole (headers and body): a stalled upload is answered 408
   * and its temp file removed when they run out.
   */
  requestTimeoutSeconds: number;
  /** The OCI store's tar.gz cache in the data folder: least recently used files go past this. */
  tarGzCacheBytes: number;
}

/** The least key length of the session-token HMAC (security: an empty key lets anyone forge a token). */
export const MIN_SECRET_BYTES = 32;

/** Bounds of the numeric variables (README "Configuration" states them). */
export const LIMITS = {
  tokenTtlSeconds: { min: 60, max: 30 * 24 * 3600 },
  maxUploadMiB: { min: 1, max: 4096 },
  uploadConcurrency: { min: 1, max: 64 },
  uploadQueue: { min: 0, max: 10_000 },
  trustProxyHops: { min: 1, max: 32 },
  requestTimeoutSeconds: { min: 1, max: 3600 },
  tarGzCacheMiB: { min: 64, max: 1024 * 1024 },
} as const;

const quote = (s: string): string => JSON.stringify(s);

/** A whole number within bounds; the message says what is expected and what was given. */
const wholeNumber = (
  { min, max }: { min: number; max: number },
  unit: string,
) =>
  z.string().transform((raw, ctx) => {
    const s = raw.trim();
    const n = /^\d+$/.test(s) ? Number(s) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({
      code: "custom",
      message: `must be a whole number of ${unit} from ${min} to ${max}, not ${quote(raw)}`,
    });
    return z.NEVER;
  });

/** `true|false|1|0` (any case); anything else is refused rather than read as true. */
const flag = z
  .stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] })
  .or(z.string())
  .transform((v, ctx) => {
    if (typeof v === "boolean") return v;
    ctx.addIssue({
      code: "custom",
      message: `must be true, false, 1 or 0, not ${quote(v)}`,
    });
    return z.NEVER;
  });

const httpUrl = (example: string) =>
  z.string().transform((raw, ctx) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (url && (url.protocol === "https:" || url.protocol === "http:"))
      return raw;
    ctx.addIssue({
      code: "custom",
      message: `must be an http(s) address such as ${example}, not ${quote(raw)}`,
    });
    return z.NEVER;
  });

/** `https://harbor.example.com:8443/` → `harbor.example.com:8443`; anything else stops the start. */
const publicHost = z.string().transform((raw, ctx) => {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url) {
    ctx.addIssue({
      code: "custom",
      message: `must be the registry's address, such as https://harbor.example.com, not ${quote(raw)}`,
    });
    return z.NEVER;
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.username ||
    url.password ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    ctx.addIssue({
      code: "custom",
      message: `must be an http(s) address with no path, credentials or query (the base path is PACKSMITH_OCI_BASE_PATH), not ${quote(raw)}`,
    });
    return z.NEVER;
  }
  return url.host;
});

/**
 * PACKSMITH_TOKEN_SECRET when set: an empty or short one stops the start (anyone could forge
 * tokens). The one check of a configured secret; `loadTokenSecret` takes what passed it.
 */
const tokenSecret = z.string().superRefine((raw, ctx) => {
  const bytes = Buffer.byteLength(raw, "utf8");
  if (bytes < MIN_SECRET_BYTES)
    ctx.addIssue({
      code: "custom",
      message: `is ${bytes === 0 ? "empty" : `${bytes} bytes`}; it must be at least ${MIN_SECRET_BYTES} random bytes (e.g. openssl rand -base64 32), or unset to use a generated file in the data folder`,
    });
});

const list = (raw: string): string[] =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Each entry an origin exactly as browsers send it (`https://app.example.com`, no path or slash). */
const corsOrigins = z.string().transform((raw, ctx) => {
  const origins = list(raw);
  const bad = origins.filter(
    (o) => !URL.canParse(o) || new URL(o).origin !== o,
  );
  if (bad.length === 0) return origins;
  ctx.addIssue({
    code: "custom",
    message: `must be comma-separated origins such as https://app.example.com (scheme and host, no path or trailing slash); ${bad.map(quote).join(", ")} is not one`,
  });
  return z.NEVER;
});

/**
 * A pack name the registry takes, in a route and in PACKSMITH_OCI_REPOSITORIES alike: an OCI path
 * component of at most MAX_NAME_LENGTH characters, as pack.json's `name` must be.
 */
export const validName = (n: string): boolean =>
  n.length <= MAX_NAME_LENGTH && OCI_NAME.test(n);

/** Pack names, comma-separated: each one `validName`. */
const packNames = z.string().transform((raw, ctx) => {
  const names = list(raw);
  const bad = names.filter((n) => !validName(n));
  if (bad.length === 0) return names;
  ctx.addIssue({
    code: "custom",
    message: `must be comma-separated pack names (lower-case letters, digits and . _ -, at most ${MAX_NAME_LENGTH} characters, such as hello-universe,argo-cd); ${bad.map(quote).join(", ")} is not one`,
  });
  return z.NEVER;
});

// proxy-addr's (Fastify's) names for address ranges.
const PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const proxyAddress = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum([...PROXY_RANGES]),
]);

/** `false` (default), `true`, a hop count, or a comma list of addresses, CIDRs and range names. */
const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const s = raw.trim();
  if (/^(false|0)$/i.test(s)) return false;
  if (/^true$/i.test(s)) return true;
  const { min, max } = LIMITS.trustProxyHops;
  if (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max) return Number(s);
  const entries = list(s);
  const bad = entries.filter((e) => !proxyAddress.safeParse(e).success);
  if (entries.length > 0 && bad.length === 0) return entries;
  ctx.addIssue({
    code: "custom",
    message: `must be false, true, a number of proxy hops from ${min} to ${max}, or a comma list of proxy addresses and CIDRs (e.g. 10.0.0.0/8,::1, or loopback); ${quote(bad[0] ?? raw)} is none of these`,
  });
  return z.NEVER;
});

const DEFAULT_TOKEN_TTL = 12 * 3600;

/**
 * Every environment variable the server reads, with its default. Unset and empty mean the default,
 * except PACKSMITH_STATIC (empty: API only) and PACKSMITH_TOKEN_SECRET (empty is refused).
 */
const envSchema = z
  .object({
    HOST: z.string().default("127.0.0.1"),
    PORT: wholeNumber({ min: 0, max: 65535 }, "a port").default(8080),
    PACKSMITH_DATA: z.string().default("./data"),
    PACKSMITH_HTPASSWD: z.string().optional(),
    PACKSMITH_STATIC: z.string().optional(),
    PACKSMITH_STORAGE: z
      .enum(["fs", "oci"], {
        error: (i) =>
          `must be fs or oci, not ${quote(String(i.input as string))}`,
      })
      .default("fs"),
    PACKSMITH_OCI_URL: httpUrl("https://harbor.example.com").optional(),
    PACKSMITH_OCI_BASE_PATH: z.string().default(""),
    PACKSMITH_OCI_USERNAME: z.string().optional(),
    PACKSMITH_OCI_PASSWORD: z.string().optional(),
    PACKSMITH_OCI_TOKEN: z.string().optional(),
    PACKSMITH_OCI_CA_FILE: z.string().optional(),
    PACKSMITH_OCI_INSECURE: flag.default(false),
    PACKSMITH_OCI_PUBLIC_URL: publicHost.optional(),
    PACKSMITH_OCI_REPOSITORIES: packNames.optional(),
    PACKSMITH_MAX_UPLOAD_MIB: wholeNumber(LIMITS.maxUploadMiB, "MiB").default(
      50,
    ),
    PACKSMITH_PUBLIC_READ: flag.default(true),
    PACKSMITH_ALLOW_FORCE: flag.default(true),
    PACKSMITH_CORS_ORIGINS: corsOrigins.default([]),
    PACKSMITH_TOKEN_SECRET: tokenSecret.optional(),
    PACKSMITH_TOKEN_TTL: wholeNumber(LIMITS.tokenTtlSeconds, "seconds").default(
      DEFAULT_TOKEN_TTL,
    ),
    PACKSMITH_UPLOAD_CONCURRENCY: wholeNumber(
      LIMITS.uploadConcurrency,
      "uploads",
    ).default(2),
    PACKSMITH_UPLOAD_QUEUE: wholeNumber(LIMITS.uploadQueue, "uploads").default(
      64,
    ),
    PACKSMITH_LOG: z
      .enum(LOG_LEVELS, {
        error: (i) =>
          `must be one of ${LOG_LEVELS.join(", ")}, not ${quote(String(i.input as string))}`,
      })
      .default("warn"),
    PACKSMITH_TRUST_PROXY: trustProxy.default(false),
    PACKSMITH_REQUEST_TIMEOUT: wholeNumber(
      LIMITS.requestTimeoutSeconds,
      "seconds",
    ).default(300),
    PACKSMITH_TARGZ_CACHE_MIB: wholeNumber(LIMITS.tarGzCacheMiB, "MiB").default(
      2048,
    ),
  })
  .superRefine((e, ctx) => {
    if (e.PACKSMITH_STORAGE === "oci" && !e.PACKSMITH_OCI_URL)
      ctx.addIssue({
        code: "custom",
        path: ["PACKSMITH_OCI_URL"],
        message:
          "is needed with PACKSMITH_STORAGE=oci (e.g. https://harbor.example.com)",
      });
  });

/** The variables the schema knows, for the README check and for callers listing them. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

/** Empty counts as unset (as `VAR=` in a compose file means), except where empty has a meaning. */
const KEEP_EMPTY = new Set(["PACKSMITH_STATIC", "PACKSMITH_TOKEN_SECRET"]);

/**
 * Read the configuration from the environment (see README "Configuration"). Every bad variable is
 * reported at once: throws one Error whose message names each and says what it must be.
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const input: Record<string, string> = {};
  for (const key of CONFIG_VARIABLES) {
    const v = env[key];
    if (v !== undefined && (v !== "" || KEEP_EMPTY.has(key))) input[key] = v;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join(".")} ${i.message}`,
    );
    throw new Error(
      `the configuration is not valid (README "Configuration"):\n${lines.join("\n")}`,
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.PACKSMITH_DATA);
  let oci: OciConfig | null = null;
  if (e.PACKSMITH_STORAGE === "oci" && e.PACKSMITH_OCI_URL) {
    oci = {
      url: e.PACKSMITH_OCI_URL,
      basePath: e.PACKSMITH_OCI_BASE_PATH,
      insecureSkipVerify: e.PACKSMITH_OCI_INSECURE,
    };
    if (e.PACKSMITH_OCI_USERNAME) oci.username = e.PACKSMITH_OCI_USERNAME;
    if (e.PACKSMITH_OCI_PASSWORD) oci.password = e.PACKSMITH_OCI_PASSWORD;
    if (e.PACKSMITH_OCI_TOKEN) oci.token = e.PACKSMITH_OCI_TOKEN;
    if (e.PACKSMITH_OCI_CA_FILE) oci.caFile = e.PACKSMITH_OCI_CA_FILE;
    if (e.PACKSMITH_OCI_PUBLIC_URL) oci.publicHost = e.PACKSMITH_OCI_PUBLIC_URL;
    if (e.PACKSMITH_OCI_REPOSITORIES?.length)
      oci.repositories = e.PACKSMITH_OCI_REPOSITORIES;
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    htpasswdFile: resolve(e.PACKSMITH_HTPASSWD ?? `${dataDir}/htpasswd`),
    htpasswdGiven: e.PACKSMITH_HTPASSWD !== undefined,
    staticDir:
      e.PACKSMITH_STATIC === ""
        ? null
        : resolve(e.PACKSMITH_STATIC ?? "./dist"),
    storage: e.PACKSMITH_STORAGE,
    oci,
    maxUploadBytes: e.PACKSMITH_MAX_UPLOAD_MIB * 1024 * 1024,
    publicRead: e.PACKSMITH_PUBLIC_READ,
    allowForce: e.PACKSMITH_ALLOW_FORCE,
    corsOrigins: e.PACKSMITH_CORS_ORIGINS,
    tokenSecret: e.PACKSMITH_TOKEN_SECRET ?? null,
    tokenTtlSeconds: e.PACKSMITH_TOKEN_TTL,
    uploadConcurrency: e.PACKSMITH_UPLOAD_CONCURRENCY,
    uploadQueue: e.PACKSMITH_UPLOAD_QUEUE,
    logLevel: e.PACKSMITH_LOG,
    trustProxy: e.PACKSMITH_TRUST_PROXY,
    requestTimeoutSeconds: e.PACKSMITH_REQUEST_TIMEOUT,
    tarGzCacheBytes: e.PACKSMITH_TARGZ_CACHE_MIB * 1024 * 1024,
  };
}
