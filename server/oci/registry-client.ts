import { rootCertificates } from "node:tls";
import { Agent, type Dispatcher } from "undici";
import { sha256Hex } from "../../src/pack/digest";
import { StoreError } from "../store/store";
import { DIGEST_RE, isReference, isRepository } from "./reference";
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

export interface RegistryTls {
  /** Extra trusted CA certificate(s), PEM. Added to Node's default roots. */
  caPem?: string;
  /** Accept any certificate (Palette's "Insecure Skip TLS Verify"). */
  insecureSkipVerify?: boolean;
}

export interface RegistryClientOptions {
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
  /** Largest blob this client downloads (default 512 MiB). */
  maxBlobBytes?: number;
}

/** A blob to push: its bytes and `sha256:<hex>` digest. */
export interface BlobUpload {
  digest: string;
  bytes: Uint8Array;
}

export interface ManifestRef {
  /** `sha256:<hex>` of the manifest bytes. */
  digest: string;
  mediaType: string;
  size: number;
}

export interface FetchedManifest extends ManifestRef {
  bytes: Uint8Array;
}

/** Every manifest type we may meet, so a registry never refuses a GET for lack of an Accept entry. */
const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_PAGES = 10_000;

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));

type FetchInit = RequestInit & { dispatcher?: Dispatcher };
const fetchWith = fetch as (url: string, init: FetchInit) => Promise<Response>;

/** What one request needs: where, how, and with which token scope. */
interface Op extends RequestContext {
  method: string;
  /** A path under the registry (`/v2/…`) or an absolute URL the registry gave (Location, Link). */
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Token scope, e.g. `repository:a/b:pull,push` or `registry:catalog:*`. */
  scope: string;
  transfer?: boolean;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * A small OCI Distribution client on Node's fetch: auth discovery, custom TLS, timeouts, capped
 * `429 Retry-After` retries, blob and manifest push/pull, tag and catalog listing with paging.
 * Every failure is a StoreError (see registry-errors.ts); immutable-tag and auth failures are
 * final and never retried.
 */
export class RegistryClient {
  /** Origin plus any path prefix, without a trailing slash or `/v2`. */
  readonly base: string;
  readonly host: string;
  private readonly origin: string;
  private readonly auth: RegistryAuth;
  private readonly dispatcher: Agent;
  private readonly timeoutMs: number;
  private readonly transferTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  readonly maxBlobBytes: number;
  /** Learned from the first challenge: which scheme this registry wants. */
  private scheme: "unknown" | "basic" | "bearer" = "unknown";
  private realm: { url: string; service: string | undefined } | null = null;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(opts: RegistryClientOptions) {
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
    this.maxBlobBytes = opts.maxBlobBytes ?? 512 * 1024 * 1024;
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

  /** `GET /v2/`: resolves when the registry answers and accepts the credentials. */
  async ping(): Promise<void> {
    const res = await this.request({
      method: "GET",
      url: "/v2/",
      scope: "",
      host: this.host,
      what: "the API check /v2/",
    });
    await this.expect(res, [200], {
      host: this.host,
      what: "the API check /v2/",
    });
  }

  // ---- blobs ----------------------------------------------------------------------------

  /** Size of a blob (-1 when the registry does not say), or null when it does not hold it. */
  async headBlob(repo: string, digest: string): Promise<number | null> {
    checkName(repo);
    checkDigest(digest);
    const ctx = { host: this.host, repo, what: `blob ${digest} of ${repo}` };
    const res = await this.request({
      ...ctx,
      method: "HEAD",
      url: `/v2/${repo}/blobs/${digest}`,
      scope: pull(repo),
    });
    if (res.status === 404) return null;
    await this.expect(res, [200], ctx);
    const size = Number(res.headers.get("content-length") ?? "-1");
    return Number.isSafeInteger(size) && size >= 0 ? size : -1;
  }

  /** A blob's bytes, checked against its digest; null when absent. */
  async getBlob(
    repo: string,
    digest: string,
    maxBytes = this.maxBlobBytes,
  ): Promise<Uint8Array | null> {
    checkName(repo);
    checkDigest(digest);
    const ctx = { host: this.host, repo, what: `blob ${digest} of ${repo}` };
    const res = await this.request({
      ...ctx,
      method: "GET",
      url: `/v2/${repo}/blobs/${digest}`,
      scope: pull(repo),
      transfer: true,
    });
    if (res.status === 404) {
      await discard(res);
      return null;
    }
    await this.expect(res, [200], ctx);
    const bytes = await readLimited(res, maxBytes, ctx, this.transferTimeoutMs);
    if (`sha256:${await sha256Hex(bytes)}` !== digest) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `${this.host} sent ${ctx.what} with content that does not match its digest`,
      );
    }
    return bytes;
  }

