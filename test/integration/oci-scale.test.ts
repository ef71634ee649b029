import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/pack/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../src/pack/oci-manifest";
import type { PackFiles } from "../../src/pack/pack-files";
import { RegistryClient } from "../../server/oci/registry-client";
import { describePack } from "../../server/prepare";
import {
  createOciStore,
  type OciStoreConfig,
} from "../../server/store/oci-store";
import type { PackStore, PreparedPack } from "../../server/store/store";
import { loadFixture } from "../helpers/fixtures";
import { serverLog, startServer } from "../helpers/server";
import {
  ociStoreEnv,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type TestRegistry,
} from "../helpers/registry";

const HELLO = "tutorials/hello-universe-pack";
const CROSSPLANE = "pack-central/crossplane-2.3.0";
/** Each foreign artifact's layer (the bench uses 200 MiB; the point is that none is fetched). */
const FOREIGN_LAYER_BYTES = 20 * 1024 * 1024;

let reg: TestRegistry;
let client: RegistryClient;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  reg = await startRegistry({ accessLog: true });
  client = new RegistryClient({
    url: reg.url,
    auth: { type: "basic", username: reg.username, password: reg.password },
  });
}, 30_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await client?.close();
  await reg?.stop();
});

function open(extra: Partial<OciStoreConfig> = {}): PackStore {
  const store = createOciStore({
    url: reg.url,
    auth: { type: "basic", username: reg.username, password: reg.password },
    warn: () => undefined,
    ...extra,
  });
  cleanups.push(() => store.close());
  return store;
}

function proxy(p: FaultProxy): FaultProxy {
  cleanups.push(() => p.stop());
  return p;
}

async function prepare(dir: string): Promise<PreparedPack> {
  const files: PackFiles = new Map(await loadFixture(dir));
  const { detail, errors } = await describePack(files, {
    uploadedBy: "tester",
    createdAt: new Date().toISOString(),
  });
  expect(errors).toEqual([]);
  return { detail, files };
}

const encode = (o: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(o));

/** Push an artifact by hand, as another tool would, straight into the pack layout. */
async function pushForeign(
  repo: string,
  tag: string,
  shape: {
    artifactType?: string;
    config: { mediaType: string; bytes: Uint8Array };
    layers: { mediaType: string; bytes: Uint8Array; title?: string }[];
  },
): Promise<string[]> {
  const configDigest = `sha256:${await sha256Hex(shape.config.bytes)}`;
  const layers = await Promise.all(
    shape.layers.map(async (l) => ({
      ...l,
      digest: `sha256:${await sha256Hex(l.bytes)}`,
    })),
  );
  const manifest = encode({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    ...(shape.artifactType ? { artifactType: shape.artifactType } : {}),
    config: {
      mediaType: shape.config.mediaType,
      digest: configDigest,
      size: shape.config.bytes.byteLength,
    },
    layers: layers.map((l) => ({
      mediaType: l.mediaType,
      digest: l.digest,
      size: l.bytes.byteLength,
      ...(l.title
        ? { annotations: { "org.opencontainers.image.title": l.title } }
        : {}),
    })),
  });
  await client.push(repo, tag, {
    blobs: [
      { digest: configDigest, bytes: shape.config.bytes },
      ...layers.map((l) => ({ digest: l.digest, bytes: l.bytes })),
    ],
    manifest: { bytes: manifest, mediaType: OCI_MANIFEST_MEDIA_TYPE },
  });
  return layers.map((l) => l.digest);
}

