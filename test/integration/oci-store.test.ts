import { createServer as createNetServer } from "node:net";
import { gunzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest, sha256Hex } from "../../src/pack/digest";
import {
  OCI_MANIFEST_MEDIA_TYPE,
  ORAS_CONFIG_MEDIA_TYPE,
  ORAS_EMPTY_CONFIG_DIGEST,
  ORAS_LAYER_MEDIA_TYPE,
  orasManifest,
} from "../../src/pack/oci-manifest";
import type { PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { RegistryClient } from "../../server/oci/registry-client";
import { retryAfterMs } from "../../server/oci/registry-transport";
import { describePack } from "../../server/prepare";
import {
  createOciStore,
  type OciStoreConfig,
} from "../../server/store/oci-store";
import {
  StoreError,
  type PackStore,
  type PreparedPack,
} from "../../server/store/store";
import { loadFixture } from "../helpers/fixtures";
import {
  createTestCertificates,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type TestRegistry,
} from "../helpers/registry";
import { requireTool } from "../helpers/tools";

const HELLO = "tutorials/hello-universe-pack";
const ARGOCD = "pack-central/argocd-3.26.7";

let reg: TestRegistry;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  reg = await startRegistry();
}, 30_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await reg?.stop();
});

function open(extra: Partial<OciStoreConfig> = {}): PackStore {
  const store = createOciStore({
    url: reg.url,
    basePath: "",
    auth: { type: "basic", username: reg.username, password: reg.password },
    ...extra,
  });
  cleanups.push(() => store.close());
  return store;
}

function proxy(p: FaultProxy): FaultProxy {
  cleanups.push(() => p.stop());
  return p;
}

const fixtures = new Map<string, PackFiles>();
async function fixture(dir: string): Promise<PackFiles> {
  if (!fixtures.has(dir)) fixtures.set(dir, await loadFixture(dir));
  return new Map(fixtures.get(dir)!);
}

/** A pack as the server hands it to a store: validated, described. */
async function prepare(
  files: PackFiles,
  edit?: { version?: string; readme?: string },
): Promise<PreparedPack> {
  const out = new Map(files);
  if (edit?.version) {
    const pj = JSON.parse(
      new TextDecoder().decode(out.get("pack.json")),
    ) as Record<string, unknown>;
    pj.version = edit.version;
    out.set("pack.json", new TextEncoder().encode(JSON.stringify(pj, null, 2)));
  }
  if (edit?.readme !== undefined)
    out.set("README.md", new TextEncoder().encode(edit.readme));
  const { detail, errors } = await describePack(out, {
    uploadedBy: "tester",
    createdAt: new Date().toISOString(),
  });
  expect(errors).toEqual([]);
  return { detail, files: out };
}

/** Read the registry with plain fetch, never through the code under test. */
async function raw(path: string, accept?: string): Promise<Response> {
  const auth = Buffer.from(`${reg.username}:${reg.password}`).toString(
    "base64",
  );
  return fetch(`${reg.url}${path}`, {
    headers: { authorization: `Basic ${auth}`, ...(accept ? { accept } : {}) },
  });
}

async function rawJson(path: string): Promise<Record<string, unknown>> {
  const res = await raw(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

/** The manifest PUTs of pack versions a proxy saw (the pack-name records left out). */
const packManifestPuts = (p: FaultProxy): FaultProxy["requests"] =>
  p.requests.filter(
    (r) =>
      r.method === "PUT" &&
      r.path.includes("/spectro-packs/archive/") &&
      r.path.includes("/manifests/"),
  );

const sameFiles = (a: PackFiles, b: PackFiles): void => {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [p, bytes] of a)
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(b.get(p)!)), p).toBe(
      0,
    );
};

