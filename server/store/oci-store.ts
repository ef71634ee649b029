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
import { writePackArchive } from "../../src/pack/write-archive";
import { LRUCache } from "lru-cache";
import pMap from "p-map";
import { KeyedMutex } from "../oci/keyed-mutex";
import {
  readPackManifest,
  type PackLayer,
  type PackManifest,
} from "../oci/pack-manifest";
import {
  cleanBasePath,
  COMPONENT_RE,
  MAX_REPOSITORY_LENGTH,
  packRepository,
  packRepositoryPrefix,
  packsmithRepository,
  TAG_RE,
} from "../oci/reference";
import { RegistryClient, type ManifestRef } from "../oci/registry-client";
import type { RegistryAuth, RegistryTls } from "../oci/registry-transport";
import { readLayerInPool } from "../workers/pool";
import {
  archiveRefused,
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
  /**
   * Pack names always listed (PACKSMITH_OCI_REPOSITORIES), next to those found in the catalog or,
   * where the catalog is refused, those any Packsmith instance has pushed.
   */
  repositories?: readonly string[];
  /** `false`: never ask `/v2/_catalog` (it is refused to ECR and Harbor robot accounts). */
  catalog?: boolean;
  /** How long a listing trusts a tag → manifest digest it has seen (default 5 s). */
  indexTtlMs?: number;
  /**
   * After a manifest PUT, how long to wait before reading the tag back (default: 50 ms plus twice
   * what the HEAD and PUT before it took, at most 2 s). See `put` on several instances.
   */
  settleMs?: number;
  /** Problems that do not fail a request (default: a line on stderr). */
  warn?: (message: string) => void;
}

/** A tag that exists but whose artifact is not a readable pack (pushed by another tool). */
class NotAPack extends Error {}

/** What a tag holds: its manifest digest, and the parsed version or why it is not one. */
interface TagContent {
  manifestDigest: string;
  detail: PackDetail | null;
  problem?: string;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));

/** A catalog refused once is not asked again for this long (permissions rarely change). */
const CATALOG_REFUSED_MS = 10 * 60_000;
const NAME_ARTIFACT = "application/vnd.packsmith.pack-name.v1";

/**
 * The `oci` driver: each version is `<base>/spectro-packs/archive/<name>:<version>`, an ORAS 1.0
 * manifest with one `<name>-<version>.tar.gz` layer, so Palette syncs it directly (pack-format §G).
 *
 * Listing: the pack names come from `/v2/_catalog`; where the registry refuses it (ECR, Harbor
 * robot accounts) from the names any Packsmith instance has pushed (one tag per name in
 * `<base>/packsmith/pack-names`) plus the configured `repositories`. `list(name)` reads only that
 * name's tags. An index keeps tag → manifest digest for `indexTtlMs`, and manifest digest →
 * summary (or → "not a pack") for as long as memory allows: a digest names exact bytes, so that
 * part is never stale. A foreign artifact (a container image, a chart, several layers, a layer
 * too large) is recognised from its manifest before any blob is fetched, and remembered.
 *
 * Consistency: within this process, puts and deletes of one `name:version` are serialized, so
 * concurrent uploads give exactly one `created`. Across instances sharing one registry, the
 * Distribution API has no compare-and-set on tags, so `put` reads the tag again right before its
 * manifest PUT and, after a short settle, once more: when another instance's manifest is there,
 * the answer is a conflict, never a silent loss. Immutable tags in the registry (Harbor, ECR)
 * make the registry itself refuse the second write (IMMUTABLE_TAG).
 */
