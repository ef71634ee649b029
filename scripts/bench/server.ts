/**
 * The API server as a real process (its production start, `build/node/server.mjs`, with its own
 * data folder, as one process: lib/server-proc.ts) next to Debian's real
 * `docker-registry` on the same machine, in the same run:
 *
 * 1. PUT of a ~48 MB pack zip (`PUT /api/v1/packs/{name}/{version}`, Basic auth) on the fs store
 *    and on the oci store (pushing to that same registry), against a raw blob upload of the same
 *    bytes to the registry (`POST …/blobs/uploads/` + `PUT <Location>&digest=…`). Interleaved, one
 *    warm-up then 3 timed runs each, a new version every run (every PUT is a real create).
 * 2. Peak RSS of the server process (/proc/<pid>/status VmHWM, plus VmRSS sampled every 5 ms)
 *    while 8 such packs (8 versions) are uploaded at once to a fresh fs server, and the wall time.
 * 3. `/health` latency (one request after another, keep-alive) during each of: a 48 MB upload
 *    check, 6 parallel tar.gz downloads of a ~20 MB pack (cold: the first builds it), a burst of 100
 *    parallel wrong sign-ins (bcrypt cost 12, the server's own). Issue 10's targets: p99 ≤ 20 ms,
 *    max ≤ 100 ms. The PUT rows hold theirs too: fs ≤ 2× the raw blob upload (an incompressible
 *    and a compressible pack), OCI ≤ 2.5×; 8 concurrent uploads ≤ 250 MB above idle RSS.
 * 4. Filling an fs store with 10,000 tiny valid packs through the API (8 in flight), then a restart
 *    (start-up and first list = cold index load) and 500 sequential list requests each for the first
 *    page, `q=`, `layer=` and a cursor page: p50 / p99 / max.
 *
 * Knobs (environment): BENCH_SERVER_VERSIONS (default 10000), BENCH_SERVER_POPULATE_S (stop
 * issuing uploads after this many seconds, default 120; the list figures then say how many
 * versions they ran on), BENCH_SERVER_OCI=0 (skip the oci store), BENCH_SERVER_CPU_PROF=<folder>
 * (write a V8 CPU profile of every server process there when it stops).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { Worker } from "node:worker_threads";
import bcrypt from "bcryptjs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startRegistry } from "../../test/helpers/registry";
import { serverLog } from "../../test/helpers/server";
import type { BenchContext } from "./lib/context";
import { fmtMB, gc, MB, median, ratio, verdict, type Row } from "./lib/measure";
import {
  expectStatus,
  registryBlobUpload,
  request,
  sha256Digest,
  spread,
} from "./lib/server-http";
import {
  bigPack,
  bigPackZip,
  midPackZip,
  textPackZip,
} from "./lib/server-packs";
import {
  basicAuth,
  runNodeScript,
  startBenchServer,
  writeBenchHtpasswd,
  type BenchServer,
} from "./lib/server-proc";

export const description =
  "API server: 48 MB pack PUT (fs, oci) vs docker-registry blob upload, peak RSS of 8 concurrent PUTs, fill 10,000 tiny versions, list p50/p99";

const here = path.dirname(fileURLToPath(import.meta.url));
const GEN_SCRIPT = path.join(here, "lib", "server-gen.ts");

const env = process.env;
const VERSIONS = Math.max(100, Number(env.BENCH_SERVER_VERSIONS ?? 10_000));
/** 40 versions per pack name (250 names for 10,000). */
const NAMES = Math.max(1, Math.round(VERSIONS / 40));
const POPULATE_BUDGET_MS = Number(env.BENCH_SERVER_POPULATE_S ?? 120) * 1000;
const WITH_OCI = env.BENCH_SERVER_OCI !== "0";
const PROF_DIR = env.BENCH_SERVER_CPU_PROF || undefined;

// Five timed runs per PUT row: on this 2-core machine a single blob PUT varied 200–290 ms within one run.
const PUT_RUNS = 5;
const CONCURRENT = 8;
const IN_FLIGHT = 8;
const LIST_REQUESTS = 500;
const LIST_WARMUP = 20;
/** Per list variant; the row says so when it stopped before LIST_REQUESTS. */
const LIST_BUDGET_MS = 30_000;