/** Blob downloads the registry itself logged (its access log), from `from` on. */
async function blobGets(from: number): Promise<string[]> {
  // The registry writes each line as the answer ends; give the pipe a moment.
  await new Promise((r) => setTimeout(r, 200));
  return reg
    .accessLog()
    .slice(from)
    .split("\n")
    .filter((l) => /"GET \/v2\/\S+\/blobs\/sha256:/.test(l));
}

describe("oci store: foreign artifacts in the pack layout", () => {
  it("are recognised from their manifests and never downloaded; a warm list fetches nothing again", async () => {
    const writer = open({ basePath: "scale" });
    const hello = await prepare(HELLO);
    expect((await writer.put(hello, { force: false })).status).toBe("created");
    // A container image and an ORAS 1.1 artifact of another type, each with a large layer.
    const imageLayers = await pushForeign(
      "scale/spectro-packs/archive/big-image",
      "1.0.0",
      {
        config: {
          mediaType: "application/vnd.oci.image.config.v1+json",
          bytes: encode({
            architecture: "amd64",
            os: "linux",
            rootfs: { type: "layers", diff_ids: [] },
          }),
        },
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
            bytes: randomBytes(FOREIGN_LAYER_BYTES),
          },
        ],
      },
    );
    const modelLayers = await pushForeign(
      // In a pack's own repository, next to its versions.
      "scale/spectro-packs/archive/hellouniverse",
      "model-2.0.0",
      {
        artifactType: "application/vnd.example.model.v1",
        config: {
          mediaType: "application/vnd.oci.empty.v1+json",
          bytes: new TextEncoder().encode("{}"),
        },
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar",
            bytes: randomBytes(FOREIGN_LAYER_BYTES),
            title: "weights.tar.gz",
          },
        ],
      },
    );
    const foreign = [...imageLayers, ...modelLayers];

    // A second instance, cold: it reads the pack's layer once and nothing of the others.
    const reader = open({ basePath: "scale" });
    let mark = reg.accessLog().length;
    const cold = await reader.list();
    expect(cold.map((s) => `${s.name}@${s.version}`)).toEqual([
      "hellouniverse@1.0.0",
    ]);
    const coldGets = await blobGets(mark);
    expect(coldGets.filter((l) => foreign.some((d) => l.includes(d)))).toEqual(
      [],
    );
    expect(coldGets.some((l) => l.includes("hellouniverse/blobs/"))).toBe(true);

    // Warm: no blob at all, and no manifest is read again either.
    mark = reg.accessLog().length;
    for (let i = 0; i < 3; i++) expect(await reader.list()).toEqual(cold);
    await new Promise((r) => setTimeout(r, 200));
    const warm = reg.accessLog().slice(mark);
    expect(await blobGets(mark)).toEqual([]);
    expect(warm).not.toMatch(/"GET \/v2\/\S+\/manifests\//);

    // After the index expires, one HEAD per tag; the "not a pack" verdict is still remembered.
    const shortIndex = open({ basePath: "scale", indexTtlMs: 1 });
    await shortIndex.list();
    mark = reg.accessLog().length;
    await new Promise((r) => setTimeout(r, 5));
    expect(await shortIndex.list()).toEqual(cold);
    const again = reg.accessLog().slice(mark);
    expect(again).toMatch(/"HEAD \/v2\/\S+\/manifests\/1\.0\.0/);
    expect(again).not.toMatch(/"GET \/v2\/\S+\/(manifests|blobs)\//);

    // Reading a foreign tag directly is a clear error, still without a download.
    mark = reg.accessLog().length;
    await expect(reader.get("big-image", "1.0.0")).rejects.toThrow(
      /application\/vnd\.oci\.image\.config\.v1\+json config .*not a pack/,
    );
    await expect(reader.files("hellouniverse", "model-2.0.0")).rejects.toThrow(
      /application\/vnd\.example\.model\.v1 artifact/,
    );
    expect(await blobGets(mark)).toEqual([]);
  }, 60_000);
});

