import { sha256Hex } from "../../src/pack/digest";
import {
  OCI_MANIFEST_MEDIA_TYPE,
  ORAS_EMPTY_CONFIG,
  ORAS_EMPTY_CONFIG_DIGEST,
} from "../../src/pack/oci-manifest";
import { StoreError } from "../store/store";
import { OCI_EMPTY_MEDIA_TYPE } from "./pack-manifest";
import { DIGEST_RE, isReference, isRepository } from "./reference";
import {
  catalogRefusal,
  registryError,
  type RequestContext,
} from "./registry-errors";
import {
  discard,
  parseJson,
  readLimited,
  RegistryTransport,
  type RegistryRequest,
  type RegistryTransportOptions,
} from "./registry-transport";

export interface RegistryClientOptions extends RegistryTransportOptions {
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

/**
 * A small OCI Distribution client on Node's fetch: blob and manifest push/pull, tag and catalog
 * listing with paging, over a RegistryTransport (auth discovery, custom TLS, timeouts, capped
 * `429 Retry-After` retries). Every failure is a StoreError (see registry-errors.ts);
 * immutable-tag and auth failures are final and never retried.
 */
export class RegistryClient {
  readonly host: string;
  readonly maxBlobBytes: number;
  private readonly transport: RegistryTransport;

  constructor(opts: RegistryClientOptions) {
    this.transport = new RegistryTransport(opts);
    this.host = this.transport.host;
    this.maxBlobBytes = opts.maxBlobBytes ?? 512 * 1024 * 1024;
  }

  /** Release the connection pool. */
  async close(): Promise<void> {
    await this.transport.close();
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
    const bytes = await readLimited(
      res,
      maxBytes,
      ctx,
      this.transport.transferTimeoutMs,
    );
    if (`sha256:${await sha256Hex(bytes)}` !== digest)
      throw digestMismatch(ctx);
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
    const target = new URL(location, `${this.transport.origin}/`);
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
      mediaType: mediaTypeOf(res),
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
      this.transport.timeoutMs,
    );
    const digest = `sha256:${await sha256Hex(bytes)}`;
    if (reference.startsWith("sha256:") && digest !== reference)
      throw digestMismatch(ctx);
    return {
      bytes,
      digest,
      mediaType: mediaTypeOf(res),
      size: bytes.byteLength,
    };
  }

  /**
   * Upload blobs (skipping those present), then check that every one HEADs 200 with its size
   * (security.md case 63): a manifest tagged after this never points at a blob that is missing or
   * half uploaded.
   */
  async pushBlobs(repo: string, blobs: readonly BlobUpload[]): Promise<void> {
    for (const b of blobs) await this.pushBlob(repo, b);
    for (const b of blobs) {
      const size = await this.headBlob(repo, b.digest);
      const want = b.bytes.byteLength;
      // -1: present, size not stated (allowed by the spec for HEAD).
      if (size === null || (size !== -1 && size !== want)) {
        throw new StoreError(
          "REGISTRY_ERROR",
          `blob ${b.digest} is ${size === null ? "missing" : `${size} bytes instead of ${want}`} in ${this.host}/${repo} after its upload; the manifest was not pushed`,
        );
      }
    }
  }

  /** Tag a manifest whose blobs are in place (see `pushBlobs`). Returns its digest. */
  async putManifest(
    repo: string,
    tag: string,
    manifest: { bytes: Uint8Array; mediaType: string },
  ): Promise<string> {
    checkName(repo, tag);
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
    await this.pushBlobs(repo, artifact.blobs);
    return this.putManifest(repo, tag, artifact.manifest);
  }

  /**
   * Tag a record that holds nothing but its annotations: an OCI 1.1 artifact of `artifactType`
   * whose config and only layer are the empty blob `{}`. Returns its digest.
   */
  async pushRecord(
    repo: string,
    tag: string,
    artifactType: string,
    annotations: Record<string, string>,
  ): Promise<string> {
    const empty = {
      mediaType: OCI_EMPTY_MEDIA_TYPE,
      digest: ORAS_EMPTY_CONFIG_DIGEST,
      size: ORAS_EMPTY_CONFIG.byteLength,
    };
    const manifest = new TextEncoder().encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST_MEDIA_TYPE,
        artifactType,
        config: empty,
        layers: [empty],
        annotations,
      }),
    );
    return this.push(repo, tag, {
      blobs: [{ digest: ORAS_EMPTY_CONFIG_DIGEST, bytes: ORAS_EMPTY_CONFIG }],
      manifest: { bytes: manifest, mediaType: OCI_MANIFEST_MEDIA_TYPE },
    });
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
    const tags = await this.paged(
      `/v2/${repo}/tags/list?n=${pageSize}`,
      pull(repo),
      ctx,
      "tags",
    );
    return tags ?? [];
  }

  /**
   * Every repository name (`/v2/_catalog`, paged), or null when the registry refuses the catalog
   * to this account (Harbor outside system admins, ECR; see `catalogRefusal`).
   */
  async catalog(pageSize = 1000): Promise<string[] | null> {
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
  ): Promise<string[] | null> {
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
      if (res.status !== 200) {
        const text = await this.transport.errorText(res, ctx);
        if (
          field === "repositories" &&
          page === 0 &&
          catalogRefusal(res.status, text)
        )
          return null;
        throw registryError(res.status, text, ctx);
      }
      const body = parseJson(
        await readLimited(res, 16 * 1024 * 1024, ctx, this.transport.timeoutMs),
        ctx,
        this.host,
      );
      const list = (body as Record<string, unknown> | null)?.[field];
      if (Array.isArray(list))
        for (const v of list) if (typeof v === "string") out.push(v);
      next = nextLink(res.headers.get("link"), this.transport.origin);
    }
    return out;
  }

  private request(op: RegistryRequest): Promise<Response> {
    return this.transport.request(op);
  }

  private expect(
    res: Response,
    ok: readonly number[],
    ctx: RequestContext,
  ): Promise<void> {
    return this.transport.expect(res, ok, ctx);
  }
}

const pull = (repo: string): string => `repository:${repo}:pull`;
const push = (repo: string): string => `repository:${repo}:pull,push`;
const deleteScope = (repo: string): string => `repository:${repo}:delete`;

function checkDigest(digest: string): void {
  if (!DIGEST_RE.test(digest))
    throw new StoreError(
      "REGISTRY_ERROR",
      `${JSON.stringify(digest)} is not a sha256 digest`,
    );
}

/** The `Content-Type` without parameters, `""` when absent. */
const mediaTypeOf = (res: Response): string =>
  (res.headers.get("content-type") ?? "").split(";")[0]!.trim();

const digestMismatch = (ctx: RequestContext): StoreError =>
  new StoreError(
    "REGISTRY_ERROR",
    `${ctx.host} sent ${ctx.what} with content that does not match its digest`,
  );

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