/** Issue 10's targets. */
const TARGET = {
  healthP99: 20,
  healthMax: 100,
  fsPut: 2,
  ociPut: 2.5,
  rssRiseMB: 250,
};
/** A user whose wrong passwords cost a real bcrypt check (cost 12, as the server creates them). */
const BURST_USER = { username: "burst", password: "right-password" };

const writeHeaders = {
  authorization: basicAuth(),
  "x-packsmith-client": "bench",
  "content-type": "application/zip",
};

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const ms1 = (x: number): string => x.toFixed(x < 10 ? 2 : 1);

/**
 * Where a server's timed PUTs of `pack` (versions after the warm-up's 1.0.0) spent their time,
 * from its debug lines `upload: ms per phase` (every one logged before this call): the median
 * of each phase.
 */
async function phasesNote(server: BenchServer, pack: string): Promise<string> {
  const lines = (await serverLog(server))
    .filter((l) => l.includes("upload: ms per phase"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter(
      (l) =>
        typeof l.pack === "string" &&
        l.pack.startsWith(`${pack} `) &&
        l.pack !== `${pack} 1.0.0`,
    );
  if (lines.length === 0) return "no phases logged";
  const phase = (k: string): string =>
    median(lines.map((l) => Number(l[k]))).toFixed(0);
  const threads = [...new Set(lines.map((l) => l.threads))].join("/");
  return `phases, median of ${lines.length} (debug log): receive ${phase("receive")}, wait ${phase("wait")}, check ${phase("check")} (threads ${threads}), store ${phase("store")} ms`;
}

async function putPack(
  base: string,
  name: string,
  version: string,
  body: Uint8Array,
): Promise<void> {
  expectStatus(
    await request("PUT", `${base}/api/v1/packs/${name}/${version}`, {
      headers: writeHeaders,
      body,
    }),
    [201],
    `PUT ${name} ${version}`,
  );
}

/**
 * `/health` one request after another on its own keep-alive connection while `load` runs:
 * latencies in ms (after 20 warm-up requests) and the load's wall time. The requests are sent from
 * a worker thread, so the load this process generates (bodies sent and received) never delays them:
 * the figures are the server's.
 */
async function healthDuring(
  base: string,
  load: () => Promise<unknown>,
): Promise<{ lat: number[]; loadMs: number }> {
  const poller = new Worker(
    `const http = require("node:http");
     const { parentPort, workerData } = require("node:worker_threads");
     const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
     const get = () => new Promise((resolve, reject) => {
       http.get(workerData.url, { agent }, (res) => {
         res.resume();
         res.on("end", () => res.statusCode === 200 ? resolve() : reject(new Error("health " + res.statusCode)));
       }).on("error", reject);
     });
     let stop = false;
     parentPort.on("message", () => { stop = true; });
     (async () => {
       for (let i = 0; i < 20; i++) await get();
       parentPort.postMessage("ready");
       const lat = [];
       while (!stop) {
         const t = performance.now();
         await get();
         lat.push(performance.now() - t);
       }
       agent.destroy();
       parentPort.postMessage(lat);
     })().catch((e) => parentPort.postMessage(String(e)));`,
    { eval: true, workerData: { url: `${base}/api/v1/health` } },
  );
  const messages: unknown[] = [];
  let wake: (() => void) | null = null;
  poller.on("message", (m) => {
    messages.push(m);
    wake?.();
  });
  const next = async (): Promise<unknown> => {
    while (!messages.length) await new Promise<void>((r) => (wake = r));
    return messages.shift();
  };
  const ready = await next();
  if (ready !== "ready") throw new Error(`health poller: ${String(ready)}`);
  const t0 = performance.now();
  try {
    await load();
  } finally {
    poller.postMessage("stop");
  }
  const loadMs = performance.now() - t0;
  const lat = await next();
  await poller.terminate();
  if (!Array.isArray(lat)) throw new Error(`health poller: ${String(lat)}`);
  return { lat: lat as number[], loadMs };
}

function healthRow(
  name: string,
  r: { lat: number[]; loadMs: number },
  what: string,
): Row {
  const { p50, p99, max } = spread(r.lat);
  const ok = p99 <= TARGET.healthP99 && max <= TARGET.healthMax;
  return {
    name,
    ms: p99,
    runsMs: [p50, p99, max],
    notes: `/health p50 ${ms1(p50)}, p99 ${ms1(p99)}, max ${ms1(max)} ms over ${r.lat.length} requests during ${what} (${(r.loadMs / 1000).toFixed(2)} s); target p99 ≤ ${TARGET.healthP99} ms and max ≤ ${TARGET.healthMax} ms: ${verdict(ok)}`,
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await tick(); // let a pending SIGINT handler run
  gc();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * OCI `GET /packs` with 2 foreign artifacts of 200 MiB each in the pack layout (a container image
 * and an ORAS 1.1 artifact of another type, pushed straight to the registry): 1 cold list, then
 * 30 warm ones; p50 / max of the warm ones and the server's RSS before and after (issue 10 target:
 * ≤ 200 ms warm, RSS flat).
 */
async function ociForeignListRow(
  registry: { url: string; username: string; password: string },
  server: BenchServer,
): Promise<Row> {
  const { RegistryClient } = await import("../../server/oci/registry-client");
  const client = new RegistryClient({
    url: registry.url,
    auth: {
      type: "basic",
      username: registry.username,
      password: registry.password,
    },
  });
  const json = (o: unknown): Uint8Array =>
    new TextEncoder().encode(JSON.stringify(o));
  const layer = new Uint8Array(200 * 1024 * 1024);
  for (const [i, shape] of [
    {
      repo: "spectro-packs/archive/foreign-image",
      config: json({ architecture: "amd64", os: "linux" }),
      configType: "application/vnd.oci.image.config.v1+json",
      layerType: "application/vnd.oci.image.layer.v1.tar+gzip",
    },
    {
      repo: "spectro-packs/archive/foreign-model",
      artifactType: "application/vnd.example.model.v1",
      config: json({}),
      configType: "application/vnd.oci.empty.v1+json",
      layerType: "application/vnd.oci.image.layer.v1.tar",
    },
  ].entries()) {
    layer.fill(i + 1, 0, 4096); // two different blobs, not one shared
    const layerDigest = sha256Digest(layer);
    const configDigest = sha256Digest(shape.config);
    await client.push(shape.repo, "1.0.0", {
      blobs: [
        { digest: configDigest, bytes: shape.config },
        { digest: layerDigest, bytes: layer },
      ],
      manifest: {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        bytes: json({
          schemaVersion: 2,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          ...(shape.artifactType ? { artifactType: shape.artifactType } : {}),
          config: {
            mediaType: shape.configType,
            digest: configDigest,
            size: shape.config.byteLength,
          },
          layers: [
            {
              mediaType: shape.layerType,
              digest: layerDigest,
              size: layer.byteLength,
            },
          ],
        }),
      },
    });
  }
  await client.close();
  const url = `${server.url}/api/v1/packs`;
  const before = server.memory()!;
  const t = performance.now();
  expectStatus(await request("GET", url), [200], "oci list (cold)");
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t1 = performance.now();
    expectStatus(await request("GET", url), [200], "oci list (warm)");
    warm.push(performance.now() - t1);
  }
  const after = server.memory()!;
  return {
    name: "OCI GET /packs, 2 foreign 200 MiB artifacts in the registry (warm)",
    ms: median(warm),
    runsMs: warm,
    notes: `target ≤ 200 ms warm, RSS flat; cold ${ms1(coldMs)} ms, warm p50 ${ms1(median(warm))} ms, max ${ms1(Math.max(...warm))} ms; server RSS ${mb(before.rss)} → ${mb(after.rss)} MB (peak ${mb(after.hwm)})`,
  };
}

interface TinyEntry {
  name: string;
  version: string;
  layer: string;
  offset: number;
  length: number;
}

export async function bench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const stops: (() => Promise<void>)[] = [];
  const track = <T extends { stop: () => Promise<void> }>(x: T): T => {
    stops.push(() => x.stop());
    return x;
  };
  /** Stop a server (or the registry) and remove its data folder now, not at the end of the run. */
  const stopOne = async (
    x: { stop: () => Promise<void> },
    dataDir?: string,
  ): Promise<void> => {
    await x.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // --- Inputs: tiny packs in two child processes while this one builds the big pack's zips.
    const genDir = ctx.tmpDir("gen");
    ctx.log(
      `generating ${VERSIONS} tiny packs (2 child processes) and the big pack…`,
    );
    const t0 = performance.now();
    // Two children, so the tiny packs are made on both cores once the big pack is done.
    const half = Math.ceil(VERSIONS / 2);
    const parts = [
      [0, half],
      [half, VERSIONS],
    ].map(([from, to], k) => ({
      prefix: path.join(genDir, `tiny-${k}`),
      from: from!,
      to: to!,
    }));
    const tinyDone = Promise.all(
      parts.map((p) =>
        runNodeScript(GEN_SCRIPT, [
          p.prefix,
          String(p.from),
          String(p.to),
          String(NAMES),
        ]),
      ),
    );
    tinyDone.catch(() => undefined); // awaited below
    const pack = bigPack();
    const zips: Buffer[] = [];
    for (let i = 0; i < CONCURRENT; i++)
      zips.push(await bigPackZip(pack, `1.0.${i}`));
    const digests = zips.map(sha256Digest);
    const zipBytes = zips[0]!.length;
    const texts: Buffer[] = [];
    for (let i = 0; i < 1 + PUT_RUNS; i++)
      texts.push(await textPackZip(`1.0.${i}`));
    const textDigests = texts.map(sha256Digest);
    const mid = await midPackZip(pack, "1.0.0");
    await tinyDone;
    const tiny = parts.flatMap((p) => {
      const bin = readFileSync(`${p.prefix}.bin`);
      return (
        JSON.parse(readFileSync(`${p.prefix}.json`, "utf8")) as TinyEntry[]
      ).map((e) => ({
        ...e,
        zip: bin.subarray(e.offset, e.offset + e.length),
      }));
    });
    rmSync(genDir, { recursive: true, force: true });
    ctx.log(
      `inputs ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    ctx.info.bigPack = {
      name: pack.name,
      files: pack.files.size + 1,
      totalBytes: pack.totalBytes,
      textBytes: pack.textBytes,
      chartBytes: pack.chartBytes,
      zipBytes,
    };
    ctx.note(
      `big pack: ${fmtMB(pack.totalBytes)} of files (${pack.files.size + 1} files; text ${fmtMB(pack.textBytes)}, 4 charts ${fmtMB(pack.chartBytes)}), sent as the core's zip of ${fmtMB(zipBytes)} (the server's default cap is 50 MiB = 52.4 MB); MB/s = zip bytes / time`,
    );
    ctx.note(
      "every server is the production start `node build/node/server.mjs` (built at the bench's start) with its own data folder under the run's temp folder; htpasswd bcrypt cost 4 (see lib/server-proc.ts)",
    );

    const authDir = ctx.tmpDir("auth");
    const htpasswd = writeBenchHtpasswd(path.join(authDir, "htpasswd"));
    const start = (
      dataDir: string,
      extra: Record<string, string> = {},
    ): Promise<BenchServer> =>
      startBenchServer({
        dataDir,
        htpasswd,
        env: extra,
        ...(PROF_DIR ? { cpuProfDir: PROF_DIR } : {}),
      }).then(track);

    // --- 1. PUT throughput: fs store, oci store, raw registry blob upload.
    ctx.log("starting docker-registry and the servers…");
    const registry = track(await startRegistry());
    const fsDir = ctx.tmpDir("fs");
    const ociDir = ctx.tmpDir("oci");
    // Debug level: each stored upload logs where its time went (`upload: ms per phase`).
    const fs = await start(fsDir, { PACKSMITH_LOG: "debug" });
    const oci = WITH_OCI
      ? await start(ociDir, {
          PACKSMITH_LOG: "debug",
          PACKSMITH_STORAGE: "oci",
          PACKSMITH_OCI_URL: registry.url,
          PACKSMITH_OCI_USERNAME: registry.username,
          PACKSMITH_OCI_PASSWORD: registry.password,
        })
      : undefined;
    const runs: Record<
      "fs" | "oci" | "blob" | "fsText" | "blobText",
      number[]
    > = {
      fs: [],
      oci: [],
      blob: [],
      fsText: [],
      blobText: [],
    };
    for (let i = 0; i < 1 + PUT_RUNS; i++) {
      const version = `1.0.${i}`;
      const steps: [keyof typeof runs, () => Promise<unknown>][] = [
        ["fs", () => putPack(fs.url, pack.name, version, zips[i]!)],
        [
          "blob",
          () =>
            registryBlobUpload(registry, "bench/blob", zips[i]!, digests[i]!),
        ],
        ["fsText", () => putPack(fs.url, "bench-text", version, texts[i]!)],
        [
          "blobText",
          () =>
            registryBlobUpload(
              registry,
              "bench/blob-text",
              texts[i]!,
              textDigests[i]!,
            ),
        ],
      ];
      if (oci)
        steps.push([
          "oci",
          () => putPack(oci.url, pack.name, version, zips[i]!),
        ]);
      // Rotate the order, so no side always follows the same other one.
      for (let k = 0; k < steps.length; k++) {
        const [which, fn] = steps[(i + k) % steps.length]!;
        ctx.log(`${i ? "run " + i : "warm-up"}: ${which} PUT ${version}…`);
        const t = await timed(fn);
        if (i > 0) runs[which].push(t);
      }
    }
    const putRow = (
      name: string,
      r: number[],
      extra: Partial<Row>,
      bytes = zipBytes,
    ): Row => {
      const ms = median(r);
      return {
        name,
        ms,
        runsMs: r,
        inputBytes: bytes,
        mbPerS: bytes / MB / (ms / 1000),
        ...extra,
      };
    };
    const against = (r: Row, base: Row, target: number): string => {
      const x = r.ms / base.ms;
      return `${x.toFixed(2)}× the blob upload; target ≤ ${target}×: ${verdict(x <= target)}`;
    };
    const blobRow = putRow("registry blob upload (POST + PUT)", runs.blob, {
      label: "registry blob",
      notes:
        "docker-registry 2.8, Basic auth, same bytes: receive + sha256 + store",
    });
    const fsRow = ratio(
      putRow("PUT pack, fs store", runs.fs, {
        label: "fs PUT",
      }),
      blobRow,
    );
    fsRow.notes = `201; receive to disk; in the worker pool: unzip, validate, digests, stored zip from the upload's entries, fsync; ${against(fsRow, blobRow, TARGET.fsPut)}; ${await phasesNote(fs, pack.name)}`;
    rows.push(blobRow, fsRow);
    const textBytes = texts[0]!.length;
    const blobText = putRow(
      "registry blob upload, compressible pack's zip",
      runs.blobText,
      { label: "registry blob (text)", notes: "same bytes as the next row" },
      textBytes,
    );
    const fsText = ratio(
      putRow(
        "PUT compressible pack (text only), fs store",
        runs.fsText,
        {},
        textBytes,
      ),
      blobText,
    );
    fsText.notes = `201; ${fmtMB(textBytes)} zip of ~24 MB YAML (CRD schemas, dashboards); ${against(fsText, blobText, TARGET.fsPut)}; ${await phasesNote(fs, "bench-text")}`;
    rows.push(blobText, fsText);
    if (oci) {
      const ociRow = ratio(
        putRow("PUT pack, oci store (same registry)", runs.oci, {}),
        blobRow,
        fsRow,
      );
      ociRow.notes = `201; receive; in the pool: unzip, validate, tar.gz (zlib); push blob + manifest; ${against(ociRow, blobRow, TARGET.ociPut)}; ${await phasesNote(oci, pack.name)}`;
      rows.push(ociRow);
    }
    ctx.info.put = { runs, zipBytes };
    if (oci) {
      ctx.log("oci list with 2 foreign 200 MiB artifacts…");
      rows.push(await ociForeignListRow(registry, oci));
    }
    await stopOne(fs, fsDir);
    if (oci) await stopOne(oci, ociDir);
    await stopOne(registry);

    // --- 2. Peak RSS of the server during 8 concurrent big uploads (fresh fs server).
    ctx.log(`peak RSS: ${CONCURRENT} concurrent PUTs…`);
    const rssDir = ctx.tmpDir("rss");
    const rssSrv = await start(rssDir);
    // Warm-up with a tiny pack, so module loading and JIT are in the idle figure, not the rise.
    const w = tiny[tiny.length - 1]!;
    await putPack(rssSrv.url, w.name, w.version, w.zip);
    await request("GET", `${rssSrv.url}/api/v1/packs?limit=50`);
    await sleep(500);
    const idle = rssSrv.memory()!;
    let sampled = idle.rss;
    const sampler = setInterval(() => {
      const m = rssSrv.memory();
      if (m && m.rss > sampled) sampled = m.rss;
    }, 5);
    const wallMs = await timed(() =>
      Promise.all(
        zips.map((z, i) => putPack(rssSrv.url, pack.name, `1.0.${i}`, z)),
      ),
    );
    clearInterval(sampler);
    const end = rssSrv.memory()!;
    await sleep(1000);
    const after = rssSrv.memory()!;
    await stopOne(rssSrv, rssDir);
    const peak = Math.max(end.hwm, sampled);
    const serial = CONCURRENT * median(runs.fs);
    rows.push({
      name: `${CONCURRENT} concurrent PUTs (${CONCURRENT} versions), fs store`,
      ms: wallMs,
      runsMs: [wallMs],
      inputBytes: CONCURRENT * zipBytes,
      mbPerS: (CONCURRENT * zipBytes) / MB / (wallMs / 1000),
      ratios: { [`${CONCURRENT} × fs PUT`]: wallMs / serial },
      peakRssMB: peak / MB,
      rssKind: "child-peak",
      notes: `server RSS: idle ${mb(idle.rss)} MB, peak ${mb(peak)} MB (VmHWM; sampled VmRSS max ${mb(sampled)}), peak − idle ${mb(peak - idle.rss)} MB, ${mb(after.rss)} MB 1 s after; target ≤ ${TARGET.rssRiseMB} MB above idle: ${verdict((peak - idle.rss) / MB <= TARGET.rssRiseMB)}`,
    });
    ctx.info.rss = {
      idleRss: idle.rss,
      idleHwm: idle.hwm,
      endHwm: end.hwm,
      sampledMaxRss: sampled,
      afterRss: after.rss,
      wallMs,
    };

    // --- 3. /health while the server works: an upload check, tar.gz downloads, a sign-in burst.
    ctx.log("health under load…");
    const healthDir = ctx.tmpDir("health");
    const burstFile = path.join(authDir, "htpasswd-burst");
    writeFileSync(
      burstFile,
      readFileSync(htpasswd, "utf8") +
        `${BURST_USER.username}:${bcrypt.hashSync(BURST_USER.password, 12)}\n`,
    );
    const hs = track(
      await startBenchServer({
        dataDir: healthDir,
        htpasswd: burstFile,
        ...(PROF_DIR ? { cpuProfDir: PROF_DIR } : {}),
      }),
    );
    // Warm-up: module loading, the pool's threads and their task modules.
    await putPack(hs.url, w.name, w.version, w.zip);
    const upload = await healthDuring(hs.url, () =>
      putPack(hs.url, pack.name, "1.0.0", zips[0]!),
    );
    rows.push(
      healthRow(
        "/health during a 48 MB upload check",
        upload,
        `the PUT of the ${fmtMB(zipBytes)} zip (body, check, store)`,
      ),
    );
    await putPack(hs.url, "bench-mid", "1.0.0", mid);
    let tarGzBytes = 0;
    const downloads = await healthDuring(hs.url, () =>
      Promise.all(
        Array.from({ length: 6 }, async () => {
          const a = expectStatus(
            await request(
              "GET",
              `${hs.url}/api/v1/packs/bench-mid/1.0.0/archive?format=tar.gz`,
              { agent: new http.Agent() },
            ),
            [200],
            "tar.gz download",
          );
          tarGzBytes = a.body.length;
        }),
      ),
    );
    rows.push(
      healthRow(
        "/health during 6 parallel tar.gz downloads of a 20 MB pack",
        downloads,
        `6 cold downloads of the ${fmtMB(mid.length)} pack's ${fmtMB(tarGzBytes)} tar.gz (one build)`,
      ),
    );
    const statuses = new Map<number, number>();
    const burst = await healthDuring(hs.url, () =>
      Promise.all(
        // Distinct wrong passwords: the same one sent in parallel is checked once and shared.
        Array.from({ length: 100 }, async (_, i) => {
          const a = await request("POST", `${hs.url}/api/v1/session`, {
            headers: {
              "content-type": "application/json",
              "x-packsmith-client": "bench",
            },
            body: Buffer.from(
              JSON.stringify({
                username: BURST_USER.username,
                password: `wrong-${i}`,
              }),
            ),
            agent: new http.Agent(),
          });
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        }),
      ),
    );
    rows.push(
      healthRow(
        "/health during 100 parallel wrong sign-ins",
        burst,
        `100 distinct wrong passwords for one user (bcrypt cost 12; answers ${[
          ...statuses,
        ]
          .sort(([a], [b]) => a - b)
          .map(([st, n]) => `${n}× ${st}`)
          .join(", ")})`,
      ),
    );
    ctx.info.health = {
      upload: upload.lat,
      downloads: downloads.lat,
      burst: burst.lat,
      burstStatuses: Object.fromEntries(statuses),
    };
    await stopOne(hs, healthDir);

    // --- 4. Fill an fs store with tiny versions, restart, list.
    ctx.log(`filling an fs store with ${VERSIONS} tiny versions…`);
    const listDir = ctx.tmpDir("list");
    const filler = await start(listDir);
    const fillUrl = filler.url;
    const lat: number[] = [];
    let next = 0;
    let stored = 0;
    let tinyBytes = 0;
    const fillStart = performance.now();
    let lastLog = fillStart;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (
          next < tiny.length &&
          performance.now() - fillStart < POPULATE_BUDGET_MS
        ) {
          const e = tiny[next++]!;
          const t = performance.now();
          await putPack(fillUrl, e.name, e.version, e.zip);
          lat.push(performance.now() - t);
          stored++;
          tinyBytes += e.length;
          if (performance.now() - lastLog > 10_000) {
            lastLog = performance.now();
            ctx.log(
              `  ${stored} stored, ${((stored / (lastLog - fillStart)) * 1000).toFixed(0)}/s`,
            );
          }
        }
      }),
    );
    const fillMs = performance.now() - fillStart;
    const fillIdle = filler.memory();
    await stopOne(filler);
    const fillSpread = spread(lat);
    const rate = (stored / fillMs) * 1000;
    const capped = stored < VERSIONS;
    rows.push({
      name: `fill: ${stored} tiny packs via PUT, ${IN_FLIGHT} in flight`,
      ms: fillMs,
      runsMs: [fillMs],
      inputBytes: tinyBytes,
      mbPerS: tinyBytes / MB / (fillMs / 1000),
      notes:
        `${rate.toFixed(0)} uploads/s; per upload p50 ${ms1(fillSpread.p50)} ms, p99 ${ms1(fillSpread.p99)} ms; zips ~${(tinyBytes / stored / 1000).toFixed(1)} kB` +
        (capped
          ? `; CAPPED at ${POPULATE_BUDGET_MS / 1000} s: ${VERSIONS} would take ~${(VERSIONS / rate).toFixed(0)} s at this rate (extrapolated)`
          : ""),
    });
    ctx.info.fill = {
      target: VERSIONS,
      stored,
      names: NAMES,
      fillMs,
      rate,
      ...fillSpread,
      serverRssAfterFill: fillIdle?.rss,
      capped,
    };
    if (capped)
      ctx.note(
        `population CAPPED: ${stored} of ${VERSIONS} versions stored in ${(fillMs / 1000).toFixed(0)} s; the list rows below ran on ${stored} versions, not ${VERSIONS}`,
      );

    ctx.log("restarting on the filled store (cold index)…");
    const cold = await start(listDir);
    const beforeList = cold.memory();
    const firstT = performance.now();
    const first = expectStatus(
      await request("GET", `${cold.url}/api/v1/packs?limit=50`),
      [200],
      "first list",
    );
    const firstMs = performance.now() - firstT;
    const firstPage = JSON.parse(first.body.toString("utf8")) as {
      items: unknown[];
      next: string | null;
    };
    const loaded = cold.memory();
    rows.push({
      name: "restart: spawn → listening",
      ms: cold.startMs,
      runsMs: [cold.startMs],
      notes: `node start-up and loading the compiled server; the index loads on first use`,
    });
    rows.push({
      name: `restart: first list (${stored} versions, cold index)`,
      ms: firstMs,
      runsMs: [firstMs],
      notes: `spawn → first answer ${(cold.startMs + firstMs).toFixed(0)} ms; server RSS ${mb(beforeList?.rss ?? NaN)} → ${mb(loaded?.rss ?? NaN)} MB (page cache warm)`,
    });
    if (firstPage.items.length !== 50 || !firstPage.next)
      throw new Error(
        `first list: ${firstPage.items.length} items, next ${firstPage.next}`,
      );

    const variants: [string, string][] = [
      ["first page", "limit=50"],
      ["q=metrics", "limit=50&q=metrics"],
      ["layer=csi", "limit=50&layer=csi"],
      ["cursor (page 2)", `limit=50&cursor=${firstPage.next}`],
    ];
    const listInfo: Record<string, unknown> = {};
    for (const [label, query] of variants) {
      ctx.log(`list ${label}…`);
      const url = `${cold.url}/api/v1/packs?${query}`;
      let items = 0;
      for (let i = 0; i < LIST_WARMUP; i++) {
        const a = expectStatus(await request("GET", url), [200], label);
        items = (JSON.parse(a.body.toString("utf8")) as { items: unknown[] })
          .items.length;
      }
      const times: number[] = [];
      const t0 = performance.now();
      while (
        times.length < LIST_REQUESTS &&
        performance.now() - t0 < LIST_BUDGET_MS
      ) {
        const t = performance.now();
        const a = await request("GET", url);
        times.push(performance.now() - t);
        if (a.status !== 200) throw new Error(`${label}: HTTP ${a.status}`);
      }
      // The timed-runs column holds the medians of 5 chunks of the requests, in order.
      const chunk = Math.ceil(times.length / 5);
      const chunkMedians = Array.from({ length: 5 }, (_, c) =>
        median(times.slice(c * chunk, (c + 1) * chunk)),
      ).filter((x) => !Number.isNaN(x));
      const { p50, p99, max } = spread(times);
      rows.push({
        name: `GET /packs?${label === "cursor (page 2)" ? "limit=50&cursor=…" : query} (${stored} versions)`,
        ms: p50,
        runsMs: chunkMedians,
        notes: `p50 ${ms1(p50)} ms, p99 ${ms1(p99)} ms, max ${ms1(max)} ms; ${times.length} sequential requests${times.length < LIST_REQUESTS ? ` (stopped at the ${LIST_BUDGET_MS / 1000} s budget)` : ""}, ${items} items/page`,
      });
      listInfo[label] = { query, p50, p99, max, n: times.length, items };
    }
    const listEnd = cold.memory();
    await stopOne(cold, listDir);
    ctx.info.list = {
      versions: stored,
      startMs: cold.startMs,
      firstListMs: firstMs,
      rssBeforeFirstList: beforeList?.rss,
      rssAfterFirstList: loaded?.rss,
      rssAfterLists: listEnd?.rss,
      hwmAfterLists: listEnd?.hwm,
      variants: listInfo,
    };
    ctx.note(
      "list rows: ms = p50 of the sequential requests (keep-alive, body read); the timed-runs spread is over the medians of 5 consecutive chunks",
    );
    return rows;
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  }
}
