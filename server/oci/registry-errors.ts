import { StoreError } from "../store/store";

/** One entry of the OCI Distribution error body `{"errors":[{code,message,detail}]}`. */
export interface RegistryErrorEntry {
  code: string;
  message: string;
}

/** What a request was doing, for messages and for deciding what an error means. */
export interface RequestContext {
  /** `127.0.0.1:5000`, `registry.example.com`. */
  host: string;
  /** Human words: `manifest team-a/spectro-packs/archive/x:1.0.0`. */
  what: string;
  repo?: string;
  /** The tag written or deleted; set only for operations on a tag. */
  tag?: string;
  /** A write: a missing repository then means "create it first", not "not found". */
  push?: boolean;
}

const MAX_MESSAGE = 300;

/** Parse the error body leniently; anything else becomes one entry holding a cut of the text. */
export function parseRegistryErrors(text: string): RegistryErrorEntry[] {
  try {
    const body = JSON.parse(text) as unknown;
    const errors = (body as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) {
      return errors.map((e: unknown) => {
        const o = (e ?? {}) as { code?: unknown; message?: unknown };
        return {
          code: typeof o.code === "string" ? o.code : "",
          message: typeof o.message === "string" ? o.message : "",
        };
      });
    }
  } catch {
    // Not JSON (a proxy's HTML page, ECR's plain text): keep the text.
  }
  const plain = text.replace(/\s+/g, " ").trim();
  return plain ? [{ code: "", message: plain }] : [];
}

const clip = (s: string): string =>
  s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;

/** `HTTP 400 DIGEST_INVALID: provided digest did not match uploaded content`. */
export function describeStatus(
  status: number,
  errors: readonly RegistryErrorEntry[],
): string {
  const codes = [...new Set(errors.map((e) => e.code).filter(Boolean))].join(
    ", ",
  );
  const messages = [
    ...new Set(errors.map((e) => e.message).filter(Boolean)),
  ].join("; ");
  return clip(
    `HTTP ${status}${codes ? ` ${codes}` : ""}${messages ? `: ${messages}` : ""}`,
  );
}

/** Harbor ("configured as immutable"), ECR (`ImageTagAlreadyExistsException`, "…repository is immutable"). */
function isImmutable(text: string): boolean {
  return /immutab/i.test(text) || /ImageTagAlreadyExists/i.test(text);
}

/**
 * Map a failed registry answer to the StoreError the API turns into a status code. Immutable tags
 * and auth failures are final: callers never retry them.
 */
