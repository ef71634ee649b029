import { rootCertificates } from "node:tls";
import { Agent, type Dispatcher } from "undici";
import { concatBytes } from "../../src/pack/bytes";
import { StoreError } from "../store/store";
import {
  networkError,
  registryError,
  type RequestContext,
} from "./registry-errors";
import { parseWwwAuthenticate, type AuthChallenge } from "./www-authenticate";

/**
 * How to authenticate. With `none` and `basic` the client discovers the scheme from the registry's
 * `401 WWW-Authenticate` challenge: `Basic` → the credentials are sent as Basic; `Bearer realm=…`
 * → a token is fetched from the realm (with the credentials as Basic, if any) and cached per scope.
 * `bearer` sends a fixed token and never asks a realm.
 */
export type RegistryAuth =
  | { type: "none" }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string };

/** TLS trust for a registry with a private CA or a self-signed certificate. */
export interface RegistryTls {
  /** Extra trusted CA certificate(s), PEM. Added to Node's default roots. */
  caPem?: string;
  /** Accept any certificate (Palette's "Insecure Skip TLS Verify"). */
  insecureSkipVerify?: boolean;
}

/** Where the registry is and how to talk to it: credentials, TLS trust, time limits, retries. */
export interface RegistryTransportOptions {
  /** `https://host[:port]`; a trailing `/` or `/v2` is trimmed (like validatorctl). */
  url: string;
  auth?: RegistryAuth;
  tls?: RegistryTls;
  /** Limit for one metadata request, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Limit for one blob upload or download (default 10 min). */
  transferTimeoutMs?: number;
  /** `429` (and `503` with `Retry-After`) is retried at most this many times per request (default 3). */
  maxRetries?: number;
  /** A `Retry-After` longer than this is not waited for: the request fails at once (default 30 s). */
  maxRetryWaitMs?: number;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));

type FetchInit = RequestInit & { dispatcher?: Dispatcher };
const fetchWith = fetch as (url: string, init: FetchInit) => Promise<Response>;

/** What one request needs: where, how, and with which token scope. */
export interface RegistryRequest extends RequestContext {
  method: string;
  /** A path under the registry (`/v2/…`) or an absolute URL the registry gave (Location, Link). */
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Token scope, e.g. `repository:a/b:pull,push` or `registry:catalog:*`. */
  scope: string;
  transfer?: boolean;
}

/** Which credentials a request carried: a 401 after `basic`, `static` or `fresh-token` is final. */
type SentAuth = "none" | "basic" | "static" | "cached-token" | "fresh-token";

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * The HTTP half of the registry client: one connection pool with the configured TLS trust,
 * timeouts, auth discovery from `401 WWW-Authenticate` (Basic, or Bearer tokens fetched from the
 * realm and cached per scope), and capped `429 Retry-After` retries. It knows nothing of
 * manifests or blobs: `request` returns any HTTP answer and the operations decide what it means.
 */
