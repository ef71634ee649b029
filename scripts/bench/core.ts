/**
 * The pack core on a generated ~100 MB pack (charts + text): the zip and tar.gz writers next to
 * `zip -r`, `tar czf` and `cat` of the same files, the archive reader next to `unzip` and
 * `tar xzf`, and the content digest next to `sha256sum`. Then the hostile inputs of security.md
 * (bombs, hostile YAML) against the time bounds their tests once asserted (lib/hostile.ts).
 */
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentDigest } from "../../src/pack/digest";
import { sortedPaths, type PackFiles } from "../../src/pack/pack-files";
import { readPackArchive } from "../../src/pack/read-archive";
import { writePackTarGz } from "../../src/pack/tar-write";
import { writePackZip } from "../../src/pack/zip-write";
import { loadFolder, type BenchContext, type RssOps } from "./lib/context";
import { writeBenchPack } from "./lib/gen";
import { hostileRows } from "./lib/hostile";
import {
  fmtMB,
  measure,
  measureTool,
  probeRss,
  ratio,
  row,
  type Row,
} from "./lib/measure";

export const description =
  "zip/tar.gz writers, archive reader and content digest on a generated 100 MB pack, vs zip -r, tar czf, cat, unzip, tar xzf, sha256sum; hostile inputs (bombs, YAML) against their time targets";

const RUNS = 3;

/** The operations whose peak memory run.ts probes in a fresh process (inputs loaded first). */
export const rssOps: RssOps = {
  writePackZip: ({ dir, top }) => {
    const files = loadFolder(dir!);
    return () => writePackZip(files, top!);
  },
  writePackTarGz: ({ dir, top }) => {
    const files = loadFolder(dir!);
    return () => writePackTarGz(files, top!);
  },
  readPackArchiveZip: ({ zip }) => {
    const bytes = new Uint8Array(readFileSync(zip!));
    return () => readPackArchive(bytes);
  },
  readPackArchiveTgz: ({ tgz }) => {
    const bytes = new Uint8Array(readFileSync(tgz!));
    return () => readPackArchive(bytes);
  },
  contentDigest: ({ dir }) => {
    const files = loadFolder(dir!);
    return () => contentDigest(files);
  },
};

