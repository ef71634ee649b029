/**
 * The API server as a real process (`server/main.ts` with its own data folder, as
 * test/helpers/server.ts starts it but as one process: lib/server-proc.ts) next to Debian's real
 * `docker-registry` on the same machine, in the same run:
 *
 * 1. PUT of a ~48 MB pack zip (`PUT /api/v1/packs/{name}/{version}`, Basic auth) on the fs store
 *    and on the oci store (pushing to that same registry), against a raw blob upload of the same
 *    bytes to the registry (`POST …/blobs/uploads/` + `PUT <Location>&digest=…`). Interleaved, one
 *    warm-up then 3 timed runs each, a new version every run (every PUT is a real create).
 * 2. Peak RSS of the server process (/proc/<pid>/status VmHWM, plus VmRSS sampled every 5 ms)
 *    while 8 such packs (8 versions) are uploaded at once to a fresh fs server, and the wall time.
 * 3. Filling an fs store with 10,000 tiny valid packs through the API (8 in flight), then a restart
 *    (start-up and first list = cold index load) and 500 sequential list requests each for the first
 *    page, `q=`, `layer=` and a cursor page: p50 / p99 / max.
 *
 * Knobs (environment): BENCH_SERVER_VERSIONS (default 10000), BENCH_SERVER_POPULATE_S (stop
 * issuing uploads after this many seconds, default 120; the list figures then say how many
 * versions they ran on), BENCH_SERVER_OCI=0 (skip the oci store), BENCH_SERVER_CPU_PROF=<folder>
 * (write a V8 CPU profile of every server process there when it stops).
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startRegistry } from "../../test/helpers/registry";
import type { BenchContext } from "./lib/context";
import { fmtMB, gc, MB, median, ratio, type Row } from "./lib/measure";
import {
  expectStatus,
  percentile,
  registryBlobUpload,
  request,
  sha256Digest,
} from "./lib/server-http";
import { bigPack, bigPackZip } from "./lib/server-packs";
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

const PUT_RUNS = 3;
const CONCURRENT = 8;
const IN_FLIGHT = 8;
const LIST_REQUESTS = 500;
const LIST_WARMUP = 20;
/** Per list variant; the row says so when it stopped before LIST_REQUESTS. */
const LIST_BUDGET_MS = 30_000;

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

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await tick(); // let a pending SIGINT handler run
  gc();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
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
      "every server is `node --import tsx server/main.ts` with its own data folder under the run's temp folder; htpasswd bcrypt cost 4 (see lib/server-proc.ts)",
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
    const fs = await start(fsDir);
    const oci = WITH_OCI
      ? await start(ociDir, {
          PACKSMITH_STORAGE: "oci",
          PACKSMITH_OCI_URL: registry.url,
          PACKSMITH_OCI_USERNAME: registry.username,
          PACKSMITH_OCI_PASSWORD: registry.password,
        })
      : undefined;
    const runs: Record<"fs" | "oci" | "blob", number[]> = {
      fs: [],
      oci: [],
      blob: [],
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
    const putRow = (name: string, r: number[], extra: Partial<Row>): Row => {
      const ms = median(r);
      return {
        name,
        ms,
        runsMs: r,
        inputBytes: zipBytes,
        mbPerS: zipBytes / MB / (ms / 1000),
        ...extra,
      };
    };
    const blobRow = putRow("registry blob upload (POST + PUT)", runs.blob, {
      label: "registry blob",
      notes:
        "docker-registry 2.8, Basic auth, same bytes: receive + sha256 + store",
    });
    const fsRow = ratio(
      putRow("PUT pack, fs store", runs.fs, {
        label: "fs PUT",
        notes: "201; receive to disk, unzip, validate, digests, re-zip, fsync",
      }),
      blobRow,
    );
    rows.push(blobRow, fsRow);
    if (oci) {
      rows.push(
        ratio(
          putRow("PUT pack, oci store (same registry)", runs.oci, {
            notes:
              "201; receive, unzip, validate, tar.gz, push blob + manifest",
          }),
          blobRow,
          fsRow,
        ),
      );
    }
    ctx.info.put = { runs, zipBytes };
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
      notes: `server RSS: idle ${mb(idle.rss)} MB, peak ${mb(peak)} MB (VmHWM; sampled VmRSS max ${mb(sampled)}), peak − idle ${mb(peak - idle.rss)} MB, ${mb(after.rss)} MB 1 s after`,
    });
    ctx.info.rss = {
      idleRss: idle.rss,
      idleHwm: idle.hwm,
      endHwm: end.hwm,
      sampledMaxRss: sampled,
      afterRss: after.rss,
      wallMs,
    };

    // --- 3. Fill an fs store with tiny versions, restart, list.
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
    lat.sort((a, b) => a - b);
    const rate = (stored / fillMs) * 1000;
    const capped = stored < VERSIONS;
    rows.push({
      name: `fill: ${stored} tiny packs via PUT, ${IN_FLIGHT} in flight`,
      ms: fillMs,
      runsMs: [fillMs],
      inputBytes: tinyBytes,
      mbPerS: tinyBytes / MB / (fillMs / 1000),
      notes:
        `${rate.toFixed(0)} uploads/s; per upload p50 ${ms1(percentile(lat, 50))} ms, p99 ${ms1(percentile(lat, 99))} ms; zips ~${(tinyBytes / stored / 1000).toFixed(1)} kB` +
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
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      max: lat[lat.length - 1],
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
      notes: `node + tsx start-up and module loading; the index loads on first use`,
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
      const sorted = [...times].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p99 = percentile(sorted, 99);
      const max = sorted[sorted.length - 1]!;
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