export class RegistryTransport {
  /** Origin plus any path prefix, without a trailing slash or `/v2`. */
  readonly base: string;
  readonly host: string;
  /** `scheme://host[:port]`: credentials are sent only here. */
  readonly origin: string;
  /** Limit for one metadata request, headers and body. */
  readonly timeoutMs: number;
  /** Limit for one blob upload or download. */
  readonly transferTimeoutMs: number;
  private readonly auth: RegistryAuth;
  private readonly dispatcher: Agent;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  /** Learned from the first challenge: which scheme this registry wants. */
  private scheme: "unknown" | "basic" | "bearer" = "unknown";
  private realm: { url: string; service: string | undefined } | null = null;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(opts: RegistryTransportOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new Error(
        `registry URL ${JSON.stringify(opts.url)} is not a URL (expected https://host[:port])`,
      );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new Error(
        `registry URL ${opts.url} must start with https:// or http://`,
      );
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new Error(
        `registry URL ${url.host} must not hold credentials, a query or a fragment`,
      );
    }
    const path = url.pathname
      .replace(/\/+$/, "")
      .replace(/\/v2$/, "")
      .replace(/\/+$/, "");
    this.origin = url.origin;
    this.base = `${url.origin}${path}`;
    this.host = url.host;
    this.auth = opts.auth ?? { type: "none" };
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.transferTimeoutMs = opts.transferTimeoutMs ?? 600_000;
    this.maxRetries = opts.maxRetries ?? 3;
    this.maxRetryWaitMs = opts.maxRetryWaitMs ?? 30_000;
    this.dispatcher = new Agent({
      connect: {
        timeout: Math.min(this.timeoutMs, 10_000),
        // `ca` replaces Node's roots: keep them, so a public CA still works next to the custom one.
        ...(opts.tls?.caPem
          ? { ca: [...rootCertificates, opts.tls.caPem] }
          : {}),
        ...(opts.tls?.insecureSkipVerify ? { rejectUnauthorized: false } : {}),
      },
    });
  }

  /** Release the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** Fail unless the status is expected; the error names the registry's own code and message. */
  async expect(
    res: Response,
    ok: readonly number[],
    ctx: RequestContext,
  ): Promise<void> {
    if (ok.includes(res.status)) return;
    throw registryError(res.status, await this.errorText(res, ctx), ctx);
  }

  /** The start of an error answer's body (64 KiB at most), `""` when it cannot be read. */
  async errorText(res: Response, ctx: RequestContext): Promise<string> {
    if (!res.body) return "";
    return new TextDecoder().decode(
      await readLimited(res, 64 * 1024, ctx, this.timeoutMs).catch(
        () => new Uint8Array(),
      ),
    );
  }

  /**
   * Send with auth discovery and rate-limit retries. Returns any HTTP answer (the caller decides
   * what a status means); throws only for network failures, auth failures and exhausted retries.
   */
  async request(op: RegistryRequest): Promise<Response> {
    let sent: SentAuth = "none";
    for (let round = 0; ; round++) {
      const headers: Record<string, string> = {
        "user-agent": "packsmith",
        ...op.headers,
      };
      const target = new URL(
        op.url.startsWith("/") ? `${this.base}${op.url}` : op.url,
      );
      // Credentials go only to the registry itself, never to a redirect or Location elsewhere.
      if (target.origin === this.origin) {
        const a = await this.authorization(op);
        sent = a.sent;
        if (a.header) headers.authorization = a.header;
      }
      const res = await this.sendWithRetries(target.href, op, headers);
      if (res.status !== 401 || round >= 2 || target.origin !== this.origin)
        return res;
      const challenge = pickChallenge(
        parseWwwAuthenticate(res.headers.get("www-authenticate")),
      );
      if (
        !challenge ||
        sent === "basic" ||
        sent === "static" ||
        sent === "fresh-token"
      )
        return res;
      if (challenge.scheme === "basic") {
        if (this.auth.type !== "basic") {
          await discard(res);
          throw new StoreError(
            "REGISTRY_AUTH",
            `${this.host} requires a username and password for ${op.what}`,
          );
        }
        this.scheme = "basic";
      } else {
        const realm = challenge.params.get("realm");
        if (!realm) return res;
        this.scheme = "bearer";
        this.realm = { url: realm, service: challenge.params.get("service") };
        this.tokens.delete(scopeKey(op.scope));
        this.tokens.delete(scopeKey(op.scope, challenge.params.get("scope")));
        op = {
          ...op,
          scope: [op.scope, challenge.params.get("scope") ?? ""]
            .join(" ")
            .trim(),
        };
      }
      await discard(res);
    }
  }

  private async authorization(op: RegistryRequest): Promise<{
    header?: string;
    sent: SentAuth;
  }> {
    if (this.auth.type === "bearer")
      return { header: `Bearer ${this.auth.token}`, sent: "static" };
    if (this.scheme === "basic" && this.auth.type === "basic") {
      return {
        header: basicHeader(this.auth.username, this.auth.password),
        sent: "basic",
      };
    }
    if (this.scheme === "bearer" && this.realm) {
      const key = scopeKey(op.scope);
      const cached = this.tokens.get(key);
      if (cached && cached.expiresAt > Date.now())
        return { header: `Bearer ${cached.token}`, sent: "cached-token" };
      const token = await this.fetchToken(key, op);
      return { header: `Bearer ${token}`, sent: "fresh-token" };
    }
    return { sent: "none" };
  }

  /** `GET <realm>?service=…&scope=…` with the credentials as Basic → `token` / `access_token`. */
  private async fetchToken(key: string, op: RegistryRequest): Promise<string> {
    const realm = this.realm!;
    let url: URL;
    try {
      url = new URL(realm.url);
    } catch {
      throw new StoreError(
        "REGISTRY_AUTH",
        `${this.host} named a token service that is not a URL: ${realm.url}`,
      );
    }
    if (
      url.protocol !== "https:" &&
      !(url.protocol === "http:" && this.origin.startsWith("http:"))
    ) {
      throw new StoreError(
        "REGISTRY_AUTH",
        `${this.host} named a token service over ${url.protocol} (${url.host}); refusing to send credentials there`,
      );
    }
    if (realm.service) url.searchParams.set("service", realm.service);
    for (const s of key.split(" ").filter(Boolean))
      url.searchParams.append("scope", s);
    const headers: Record<string, string> = {
      "user-agent": "packsmith",
      accept: "application/json",
    };
    if (this.auth.type === "basic")
      headers.authorization = basicHeader(
        this.auth.username,
        this.auth.password,
      );
    const ctx = {
      host: url.host,
      what: `a token for ${key || "the registry"}`,
    };
    const res = await this.sendWithRetries(
      url.href,
      { ...op, ...ctx, method: "GET", body: undefined, transfer: false },
      headers,
    );
    if (res.status === 401 || res.status === 403) {
      await discard(res);
      throw new StoreError(
        "REGISTRY_AUTH",
        `the token service ${url.host} refused the credentials for ${op.what}`,
      );
    }
    await this.expect(res, [200], ctx);
    const body = parseJson(
      await readLimited(res, 1024 * 1024, ctx, this.timeoutMs),
      ctx,
      url.host,
    ) as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    } | null;
    const token =
      typeof body?.token === "string" && body.token
        ? body.token
        : body?.access_token;
    if (typeof token !== "string" || !token) {
      throw new StoreError(
        "REGISTRY_AUTH",
        `the token service ${url.host} answered without a token`,
      );
    }
    const life =
      typeof body?.expires_in === "number" && body.expires_in > 0
        ? body.expires_in
        : 60;
    // Renew a little early so a token never expires between the check and the request.
    this.tokens.set(key, {
      token,
      expiresAt: Date.now() + Math.max(1, life - 10) * 1000,
    });
    return token;
  }

  /** One exchange, retried on `429` / `503 + Retry-After` up to the caps. */
  private async sendWithRetries(
    url: string,
    op: RegistryRequest,
    headers: Record<string, string>,
  ): Promise<Response> {
    const timeout = op.transfer ? this.transferTimeoutMs : this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetchWith(url, {
          method: op.method,
          headers,
          body: op.body as Uint8Array<ArrayBuffer> | undefined,
          redirect: "follow",
          dispatcher: this.dispatcher,
          signal: AbortSignal.timeout(timeout),
        });
      } catch (e) {
        throw networkError(e, op, timeout);
      }
      const limited =
        res.status === 429 ||
        (res.status === 503 && res.headers.has("retry-after"));
      if (!limited) return res;
      const wait = retryAfterMs(res.headers.get("retry-after"), attempt);
      if (attempt >= this.maxRetries || wait > this.maxRetryWaitMs) {
        const seconds = Math.ceil(wait / 1000);
        await discard(res);
        throw new StoreError(
          "REGISTRY_UNAVAILABLE",
          `${this.host} is rate-limiting ${op.what} (HTTP ${res.status}, retry after ${seconds} s${attempt ? ` following ${attempt} retries` : ""}); try again later`,
        );
      }
      await discard(res);
      await sleep(wait);
    }
  }
}

