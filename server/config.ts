import { resolve } from "node:path";

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
}

const bool = (v: string | undefined, dflt: boolean): boolean =>
  v === undefined || v === "" ? dflt : !/^(0|false|no|off)$/i.test(v);

/** `https://harbor.example.com:8443/` → `harbor.example.com:8443`; anything else stops the start. */
function publicHost(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `PACKSMITH_OCI_PUBLIC_URL must be the registry's address, such as https://harbor.example.com, not ${raw}`,
    );
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.username ||
    url.password ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  )
    throw new Error(
      `PACKSMITH_OCI_PUBLIC_URL must be an http(s) address with no path, credentials or query (the base path is PACKSMITH_OCI_BASE_PATH), not ${raw}`,
    );
  return url.host;
}

/** The least key length of the session-token HMAC (security: an empty key lets anyone forge a token). */
export const MIN_SECRET_BYTES = 32;

/**
 * PACKSMITH_TOKEN_SECRET when set: an empty or short one stops the start (anyone could forge
 * tokens). The one check of a configured secret; `loadTokenSecret` takes what passed it.
 */
function tokenSecret(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const bytes = Buffer.byteLength(raw, "utf8");
  if (bytes < MIN_SECRET_BYTES)
    throw new Error(
      `PACKSMITH_TOKEN_SECRET is ${bytes === 0 ? "empty" : `${bytes} bytes`}; it must be at least ${MIN_SECRET_BYTES} random bytes (e.g. openssl rand -base64 32), or unset to use a generated file in the data folder`,
    );
  return raw;
}

/** Read the configuration from the environment (see README "Configuration"). Throws with a clear message. */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const dataDir = resolve(env.PACKSMITH_DATA ?? "./data");
  const storage = (env.PACKSMITH_STORAGE ?? "fs") as ServerConfig["storage"];
  if (storage !== "fs" && storage !== "oci")
    throw new Error(
      `PACKSMITH_STORAGE must be fs or oci, not ${String(storage)}`,
    );
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  let oci: OciConfig | null = null;
  if (storage === "oci") {
    if (!env.PACKSMITH_OCI_URL)
      throw new Error(
        "PACKSMITH_STORAGE=oci needs PACKSMITH_OCI_URL (e.g. https://harbor.example.com)",
      );
    oci = {
      url: env.PACKSMITH_OCI_URL,
      basePath: env.PACKSMITH_OCI_BASE_PATH ?? "",
      insecureSkipVerify: bool(env.PACKSMITH_OCI_INSECURE, false),
    };
    if (env.PACKSMITH_OCI_USERNAME) oci.username = env.PACKSMITH_OCI_USERNAME;
    if (env.PACKSMITH_OCI_PASSWORD) oci.password = env.PACKSMITH_OCI_PASSWORD;
    if (env.PACKSMITH_OCI_TOKEN) oci.token = env.PACKSMITH_OCI_TOKEN;
    if (env.PACKSMITH_OCI_CA_FILE) oci.caFile = env.PACKSMITH_OCI_CA_FILE;
    if (env.PACKSMITH_OCI_PUBLIC_URL)
      oci.publicHost = publicHost(env.PACKSMITH_OCI_PUBLIC_URL);
  }
  const maxMiB = Number(env.PACKSMITH_MAX_UPLOAD_MIB ?? 50);
  if (!(maxMiB > 0))
    throw new Error("PACKSMITH_MAX_UPLOAD_MIB must be a positive number");
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    dataDir,
    htpasswdFile: resolve(env.PACKSMITH_HTPASSWD ?? `${dataDir}/htpasswd`),
    htpasswdGiven: env.PACKSMITH_HTPASSWD !== undefined,
    staticDir:
      env.PACKSMITH_STATIC === ""
        ? null
        : resolve(env.PACKSMITH_STATIC ?? "./dist"),
    storage,
    oci,
    maxUploadBytes: Math.floor(maxMiB * 1024 * 1024),
    publicRead: bool(env.PACKSMITH_PUBLIC_READ, true),
    allowForce: bool(env.PACKSMITH_ALLOW_FORCE, true),
    corsOrigins: (env.PACKSMITH_CORS_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    tokenSecret: tokenSecret(env.PACKSMITH_TOKEN_SECRET),
    tokenTtlSeconds: Number(env.PACKSMITH_TOKEN_TTL ?? 12 * 3600),
    uploadConcurrency: Number(env.PACKSMITH_UPLOAD_CONCURRENCY ?? 2),
    uploadQueue: Number(env.PACKSMITH_UPLOAD_QUEUE ?? 64),
  };
}
