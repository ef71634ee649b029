// security.md part A, cases 21–27: compression bombs and lying sizes. Every bomb is generated in a
// few milliseconds from one compressed block repeated (test/gen/bombs.ts) and never exists
// uncompressed in the test. Each read must stop at the budget, quickly, in bounded memory.
// "Quickly" is asserted as what it means, never as wall time (which a loaded machine inflates):
// bytes charged to the budget, and work that does not grow with the bomb (cpu-growth.ts). The
// refusal times themselves are rows of `npm run bench -- core`.
import { describe, expect, test } from "vitest";
import { readChart } from "../../src/pack/chart";
import { Budget, DEFAULT_LIMITS } from "../../src/pack/limits";
import { readPackArchive } from "../../src/pack/read-archive";
import { validatePack } from "../../src/pack/validate";
import { LeWriter, MiB, noise, utf8 } from "../gen/bytes";
import {
  deflatedZeros,
  LOW_RATIO_MIB,
  overlapBomb,
  tarGzBomb,
  zipBomb,
} from "../gen/bombs";
import { chartTgz, goodPackFiles } from "../gen/pack";
import { buildTarGz } from "../gen/tar";
import { buildZip, zipFiles, type ZipEntrySpec } from "../gen/zip";
import { cpuGrowth } from "./cpu-growth";
import { expectRefused, measure } from "./expect-refused";

const LIMIT_MIB = DEFAULT_LIMITS.maxTotalBytes / MiB;
/** A ratio-limited read may overshoot by one inflate step; a budget-limited one holds the budget. */
const SMALL_READ_MIB = 256;
const BUDGET_READ_MIB = 400;

const goodEntries = (): ZipEntrySpec[] =>
  [...goodPackFiles()].map(([name, data]) => ({ name, data }));

describe("A21 zip bombs", () => {
  test("A21 a 512 MiB zip bomb (one ~520 KiB entry, ~1000:1) is refused before inflating", () => {
    const bomb = zipBomb([{ name: "bomb.bin", mib: 512 }]);
    expect(bomb.length).toBeLessThan(600 * 1024);
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(bomb, { name: "bomb.zip", budget }),
    );
    const error = expectRefused(
      m.value,
      ["too-large", "ratio-exceeded"],
      "bomb.bin",
    );
    // Refused from its header: what it declares, and not one byte charged to the budget.
    expect(error.message).toMatch(/declares 512 MiB, beyond \d+ MiB/);
    expect(budget.used).toBe(0);
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
  });

  test("A21 eight honest 64 MiB entries: the archive expands beyond 256 MiB", () => {
    const bomb = zipBomb(
      Array.from({ length: 8 }, (_, i) => ({ name: `part-${i}.bin`, mib: 64 })),
    );
    const m = measure(() => readPackArchive(bomb, { name: "bomb.zip" }));
    // The archive as a whole is to blame, so the message need not name the entry where the total was crossed.
    const error = expectRefused(m.value, ["too-large", "ratio-exceeded"]);
    expect(error.message).toContain(`expands beyond ${LIMIT_MIB} MiB`);
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
  });

  test("A21 a 512 MiB bomb that declares 1 MiB stops at the first overshoot, within the budget", () => {
    const bomb = zipBomb([{ name: "bomb.bin", mib: 512, declaredSize: MiB }]);
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(bomb, { name: "bomb.zip", budget }),
    );
    expectRefused(
      m.value,
      ["size-mismatch", "too-large", "ratio-exceeded"],
      "bomb.bin",
    );
    expect(budget.used).toBeLessThanOrEqual(budget.limit);
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
    // It stops at the first step past the declared size, so a bomb 8× larger costs the same work
    // (reading it all would cost 8×).
    const g = cpuGrowth(
      (mib) => zipBomb([{ name: "bomb.bin", mib, declaredSize: MiB }]),
      (bytes) => readPackArchive(bytes, { name: "bomb.zip" }),
      64,
      { factor: 8, warmup: 1, runs: 2 },
    );
    expect(g.ratio, g.text).toBeLessThan(2);
  });
});