describe("oci store: what lands in the registry", () => {
  it.each([
    { dir: HELLO, basePath: "" },
    { dir: ARGOCD, basePath: "/team-a//packs/" },
  ])(
    "pushes $dir with base path '$basePath' as the ORAS 1.0 artifact Palette syncs",
    async ({ dir, basePath }) => {
      const store = open({ basePath });
      const pack = await prepare(await fixture(dir));
      const { name, version } = pack.detail;
      const before = Math.floor(Date.now() / 1000) * 1000;
      const result = await store.put(pack, { force: false });
      expect(result.status).toBe("created");

      const base = basePath ? "team-a/packs/" : "";
      const repo = `${base}spectro-packs/archive/${name}`;
      expect((await rawJson("/v2/_catalog")).repositories).toContain(repo);
      expect((await rawJson(`/v2/${repo}/tags/list`)).tags).toEqual([version]);

      const res = await raw(
        `/v2/${repo}/manifests/${version}`,
        OCI_MANIFEST_MEDIA_TYPE,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(OCI_MANIFEST_MEDIA_TYPE);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(res.headers.get("docker-content-digest")).toBe(
        `sha256:${await sha256Hex(bytes)}`,
      );
      const m = JSON.parse(new TextDecoder().decode(bytes)) as {
        schemaVersion: number;
        mediaType: string;
        config: { mediaType: string; digest: string; size: number };
        layers: {
          mediaType: string;
          digest: string;
          size: number;
          annotations: Record<string, string>;
        }[];
        annotations: Record<string, string>;
      };
      expect(m.schemaVersion).toBe(2);
      expect(m.mediaType).toBe(OCI_MANIFEST_MEDIA_TYPE);
      expect(m).not.toHaveProperty("artifactType");
      expect(m.config).toEqual({
        mediaType: ORAS_CONFIG_MEDIA_TYPE,
        digest: ORAS_EMPTY_CONFIG_DIGEST,
        size: 2,
      });
      expect(m.layers).toHaveLength(1);
      const layer = m.layers[0]!;
      expect(layer.mediaType).toBe(ORAS_LAYER_MEDIA_TYPE);
      expect(layer.annotations).toEqual({
        "org.opencontainers.image.title": `${name}-${version}.tar.gz`,
      });
      const created = m.annotations["org.opencontainers.image.created"]!;
      expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(created)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(created)).toBeLessThanOrEqual(Date.now());
      const expected = await orasManifest({
        digest: layer.digest,
        size: layer.size,
        title: `${name}-${version}.tar.gz`,
        created,
      });
      expect(Buffer.from(bytes).toString("utf8")).toBe(expected.text);

      const config = await raw(`/v2/${repo}/blobs/${ORAS_EMPTY_CONFIG_DIGEST}`);
      expect(await config.text()).toBe("{}");

      const blob = new Uint8Array(
        await (await raw(`/v2/${repo}/blobs/${layer.digest}`)).arrayBuffer(),
      );
      expect(blob.byteLength).toBe(layer.size);
      expect(`sha256:${await sha256Hex(blob)}`).toBe(layer.digest);
      // One top folder `<name>-<version>/`: the first tar header names it.
      const tar = gunzipSync(blob);
      expect(
        new TextDecoder().decode(tar.subarray(0, 100)).replace(/\0+$/, ""),
      ).toBe(`${name}-${version}/`);
      const read = readPackArchive(blob);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.format).toBe("tar.gz");
      sameFiles(read.value.files, pack.files);
      expect(await contentDigest(read.value.files)).toBe(pack.detail.digest);

      // What the store reports is what it reads back.
      if (result.status === "conflict") throw new Error("unreachable");
      expect(result.detail.createdAt).toBe(created);
      const got = await store.get(name, version);
      expect(got?.digest).toBe(pack.detail.digest);
      expect(got?.createdAt).toBe(created);
    },
  );
});

