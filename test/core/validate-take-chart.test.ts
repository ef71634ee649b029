// ValidateOptions.takeChart: validation hands each chart archive it read to the caller and keeps
// none (the server describes each and drops its files: one expanded chart at a time), with the
// same findings, charts and images as a validation that keeps them.
import { describe, expect, it } from "vitest";
import type { ChartArchive } from "../../src/pack/chart";
import { validatePack } from "../../src/pack/validate";
import { loadFixture } from "../helpers/fixtures";

const WITH_CHARTS = [
  "pack-central/argocd-3.26.7",
  "pack-central/kyverno-1.12.2",
  "pack-central/ambassador-6.6.0",
];

describe("validatePack with takeChart", () => {
  it.each(WITH_CHARTS)(
    "%s: every chart read is handed over once, none kept, the report otherwise the same",
    async (dir) => {
      const files = await loadFixture(dir);
      const kept = validatePack(files);
      expect(kept.chartArchives.size).toBeGreaterThan(0);
      const taken = new Map<string, ChartArchive>();
      const report = validatePack(files, {
        takeChart: (path, archive) => {
          expect(taken.has(path)).toBe(false);
          taken.set(path, archive);
        },
      });
      expect(report.chartArchives.size).toBe(0);
      expect([...taken.keys()]).toEqual([...kept.chartArchives.keys()]);
      for (const [path, a] of taken) {
        const k = kept.chartArchives.get(path)!;
        expect(a.info).toEqual(k.info);
        expect([...a.files.keys()]).toEqual([...k.files.keys()]);
      }
      const { chartArchives: _a, ...rest } = report;
      const { chartArchives: _b, ...restKept } = kept;
      void _a;
      void _b;
      expect(rest).toEqual(restKept);
    },
  );
});