/** Cache key of a token: its scopes, deduplicated and sorted. */
function scopeKey(...scopes: (string | undefined)[]): string {
  return [
    ...new Set(scopes.flatMap((s) => (s ?? "").split(" ")).filter(Boolean)),
  ]
    .sort()
    .join(" ");
}

function pickChallenge(all: AuthChallenge[]): AuthChallenge | undefined {
  return (
    all.find((c) => c.scheme === "bearer") ??
    all.find((c) => c.scheme === "basic")
  );
}

const basicHeader = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;

/** `Retry-After` as seconds or an HTTP date; without one, 1 s, 2 s, 4 s… */
export function retryAfterMs(value: string | null, attempt: number): number {
  const v = (value ?? "").trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = v ? Date.parse(v) : NaN;
  if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  return 1000 * 2 ** attempt;
}

/** A JSON body, or a REGISTRY_ERROR naming what was asked. */
export function parseJson(
  bytes: Uint8Array,
  ctx: RequestContext,
  host: string,
): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new StoreError(
      "REGISTRY_ERROR",
      `${host} answered ${ctx.what} with something that is not JSON`,
    );
  }
}

/** Drop a body that will not be read, so its connection returns to the pool. */
export async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // Already closed.
  }
}

/** Read a body up to `limit` bytes; a longer body is cut off and refused. */
export async function readLimited(
  res: Response,
  limit: number,
  ctx: RequestContext,
  timeoutMs: number,
): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  const tooLarge = (): StoreError =>
    new StoreError(
      "REGISTRY_ERROR",
      `${ctx.host} sent more than ${limit} bytes for ${ctx.what}`,
    );
  if (declared > limit) {
    await discard(res);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (e) {
    throw networkError(e, ctx, timeoutMs);
  }
  return concatBytes(chunks, total);
}