  /**
   * Upload a blob unless the registry already holds it (HEAD 200): `POST /blobs/uploads/` →
   * `Location` → monolithic `PUT <Location>?digest=` (pack-format §G.7 steps 2–4).
   */
  async pushBlob(repo: string, blob: BlobUpload): Promise<void> {
    checkDigest(blob.digest);
    if ((await this.headBlob(repo, blob.digest)) === blob.bytes.byteLength)
      return;
    // A connection dropped mid-transfer restarts the blob once from a new upload session
    // (security.md case 63); the manifest is only PUT after every blob is in place.
    try {
      await this.uploadBlob(repo, blob);
    } catch (e) {
      if (!(e instanceof StoreError && e.code === "REGISTRY_UNAVAILABLE"))
        throw e;
      await this.uploadBlob(repo, blob);
    }
  }

  private async uploadBlob(repo: string, blob: BlobUpload): Promise<void> {
    const ctx = {
      host: this.host,
      repo,
      push: true,
      what: `the upload of blob ${blob.digest} to ${repo}`,
    };
    const start = await this.request({
      ...ctx,
      method: "POST",
      url: `/v2/${repo}/blobs/uploads/`,
      scope: push(repo),
    });
    await this.expect(start, [202, 201], ctx);
    if (start.status === 201) return;
    const location = start.headers.get("location");
    if (!location) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `${this.host} started an upload without a Location header; the registry (or a proxy or CORS policy in front of it) must expose Location`,
      );
    }
    const target = new URL(location, `${this.origin}/`);
    target.searchParams.append("digest", blob.digest);
    const put = await this.request({
      ...ctx,
      method: "PUT",
      url: target.href,
      scope: push(repo),
      transfer: true,
      headers: { "content-type": "application/octet-stream" },
      body: blob.bytes,
    });
    await this.expect(put, [201, 204], ctx);
  }

  // ---- manifests ------------------------------------------------------------------------

  /** The digest, media type and size of a tag or digest; null when absent. */
  async headManifest(
    repo: string,
    reference: string,
  ): Promise<ManifestRef | null> {
    checkName(repo, reference);
    const ctx = {
      host: this.host,
      repo,
      what: `manifest ${repo}:${reference}`,
    };
    const res = await this.request({
      ...ctx,
      method: "HEAD",
      url: `/v2/${repo}/manifests/${reference}`,
      scope: pull(repo),
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return null;
    await this.expect(res, [200], ctx);
    const digest = res.headers.get("docker-content-digest") ?? "";
    if (!DIGEST_RE.test(digest)) {
      // Some registries omit the header on HEAD: fall back to GET and hash the bytes.
      const m = await this.getManifest(repo, reference);
      return m && { digest: m.digest, mediaType: m.mediaType, size: m.size };
    }
    return {
      digest,
      mediaType: (res.headers.get("content-type") ?? "").split(";")[0]!.trim(),
      size: Number(res.headers.get("content-length") ?? "-1"),
    };
  }

  /** A manifest's exact bytes with their sha256 digest (checked when fetched by digest). */
  async getManifest(
    repo: string,
    reference: string,
  ): Promise<FetchedManifest | null> {
    checkName(repo, reference);
    const ctx = {
      host: this.host,
      repo,
      what: `manifest ${repo}:${reference}`,
    };
    const res = await this.request({
      ...ctx,
      method: "GET",
      url: `/v2/${repo}/manifests/${reference}`,
      scope: pull(repo),
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) {
      await discard(res);
      return null;
    }
    await this.expect(res, [200], ctx);
    const bytes = await readLimited(
      res,
      MAX_MANIFEST_BYTES,
      ctx,
      this.timeoutMs,
    );
    const digest = `sha256:${await sha256Hex(bytes)}`;
    if (reference.startsWith("sha256:") && digest !== reference) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `${this.host} sent ${ctx.what} with content that does not match its digest`,
      );
    }
    const mediaType = (res.headers.get("content-type") ?? "")
      .split(";")[0]!
      .trim();
    return { bytes, digest, mediaType, size: bytes.byteLength };
  }

  /**
   * Tag a manifest. Every blob it references must HEAD 200 first (security.md case 63), so a
   * manifest never points at a blob that is missing or half uploaded. Returns the digest.
   */
  async putManifest(
    repo: string,
    tag: string,
    manifest: { bytes: Uint8Array; mediaType: string },
    blobs: readonly { digest: string; size: number }[],
  ): Promise<string> {
    checkName(repo, tag);
    for (const b of blobs) {
      const size = await this.headBlob(repo, b.digest);
      // -1: present, size not stated (allowed by the spec for HEAD).
      if (size === null || (size !== -1 && size !== b.size)) {
        throw new StoreError(
          "REGISTRY_ERROR",
          `blob ${b.digest} is ${size === null ? "missing" : `${size} bytes instead of ${b.size}`} in ${this.host}/${repo} after its upload; the manifest was not pushed`,
        );
      }
    }
    const digest = `sha256:${await sha256Hex(manifest.bytes)}`;
    const ctx = {
      host: this.host,
      repo,
      tag,
      push: true,
      what: `the manifest ${repo}:${tag}`,
    };
    const res = await this.request({
      ...ctx,
      method: "PUT",
      url: `/v2/${repo}/manifests/${tag}`,
      scope: push(repo),
      headers: { "content-type": manifest.mediaType },
      body: manifest.bytes,
    });
    await this.expect(res, [201, 200, 202], ctx);
    const echoed = res.headers.get("docker-content-digest");
    if (echoed && echoed !== digest) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `${this.host} stored ${ctx.what} as ${echoed}, not ${digest}: the registry rewrote the manifest`,
      );
    }
    return digest;
  }

  /** Push blobs (skipping those present), then the manifest under `tag`. Returns its digest. */
  async push(
    repo: string,
    tag: string,
    artifact: {
      blobs: readonly BlobUpload[];
      manifest: { bytes: Uint8Array; mediaType: string };
    },
  ): Promise<string> {
    for (const b of artifact.blobs) await this.pushBlob(repo, b);
    return this.putManifest(
      repo,
      tag,
      artifact.manifest,
      artifact.blobs.map((b) => ({
        digest: b.digest,
        size: b.bytes.byteLength,
      })),
    );
  }

  /** Delete a manifest by digest (every tag on it goes too). False when it was not there. */
  async deleteManifest(
    repo: string,
    digest: string,
    tag?: string,
  ): Promise<boolean> {
    checkName(repo);
    checkDigest(digest);
    const ctx = {
      host: this.host,
      repo,
      tag,
      what: `DELETE of manifest ${repo}@${digest}`,
    };
    const res = await this.request({
      ...ctx,
      method: "DELETE",
      url: `/v2/${repo}/manifests/${digest}`,
      scope: deleteScope(repo),
    });
    if (res.status === 404) {
      await discard(res);
      return false;
    }
    await this.expect(res, [202, 200, 204], ctx);
    return true;
  }

  // ---- listings -------------------------------------------------------------------------

  /** Every tag of a repository, following `Link: <…>; rel="next"`. Empty when it does not exist. */
  async listTags(repo: string, pageSize = 1000): Promise<string[]> {
    checkName(repo);
    const ctx = { host: this.host, repo, what: `the tags of ${repo}` };
    return this.paged(
      `/v2/${repo}/tags/list?n=${pageSize}`,
      pull(repo),
      ctx,
      "tags",
    );
  }

  /** Every repository name (`/v2/_catalog`, paged). Needs catalog rights on Harbor; ECR has none. */
  async catalog(pageSize = 1000): Promise<string[]> {
    const ctx = {
      host: this.host,
      what: "the repository catalog /v2/_catalog",
    };
    return this.paged(
      `/v2/_catalog?n=${pageSize}`,
      "registry:catalog:*",
      ctx,
      "repositories",
    );
  }

  private async paged(
    first: string,
    scope: string,
    ctx: RequestContext,
    field: "tags" | "repositories",
  ): Promise<string[]> {
    const out: string[] = [];
    const seen = new Set<string>();
    let next: string | null = first;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      if (seen.has(next)) break;
      seen.add(next);
      const res = await this.request({
        ...ctx,
        method: "GET",
        url: next,
        scope,
        headers: { accept: "application/json" },
      });
      if (res.status === 404 && field === "tags") {
        await discard(res);
        return out;
      }
      await this.expect(res, [200], ctx);
      const body = parseJson(
        await readLimited(res, 16 * 1024 * 1024, ctx, this.timeoutMs),
        ctx,
        this.host,
      );
      const list = (body as Record<string, unknown> | null)?.[field];
      if (Array.isArray(list))
        for (const v of list) if (typeof v === "string") out.push(v);
      next = nextLink(res.headers.get("link"), this.origin);
    }
    return out;
  }

  // ---- transport ------------------------------------------------------------------------

  /** Fail unless the status is expected; the error names the registry's own code and message. */
  private async expect(
    res: Response,
    ok: readonly number[],
    ctx: RequestContext,
  ): Promise<void> {
    if (ok.includes(res.status)) return;
    const text = res.body
      ? new TextDecoder().decode(
          await readLimited(res, 64 * 1024, ctx, this.timeoutMs).catch(
            () => new Uint8Array(),
          ),
        )
      : "";
    throw registryError(res.status, text, ctx);
  }

  /**
   * Send with auth discovery and rate-limit retries. Returns any HTTP answer (the caller decides
   * what a status means); throws only for network failures, auth failures and exhausted retries.
   */
  private async request(op: Op): Promise<Response> {
    let sent: "none" | "basic" | "static" | "cached-token" | "fresh-token" =
      "none";
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

  private async authorization(op: Op): Promise<{
    header?: string;
    sent: "none" | "basic" | "static" | "cached-token" | "fresh-token";
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
  private async fetchToken(key: string, op: Op): Promise<string> {
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
    op: Op,
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

// ---- helpers ------------------------------------------------------------------------------

const pull = (repo: string): string => `repository:${repo}:pull`;
const push = (repo: string): string => `repository:${repo}:pull,push`;
const deleteScope = (repo: string): string => `repository:${repo}:delete`;

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

function checkDigest(digest: string): void {
  if (!DIGEST_RE.test(digest))
    throw new StoreError(
      "REGISTRY_ERROR",
      `${JSON.stringify(digest)} is not a sha256 digest`,
    );
}

/** Names go into URL paths: only valid OCI names and references ever reach the wire. */
function checkName(repo: string, reference?: string): void {
  if (!isRepository(repo))
    throw new StoreError(
      "REGISTRY_ERROR",
      `${JSON.stringify(repo)} is not a valid OCI repository name`,
    );
  if (reference !== undefined && !isReference(reference)) {
    throw new StoreError(
      "REGISTRY_ERROR",
      `${JSON.stringify(reference)} is not a valid OCI tag or digest`,
    );
  }
}

/** `Retry-After` as seconds or an HTTP date; without one, 1 s, 2 s, 4 s… */
export function retryAfterMs(value: string | null, attempt: number): number {
  const v = (value ?? "").trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = v ? Date.parse(v) : NaN;
  if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  return 1000 * 2 ** attempt;
}

/** The `rel="next"` target of a Link header, only when it stays on the registry's origin. */
function nextLink(link: string | null, origin: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?next"?/i.test(m[2]!)) {
      const url = new URL(m[1]!, `${origin}/`);
      return url.origin === origin ? url.href : null;
    }
  }
  return null;
}

function parseJson(
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

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // Already closed.
  }
}

/** Read a body up to `limit` bytes; a longer body is cut off and refused. */
async function readLimited(
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
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