export function createOciStore(config: OciStoreConfig): PackStore {
  const base = cleanBasePath(config.basePath ?? "");
  const prefix = packRepositoryPrefix(base);
  const namesRepo = packsmithRepository(base, "pack-names");
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
  const warn =
    config.warn ??
    ((m: string) => process.stderr.write(`packsmith oci store: ${m}\n`));
  const mutex = new KeyedMutex();
  // Keyed by `<name>:<version>@<manifest digest>`: the location is part of the identity.
  const details = new LRUCache<string, PackDetail>({
    max: config.cacheEntries ?? 2000,
  });
  const summaries = new LRUCache<string, PackSummary>({ max: 50_000 });
  /** Manifest digest → why it is not a pack. */
  const foreign = new LRUCache<string, string>({ max: 50_000 });
  /** `<repo>:<tag>` → manifest digest, trusted by listings only, for `indexTtlMs`. */
  const tagIndex = new LRUCache<string, string>({
    max: 50_000,
    ttl: Math.max(1, config.indexTtlMs ?? 5000),
  });
  const filesCache = new LRUCache<string, PackFiles>({
    maxSize: config.cacheBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (f) => {
      let n = 0;
      for (const b of f.values()) n += b.byteLength;
      return Math.max(1, n);
    },
  });
  const listConcurrency = Math.max(1, config.listConcurrency ?? 8);
  const configured = (config.repositories ?? []).filter((n) =>
    COMPONENT_RE.test(n),
  );
  const named = new Set<string>();
  let catalogRefusedUntil = config.catalog === false ? Infinity : 0;

  /** The repository of a pack name, or null when the name can never be an OCI repository. */
  const repoOf = (name: string): string | null => {
    const repo = packRepository(base, name);
    return COMPONENT_RE.test(name) && repo.length <= MAX_REPOSITORY_LENGTH
      ? repo
      : null;
  };
  const locKey = (name: string, version: string, digest: string): string =>
    `${name}:${version}@${digest}`;
  /** Cache a version's detail and, for listings that outlive it in `details`, its summary. */
  const remember = (key: string, detail: PackDetail): void => {
    details.set(key, detail);
    summaries.set(key, summaryOf(detail));
  };

  /**
   * Download and unpack a layer (cached by its digest), in the worker pool: with `describe`, also
   * describe it as a stored version there (validation and chart analysis never run on the event
   * loop). Cached files that still need describing are copied to the pool.
   */
  async function layerFiles(
    repo: string,
    layer: PackLayer,
    where: string,
    describe?: { uploadedBy: string; createdAt: string },
  ): Promise<{ files: PackFiles; detail?: PackDetail }> {
    const hit = filesCache.get(layer.digest);
    if (hit && !describe) return { files: hit };
    let bytes: Uint8Array | null | undefined;
    if (!hit) {
      bytes = await client.getBlob(repo, layer.digest);
      if (!bytes)
        throw new NotAPack(
          `the layer ${layer.digest} of ${where} is missing from the registry`,
        );
    }
    const read = await readLayerInPool({
      source: bytes ? { bytes } : { files: hit! },
      name: layer.title || `${where}.tar.gz`,
      ...(describe ? { describe } : {}),
    });
    if (!read.ok)
      throw new NotAPack(
        `the layer of ${where} is not a pack archive: ${read.message}`,
      );
    if (!hit) filesCache.set(layer.digest, read.files);
    return read;
  }

  /** The manifest at a digest read as a pack, or NotAPack (remembered by digest) before any blob. */
  async function packManifest(
    repo: string,
    digest: string,
    where: string,
  ): Promise<PackManifest | null> {
    const known = foreign.get(digest);
    if (known) throw new NotAPack(known);
    const manifest = await client.getManifest(repo, digest);
    if (!manifest) return null;
    const read = readPackManifest(manifest.bytes, {
      where,
      mediaType: manifest.mediaType,
      maxLayerBytes: client.maxBlobBytes,
    });
    if (!read.ok) {
      foreign.set(digest, read.error.message);
      throw new NotAPack(read.error.message);
    }
    return read.value;
  }

  /** The version a manifest digest holds, parsed once per location and digest. */
  async function describeDigest(
    name: string,
    version: string,
    repo: string,
    digest: string,
  ): Promise<PackDetail | null> {
    const key = locKey(name, version, digest);
    const cached = details.get(key);
    if (cached) return cached;
    const where = `${client.host}/${repo}:${version}`;
    // By digest, not by tag: what we parse is exactly what the HEAD named, even if the tag moves.
    const m = await packManifest(repo, digest, where);
    if (!m) return null;
    let detail: PackDetail | undefined;
    try {
      ({ detail } = await layerFiles(repo, m.layer, where, {
        uploadedBy: "",
        createdAt: m.created,
      }));
    } catch (e) {
      // A layer that is there but is no pack archive never becomes one: remember the manifest.
      if (e instanceof NotAPack && !/missing from the registry/.test(e.message))
        foreign.set(digest, e.message);
      throw e;
    }
    if (!detail) throw new Error(`${where} was read but not described`);
    fixIdentity(detail, name, version, where);
    remember(key, detail);
    return detail;
  }

  /** What a tag holds now (one HEAD): its manifest digest, and the parsed version or why it is not one. */
  async function inspect(
    name: string,
    version: string,
  ): Promise<TagContent | null> {
    const repo = repoOf(name);
    if (!repo || !TAG_RE.test(version)) return null;
    const head = await client.headManifest(repo, version);
    if (!head) {
      tagIndex.delete(`${repo}:${version}`);
      return null;
    }
    tagIndex.set(`${repo}:${version}`, head.digest);
    return inspectDigest(name, version, repo, head.digest);
  }

  async function inspectDigest(
    name: string,
    version: string,
    repo: string,
    digest: string,
  ): Promise<TagContent | null> {
    try {
      const detail = await describeDigest(name, version, repo, digest);
      return detail && { manifestDigest: digest, detail };
    } catch (e) {
      if (e instanceof NotAPack)
        return { manifestDigest: digest, detail: null, problem: e.message };
      throw e;
    }
  }

  /** A listing's view of one tag: the index first, the registry when it has nothing fresh. */
  async function summarize(
    name: string,
    repo: string,
    version: string,
  ): Promise<PackSummary | null> {
    const indexKey = `${repo}:${version}`;
    let digest = tagIndex.get(indexKey);
    if (!digest) {
      const head = await client.headManifest(repo, version);
      if (!head) return null;
      digest = head.digest;
      tagIndex.set(indexKey, digest);
    }
    if (foreign.has(digest)) return null;
    const hit = summaries.get(locKey(name, version, digest));
    if (hit) return hit;
    const found = await inspectDigest(name, version, repo, digest);
    return found?.detail ? summaryOf(found.detail) : null;
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
    const head = await client.headManifest(repo, version);
    if (!head) return null;
    try {
      const m = await packManifest(repo, head.digest, where);
      return m && new Map((await layerFiles(repo, m.layer, where)).files);
    } catch (e) {
      if (e instanceof NotAPack)
        throw new StoreError("REGISTRY_ERROR", e.message);
      throw e;
    }
  }

  /**
   * Record that a pack name exists, for listings where the catalog is refused: a tag `<name>` of a
   * tiny manifest in `<base>/packsmith/pack-names` (outside `spectro-packs/archive/`, so Palette
   * never sees it). A failure is reported and does not fail the upload; a name too long for a tag
   * is listed from the catalog or the configured list only.
   */
  async function rememberName(name: string): Promise<void> {
    if (named.has(name) || !TAG_RE.test(name)) return;
    try {
      if (!(await client.headManifest(namesRepo, name)))
        await client.pushRecord(namesRepo, name, NAME_ARTIFACT, {
          "io.packsmith.pack.name": name,
        });
      named.add(name);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      warn(
        `could not record the pack name ${name} in ${client.host}/${namesRepo} (${e.message}); where the catalog is refused, list it in PACKSMITH_OCI_REPOSITORIES`,
      );
    }
  }

  /** The answer when the tag holds another writer's manifest: conflict, or identical content. */
  async function lostTo(
    name: string,
    version: string,
    repo: string,
    other: ManifestRef | null,
    ours: PackDetail,
  ): Promise<PutResult> {
    if (!other)
      throw new StoreError(
        "REGISTRY_ERROR",
        `${name}:${version} was deleted in ${client.host}/${repo} while it was being pushed; try again`,
      );
    const found = await inspectDigest(name, version, repo, other.digest);
    if (found?.detail?.digest === ours.digest)
      return { status: "identical", detail: structuredClone(found.detail) };
    return {
      status: "conflict",
      existingDigest: found?.detail?.digest ?? other.digest,
    };
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
      await rememberName(name);
      // The upload check builds it in the worker pool; write it here only when it did not.
      const tgz =
        pack.tarGz?.bytes ?? (await layer(pack.files, `${name}-${version}`));
      const layerDigest = `sha256:${pack.tarGz?.sha256 ?? (await sha256Hex(tgz))}`;
      const created = rfc3339Seconds(new Date());
      const manifest = await orasManifest({
        digest: layerDigest,
        size: tgz.byteLength,
        title: `${name}-${version}.tar.gz`,
        created,
      });
      const blobs = [
        { digest: ORAS_EMPTY_CONFIG_DIGEST, bytes: ORAS_EMPTY_CONFIG },
        { digest: layerDigest, bytes: tgz },
      ];
      await client.pushBlobs(repo, blobs);
      // What a later get() derives from the registry: uploadedBy is not recorded there (the
      // ORAS 1.0 manifest has no place for it without changing its shape).
      const detail: PackDetail = {
        ...pack.detail,
        createdAt: created,
        uploadedBy: "",
      };
      // Another instance may have tagged the version while our blobs uploaded: look again just
      // before the tag moves, so the window left for a lost write is one request wide.
      const started = Date.now();
      const before = await client.headManifest(repo, version);
      if ((before?.digest ?? null) !== (existing?.manifestDigest ?? null))
        return lostTo(name, version, repo, before, detail);
      await client.putManifest(repo, version, {
        bytes: manifest.bytes,
        mediaType: OCI_MANIFEST_MEDIA_TYPE,
      });
      // A writer whose look came before our PUT lands its own PUT within about one such round
      // trip after ours: wait that long, then read the tag back. Whoever's manifest is there won.
      await sleep(
        config.settleMs ?? Math.min(2000, 50 + 2 * (Date.now() - started)),
      );
      const after = await client.headManifest(repo, version);
      tagIndex.delete(`${repo}:${version}`);
      if (after?.digest !== manifest.digest)
        return lostTo(name, version, repo, after, detail);
      remember(locKey(name, version, manifest.digest), structuredClone(detail));
      filesCache.set(layerDigest, new Map(pack.files));
      return { status: existing ? "replaced" : "created", detail };
    });
  }

  async function remove(name: string, version: string): Promise<boolean> {
    const repo = repoOf(name);
    if (!repo || !TAG_RE.test(version)) return false;
    return mutex.run(`${repo}:${version}`, async () => {
      const head = await client.headManifest(repo, version);
      tagIndex.delete(`${repo}:${version}`);
      if (!head) return false;
      // Distribution deletes by digest only; that removes every tag on the manifest, and the
      // ORAS manifest of a version (its title names the version) is never shared with another.
      return client.deleteManifest(repo, head.digest, version);
    });
  }

  /** Every pack name this store can find (see createOciStore). */
  async function packNames(): Promise<string[]> {
    if (Date.now() >= catalogRefusedUntil) {
      const repos = await client.catalog();
      if (repos)
        return union(
          repos
            .filter((r) => r.startsWith(prefix))
            .map((r) => r.slice(prefix.length)),
          configured,
        );
      catalogRefusedUntil = Date.now() + CATALOG_REFUSED_MS;
      warn(
        `${client.host} refuses /v2/_catalog to this account: listing the packs recorded in ${namesRepo} and PACKSMITH_OCI_REPOSITORIES`,
      );
    }
    return union(await client.listTags(namesRepo), configured, [...named]);
  }

  async function list(name?: string): Promise<PackSummary[]> {
    const names =
      name === undefined
        ? await packNames()
        : COMPONENT_RE.test(name)
          ? [name]
          : [];
    const tagged = (
      await pMap(
        names,
        async (n) => {
          const repo = repoOf(n);
          if (!repo) return [];
          return (await client.listTags(repo))
            .filter((t) => TAG_RE.test(t))
            .map((t) => ({ name: n, repo, version: t }));
        },
        { concurrency: listConcurrency },
      )
    ).flat();
    const found = await pMap(
      tagged,
      (t) => summarize(t.name, t.repo, t.version),
      { concurrency: listConcurrency },
    );
    // Tags holding something other than a readable pack are left out of the listing.
    return found.filter((s): s is PackSummary => s !== null);
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
    // Ready when the registry answers `GET /v2/` and accepts the configured credentials.
    ready: () =>
      client.ping().then(
        () => ({ ok: true }) as const,
        (e: unknown) => ({
          ok: false,
          cause: e instanceof Error ? e.message : String(e),
        }),
      ),
    close: () => client.close(),
  };
}

/** The OCI layer of `files` under `top`; a layer every reader would refuse is never pushed. */
async function layer(files: PackFiles, top: string): Promise<Uint8Array> {
  const r = await writePackArchive(files, top, "tar.gz");
  if (!r.ok) throw archiveRefused(`${top}.tar.gz`, r.error);
  return r.value;
}

/** Distinct valid pack names from several sources, in first-seen order. */
function union(...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].filter((n) => COMPONENT_RE.test(n));
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
