import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readPackArchive } from "../../src/pack/read-archive";
import type { CompressedForms } from "../../src/pack/zip-read";
import { writePackZip } from "../../src/pack/zip-write";
import { createFsStore } from "../../server/store/fs-store";
import { withTarGzCache } from "../../server/archive-cache";
import { describePack, prepareChart } from "../../server/prepare";
import { gzipTar } from "../../server/workers/gzip-tar";
import {
  checkUpload,
  helpCheck,
  type CheckOutcome,
} from "../../server/workers/pack-task";
import { valueSymbol } from "piscina";
import {
  buildZipInPool,
  checkUploadInPool,
  closeWorkers,
  poolThreadIds,
  readLayerInPool,
} from "../../server/workers/pool";
import { writePackTarGz } from "../../src/pack/tar-write";
import { noise } from "../gen/bytes";
import { tarGzFiles } from "../gen/tar";
import { zipFiles } from "../gen/zip";
import { FIXTURES, loadFixture } from "../helpers/fixtures";
import { REPEATED_MANIFEST, repetitivePack } from "../helpers/packs";
import { expectSameFiles } from "../helpers/same-files";

const root = mkdtempSync(join(tmpdir(), "packsmith-pool-"));
afterAll(async () => {
  await closeWorkers();
  rmSync(root, { recursive: true, force: true });
});

const meta = { uploadedBy: "admin", createdAt: "2026-01-01T00:00:00.000Z" };

/** The check that hands the files (and a tar.gz) back, as for a store that pushes them. */
const checkFiles = (path: string, name: string, version: string) =>
  checkUploadInPool({
    path,
    name,
    version,
    ...meta,
    output: { kind: "files" },
  });

async function upload(
  dir: string,
  top: string,
): Promise<{ path: string; zip: Uint8Array }> {
  const zip = await writePackZip(await loadFixture(dir), top);
  const path = join(root, `${top}.zip`);
  writeFileSync(path, zip);
  return { path, zip };
}

