/**
 * The command line as a user starts it (issue 11 items 1 and 2): `packsmith --version` from the
 * compiled bundle against a bare `node -e 0` (target ≤ 3×) and against the TypeScript through tsx
 * (how it started before); `packsmith validate` of 220 real packs in one call (target ≤ 10 s on
 * 2 cores), the pack-central fixtures copied several times into a temp folder.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchContext } from "./lib/context";
import { loadFolder } from "./lib/context";
import {
  measure,
  measureTool,
  median,
  ratio,
  row,
  verdict,
  type Row,
} from "./lib/measure";

export const description =
  "packsmith --version (bundle) vs node -e 0 and vs tsx; validate of 220 real packs in one call";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(ROOT, "bin/packsmith.mjs");
const PACKS = 220;
const TARGET = { startRatio: 3, manyMs: 10_000 };

export async function bench(ctx: BenchContext): Promise<Row[]> {
  ctx.log("building build/node…");
  const build = spawnSync(
    process.execPath,
    [path.join(ROOT, "scripts/build-node.mjs")],
    { encoding: "utf8" },
  );
  if (build.status !== 0) throw new Error(`build-node failed: ${build.stderr}`);
  // Proof that the rows below time the bundle: bin/packsmith.mjs notes any fallback to tsx.
  const probe = spawnSync(process.execPath, [BIN, "--version"], {
    encoding: "utf8",
  });
  const fellBack = /through tsx/.test(probe.stderr);
  ctx.info.bundle = { build: build.stderr.trim(), fellBackToTsx: fellBack };

  ctx.log("timing starts…");
  const RUNS = 15;
  const bare = row(
    "node -e 0",
    await measureTool(
      { cmd: process.execPath, args: ["-e", "0"] },
      { runs: RUNS, warmup: 2 },
    ),
    { label: "node -e 0", notes: "a bare Node start" },
  );
  const version = ratio(
    row(
      "packsmith --version",
      await measureTool(
        { cmd: process.execPath, args: [BIN, "--version"] },
        { runs: RUNS, warmup: 2 },
      ),
      { label: "--version" },
    ),
    bare,
  );
  const r = version.ratios!["node -e 0"]!;
  version.notes = `node bin/packsmith.mjs, the bundle${fellBack ? " (FELL BACK TO TSX: a source is newer than the build)" : ""}; target ≤ ${TARGET.startRatio}× node -e 0: ${r.toFixed(2)}× ${verdict(!fellBack && r <= TARGET.startRatio)}`;

  // The start before issue 11: tsx registered, then the TypeScript imported and compiled.
  const viaTsx = path.join(ctx.tmpDir("cli-tsx"), "packsmith-tsx.mjs");
  writeFileSync(
    viaTsx,
    `import { register } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/esm/api/index.mjs")).href)};\n` +
      `register();\nconst { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "src/cli/main.ts")).href)});\n` +
      `process.exitCode = await main(process.argv.slice(2));\n`,
  );
  const tsx = ratio(
    row(
      "packsmith --version through tsx",
      await measureTool(
        { cmd: process.execPath, args: [viaTsx, "--version"] },
        { runs: 5, warmup: 1 },
      ),
      { notes: "how bin/packsmith.mjs started before the bundle" },
    ),
    bare,
  );
  ratio(tsx, version);

  ctx.log(`copying ${PACKS} packs…`);
  const fixtures = path.join(ROOT, "test/fixtures/pack-central");
  const dirs = readdirSync(fixtures).sort();
  const many = ctx.tmpDir("cli-packs");
  const sources: string[] = [];
  let bytes = 0;
  const sizes = new Map<string, number>();
  for (let i = 0; sources.length < PACKS; i++) {
    const dir = dirs[i % dirs.length]!;
    const to = path.join(
      many,
      `${String(sources.length).padStart(3, "0")}-${dir}`,
    );
    cpSync(path.join(fixtures, dir), to, { recursive: true });
    if (!sizes.has(dir))
      sizes.set(
        dir,
        [...loadFolder(to).values()].reduce((n, b) => n + b.length, 0),
      );
    bytes += sizes.get(dir)!;
    sources.push(to);
  }
  ctx.info.packs = { count: PACKS, distinct: dirs.length, bytes };
  ctx.log(`validate of ${PACKS} packs…`);
  let summary = "";
  // CPU seconds of each run (GNU time, when present): on a shared machine the wall time depends on
  // the others, the CPU time much less.
  const cpuFile = path.join(ctx.tmpDir("cli-cpu"), "cpu");
  const gnuTime = existsSync("/usr/bin/time");
  const cpu: number[] = [];
  const validate = row(
    `packsmith validate × ${PACKS} packs, one call`,
    await measure(
      () => {
        const args = [BIN, "validate", ...sources];
        const v = gnuTime
          ? spawnSync(
              "/usr/bin/time",
              ["-f", "%U %S", "-o", cpuFile, process.execPath, ...args],
              { encoding: "utf8", maxBuffer: 1 << 28 },
            )
          : spawnSync(process.execPath, args, {
              encoding: "utf8",
              maxBuffer: 1 << 28,
            });
        if (gnuTime) {
          const [u, s] = readFileSync(cpuFile, "utf8")
            .trim()
            .split("\n")
            .pop()!
            .split(" ")
            .map(Number);
          cpu.push((u ?? 0) + (s ?? 0));
        }
        // 1: some real fixtures have errors (the NEGATIVE rows of INDEX.md); 2 would be a fault.
        if (v.status !== 0 && v.status !== 1)
          throw new Error(`validate failed (${v.status}): ${v.stderr}`);
        summary = /\d+ sources: .*/.exec(v.stdout)?.[0] ?? "no summary";
        return v.status;
      },
      { runs: 3, warmup: 1 },
    ),
    { inputBytes: bytes },
  );
  const cpuNote = cpu.length
    ? `; CPU ${median(cpu.slice(1)).toFixed(1)} s (user+sys, all threads)`
    : "";
  validate.notes = `${dirs.length} pack-central fixtures copied to ${PACKS} folders; ${summary}${cpuNote}; ${availableParallelism()} cores; target ≤ ${TARGET.manyMs / 1000} s: ${verdict(validate.ms <= TARGET.manyMs)}`;
  ctx.info.validate = summary;
  ctx.note(
    `issue 11 targets: --version ≤ ${TARGET.startRatio}× node -e 0 (${verdict(!fellBack && r <= TARGET.startRatio)}), ${PACKS} packs ≤ ${TARGET.manyMs / 1000} s (${verdict(validate.ms <= TARGET.manyMs)})`,
  );
  return [bare, version, tsx, validate];
}