export async function bench(ctx: BenchContext): Promise<Row[]> {
  const parent = ctx.tmpDir("pack");
  const out = ctx.tmpDir("out");
  ctx.log("generating the pack…");
  const t0 = performance.now();
  const pack = writeBenchPack(parent);
  const generateMs = performance.now() - t0;
  const files = loadFolder(pack.dir);
  const { top } = pack;
  const rel = sortedPaths(files);
  const inTop = rel.map((p) => `${top}/${p}`);
  const total = pack.totalBytes;
  ctx.info.pack = {
    top,
    files: pack.files,
    totalBytes: pack.totalBytes,
    textBytes: pack.textBytes,
    chartBytes: pack.chartBytes,
    otherBinaryBytes: pack.binaryBytes,
    generateMs: Math.round(generateMs),
  };
  ctx.note(
    `${fmtMB(total)} pack, ${pack.files} files (text ${fmtMB(pack.textBytes)}, charts ${fmtMB(pack.chartBytes)}); MB/s = pack bytes / time; core rows work in memory on PackFiles, the tools on files in ${os.tmpdir()}`,
  );
  ctx.log(`generated in ${(generateMs / 1000).toFixed(1)} s`);
  const rows: Row[] = [];
  const io = { inputBytes: total };

  // --- Floors and system writers (cwd = the pack's parent, so every path starts with `top/` like the core's).
  ctx.log("cat…");
  const catNull = row(
    "cat > /dev/null",
    await measureTool({ cmd: "cat", args: inTop, cwd: parent }, { runs: RUNS }),
    {
      ...io,
      label: "cat",
      rssKind: "child-peak",
      notes: "I/O floor: read every file once",
    },
  );
  const catFileOut = path.join(out, "all.cat");
  const catFile = row(
    "cat > file",
    await measureTool(
      {
        cmd: "sh",
        args: ["-c", `cat "$@" > '${catFileOut}'`, "sh", ...inTop],
        cwd: parent,
      },
      { runs: RUNS, before: () => rmSync(catFileOut, { force: true }) },
    ),
    { ...io, rssKind: "child-peak", notes: "read + write every file once" },
  );
  rmSync(catFileOut, { force: true });

  ctx.log("zip -r…");
  const sysZipOut = path.join(out, "sys.zip");
  const sysZip = row(
    "zip -qr -n .tgz:.png",
    await measureTool(
      {
        cmd: "zip",
        args: ["-qr", "-n", ".tgz:.png", sysZipOut, top],
        cwd: parent,
      },
      // zip updates an existing archive in place: start from nothing every run.
      { runs: RUNS, before: () => rmSync(sysZipOut, { force: true }) },
    ),
    { ...io, label: "zip", rssKind: "child-peak" },
  );
  sysZip.outputBytes = statSync(sysZipOut).size;
  sysZip.notes = `out ${fmtMB(sysZip.outputBytes)}; deflate -6, charts/png stored`;

  ctx.log("tar czf…");
  const sysTgzOut = path.join(out, "sys.tar.gz");
  const sysTgz = row(
    "tar czf",
    await measureTool(
      { cmd: "tar", args: ["czf", sysTgzOut, top], cwd: parent },
      { runs: RUNS },
    ),
    { ...io, label: "tar czf", rssKind: "child-peak" },
  );
  sysTgz.outputBytes = statSync(sysTgzOut).size;
  sysTgz.notes = `out ${fmtMB(sysTgz.outputBytes)}; gzip -6`;

  // --- The core's writers, in memory from PackFiles (no disk I/O at all).
  ctx.log("core writePackZip…");
  const zipM = await measure(() => writePackZip(files, top), { runs: RUNS });
  const coreZip = ratio(row("writePackZip", zipM, io), sysZip, catNull);
  coreZip.outputBytes = zipM.result.length;
  coreZip.notes = `out ${fmtMB(coreZip.outputBytes)} (${(coreZip.outputBytes / sysZip.outputBytes).toFixed(3)}× zip -r); JSZip, in memory`;

  ctx.log("core writePackTarGz…");
  const tgzM = await measure(() => writePackTarGz(files, top), { runs: RUNS });
  const coreTgz = ratio(row("writePackTarGz", tgzM, io), sysTgz, catNull);
  coreTgz.outputBytes = tgzM.result.length;
  coreTgz.notes = `out ${fmtMB(coreTgz.outputBytes)} (${(coreTgz.outputBytes / sysTgz.outputBytes).toFixed(3)}× tar czf); fflate, in memory`;
  rows.push(catNull, catFile, sysZip, coreZip, sysTgz, coreTgz);

  // --- Reading the core's own archives back.
  const zipBytes = zipM.result;
  const tgzBytes = tgzM.result;
  const coreZipFile = path.join(out, "core.zip");
  const coreTgzFile = path.join(out, "core.tar.gz");
  writeFileSync(coreZipFile, zipBytes);
  writeFileSync(coreTgzFile, tgzBytes);
  const x = path.join(out, "x");
  const clean = (): void => rmSync(x, { recursive: true, force: true });

  ctx.log("unzip / readPackArchive(zip)…");
  const unzip = row(
    "unzip -qq (core zip)",
    await measureTool(
      { cmd: "unzip", args: ["-qq", "-o", coreZipFile, "-d", x] },
      { runs: RUNS, before: clean },
    ),
    { ...io, label: "unzip", rssKind: "child-peak", notes: "extract to disk" },
  );
  const readZipM = await measure(
    () => readPackArchive(zipBytes, { name: "pack.zip" }),
    { runs: RUNS },
  );
  const readZip = ratio(row("readPackArchive(zip)", readZipM, io), unzip);
  readZip.notes = `${roundTrip(readZipM.result, files)}; in memory`;

  ctx.log("tar xzf / readPackArchive(tar.gz)…");
  const untar = row(
    "tar xzf (core tar.gz)",
    await measureTool(
      { cmd: "tar", args: ["xzf", coreTgzFile, "-C", x] },
      {
        runs: RUNS,
        before: () => {
          clean();
          mkdirSync(x);
        },
      },
    ),
    {
      ...io,
      label: "tar xzf",
      rssKind: "child-peak",
      notes: "extract to disk",
    },
  );
  clean();
  const readTgzM = await measure(
    () => readPackArchive(tgzBytes, { name: "pack.tar.gz" }),
    { runs: RUNS },
  );
  const readTgz = ratio(row("readPackArchive(tar.gz)", readTgzM, io), untar);
  readTgz.notes = `${roundTrip(readTgzM.result, files)}; in memory`;
  rows.push(unzip, readZip, untar, readTgz);

  // --- Content digest: sha256 of the `sha256sum` listing of the files.
  ctx.log("sha256sum / contentDigest…");
  const sumM = await measureTool(
    { cmd: "sha256sum", args: rel, cwd: pack.dir, stdout: "pipe" },
    { runs: RUNS },
  );
  const sha256sum = row("sha256sum (all files)", sumM, {
    ...io,
    label: "sha256sum",
    rssKind: "child-peak",
  });
  const fromTool = `sha256:${createHash("sha256").update(sumM.result).digest("hex")}`;
  const digestM = await measure(() => contentDigest(files), { runs: RUNS });
  const digest = ratio(row("contentDigest", digestM, io), sha256sum);
  digest.notes =
    digestM.result === fromTool
      ? "= sha256 of the sha256sum listing"
      : `MISMATCH with sha256sum listing (${fromTool})`;
  rows.push(sha256sum, digest);

  // --- Peak memory of each core operation, once each in a fresh process.
  ctx.log("peak RSS probes…");
  const args = { dir: pack.dir, top, zip: coreZipFile, tgz: coreTgzFile };
  for (const [r, op] of [
    [coreZip, "writePackZip"],
    [coreTgz, "writePackTarGz"],
    [readZip, "readPackArchiveZip"],
    [readTgz, "readPackArchiveTgz"],
    [digest, "contentDigest"],
  ] as const) {
    r.peakRssMB = probeRss("core", op, args);
    r.rssKind = "delta";
  }

  ctx.info.checks = {
    readZip: readZip.notes,
    readTgz: readTgz.notes,
    digest: digest.notes,
    contentDigest: digestM.result,
  };
  ctx.info.outputs = {
    coreZipBytes: zipBytes.length,
    zipDashRBytes: sysZip.outputBytes,
    coreTarGzBytes: tgzBytes.length,
    tarCzfBytes: sysTgz.outputBytes,
  };

  // --- Hostile inputs: speed targets that the security tests assert as counts and CPU growth.
  rows.push(...(await hostileRows(ctx, RUNS)));
  return rows;
}

/** Whether a read gave back exactly the files that were written. */
function roundTrip(
  r: ReturnType<typeof readPackArchive>,
  files: PackFiles,
): string {
  if (!r.ok) return `READ FAILED: ${r.error.kind}: ${r.error.message}`;
  const got = r.value.files;
  if (got.size !== files.size)
    return `READ ${got.size} files, expected ${files.size}`;
  for (const [p, b] of files) {
    const g = got.get(p);
    if (!g || Buffer.compare(g, b) !== 0) return `READ MISMATCH at ${p}`;
  }
  return `round trip ok (${got.size} files)`;
}