describe("oci store: the PackStore contract", () => {
  it("answers identical, conflict and replaced on re-puts, and keeps the stored version on conflict", async () => {
    const store = open({ basePath: "contract" });
    const files = await fixture(HELLO);
    const v1 = await prepare(files, { version: "2.0.0" });
    expect((await store.put(v1, { force: false })).status).toBe("created");
    const again = await store.put(await prepare(files, { version: "2.0.0" }), {
      force: false,
    });
    expect(again).toMatchObject({
      status: "identical",
      detail: { digest: v1.detail.digest },
    });

    const other = await prepare(files, {
      version: "2.0.0",
      readme: "# changed\n",
    });
    expect(other.detail.digest).not.toBe(v1.detail.digest);
    expect(await store.put(other, { force: false })).toEqual({
      status: "conflict",
      existingDigest: v1.detail.digest,
    });
    expect((await store.get("hellouniverse", "2.0.0"))?.digest).toBe(
      v1.detail.digest,
    );
    // A fresh instance (no cache) reads the same from the registry.
    expect(
      (await open({ basePath: "contract" }).get("hellouniverse", "2.0.0"))
        ?.digest,
    ).toBe(v1.detail.digest);

    const forced = await store.put(other, { force: true });
    expect(forced).toMatchObject({
      status: "replaced",
      detail: { digest: other.detail.digest },
    });
    const fresh = open({ basePath: "contract" });
    expect((await fresh.get("hellouniverse", "2.0.0"))?.digest).toBe(
      other.detail.digest,
    );
    sameFiles((await fresh.files("hellouniverse", "2.0.0"))!, other.files);
  });

  it("lists, gets, reads files and deletes; two instances see each other's packs", async () => {
    const a = open({ basePath: "shared" });
    const b = open({ basePath: "shared" });
    const elsewhere = open({ basePath: "other-team" });
    const hello = await prepare(await fixture(HELLO), { version: "3.0.0" });
    const argo = await prepare(await fixture(ARGOCD));
    expect((await a.put(hello, { force: false })).status).toBe("created");
    expect((await b.put(argo, { force: false })).status).toBe("created");
    await elsewhere.put(
      await prepare(await fixture(HELLO), { version: "9.9.9" }),
      { force: false },
    );

    for (const s of [a, b]) {
      const listed = (await s.list())
        .map((p) => `${p.name}@${p.version}:${p.digest}`)
        .sort();
      expect(listed).toEqual(
        [
          `${argo.detail.name}@${argo.detail.version}:${argo.detail.digest}`,
          `hellouniverse@3.0.0:${hello.detail.digest}`,
        ].sort(),
      );
    }
    const summary = (await b.list()).find((p) => p.name === "hellouniverse")!;
    expect(summary).toMatchObject({
      displayName: "Hello Universe",
      layer: "addon",
      addonType: "app services",
      cloudTypes: ["all"],
      size: hello.detail.size,
      uploadedBy: "",
    });
    expect(summary).not.toHaveProperty("files");

    const detail = await b.get("hellouniverse", "3.0.0");
    expect(detail?.files).toEqual(hello.detail.files);
    expect(detail?.readme).toBe(hello.detail.readme);
    expect(detail?.findings).toEqual(hello.detail.findings);
    sameFiles(
      (await b.files(argo.detail.name, argo.detail.version))!,
      argo.files,
    );

    expect(await b.get("hellouniverse", "0.0.1")).toBeNull();
    expect(await b.get("no-such-pack", "1.0.0")).toBeNull();
    expect(await b.files("no-such-pack", "1.0.0")).toBeNull();
    expect(await b.get("Not_Valid!", "1.0.0")).toBeNull();

    expect(await b.delete("hellouniverse", "3.0.0")).toBe(true);
    expect(await b.delete("hellouniverse", "3.0.0")).toBe(false);
    expect(await a.get("hellouniverse", "3.0.0")).toBeNull();
    expect(
      (
        await raw(
          `/v2/shared/spectro-packs/archive/hellouniverse/manifests/3.0.0`,
          OCI_MANIFEST_MEDIA_TYPE,
        )
      ).status,
    ).toBe(404);
    expect((await a.list()).map((p) => p.name)).toEqual([argo.detail.name]);
    await a.sweep();
  });

  it("40 concurrent puts of one new version to one instance: exactly one created, 39 conflicts", async () => {
    const store = open({ basePath: "race" });
    const files = await fixture(HELLO);
    const packs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        prepare(files, { version: "4.0.0", readme: `# upload ${i}\n` }),
      ),
    );
    const results = await Promise.all(
      packs.map((p) => store.put(p, { force: false })),
    );
    const created = results.flatMap((r, i) =>
      r.status === "created" ? [i] : [],
    );
    expect(created).toHaveLength(1);
    const winner = packs[created[0]!]!.detail.digest;
    expect(results.filter((r) => r.status === "conflict")).toHaveLength(39);
    for (const r of results)
      if (r.status === "conflict") expect(r.existingDigest).toBe(winner);
    expect(
      (await open({ basePath: "race" }).get("hellouniverse", "4.0.0"))?.digest,
    ).toBe(winner);
    expect(
      (await rawJson("/v2/race/spectro-packs/archive/hellouniverse/tags/list"))
        .tags,
    ).toEqual(["4.0.0"]);
  });
});