describe("A22 tar.gz bombs", () => {
  test("A22 a 512 MiB tar.gz bomb (~520 KiB) aborts: it expands beyond the limit", () => {
    const bomb = tarGzBomb(512);
    expect(bomb.length).toBeLessThan(600 * 1024);
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(bomb, { name: "bomb.tar.gz", budget }),
    );
    const error = expectRefused(
      m.value,
      ["too-large", "ratio-exceeded"],
      "bomb.tar.gz",
    );
    expect(error.message).toMatch(/expands beyond/);
    // The ratio check trips after its 1 MiB grace; one inflate step goes at most 64 MiB past a
    // limit (inflate.ts), so far less than the 512 MiB is ever expanded.
    expect(budget.used).toBeLessThanOrEqual(
      DEFAULT_LIMITS.ratioGraceBytes + 64 * MiB,
    );
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
  });
});

describe("A23 entry counts", () => {
  test("A23 100,000 empty entries are refused from the central-directory count, before any inflation", () => {
    const entries: ZipEntrySpec[] = Array.from({ length: 100_000 }, (_, i) => ({
      name: `e/${i}.txt`,
    }));
    const zip = buildZip(entries); // the 16-bit count wraps to 34,464, as writers without ZIP64 do
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() => readPackArchive(zip, { name: "many.zip", budget }));
    const error = expectRefused(m.value, "too-many-entries");
    expect(error.message).toMatch(/entries/);
    expect(error.message).toContain(String(DEFAULT_LIMITS.maxEntries));
    expect(budget.used).toBe(0);
  });

  test("A23 100,000 entries in a ZIP64 archive are refused as too many entries", () => {
    const entries: ZipEntrySpec[] = Array.from({ length: 100_000 }, (_, i) => ({
      name: `e/${i}.txt`,
    }));
    const zip = buildZip(entries, { zip64EntryCount: 100_000 });
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const error = expectRefused(
      readPackArchive(zip, { name: "many.zip", budget }),
      "too-many-entries",
    );
    expect(error.message).toMatch(/100000|100,000/);
    expect(budget.used).toBe(0);
  });

  test("A23 an end record that under-counts its central directory cannot hide entries", () => {
    const entries = [
      ...goodEntries(),
      { name: "../evil.txt", data: utf8("pwned") },
    ];
    const zip = buildZip(entries, { entryCount: entries.length - 1 });
    expectRefused(readPackArchive(zip, { name: "hidden.zip" }), [
      "truncated",
      "trailing-data",
      "too-many-entries",
      "unsafe-path",
    ]);
  });

  test("A23 1,025 entries in a tar.gz are refused", () => {
    const tgz = buildTarGz(
      Array.from({ length: 1025 }, (_, i) => ({
        name: `e/${i}.txt`,
        data: utf8("x"),
      })),
    );
    expectRefused(
      readPackArchive(tgz, { name: "many.tar.gz" }),
      "too-many-entries",
    );
  });
});

