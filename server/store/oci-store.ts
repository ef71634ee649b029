import { summaryOf } from "../../src/pack/registry-types";
import { sha256Hex } from "../../src/pack/digest";
import {
  OCI_MANIFEST_MEDIA_TYPE,
  ORAS_EMPTY_CONFIG,
  ORAS_EMPTY_CONFIG_DIGEST,
  orasManifest,
  rfc3339Seconds,
} from "../../src/pack/oci-manifest";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { writePackTarGz } from "../../src/pack/tar-write";
import { KeyedMutex } from "../oci/keyed-mutex";
import {
  cleanBasePath,
  COMPONENT_RE,
  DIGEST_RE,
  MAX_REPOSITORY_LENGTH,
  packRepository,
  packRepositoryPrefix,
  TAG_RE,
} from "../oci/reference";
import { RegistryClient } from "../oci/registry-client";
import type { RegistryAuth, RegistryTls } from "../oci/registry-transport";
import { describePack } from "../prepare";
import {
  StoreError,
  type PackDetail,
  type PackStore,
  type PackSummary,
  type PreparedPack,
  type PutResult,
} from "./store";

export interface OciStoreConfig {
  /** Registry endpoint, `https://host[:port]` (a trailing `/` or `/v2` is trimmed). */
  url: string;
  /** Palette's "Base Content Path" (Harbor project, ECR prefix); may be `''`. */
  basePath?: string;
  auth?: RegistryAuth;
  tls?: RegistryTls;
  /** Per metadata request (default 30 s); blob transfers get 10 min. */
  timeoutMs?: number;
  /** `429 Retry-After` handling (defaults 3 retries, at most 30 s each). */
  maxRetries?: number;
  maxRetryWaitMs?: number;
  /** Parsed versions kept in memory, keyed by manifest digest (default 2,000). */
  cacheEntries?: number;
  /** Bytes of unpacked files kept in memory for `files()` (default 64 MiB). */
  cacheBytes?: number;
  /** Registry requests in flight at once while listing (default 8). */
  listConcurrency?: number;
}

/** The parts of an ORAS manifest we read; anything else in it is ignored. */
interface PackManifest {
  layer: { digest: string; size: number; title: string };
  created: string;
}

const EPOCH = "1970-01-01T00:00:00Z";
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A tag that exists but whose artifact is not a readable pack (pushed by another tool). */
class NotAPack extends Error {}

/**
 * The `oci` driver: each version is `<base>/spectro-packs/archive/<name>:<version>`, an ORAS 1.0
 * manifest with one `<name>-<version>.tar.gz` layer, so Palette syncs it directly (pack-format §G).
 *
 * Consistency: within this process, puts and deletes of one `name:version` are serialized, so
 * concurrent uploads give exactly one `created`. Across several Packsmith instances sharing one
 * registry there is no such guarantee: the Distribution API has no compare-and-set on tags (no
 * conditional manifest PUT), so two instances racing on the same new version can both see "absent"
 * and both push; the last manifest PUT wins and both report `created`. Run one writer per registry
 * (or per base path), or use immutable tags in the registry, which turn the loser into IMMUTABLE_TAG.
 *
 * Reads are cached by manifest digest: a digest names exact bytes, so the cache can never be stale,
 * even when another instance moves a tag; a HEAD on the tag gives the current digest.
 */
