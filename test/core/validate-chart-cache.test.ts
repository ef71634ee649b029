// ValidateOptions.chartCache: a check after an edit outside the charts (values.yaml) reuses the
// archives an earlier check opened, and its findings are exactly those of a check without it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import {
  validatePack,
  type ChartCache,
  type OpenedChart,
  type SecretScanCache,
} from "../../src/pack/validate";
import type { Finding } from "../../src/pack/finding";
import { FIXTURES, fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

/** A cache keyed by path and bytes identity that counts what it was asked and told. */
function countingCache(): ChartCache & {
  entries: Map<Uint8Array, OpenedChart>;
  hits: number;
  reads: number;
} {
  const entries = new Map<Uint8Array, OpenedChart>();
  const cache = {
    entries,
    hits: 0,
    reads: 0,
    get(_path: string, bytes: Uint8Array) {
      const hit = entries.get(bytes);
      if (hit) cache.hits++;
      return hit;
    },
    set(_path: string, bytes: Uint8Array, opened: OpenedChart) {
      cache.reads++;
      entries.set(bytes, opened);
    },
  };
  return cache;
}

/** A secret scan cache keyed by bytes identity, counting the scans it was told of. */
function countingScans(): SecretScanCache & { scans: number } {
  const entries = new Map<Uint8Array, readonly Finding[]>();
  const cache = {
    scans: 0,
    get: (_path: string, bytes: Uint8Array) => entries.get(bytes),
    set(_path: string, bytes: Uint8Array, findings: readonly Finding[]) {
      cache.scans++;
      entries.set(bytes, findings);
    },
  };
  return cache;
}

const chartTgzs = (files: PackFiles): string[] =>
  [...files.keys()].filter(
    (p) => p.startsWith("charts/") && p.endsWith(".tgz"),
  );

const withChartPacks = fixtureDirsOnDisk().filter((d) => {
  const charts = join(FIXTURES, d, "charts");
  return (
    d.startsWith("pack-central/") &&
    existsSync(charts) &&
    readdirSync(charts).some((f) => f.endsWith(".tgz"))
  );
});
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

it("the fixtures hold packs with charts", () => {
  expect(withChartPacks.length).toBeGreaterThan(10);
});

describe("validatePack with a chart cache, over every real pack-central fixture with charts", () => {
  it.each(withChartPacks)(
    "%s: same findings, no chart read twice",
    async (dir) => {
      const files = await loadFixture(dir);
      expect(chartTgzs(files).length).toBeGreaterThan(0);
      const plain = validatePack(files);
      const cache = countingCache();
      const secretCache = countingScans();
      const first = validatePack(files, { chartCache: cache, secretCache });
      expect(first.findings).toEqual(plain.findings);
      // Every chart archive present, listed or directly under charts/ (karpenter ships an
      // unlisted karpenter-crd-1.5.1.tgz), was read once and offered to the cache.
      const archives = new Set([
        ...plain.charts.map((c) => c.path).filter((p) => files.has(p)),
        ...[...files.keys()].filter((p) => /^charts\/[^/]+\.tgz$/.test(p)),
      ]);
      expect(cache.reads).toBe(archives.size);
      expect(cache.reads).toBeGreaterThan(0);

      const readsBefore = cache.reads;
      expect(secretCache.scans).toBe(files.size);
      const second = validatePack(files, { chartCache: cache, secretCache });
      expect(secretCache.scans).toBe(files.size); // no file scanned again
      expect(cache.reads).toBe(readsBefore); // nothing read again
      expect(cache.hits).toBe(readsBefore);
      expect(second.findings).toEqual(plain.findings);
      expect(second.charts).toEqual(plain.charts);
      expect(second.images).toEqual(plain.images);

      // A values.yaml edit (a broken line) re-uses the charts and reports what a fresh check does.
      const edited = new Map(files);
      edited.set(
        "values.yaml",
        enc(
          `${new TextDecoder().decode(files.get("values.yaml") ?? new Uint8Array())}\nbroken: [\n`,
        ),
      );
      const third = validatePack(edited, { chartCache: cache, secretCache });
      expect(secretCache.scans).toBe(files.size + 1); // values.yaml only
      expect(cache.reads).toBe(readsBefore);
      expect(third.findings).toEqual(validatePack(edited).findings);
      expect(
        third.findings.some(
          (f) => f.file === "values.yaml" && f.severity === "error",
        ),
      ).toBe(true);
    },
  );
});

describe("a cached archive is reused only when the result is certain to be the same", () => {
  it("reads again under other limits, and refuses as a fresh read does when the budget is short", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const cache = countingCache();
    validatePack(files, { chartCache: cache });
    const reads = cache.reads;
    expect(reads).toBeGreaterThan(0);

    const limits = { maxTotalBytes: 4 * 1024 * 1024 };
    const fresh = validatePack(files, { limits });
    const cached = validatePack(files, { limits, chartCache: cache });
    expect(cached.findings).toEqual(fresh.findings);
    expect(cache.reads).toBeGreaterThan(reads); // other limits: read again

    // Enough room left for the chart's expansion: reused; too little: read again and refused alike.
    const [opened] = [...cache.entries.values()];
    const packBytes = [...files.values()].reduce((n, b) => n + b.length, 0);
    const tight = { maxTotalBytes: packBytes + opened!.taken - 1 };
    const a = validatePack(files, { limits: tight });
    expect(a.findings.some((f) => f.code === "CHART_INVALID")).toBe(true);
    const b = validatePack(files, { limits: tight, chartCache: cache });
    expect(b.findings).toEqual(a.findings);
  });
});

describe("validatePack with a manifest cache, over every real fixture that lists manifests", () => {
  const withManifests = fixtureDirsOnDisk().filter((d) =>
    readFileSync(join(FIXTURES, d, "pack.json"), "utf8").includes(
      "kubeManifests",
    ),
  );

  it("the fixtures hold packs with plain manifests", () => {
    expect(withManifests.length).toBeGreaterThan(5);
  });

  it.each(withManifests)(
    "%s: same findings; after a values.yaml edit no manifest is parsed again",
    async (dir) => {
      const files = await loadFixture(dir);
      const manifestCache = countingScans();
      const first = validatePack(files, { manifestCache });
      expect(first.findings).toEqual(validatePack(files).findings);
      const parsed = manifestCache.scans;
      const edited = new Map(files);
      edited.set(
        "values.yaml",
        enc(
          `${new TextDecoder().decode(files.get("values.yaml") ?? new Uint8Array())}\nbroken: [\n`,
        ),
      );
      const again = validatePack(edited, { manifestCache });
      expect(manifestCache.scans).toBe(parsed);
      expect(again.findings).toEqual(validatePack(edited).findings);
      // A manifest whose bytes change is parsed again, and its new findings are the fresh ones.
      const [path] = [...files.keys()].filter(
        (p) => p.startsWith("manifests/") && /\.ya?ml$/.test(p),
      );
      if (parsed > 0 && path) {
        const changed = new Map(edited);
        changed.set(path, enc("kind: [broken\n"));
        const third = validatePack(changed, { manifestCache });
        expect(third.findings).toEqual(validatePack(changed).findings);
      }
    },
  );

  it("some fixture has a plain manifest the cache keeps", async () => {
    let kept = 0;
    for (const dir of withManifests) {
      const cache = countingScans();
      validatePack(await loadFixture(dir), { manifestCache: cache });
      kept += cache.scans;
    }
    expect(kept).toBeGreaterThan(0);
  });
});