describe("A24/A25 lying sizes", () => {
  test("A24 a deflated entry that declares 100 B and holds 10 MiB: size mismatch", () => {
    const d = deflatedZeros(10);
    const zip = buildZip([
      ...goodEntries(),
      { name: "small.bin", method: 8, stored: d.raw, size: 100, crc: d.crc },
    ]);
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const error = expectRefused(
      readPackArchive(zip, { budget }),
      "size-mismatch",
      "small.bin",
    );
    expect(error.message).toMatch(/size mismatch/i);
    expect(budget.used).toBeLessThan(80 * MiB);
  });

  test("A24 a stored entry that declares 100 B and holds 10 MiB: size mismatch", () => {
    const data = new Uint8Array(10 * MiB);
    const zip = buildZip([
      ...goodEntries(),
      { name: "small.bin", method: 0, data, size: 100 },
    ]);
    expectRefused(readPackArchive(zip), "size-mismatch", "small.bin");
  });

  test("A24 an entry that declares 10 MiB and holds 100 B: size mismatch", () => {
    const data = new Uint8Array(100);
    const zip = buildZip([
      ...goodEntries(),
      { name: "big.bin", data, size: 10 * MiB },
    ]);
    expectRefused(readPackArchive(zip), "size-mismatch", "big.bin");
  });

  test("A25 an entry that declares 4 GiB and holds 5 B is refused before allocating", () => {
    const data = utf8("hello");
    for (const method of [0, 8]) {
      const zip = buildZip([
        ...goodEntries(),
        { name: "huge.bin", data, method, size: 0xffffffff },
      ]);
      const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
      const m = measure(() =>
        readPackArchive(zip, { name: "huge.zip", budget }),
      );
      expectRefused(m.value, ["too-large", "size-mismatch"], "huge.bin");
      expect(budget.used).toBe(0);
      expect(m.rssGrowthMiB).toBeLessThan(32);
    }
  });

  test("A25 a ZIP64 extra field declaring 4 GiB for 5 B is refused before allocating", () => {
    const data = utf8("hello");
    const zip64Extra = new LeWriter(20)
      .u16(0x0001)
      .u16(16)
      .u64(4 * 1024 ** 3)
      .u64(7)
      .done();
    const spec: ZipEntrySpec = {
      name: "huge.bin",
      data,
      method: 8,
      size: 0xffffffff,
      compressedSize: 0xffffffff,
      extra: zip64Extra,
    };
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(buildZip([...goodEntries(), spec]), { budget }),
    );
    expectRefused(m.value, [
      "too-large",
      "size-mismatch",
      "unsupported-compression",
      "truncated",
    ]);
    expect(budget.used).toBe(0);
    expect(m.rssGrowthMiB).toBeLessThan(32);
  });
});

describe("A26 overlapping entries (non-recursive bombs)", () => {
  test("A26 a Fifield overlap bomb (64 entries sharing one 32 MiB kernel, 2 GiB in all) is refused without inflating", () => {
    const bomb = overlapBomb(64, "zeros", 32 * MiB);
    expect(bomb.totalOutput).toBeGreaterThan(2000 * MiB);
    expect(bomb.zip.length).toBeLessThan(64 * 1024);
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(bomb.zip, { name: "overlap.zip", budget }),
    );
    expectRefused(m.value, ["overlapping-entries", "too-large"]);
    expect(budget.used).toBe(0);
    expect(m.rssGrowthMiB).toBeLessThan(32);
  });

  test("A26 a small overlap bomb whose sizes and ratios all look innocent is caught by the overlap check", () => {
    const bomb = overlapBomb(10, "noise", 60_000);
    expect(bomb.totalOutput).toBeLessThan(2 * MiB);
    const names = Array.from(
      { length: 10 },
      (_, i) => `f${String(i).padStart(4, "0")}.bin`,
    );
    const error = expectRefused(
      readPackArchive(bomb.zip, { name: "overlap.zip" }),
      "overlapping-entries",
      names,
    );
    expect(error.message).toMatch(/overlap/i);
  });

  test("A26 two central records pointing at the same local entry are refused", () => {
    const data = utf8("shared bytes");
    const zip = buildZip([
      { name: "twice.txt", data, method: 0 },
      { name: "twice.txt", data, method: 0, centralOnly: true, localOffset: 0 },
      ...goodEntries(),
    ]);
    expectRefused(
      readPackArchive(zip),
      ["overlapping-entries", "duplicate-entry"],
      "twice.txt",
    );
  });
});