export function registryError(
  status: number,
  bodyText: string,
  ctx: RequestContext,
): StoreError {
  const errors = parseRegistryErrors(bodyText);
  const codes = new Set(errors.map((e) => e.code.toUpperCase()));
  const said = describeStatus(status, errors);
  if (
    ctx.tag !== undefined &&
    status >= 400 &&
    status < 500 &&
    isImmutable(bodyText)
  ) {
    return new StoreError(
      "IMMUTABLE_TAG",
      `version ${ctx.tag} is immutable in the target registry (${ctx.host}/${ctx.repo ?? ""}: ${said})`,
    );
  }
  if (
    ctx.push &&
    ctx.repo &&
    (codes.has("NAME_UNKNOWN") || /RepositoryNotFoundException/i.test(bodyText))
  ) {
    return new StoreError(
      "REPOSITORY_MISSING",
      `the repository ${ctx.repo} does not exist in ${ctx.host}: create the repository ${ctx.repo} first (${said})`,
    );
  }
  if (status === 401) {
    return new StoreError(
      "REGISTRY_AUTH",
      `${ctx.host} did not accept the credentials for ${ctx.what} (${said}); check the registry username, password or token`,
    );
  }
  if (status === 403) {
    return new StoreError(
      "REGISTRY_AUTH",
      `${ctx.host} denied ${ctx.what} (${said}); the registry account lacks permission for it`,
    );
  }
  if (codes.has("DIGEST_INVALID")) {
    return new StoreError(
      "REGISTRY_ERROR",
      `${ctx.host} rejected ${ctx.what} (${said})`,
    );
  }
  if (status === 429) {
    return new StoreError(
      "REGISTRY_UNAVAILABLE",
      `${ctx.host} is rate-limiting requests (${said}); try again later`,
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    return new StoreError(
      "REGISTRY_UNAVAILABLE",
      `${ctx.host} is unavailable for ${ctx.what} (${said})`,
    );
  }
  if (status === 405 && /DELETE/i.test(ctx.what)) {
    return new StoreError(
      "REGISTRY_ERROR",
      `${ctx.host} does not allow deleting manifests (${said}); a CNCF distribution registry needs storage.delete.enabled: true`,
    );
  }
  return new StoreError(
    "REGISTRY_ERROR",
    `${ctx.host} answered ${said} to ${ctx.what}`,
  );
}

/**
 * Whether an answer to `GET /v2/_catalog` means "not for this account" (list from elsewhere)
 * rather than a failure: Harbor answers 401 `UNAUTHORIZED` "unauthorized to list catalog" to
 * everyone but system administrators (robot accounts included), ECR 405 or 403 `DENIED` without
 * `ecr:DescribeRepositories`, registries without the endpoint 404, and ECR 400 `UNSUPPORTED` for
 * parameters it does not take. Returns the registry's words, or null for a real failure (5xx,
 * 429, anything else).
 */
export function catalogRefusal(
  status: number,
  bodyText: string,
): string | null {
  const errors = parseRegistryErrors(bodyText);
  const codes = new Set(errors.map((e) => e.code.toUpperCase()));
  const refused =
    status === 401 ||
    status === 403 ||
    status === 404 ||
    status === 405 ||
    (status === 400 && codes.has("UNSUPPORTED"));
  return refused ? describeStatus(status, errors) : null;
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function causeOf(e: unknown): { code?: string; message?: string } {
  let cur: unknown = e;
  // undici wraps the socket error: TypeError("fetch failed") → cause (→ cause).
  for (let depth = 0; depth < 4 && cur && typeof cur === "object"; depth++) {
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.code === "string")
      return {
        code: o.code,
        message: typeof o.message === "string" ? o.message : "",
      };
    cur = o.cause;
  }
  return {};
}

/** Map a thrown fetch error (no HTTP answer at all) to a StoreError. */
export function networkError(
  e: unknown,
  ctx: RequestContext,
  timeoutMs: number,
): StoreError {
  if (e instanceof StoreError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new StoreError(
      "REGISTRY_UNAVAILABLE",
      `${ctx.host} did not answer ${ctx.what} within ${Math.round(timeoutMs / 100) / 10} s`,
    );
  }
  const { code = "", message = "" } = causeOf(e);
  if (TLS_CODES.has(code)) {
    return new StoreError(
      "REGISTRY_ERROR",
      `the TLS certificate of ${ctx.host} is not trusted (${code}): give the registry's CA certificate, or turn on insecure skip TLS verify`,
    );
  }
  if (
    code === "EPROTO" ||
    code.startsWith("ERR_SSL_") ||
    /wrong version number/i.test(message)
  ) {
    const why = /wrong version number/i.test(message)
      ? "the server does not speak TLS"
      : clip(code || message);
    return new StoreError(
      "REGISTRY_ERROR",
      `the TLS handshake with ${ctx.host} failed (${why}); check http:// versus https:// in the registry URL`,
    );
  }
  const why =
    code === "ECONNREFUSED"
      ? "connection refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "the host name does not resolve"
        : code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT"
          ? "connection timed out"
          : code === "ECONNRESET" ||
              code === "UND_ERR_SOCKET" ||
              code === "EPIPE"
            ? "the connection was dropped"
            : clip(message || String(e));
  return new StoreError(
    "REGISTRY_UNAVAILABLE",
    `cannot reach ${ctx.host} for ${ctx.what}: ${why}`,
  );
}