describe("oci store: listing where /v2/_catalog is refused", () => {
  it("lists the names any instance recorded plus the configured ones (Harbor robot account)", async () => {
    // A Harbor-like front refusing the catalog exactly as Harbor does for robot accounts.
    const harbor = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.path.startsWith("/v2/_catalog")
          ? {
              status: 401,
              body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to list catalog: unauthorized to list catalog"}]}',
            }
          : undefined,
      ),
    );
    const warnings: string[] = [];
    const a = open({
      url: harbor.url,
      basePath: "robot",
      warn: (m) => warnings.push(m),
    });
    const hello = await prepare(HELLO);
    expect((await a.put(hello, { force: false })).status).toBe("created");
    // A version pushed by another tool (no record of its name): found only when configured.
    const other = open({ basePath: "robot" });
    const crossplane = await prepare(CROSSPLANE);
    await other.put(crossplane, { force: false });
    const crossplaneName = crossplane.detail.name;
    const names = (await client.listTags("robot/packsmith/pack-names")).sort();
    expect(names).toEqual([crossplaneName, "hellouniverse"].sort());
    // Each record is an empty-blob artifact naming its pack, never a pack itself.
    const recorded = await client.getManifest(
      "robot/packsmith/pack-names",
      "hellouniverse",
    );
    expect(JSON.parse(new TextDecoder().decode(recorded!.bytes))).toMatchObject(
      {
        artifactType: "application/vnd.packsmith.pack-name.v1",
        config: { mediaType: "application/vnd.oci.empty.v1+json", size: 2 },
        layers: [{ mediaType: "application/vnd.oci.empty.v1+json", size: 2 }],
        annotations: { "io.packsmith.pack.name": "hellouniverse" },
      },
    );
    // Drop the second record, as if that pack had been pushed by oras by hand.
    const record = await client.headManifest(
      "robot/packsmith/pack-names",
      crossplaneName,
    );
    await client.deleteManifest(
      "robot/packsmith/pack-names",
      record!.digest,
      crossplaneName,
    );

    const b = open({
      url: harbor.url,
      basePath: "robot",
      warn: (m) => warnings.push(m),
    });
    expect((await b.list()).map((s) => s.name)).toEqual(["hellouniverse"]);
    expect(warnings.join("\n")).toMatch(/refuses \/v2\/_catalog/);
    const configured = open({
      url: harbor.url,
      basePath: "robot",
      repositories: [crossplaneName],
    });
    expect((await configured.list()).map((s) => s.name).sort()).toEqual(
      [crossplaneName, "hellouniverse"].sort(),
    );
    // The refusal is remembered: the catalog is asked once per store, not once per list.
    const catalogAsks = (): number =>
      harbor.requests.filter((r) => r.path.startsWith("/v2/_catalog")).length;
    const before = catalogAsks();
    await configured.list();
    expect(catalogAsks()).toBe(before);

    // catalog: false never asks it at all.
    const noCatalog = proxy(await startFaultProxy(reg.url, () => undefined));
    const quiet = open({
      url: noCatalog.url,
      basePath: "robot",
      catalog: false,
    });
    expect((await quiet.list()).map((s) => s.name)).toEqual(["hellouniverse"]);
    expect(
      noCatalog.requests.some((r) => r.path.startsWith("/v2/_catalog")),
    ).toBe(false);
  }, 60_000);

  it("the server process says so in its own log (JSON, at warn level)", async () => {
    const harbor = proxy(
      await startFaultProxy(reg.url, (req) =>
        req.path.startsWith("/v2/_catalog")
          ? {
              status: 401,
              body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to list catalog"}]}',
            }
          : undefined,
      ),
    );
    const srv = await startServer({
      env: {
        ...ociStoreEnv(reg),
        PACKSMITH_OCI_URL: harbor.url,
        PACKSMITH_OCI_BASE_PATH: "robot",
        PACKSMITH_LOG: "info",
      },
    });
    cleanups.push(async () => {
      await srv.stop();
      srv.cleanup();
    });
    expect((await fetch(`${srv.url}/api/v1/packs`)).status).toBe(200);
    const warned = (await serverLog(srv))
      .filter((l) => l.startsWith("{"))
      .map(
        (l) => JSON.parse(l) as { level: number; store?: string; msg: string },
      )
      .filter((l) => l.level === 40 && /refuses \/v2\/_catalog/.test(l.msg));
    expect(warned).toEqual([expect.objectContaining({ store: "oci" })]);
  });

  it("list(name) reads that repository's tags only: no catalog, no other repository", async () => {
    const seen = proxy(await startFaultProxy(reg.url, () => undefined));
    const store = open({ url: seen.url, basePath: "robot" });
    const versions = await store.list("hellouniverse");
    expect(versions.map((s) => `${s.name}@${s.version}`)).toEqual([
      "hellouniverse@1.0.0",
    ]);
    const paths = seen.requests.map((r) => r.path.split("?")[0]!);
    expect(paths.length).toBeGreaterThan(0);
    expect(
      paths.filter((p) => p !== "/v2/" && !p.includes("/hellouniverse/")),
    ).toEqual([]);
    expect(await store.list("no-such-pack")).toEqual([]);
    expect(await store.list("Not_Valid!")).toEqual([]);
  });
});