describe("A27 nested archives share one budget", () => {
  const bombChart = (): Uint8Array =>
    tarGzBomb(512, { entryName: "bomb/templates/zeros.yaml" });

  test("A27 a pack zip holding a chart .tgz that is a bomb: the shared budget aborts the chart read", () => {
    const chartPath = "charts/bomb-1.0.0.tgz";
    const files = goodPackFiles();
    files.set(chartPath, bombChart());
    const zip = zipFiles(files, { stored: true });
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const pack = readPackArchive(zip, { name: "nested.zip", budget });
    expect(pack.ok).toBe(true);
    if (!pack.ok) return;
    const usedByPack = budget.used;
    expect(usedByPack).toBeGreaterThan(500 * 1024);
    const m = measure(() =>
      readChart(pack.value.files.get(chartPath)!, { name: chartPath, budget }),
    );
    const error = expectRefused(
      m.value,
      ["too-large", "ratio-exceeded"],
      chartPath,
    );
    expect(error.message).toMatch(/expands beyond/);
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
  });

  test("A27 a chart that fits on its own is refused once the pack has used the shared budget", () => {
    // ~2 MiB of incompressible data: no ratio limit applies, only the total does.
    const chart = chartTgz({
      name: "big",
      version: "1.0.0",
      extra: { "files/blob.bin": noise(2 * MiB, 3) },
    });
    expect(readChart(chart, { name: "charts/big-1.0.0.tgz" }).ok).toBe(true);
    const files = goodPackFiles({ chart: { name: "big", version: "1.0.0" } });
    files.set("charts/big-1.0.0.tgz", chart);
    const limit = 4 * MiB;
    const budget = new Budget(limit);
    const pack = readPackArchive(zipFiles(files, { stored: true }), {
      budget,
      limits: { maxTotalBytes: limit },
    });
    expect(pack.ok).toBe(true);
    const r = readChart(chart, { name: "charts/big-1.0.0.tgz", budget });
    const error = expectRefused(r, "too-large", "charts/big-1.0.0.tgz");
    expect(error.message).toContain("expands beyond 4 MiB");
  });

  test("A27 validatePack reports a bomb chart as CHART_INVALID, naming it, without blowing memory", () => {
    const chartPath = "charts/bomb-1.0.0.tgz";
    const files = goodPackFiles();
    files.set(chartPath, bombChart());
    const json = JSON.parse(
      new TextDecoder().decode(files.get("pack.json")!),
    ) as { charts: string[] };
    json.charts.push(chartPath);
    files.set("pack.json", utf8(JSON.stringify(json, null, 2)));
    const m = measure(() => validatePack(files));
    const finding = m.value.findings.find((f) => f.code === "CHART_INVALID");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain(chartPath);
    expect(m.rssGrowthMiB).toBeLessThan(SMALL_READ_MIB);
  });

  test("A27 nesting is capped: a bomb sub-chart inside a chart is never expanded", () => {
    const sub = tarGzBomb(512, { entryName: "sub/templates/zeros.yaml" });
    const chart = chartTgz({
      name: "outer",
      version: "1.0.0",
      extra: { "charts/sub-0.1.0.tgz": sub },
    });
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readChart(chart, { name: "charts/outer-1.0.0.tgz", budget }),
    );
    if (!m.value.ok)
      expectRefused(m.value, ["too-deep", "too-large", "ratio-exceeded"]);
    expect(budget.used).toBeLessThan(4 * MiB);
    expect(m.rssGrowthMiB).toBeLessThan(64);
  });
});

describe("A22 budget path (runs last: it holds the whole budget in memory)", () => {
  test("A22 a 300 MiB tar.gz at ~80:1 passes the ratio check and stops at the 256 MiB budget", () => {
    const bomb = tarGzBomb(300, { block: LOW_RATIO_MIB });
    expect(bomb.length).toBeGreaterThan((300 * MiB) / 100); // under the 100:1 ratio limit
    const budget = new Budget(DEFAULT_LIMITS.maxTotalBytes);
    const m = measure(() =>
      readPackArchive(bomb, { name: "slow-bomb.tar.gz", budget }),
    );
    const error = expectRefused(m.value, "too-large", "slow-bomb.tar.gz");
    expect(error.message).toContain(`expands beyond ${LIMIT_MIB} MiB`);
    // It read up to the budget and no further.
    expect(budget.used).toBeLessThanOrEqual(budget.limit);
    expect(budget.used).toBeGreaterThan(budget.limit - 64 * MiB);
    expect(m.rssGrowthMiB).toBeLessThan(BUDGET_READ_MIB);
  });
});