export function createOciStore(config: OciStoreConfig): PackStore {
  const base = cleanBasePath(config.basePath ?? "");
  const prefix = packRepositoryPrefix(base);
  const client = new RegistryClient({
    url: config.url,
    ...(config.auth ? { auth: config.auth } : {}),
    ...(config.tls ? { tls: config.tls } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.maxRetries !== undefined
      ? { maxRetries: config.maxRetries }
      : {}),
    ...(config.maxRetryWaitMs !== undefined
      ? { maxRetryWaitMs: config.maxRetryWaitMs }
      : {}),
  });
  const mutex = new KeyedMutex();
  const details = new Lru<PackDetail>(config.cacheEntries ?? 2000, () => 1);
  const filesCache = new Lru<PackFiles>(
    config.cacheBytes ?? 64 * 1024 * 1024,
    (f) => {
      let n = 0;
      for (const b of f.values()) n += b.byteLength;
      return n;
    },
  );
  const listConcurrency = Math.max(1, config.listConcurrency ?? 8);

  /** The repository of a pack name, or null when the name can never be an OCI repository. */
  const repoOf = (name: string): string | null => {
    const repo = packRepository(base, name);
    return COMPONENT_RE.test(name) && repo.length <= MAX_REPOSITORY_LENGTH
      ? repo
      : null;
  };

  function parseManifest(bytes: Uint8Array, where: string): PackManifest {
    let m: unknown;
    try {
      m = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new NotAPack(`the manifest of ${where} is not JSON`);
    }
    const o = m as { layers?: unknown; annotations?: unknown } | null;
    const layers = Array.isArray(o?.layers) ? (o.layers as unknown[]) : [];
    const described = layers.map((l) => {
      const d = (l ?? {}) as {
        digest?: unknown;
        size?: unknown;
        annotations?: unknown;
      };
      const title = (d.annotations as Record<string, unknown> | undefined)?.[
        "org.opencontainers.image.title"
      ];
      return {
        digest: typeof d.digest === "string" ? d.digest : "",
        size: typeof d.size === "number" ? d.size : -1,
        title: typeof title === "string" ? title : "",
      };
    });
    // ORAS titles the layer with the file name; a lone untitled layer is accepted too.
    const layer =
      described.find((l) => /\.(tar\.gz|tgz)$/.test(l.title)) ??
      (described.length === 1 ? described[0] : undefined);
    if (!layer || !DIGEST_RE.test(layer.digest) || layer.size < 0) {
      throw new NotAPack(
        `${where} has no pack archive layer (<name>-<version>.tar.gz)`,
      );
    }
    if (layer.size > client.maxBlobBytes)
      throw new NotAPack(
        `the layer of ${where} is ${layer.size} bytes, too large`,
      );
    const created = (o?.annotations as Record<string, unknown> | undefined)?.[
      "org.opencontainers.image.created"
    ];
    return {
      layer,
      created:
        typeof created === "string" && RFC3339.test(created) ? created : EPOCH,
    };
  }

  /** Download and unpack a layer (cached by its digest). */
  async function layerFiles(
    repo: string,
    layer: PackManifest["layer"],
    where: string,
  ): Promise<PackFiles> {
    const hit = filesCache.get(layer.digest);
    if (hit) return hit;
    const bytes = await client.getBlob(repo, layer.digest);
    if (!bytes)
      throw new NotAPack(
        `the layer ${layer.digest} of ${where} is missing from the registry`,
      );
    const read = readPackArchive(bytes, {
      name: layer.title || `${where}.tar.gz`,
    });
    if (!read.ok)
      throw new NotAPack(
        `the layer of ${where} is not a pack archive: ${read.error.message}`,
      );
    filesCache.set(layer.digest, read.value.files);
    return read.value.files;
  }

  /** What a tag holds now: its manifest digest, and the parsed version (or why it is not a pack). */
  async function inspect(
    name: string,
    version: string,
  ): Promise<{
    manifestDigest: string;
    detail: PackDetail | null;
    problem?: string;
  } | null> {
    const repo = repoOf(name);
    if (!repo || !TAG_RE.test(version)) return null;
    const head = await client.headManifest(repo, version);
    if (!head) return null;
    const cached = details.get(head.digest);
    if (cached) return { manifestDigest: head.digest, detail: cached };
    const where = `${client.host}/${repo}:${version}`;
    try {
      // By digest, not by tag: what we parse is exactly what the HEAD named, even if the tag moves.
      const manifest = await client.getManifest(repo, head.digest);
      if (!manifest) return null;
      const m = parseManifest(manifest.bytes, where);
      const files = await layerFiles(repo, m.layer, where);
      const { detail } = await describePack(files, {
        uploadedBy: "",
        createdAt: m.created,
      });
      fixIdentity(detail, name, version, where);
      details.set(head.digest, detail);
      return { manifestDigest: head.digest, detail };
    } catch (e) {
      if (e instanceof NotAPack)
        return {
          manifestDigest: head.digest,
          detail: null,
          problem: e.message,
        };
      throw e;
    }
  }

  async function get(
    name: string,
    version: string,
  ): Promise<PackDetail | null> {
    const found = await inspect(name, version);
    if (!found) return null;
    if (!found.detail)
      throw new StoreError(
        "REGISTRY_ERROR",
        found.problem ?? `${name}:${version} is not a pack`,
      );
    // Copies: the cached detail is shared by every later reader.
    return structuredClone(found.detail);
  }

  async function files(
    name: string,
    version: string,
  ): Promise<PackFiles | null> {
    const repo = repoOf(name);
    if (!repo || !TAG_RE.test(version)) return null;
    const where = `${client.host}/${repo}:${version}`;
    const manifest = await client.getManifest(repo, version);
    if (!manifest) return null;
    try {
      return new Map(
        await layerFiles(
          repo,
          parseManifest(manifest.bytes, where).layer,
          where,
        ),
      );
    } catch (e) {
      if (e instanceof NotAPack)
        throw new StoreError("REGISTRY_ERROR", e.message);
      throw e;
    }
  }

  async function put(
    pack: PreparedPack,
    opts: { force: boolean },
  ): Promise<PutResult> {
    const { name, version } = pack.detail;
    const repo = repoOf(name);
    if (!repo) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `pack name ${JSON.stringify(name)} cannot be an OCI repository name under ${prefix}`,
      );
    }
    if (!TAG_RE.test(version)) {
      throw new StoreError(
        "REGISTRY_ERROR",
        `version ${JSON.stringify(version)} cannot be an OCI tag (letters, digits, . _ -; no +)`,
      );
    }
    return mutex.run(`${repo}:${version}`, async () => {
      const existing = await inspect(name, version);
      if (existing) {
        if (existing.detail?.digest === pack.detail.digest) {
          return {
            status: "identical",
            detail: structuredClone(existing.detail),
          };
        }
        // A foreign artifact has no content digest: its manifest digest stands in for it.
        if (!opts.force)
          return {
            status: "conflict",
            existingDigest: existing.detail?.digest ?? existing.manifestDigest,
          };
      }
      const tgz = writePackTarGz(pack.files, `${name}-${version}`);
      const layerDigest = `sha256:${await sha256Hex(tgz)}`;
      const created = rfc3339Seconds(new Date());
      const manifest = await orasManifest({
        digest: layerDigest,
        size: tgz.byteLength,
        title: `${name}-${version}.tar.gz`,
        created,
      });
      await client.push(repo, version, {
        blobs: [
          { digest: ORAS_EMPTY_CONFIG_DIGEST, bytes: ORAS_EMPTY_CONFIG },
          { digest: layerDigest, bytes: tgz },
        ],
        manifest: { bytes: manifest.bytes, mediaType: OCI_MANIFEST_MEDIA_TYPE },
      });
      // What a later get() derives from the registry: uploadedBy is not recorded there (the
      // ORAS 1.0 manifest has no place for it without changing its shape).
      const detail: PackDetail = {
        ...pack.detail,
        createdAt: created,
        uploadedBy: "",
      };
      details.set(manifest.digest, structuredClone(detail));
      filesCache.set(layerDigest, new Map(pack.files));
      return { status: existing ? "replaced" : "created", detail };
    });
  }

  async function remove(name: string, version: string): Promise<boolean> {
    const repo = repoOf(name);
    if (!repo || !TAG_RE.test(version)) return false;
    return mutex.run(`${repo}:${version}`, async () => {
      const head = await client.headManifest(repo, version);
      if (!head) return false;
      // Distribution deletes by digest only; that removes every tag on the manifest, and the
      // ORAS manifest of a version (its title names the version) is never shared with another.
      const deleted = await client.deleteManifest(repo, head.digest, version);
      details.delete(head.digest);
      return deleted;
    });
  }

  async function list(): Promise<PackSummary[]> {
    const repos = (await client.catalog()).filter(
      (r) => r.startsWith(prefix) && COMPONENT_RE.test(r.slice(prefix.length)),
    );
    const tagged = (
      await mapLimit(repos, listConcurrency, async (repo) => {
        const name = repo.slice(prefix.length);
        return (await client.listTags(repo))
          .filter((t) => TAG_RE.test(t))
          .map((t) => ({ name, version: t }));
      })
    ).flat();
    const found = await mapLimit(tagged, listConcurrency, ({ name, version }) =>
      inspect(name, version),
    );
    // Tags holding something other than a readable pack are left out of the listing.
    return found.flatMap((f) => (f?.detail ? [summaryOf(f.detail)] : []));
  }

  return {
    kind: "oci",
    list,
    get,
    files,
    put,
    delete: remove,
    sweep: async () => {
      // Nothing to sweep: the registry never shows a half-pushed version, because the manifest is
      // tagged last, after every blob HEADs 200. Orphan blobs are the registry's garbage collector's job.
    },
    close: () => client.close(),
  };
}

/** The registry location is the identity; a pack.json that disagrees is shown with a warning. */
function fixIdentity(
  detail: PackDetail,
  name: string,
  version: string,
  where: string,
): void {
  if (detail.name === name && detail.version === version) return;
  detail.findings.push({
    code: "OCI_IDENTITY_MISMATCH",
    severity: "warning",
    file: "pack.json",
    message: `pack.json says ${JSON.stringify(detail.name)} ${JSON.stringify(detail.version)}, but it is stored at ${where}`,
  });
  detail.name = name;
  detail.version = version;
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return out;
}

/** A small LRU bounded by a weight (entries or bytes); Map order is recency order. */
class Lru<V> {
  private readonly map = new Map<string, { value: V; weight: number }>();
  private total = 0;
  constructor(
    private readonly capacity: number,
    private readonly weigh: (v: V) => number,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.capacity) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.map) {
      if (this.total <= this.capacity) break;
      this.map.delete(k);
      this.total -= e.weight;
    }
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.total -= e.weight;
  }
}