describe("the upload check in the worker pool", () => {
  it("starts a thread per core with the pool and keeps each, idle or not: a check with its helper ends on the same threads", async () => {
    // A fresh pool: a thread ended when idle came back cold for the next upload (pool.ts).
    await closeWorkers();
    const threads = poolThreadIds();
    expect(threads).toHaveLength(Math.max(1, availableParallelism()));
    const { path } = await upload("pack-central/piraeus-operator-2.9.0", "p");
    const r = await checkUploadInPool(
      {
        path,
        name: "piraeus-operator",
        version: "2.9.0",
        ...meta,
        output: { kind: "files" },
      },
      { helper: true },
    );
    if (!r.ok) throw new Error(r.message);
    // Past piscina's default idle timeout (0: a thread beyond the minimum ends as soon as it idles).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(poolThreadIds()).toEqual(threads);
  });

  it("writes the fs store's file from the upload's entries; the store links it in and serves its tar.gz once", async () => {
    const { path, zip } = await upload("pack-central/argocd-3.26.7", "x");
    const store = createFsStore(join(root, "fs"));
    const r = await checkUploadInPool({
      path,
      name: "argo-cd",
      version: "3.26.7",
      ...meta,
      output: { kind: "stored-file", tmpDir: store.storedFileDir! },
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.detail.name).toBe("argo-cd");
    expect(r.storedFile).toBeDefined();
    const put = await store.putFile!(
      { detail: r.detail, path: r.storedFile! },
      { force: false },
    );
    expect(put.status).toBe("created");
    rmSync(r.storedFile!, { force: true });
    // The stored zip's entries are the upload's compressed bytes.
    const stored = (await store.zip!("argo-cd", "3.26.7"))!;
    const storedZip = new Uint8Array(await buffer(stored.stream()));
    expect(storedZip.length).toBe(stored.size);
    const a: CompressedForms = new Map();
    const b: CompressedForms = new Map();
    const up = readPackArchive(zip, { compressed: a });
    const back = readPackArchive(storedZip, { compressed: b });
    if (!up.ok || !back.ok) throw new Error("unreadable");
    for (const [p, bytes] of up.value.files)
      expect(
        Buffer.from(b.get(back.value.files.get(p)!)!.data).equals(
          Buffer.from(a.get(bytes)!.data),
        ),
        p,
      ).toBe(true);
    // Six at once: one build.
    const all = await Promise.all(
      Array.from({ length: 6 }, () => store.tarGz!("argo-cd", "3.26.7")),
    );
    expect(all.filter((t) => t?.built).length).toBe(1);
    const tgz = readFileSync(all[0]!.path);
    const tar = readPackArchive(new Uint8Array(gunzipSync(tgz)));
    if (!tar.ok) throw new Error(tar.error.message);
    expect([...tar.value.files.keys()]).toEqual([...up.value.files.keys()]);
    expect((await store.tarGz!("argo-cd", "3.26.7"))!.built).toBe(false);
    // Deleting the version drops its tar.gz.
    expect(await store.delete("argo-cd", "3.26.7")).toBe(true);
    expect(
      readdirSync(join(root, "fs", "packs", "argo-cd")).filter((f) =>
        f.endsWith(".tar.gz"),
      ),
    ).toEqual([]);
  });

  it("moves the files and a tar.gz back for a store that pushes one", async () => {
    const { path } = await upload("pack-central/ambassador-6.6.0", "y");
    const r = await checkFiles(path, "ambassador", "6.6.0");
    if (!r.ok) throw new Error(r.message);
    const files = await loadFixture("pack-central/ambassador-6.6.0");
    expect([...r.files!.keys()]).toEqual([...files.keys()]);
    const tar = readPackArchive(r.tarGz!.bytes);
    if (!tar.ok) throw new Error(tar.error.message);
    expect(tar.value.files.get("pack.json")).toEqual(files.get("pack.json"));
  });

  it("refuses what is not a pack, naming the problem", async () => {
    const path = join(root, "logo.zip");
    writeFileSync(
      path,
      readFileSync(join(FIXTURES, "pack-central/ambassador-6.6.0/logo.png")),
    );
    const png = await checkFiles(path, "a", "1.0.0");
    expect(png).toMatchObject({ ok: false, status: 415 });
    if (!png.ok) expect(png.message).toMatch(/PNG/i);
    const { path: wrong } = await upload("pack-central/ambassador-6.6.0", "z");
    const r = await checkFiles(wrong, "other", "1.0.0");
    expect(r).toMatchObject({ ok: false, status: 422, code: "INVALID_PACK" });
  });

  it("gives a store without one a tar.gz cache in the data folder", async () => {
    const inner = createFsStore(join(root, "plain"));
    const { tarGz: _drop, ...plain } = inner;
    void _drop;
    const cached = withTarGzCache(
      plain,
      join(root, "cache", "tar.gz"),
      join(root, ".tmp"),
    );
    const { path } = await upload("pack-central/ambassador-6.6.0", "w");
    const r = await checkFiles(path, "ambassador", "6.6.0");
    if (!r.ok) throw new Error(r.message);
    await cached.put({ detail: r.detail, files: r.files! }, { force: false });
    const t = await Promise.all([
      cached.tarGz!("ambassador", "6.6.0"),
      cached.tarGz!("ambassador", "6.6.0"),
    ]);
    expect(t.filter((x) => x?.built).length).toBe(1);
    expect(
      t[0]!.path.startsWith(join(root, "cache", "tar.gz", "ambassador")),
    ).toBe(true);
    expect(await cached.tarGz!("ambassador", "9.9.9")).toBeNull();
  });
});

describe("the OCI store's tar.gz cache, bounded", () => {
  const PACKS = [
    ["pack-central/citrix-adc-1.7.6", "lb-citrix-adc", "1.7.6"],
    [
      "pack-central/nfs-subdir-external-4.0.13",
      "csi-nfs-subdir-external",
      "4.0.13",
    ],
    ["pack-central/permission-manager-1.0.0", "permission-manager", "1.0.0"],
  ] as const;

  it("keeps at most its size, the least recently downloaded going first; a version evicted is built again", async () => {
    const inner = createFsStore(join(root, "bounded"));
    const { tarGz: _drop, ...plain } = inner;
    void _drop;
    for (const [dir, name, version] of PACKS) {
      const { path } = await upload(dir, `${name}-${version}`);
      const r = await checkFiles(path, name, version);
      if (!r.ok) throw new Error(r.message);
      await plain.put({ detail: r.detail, files: r.files! }, { force: false });
    }
    const cacheDir = join(root, "bounded-cache");
    // Each one's size, from a cache without a bound; then emptied.
    const unbounded = withTarGzCache(plain, cacheDir, join(root, ".tmp"));
    const size: number[] = [];
    for (const [, name, version] of PACKS)
      size.push((await unbounded.tarGz!(name, version))!.size);
    rmSync(cacheDir, { recursive: true, force: true });
    const [a, b, c] = PACKS.map(([, n, v]) => [n, v] as const);
    const cached = withTarGzCache(
      plain,
      cacheDir,
      join(root, ".tmp"),
      size[0]! + size[2]! + 1,
    );
    const get = (p: readonly [string, string]) => cached.tarGz!(p[0], p[1]);
    const pathA = (await get(a!))!.path;
    const pathB = (await get(b!))!.path;
    expect(await get(a!)).toMatchObject({ built: false }); // A used after B
    const pathC = (await get(c!))!.path;
    // A, B and C do not fit: B, the least recently used, went.
    expect(existsSync(pathA)).toBe(true);
    expect(existsSync(pathB)).toBe(false);
    expect(existsSync(pathC)).toBe(true);
    expect(await get(b!)).toMatchObject({ built: true });
    // Built again, B is the newest: now A (used before C) is the one that went.
    expect(existsSync(pathB)).toBe(true);
    expect(existsSync(pathA)).toBe(false);
  });
});

describe("stored versions read in the worker pool (OCI layers, fs details before contract v2)", () => {
  const DIR = "pack-central/argocd-3.26.7";

  it("reads a layer's tar.gz and describes it as the event loop would have", async () => {
    const files = await loadFixture(DIR);
    const tgz = writePackTarGz(files, "argo-cd-3.26.7");
    const r = await readLayerInPool({
      source: { bytes: tgz },
      name: "argo-cd-3.26.7.tar.gz",
      describe: meta,
    });
    if (!r.ok) throw new Error(r.message);
    expectSameFiles(r.files, files);
    const { detail } = await describePack(files, meta);
    expect(r.detail).toEqual(detail);
    expect(r.detail!.charts.length).toBeGreaterThan(0);
    // Without `describe`: the files only.
    const plain = await readLayerInPool({
      source: { bytes: tgz },
      name: "x.tar.gz",
    });
    expect(plain).toMatchObject({ ok: true });
    if (plain.ok) expect(plain.detail).toBeUndefined();
  });

  it("describes files already read (copied to the pool), the caller's copies intact", async () => {
    const files = await loadFixture(DIR);
    const r = await readLayerInPool({
      source: { files },
      name: "argo-cd-3.26.7",
      describe: meta,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.detail).toEqual((await describePack(files, meta)).detail);
    expect(files.get("pack.json")!.byteLength).toBeGreaterThan(0);
  });

  it("says why a layer is no pack archive, naming it", async () => {
    const png = readFileSync(join(FIXTURES, DIR, "logo.png"));
    const r = await readLayerInPool({
      source: { bytes: new Uint8Array(png) },
      name: "foreign.tar.gz",
      describe: meta,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/foreign\.tar\.gz/);
  });

  it("writes a version's zip (for a store that keeps none) holding exactly its files under one top folder", async () => {
    const files = await loadFixture(DIR);
    const built = await buildZipInPool(files, "argo-cd-3.26.7");
    if (!built.ok) throw new Error(built.error.message);
    const zip = built.value;
    const back = readPackArchive(zip);
    if (!back.ok) throw new Error(back.error.message);
    expectSameFiles(back.value.files, files);
    expect(new TextDecoder("latin1").decode(zip.subarray(30, 30 + 15))).toBe(
      "argo-cd-3.26.7/",
    );
  });
});

// An upload the readers accept, whose archive as the store writes it they would refuse: the
// manifest of one repeated line stored in a zip (a stored entry has no ratio) or beside 300 KiB
// of noise in a tar.gz (the ratio is the whole stream's, 60:1). The store deflates it alone.
describe("an upload whose stored archive every reader would refuse", () => {
  const file = "`hellouniverse-1\\.0\\.0/manifests/repeated\\.yaml`";
  const limit = "beyond the 100:1 readers allow past 1 MiB";
  it.each([
    [
      "a tar.gz, kept as a zip (fs store)",
      "stored-file",
      "zip",
      `${file} compresses \\d+:1 .*${limit}`,
    ],
    [
      "a zip storing it, kept as a tar.gz (OCI store)",
      "files",
      "tar\\.gz",
      `the tar\\.gz compresses \\d+:1 .*${limit}.*${file}`,
    ],
  ] as const)(
    "%s: 422, naming the file and the limit",
    async (_, kind, archive, said) => {
      const files = await repetitivePack();
      const tmpDir = join(root, `refused-${kind}`);
      const path = join(root, `refused-${kind}.upload`);
      writeFileSync(
        path,
        kind === "stored-file"
          ? tarGzFiles([...files, ["files/noise.bin", noise(300 * 1024)]], {
              top: "hellouniverse-1.0.0",
            })
          : zipFiles(files, { top: "hellouniverse-1.0.0", stored: true }),
      );
      const r = await checkUploadInPool({
        path,
        name: "hellouniverse",
        version: "1.0.0",
        ...meta,
        output: kind === "stored-file" ? { kind, tmpDir } : { kind: "files" },
      });
      if (r.ok) throw new Error("stored");
      expect(r).toMatchObject({ status: 422, code: "INVALID_PACK" });
      expect(r.message).toMatch(
        new RegExp(
          `^the pack's ${archive} as the registry stores it would be refused when read: ${said}`,
        ),
      );
      // The pack's own path (the app links it) for a zip entry; a tar.gz is judged as one stream,
      // so its finding names no file (its message names the largest).
      expect(r.findings).toEqual([
        kind === "stored-file"
          ? expect.objectContaining({
              code: "ARCHIVE_RATIO_EXCEEDED",
              file: REPEATED_MANIFEST,
            })
          : expect.not.objectContaining({ file: expect.anything() }),
      ]);
      expect(r.findings![0]!.code).toBe("ARCHIVE_RATIO_EXCEEDED");
      // Nothing half-written is left behind.
      expect(existsSync(tmpDir) ? readdirSync(tmpDir) : []).toEqual([]);
    },
  );
});

// The other archive of a stored version is written when first asked for, from files that passed as
// the first: files each within the ratio's 1 MiB grace pass in a zip, and may not as one tar.gz.
it("a stored version's tar.gz every reader would refuse is an ARCHIVE_REFUSED store error, naming the limit", async () => {
  const files = new Map(await loadFixture("tutorials/hello-universe-pack"));
  for (let i = 0; i < 5; i++)
    files.set(
      `manifests/r${i}.yaml`,
      new TextEncoder().encode(`# ${i}\n`.repeat(150_000)),
    );
  const path = join(root, "graced.zip");
  writeFileSync(path, await writePackZip(files, "hellouniverse-1.0.0"));
  const store = createFsStore(join(root, "graced"));
  const r = await checkUploadInPool({
    path,
    name: "hellouniverse",
    version: "1.0.0",
    ...meta,
    output: { kind: "stored-file", tmpDir: store.storedFileDir! },
  });
  if (!r.ok) throw new Error(r.message);
  await store.putFile!(
    { detail: r.detail, path: r.storedFile! },
    { force: false },
  );
  await expect(store.tarGz!("hellouniverse", "1.0.0")).rejects.toMatchObject({
    code: "ARCHIVE_REFUSED",
    message: expect.stringMatching(
      /^hellouniverse-1\.0\.0\.tar\.gz would be refused when read: the tar\.gz compresses \d+:1 .*beyond the 100:1 readers allow past 1 MiB/,
    ),
  });
});

describe("a check and its helper split a pack's chart archives", () => {
  const PIRAEUS = "pack-central/piraeus-operator-2.9.0";
  const top = "piraeus-operator-2.9.0";
  const name = "piraeus-operator";
  const version = "2.9.0";

  it("in the pool (two threads): the detail of a pack with four charts is the one the core gives", async () => {
    const files = await loadFixture(PIRAEUS);
    expect(
      [...files.keys()].filter((p) => /^charts\/[^/]+\.tgz$/.test(p)),
    ).toHaveLength(4);
    const want = (await describePack(files, meta)).detail;
    const { path } = await upload(PIRAEUS, top);
    const r = await checkFiles(path, name, version);
    if (!r.ok) throw new Error(r.message);
    expect(r.detail).toEqual(want);
    // The tar.gz, built by whichever thread claimed it, is the one gzipTar makes of the files.
    expect(
      Buffer.from(r.tarGz!.bytes).equals(Buffer.from(tarGzOf(files, top))),
    ).toBe(true);
    expect(r.tarGz!.sha256).toBe(
      createHash("sha256").update(r.tarGz!.bytes).digest("hex"),
    );
  });

  const tarGzOf = (files: Map<string, Uint8Array>, top: string): Uint8Array => {
    const parts: Uint8Array[] = [];
    gzipTar(files, top, (c) => parts.push(c));
    return Buffer.concat(parts);
  };

  it("takes the tar.gz the helper built, or builds it when the helper claimed it and stopped", async () => {
    const files = await loadFixture(PIRAEUS);
    const want = (await describePack(files, meta)).detail;
    const { path } = await upload(PIRAEUS, `${top}-targz`);
    for (const helperSends of [true, false]) {
      const { port1, port2 } = new MessageChannel();
      const claims = new SharedArrayBuffer(4 * 8);
      // The helper claimed the tar.gz (the last claim) before the check needed it.
      Atomics.store(new Int32Array(claims), 7, 2);
      const sent = new Uint8Array([1, 2, 3]);
      const sentSha256 = createHash("sha256").update(sent).digest("hex");
      port2.once("message", () => {
        if (helperSends)
          port2.postMessage({ tarGz: { bytes: sent, sha256: sentSha256 } });
        else port2.close();
      });
      const moved = (await checkUpload({
        path,
        name,
        version,
        ...meta,
        output: { kind: "files" },
        helper: { port: port1, claims },
      })) as Record<symbol, CheckOutcome>;
      port2.close();
      const r = moved[valueSymbol]!;
      if (!r.ok) throw new Error(r.message);
      expect(r.detail).toEqual(want);
      expect([...r.tarGz!.bytes]).toEqual(
        helperSends ? [...sent] : [...tarGzOf(files, `${name}-${version}`)],
      );
      // The layer's digest comes with it, from the thread that built it.
      expect(r.tarGz!.sha256).toBe(
        createHash("sha256").update(r.tarGz!.bytes).digest("hex"),
      );
    }
  });

  /** The check in this thread with a helper that is this test: `claim` marks charts the helper took. */
  async function checkWithFakeHelper(
    claimed: number[],
    answer: (job: { charts: { path: string }[] }, port: MessagePort) => void,
  ) {
    const { path } = await upload(PIRAEUS, `${top}-fake`);
    const { port1, port2 } = new MessageChannel();
    const claims = new SharedArrayBuffer(4 * 8);
    for (const i of claimed) Atomics.store(new Int32Array(claims), i, 2);
    port2.once("message", (job: { charts: { path: string }[] }) =>
      answer(job, port2),
    );
    const r = (await checkUpload({
      path,
      name,
      version,
      ...meta,
      // The stored file: an outcome in plain data (the files output is wrapped to be moved).
      output: { kind: "stored-file", tmpDir: join(root, "helper-st") },
      helper: { port: port1, claims },
    })) as CheckOutcome;
    port2.close();
    if (!r.ok) throw new Error(r.message);
    return r.detail;
  }

  it("takes what the helper sends for the charts it claimed", async () => {
    const files = await loadFixture(PIRAEUS);
    const want = (await describePack(files, meta)).detail;
    const detail = await checkWithFakeHelper([2, 3], (job, port) => {
      expect(job.charts).toHaveLength(4);
      for (const i of [3, 2]) {
        const path = job.charts[i]!.path;
        const p = prepareChart(path, files.get(path)!, {
          room: 256 * 1024 * 1024,
        });
        // Marked, to see that the check uses the helper's description.
        port.postMessage({
          index: i,
          ...p,
          detail: { ...p.detail, name: `helped-${i}` },
        });
      }
    });
    expect(detail.charts.map((c) => c.name)).toEqual([
      ...want.charts.slice(0, 2).map((c) => c.name),
      "helped-2",
      "helped-3",
    ]);
    expect(detail.findings).toEqual(want.findings);
    expect(detail.images).toEqual(want.images);
  });

  it("the helper prepares every chart nobody claimed, from the back, reading them from the upload file", async () => {
    const { path, zip } = await upload(PIRAEUS, `${top}-helper`);
    const read = readPackArchive(zip);
    if (!read.ok) throw new Error(read.error.message);
    const charts = [...read.value.files]
      .filter(([p]) => /^charts\/[^/]+\.tgz$/.test(p))
      .map(([p, b]) => ({
        path: p,
        offset: b.byteOffset - zip.byteOffset,
        length: b.length,
      }));
    expect(charts).toHaveLength(4);
    const { port1, port2 } = new MessageChannel();
    const claims = new SharedArrayBuffer(4 * 8);
    const got: { index: number; detail: { file: string } }[] = [];
    port1.on("message", (m: { index: number; detail: { file: string } }) =>
      got.push(m),
    );
    // The helper closes its port once done: every result has arrived before the close.
    const closed = new Promise((r) => port1.once("close", r));
    const helping = helpCheck({ port: port2, claims });
    port1.postMessage({ file: path, room: 256 * 1024 * 1024, charts });
    expect(await helping).toBe(4);
    await closed;
    expect(got.map((m) => m.index)).toEqual([3, 2, 1, 0]);
    expect(got.map((m) => m.detail.file)).toEqual(
      charts.map((c) => c.path).reverse(),
    );
    expect([...new Int32Array(claims)].slice(0, 4)).toEqual([2, 2, 2, 2]);
  });

  it("prepares itself what the helper claimed but never sent (the helper stopped)", async () => {
    const files = await loadFixture(PIRAEUS);
    const want = (await describePack(files, meta)).detail;
    const detail = await checkWithFakeHelper([3], (_job, port) => port.close());
    expect(detail).toEqual(want);
  });
});