describe("oci store: registry failures become clear errors", () => {
  it("wrong credentials → REGISTRY_AUTH", async () => {
    const store = open({
      auth: { type: "basic", username: reg.username, password: "wrong" },
    });
    const e = await storeError(store.get("hellouniverse", "1.0.0"));
    expect(e.code).toBe("REGISTRY_AUTH");
    expect(e.message).toContain(reg.host);
    const anon = open({ auth: { type: "none" } });
    expect((await storeError(anon.list())).code).toBe("REGISTRY_AUTH");
  });

  it("registry down → REGISTRY_UNAVAILABLE", async () => {
    const down = await startRegistry();
    const url = down.url;
    await down.stop();
    const store = createOciStore({ url, basePath: "", timeoutMs: 3000 });
    cleanups.push(() => store.close());
    const e = await storeError(store.list());
    expect(e.code).toBe("REGISTRY_UNAVAILABLE");
    expect(e.message).toMatch(/connection refused/);
    expect(
      (
        await storeError(
          store.put(await prepare(await fixture(HELLO)), { force: false }),
        )
      ).code,
    ).toBe("REGISTRY_UNAVAILABLE");
  });

  it("a registry that never answers → REGISTRY_UNAVAILABLE after the timeout", async () => {
    // Accepts connections and says nothing.
    const silent = createNetServer(() => undefined);
    await new Promise<void>((resolve) =>
      silent.listen(0, "127.0.0.1", resolve),
    );
    cleanups.push(() => {
      silent.close();
    });
    const addr = silent.address();
    const store = createOciStore({
      url: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`,
      timeoutMs: 500,
    });
    cleanups.push(() => store.close());
    const e = await storeError(store.get("hellouniverse", "1.0.0"));
    expect(e.code).toBe("REGISTRY_UNAVAILABLE");
    expect(e.message).toMatch(/did not answer .* within 0\.5 s/);
  });

  it("a connection dropped mid-blob restarts that blob once; the manifest comes after every blob (case 63)", async () => {
    let dropped = 0;
    // Upload sessions have their own URLs, so count blob PUTs here: only the very first is cut.
    const p = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.method === "PUT" &&
        req.path.includes("/blobs/uploads/") &&
        dropped++ === 0
          ? { drop: true }
          : undefined,
      ),
    );
    const store = open({ url: p.url, basePath: "dropped" });
    expect(
      (await store.put(await prepare(await fixture(HELLO)), { force: false }))
        .status,
    ).toBe("created");
    const puts = p.requests.filter((r) => r.method === "PUT");
    const blobPuts = puts.filter((r) => r.path.includes("/blobs/uploads/"));
    expect(blobPuts.length).toBeGreaterThanOrEqual(2);
    expect(puts[puts.length - 1]!.path).toMatch(/\/manifests\//);
    const back = await open({ url: reg.url, basePath: "dropped" }).files(
      "hellouniverse",
      "1.0.0",
    );
    expect(back?.get("pack.json")).toBeDefined();
  });

  it("429 with Retry-After is retried when the wait is within the cap, not when it is past it; retries are capped (case 64)", async () => {
    /** A put whose first manifest PUT is answered 429 Retry-After: 1, with a cap on waits. */
    const limitedOnce = async (
      basePath: string,
      maxRetryWaitMs: number,
    ): Promise<{ p: FaultProxy; put: Promise<unknown> }> => {
      const p = proxy(
        await startFaultProxy(reg.url, (req) =>
          req.method === "PUT" &&
          req.path.includes("/manifests/") &&
          req.seen === 1
            ? {
                status: 429,
                headers: { "retry-after": "1" },
                body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
              }
            : undefined,
        ),
      );
      const store = open({ url: p.url, basePath, maxRetryWaitMs });
      const pack = await prepare(await fixture(HELLO));
      return { p, put: store.put(pack, { force: false }) };
    };
    // Retry-After: 1 is read as 1000 ms: within a cap of 1000 ms the manifest is sent again (the
    // registry sees it twice and keeps the second), past a cap of 999 ms it is not.
    const within = await limitedOnce("ratelimited", 1000);
    expect(await within.put).toMatchObject({ status: "created" });
    expect(packManifestPuts(within.p)).toHaveLength(2);
    const past = await limitedOnce("ratelimited-capped", 999);
    expect((await storeError(past.put)).message).toMatch(/retry after 1 s/);
    expect(packManifestPuts(past.p)).toHaveLength(1);

    const always = proxy(
      await startFaultProxy(reg.url, () => ({
        status: 429,
        headers: { "retry-after": "0" },
        body: "",
      })),
    );
    const capped = open({ url: always.url, maxRetries: 2 });
    const e = await storeError(capped.get("hellouniverse", "1.0.0"));
    expect(e.code).toBe("REGISTRY_UNAVAILABLE");
    expect(e.message).toMatch(/rate-limiting/);
    expect(always.requests).toHaveLength(3);

    // Past the default cap (30 s): refused at once, asked once.
    const tooLong = proxy(
      await startFaultProxy(reg.url, () => ({
        status: 429,
        headers: { "retry-after": "3600" },
        body: "",
      })),
    );
    const e2 = await storeError(
      open({ url: tooLong.url }).get("hellouniverse", "1.0.0"),
    );
    expect(e2.message).toMatch(/retry after 3600 s/);
    expect(tooLong.requests).toHaveLength(1);
  });

  it.each([
    ["1", 0, 1000],
    ["0", 2, 0],
    [null, 0, 1000],
    [null, 2, 4000],
    ["Wed, 21 Oct 2015 07:28:00 GMT", 0, 0],
  ] as const)(
    "Retry-After %j on retry %i is a wait of %i ms",
    (value, attempt, ms) => {
      expect(retryAfterMs(value, attempt)).toBe(ms);
    },
  );

  it.each([
    {
      registry: "Harbor",
      status: 412,
      body: `{"errors":[{"code":"PRECONDITION","message":"Failed to process request due to 'spectro-packs/archive/hellouniverse:1.0.0' configured as immutable."}]}`,
    },
    {
      registry: "ECR",
      status: 400,
      body: `{"errors":[{"code":"TAG_INVALID","message":"The image tag '1.0.0' already exists in the 'spectro-packs/archive/hellouniverse' repository and cannot be overwritten because the repository is immutable."}]}`,
    },
    {
      registry: "ECR (exception name)",
      status: 400,
      body: "ImageTagAlreadyExistsException: tag 1.0.0 exists",
    },
  ])(
    "$registry immutable tag → IMMUTABLE_TAG, tried once (case 61)",
    async ({ status, body }) => {
      const p = proxy(
        await startFaultProxy(reg.url, (req) =>
          req.method === "PUT" && req.path.includes("/manifests/")
            ? { status, body }
            : undefined,
        ),
      );
      const store = open({ url: p.url, basePath: "immutable" });
      const e = await storeError(
        store.put(await prepare(await fixture(HELLO)), { force: true }),
      );
      expect(e.code).toBe("IMMUTABLE_TAG");
      expect(e.message).toMatch(
        /^version 1\.0\.0 is immutable in the target registry/,
      );
      expect(packManifestPuts(p)).toHaveLength(1);
    },
  );

  it("NAME_UNKNOWN on push (ECR without the repository) → REPOSITORY_MISSING naming it (case 65)", async () => {
    const p = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.method === "POST" || req.method === "PUT"
          ? {
              status: 404,
              body: `{"errors":[{"code":"NAME_UNKNOWN","message":"The repository with name 'ecr-prefix/spectro-packs/archive/hellouniverse' does not exist in the registry with id '123456789012'"}]}`,
            }
          : undefined,
      ),
    );
    const store = open({ url: p.url, basePath: "ecr-prefix" });
    const e = await storeError(
      store.put(await prepare(await fixture(HELLO)), { force: false }),
    );
    expect(e.code).toBe("REPOSITORY_MISSING");
    expect(e.message).toContain(
      "create the repository ecr-prefix/spectro-packs/archive/hellouniverse first",
    );
  });

  it("the manifest is pushed only after every blob HEADs 200 (case 63)", async () => {
    const p = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.method === "HEAD" &&
        req.path.includes("/blobs/sha256:") &&
        !req.path.includes(ORAS_EMPTY_CONFIG_DIGEST)
          ? { status: 404, body: "" }
          : undefined,
      ),
    );
    const store = open({ url: p.url, basePath: "lost-blob" });
    const e = await storeError(
      store.put(await prepare(await fixture(HELLO)), { force: false }),
    );
    expect(e.code).toBe("REGISTRY_ERROR");
    expect(e.message).toMatch(
      /is missing .* after its upload; the manifest was not pushed/,
    );
    expect(packManifestPuts(p)).toEqual([]);
  });

  it("an upload start without Location is explained (case 62)", async () => {
    const p = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.method === "POST" && req.path.includes("/blobs/uploads/")
          ? { status: 202, body: "" }
          : undefined,
      ),
    );
    const e = await storeError(
      open({ url: p.url, basePath: "no-location" }).put(
        await prepare(await fixture(HELLO)),
        { force: false },
      ),
    );
    expect(e.code).toBe("REGISTRY_ERROR");
    expect(e.message).toMatch(/must expose Location/);
  });

  it("a wrong blob digest → the registry's DIGEST_INVALID as REGISTRY_ERROR; nothing is tagged (case 66)", async () => {
    const client = new RegistryClient({
      url: reg.url,
      auth: { type: "basic", username: reg.username, password: reg.password },
    });
    cleanups.push(() => client.close());
    const repo = "digest-test/spectro-packs/archive/corrupt";
    const bytes = new TextEncoder().encode("not what the digest says");
    const wrong = `sha256:${await sha256Hex(new TextEncoder().encode("something else"))}`;
    const e = await storeError(
      client.push(repo, "1.0.0", {
        blobs: [{ digest: wrong, bytes }],
        manifest: {
          bytes: new TextEncoder().encode("{}"),
          mediaType: OCI_MANIFEST_MEDIA_TYPE,
        },
      }),
    );
    expect(e.code).toBe("REGISTRY_ERROR");
    expect(e.message).toMatch(/DIGEST_INVALID/);
    expect(
      (await raw(`/v2/${repo}/manifests/1.0.0`, OCI_MANIFEST_MEDIA_TYPE))
        .status,
    ).toBe(404);
  });
});

describe("registry client: paging", () => {
  it("follows Link rel=next through the catalog and tag lists", async () => {
    // Distribution 2.8 pages the catalog but ignores `n` on tag lists: that paging is staged.
    const p = proxy(
      await startFaultProxy(reg.url, (req) => {
        if (!req.path.startsWith("/v2/staged/tags/list")) return undefined;
        if (req.path.includes("last=t1"))
          return { status: 200, body: '{"name":"staged","tags":["t2","t3"]}' };
        return {
          status: 200,
          headers: { link: '</v2/staged/tags/list?n=1&last=t1>; rel="next"' },
          body: '{"name":"staged","tags":["t1"]}',
        };
      }),
    );
    const client = new RegistryClient({
      url: p.url,
      auth: { type: "basic", username: reg.username, password: reg.password },
    });
    cleanups.push(() => client.close());
    const store = open({ url: p.url, basePath: "paging" });
    const files = await fixture(HELLO);
    for (const v of ["5.0.0", "5.0.1", "5.0.2"])
      await store.put(await prepare(files, { version: v }), { force: false });
    const repos = (await client.catalog(1)) ?? [];
    expect(repos).toContain("paging/spectro-packs/archive/hellouniverse");
    expect(new Set(repos).size).toBe(repos.length);
    const catalogPages = p.requests.filter(
      (r) => r.path.startsWith("/v2/_catalog") && r.headers.authorization,
    );
    expect(catalogPages.length).toBeGreaterThan(1);
    expect(
      (
        await client.listTags("paging/spectro-packs/archive/hellouniverse", 1)
      ).sort(),
    ).toEqual(["5.0.0", "5.0.1", "5.0.2"]);
    expect(
      await client.listTags("paging/spectro-packs/archive/nothing-here"),
    ).toEqual([]);
    expect(await client.listTags("staged", 1)).toEqual(["t1", "t2", "t3"]);
  });
});

describe("oci store: auth discovery and TLS", () => {
  it("discovers a Bearer token service, caches tokens per scope, and refuses bad credentials", async () => {
    const basicToRegistry = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString("base64")}`;
    const userBasic = `Basic ${Buffer.from("robot:s3cret").toString("base64")}`;
    let issued = 0;
    let tokenUrl = "";
    // A Harbor-like front: a token realm, Bearer on /v2/, and the real registry behind it.
    const p = proxy(
      await startFaultProxy(reg.url, (req) => {
        if (req.path.startsWith("/service/token")) {
          if (req.headers.authorization !== userBasic)
            return {
              status: 401,
              body: '{"errors":[{"code":"UNAUTHORIZED"}]}',
            };
          issued++;
          const scope = new URL(req.path, "http://x").searchParams
            .getAll("scope")
            .join(" ");
          return {
            status: 200,
            body: JSON.stringify({ token: `tok ${scope}`, expires_in: 300 }),
          };
        }
        if (!req.headers.authorization?.startsWith("Bearer tok ")) {
          return {
            status: 401,
            headers: {
              "www-authenticate": `Bearer realm="${tokenUrl}",service="harbor-registry"`,
            },
            body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized"}]}',
          };
        }
        return { forward: { headers: { authorization: basicToRegistry } } };
      }),
    );
    tokenUrl = `${p.url}/service/token`;
    const store = open({
      url: p.url,
      basePath: "bearer",
      auth: { type: "basic", username: "robot", password: "s3cret" },
    });
    const pack = await prepare(await fixture(HELLO));
    expect((await store.put(pack, { force: false })).status).toBe("created");
    expect((await store.list()).map((s) => s.digest)).toEqual([
      pack.detail.digest,
    ]);
    const tokenCalls = p.requests.filter((r) =>
      r.path.startsWith("/service/token"),
    );
    expect(tokenCalls.length).toBe(issued);
    // One per scope: pull and pull+push of the pack's repository and of the pack-names record,
    // catalog — not one per request.
    expect(issued).toBeLessThanOrEqual(5);
    expect(
      tokenCalls.some(
        (r) =>
          r.path.includes("scope=registry%3Acatalog%3A*") ||
          r.path.includes("registry:catalog:*") ||
          r.path.includes("registry%3Acatalog%3A%2A"),
      ),
    ).toBe(true);

    const bad = open({
      url: p.url,
      basePath: "bearer",
      auth: { type: "basic", username: "robot", password: "nope" },
    });
    const e = await storeError(bad.get("hellouniverse", "1.0.0"));
    expect(e.code).toBe("REGISTRY_AUTH");
    expect(e.message).toMatch(/token service/);
  });

  it("a fixed bearer token that the registry refuses → REGISTRY_AUTH without a loop", async () => {
    const store = open({ auth: { type: "bearer", token: "nope" } });
    expect((await storeError(store.get("hellouniverse", "1.0.0"))).code).toBe(
      "REGISTRY_AUTH",
    );
  });

  it("HTTPS: a custom CA or insecureSkipVerify is needed for a private CA", async () => {
    requireTool("openssl");
    const certs = createTestCertificates();
    cleanups.push(() => certs.remove());
    const tls = await startRegistry({
      tls: { certFile: certs.certFile, keyFile: certs.keyFile },
    });
    cleanups.push(() => tls.stop());
    const auth = {
      type: "basic" as const,
      username: tls.username,
      password: tls.password,
    };
    const pack = await prepare(await fixture(HELLO));

    const untrusted = open({ url: tls.url, auth });
    const e = await storeError(untrusted.list());
    expect(e.code).toBe("REGISTRY_ERROR");
    expect(e.message).toMatch(
      /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/,
    );

    const withCa = open({ url: tls.url, auth, tls: { caPem: certs.caPem } });
    expect((await withCa.put(pack, { force: false })).status).toBe("created");
    const insecure = open({
      url: `${tls.url}/v2/`,
      auth,
      tls: { insecureSkipVerify: true },
    });
    expect((await insecure.get("hellouniverse", "1.0.0"))?.digest).toBe(
      pack.detail.digest,
    );

    const plainHttp = open({
      url: tls.url.replace("https:", "http:"),
      auth,
      timeoutMs: 3000,
    });
    expect((await storeError(plainHttp.list())).code).toMatch(
      /REGISTRY_(ERROR|UNAVAILABLE)/,
    );
  });
});
