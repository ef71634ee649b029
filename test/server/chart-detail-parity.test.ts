import { describe, expect, it } from "vitest";

import { describeCharts } from "../../src/pack/chart-detail";
import { fileDigests } from "../../src/pack/digest";
import { CHART_ARCHIVE } from "../../src/pack/chart-detail";
import { withLimits } from "../../src/pack/limits";
import { packBudget } from "../../src/pack/validate/context";
import {
  describePack,
  prepareChart,
  type PreparedChart,
} from "../../server/prepare";
import { zlibFlate } from "../../server/workers/zlib-flate";
import { fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

const meta = { uploadedBy: "test", createdAt: "2026-11-28T00:00:00.000Z" };

// A pack opened from disk is compared with a registry version from what the pack worker computes
// of it (src/pack/chart-detail.ts describeCharts); the registry's side is the server's detail
// (server/prepare.ts describePack). They must agree, or every compare of a local pack with its
// own upload would show changes that are not there.
describe("a local pack's charts and file digests, as the registry describes them", () => {
  it.each(fixtureDirsOnDisk())("%s", async (dir) => {
    const files = await loadFixture(dir);
    const { detail } = await describePack(files, meta);
    expect(await describeCharts(files)).toEqual(detail.charts);
    expect(await fileDigests(files)).toEqual(detail.files);
  });

  // An upload's charts are prepared on the pool's threads with Node's zlib (pack-task.ts), the
  // way the registry's detail is made in production: the same answer.
  it.each(["pack-central/argocd-3.26.7", "pack-central/crossplane-2.3.0"])(
    "%s, its charts prepared as an upload's are",
    async (dir) => {
      const files = await loadFixture(dir);
      const budget = packBudget(files, withLimits());
      const room = budget.limit - budget.used;
      const prepared = new Map<string, PreparedChart>();
      for (const [path, bytes] of files)
        if (CHART_ARCHIVE.test(path))
          prepared.set(path, {
            bytes,
            ...prepareChart(path, bytes, { room, native: zlibFlate }),
          });
      expect(prepared.size).toBeGreaterThan(0);
      const { detail } = await describePack(files, meta, {
        prepared,
        native: zlibFlate,
      });
      expect(await describeCharts(files)).toEqual(detail.charts);
    },
  );

  it("lists a chart pack.json names outside charts/*.tgz, as the server does", async () => {
    const files = await loadFixture("pack-central/crossplane-2.3.0");
    const from = "charts/crossplane-2.3.0.tgz";
    const to = "charts/upstream/crossplane-2.3.0.tgz";
    files.set(to, files.get(from)!);
    files.delete(from);
    const packJson = new TextDecoder().decode(files.get("pack.json"));
    expect(packJson).toContain(from);
    files.set(
      "pack.json",
      new TextEncoder().encode(packJson.replace(from, to)),
    );
    const { detail } = await describePack(files, meta);
    const charts = await describeCharts(files);
    expect(charts.map((c) => [c.file, c.name])).toEqual([[to, "crossplane"]]);
    expect(charts).toEqual(detail.charts);
  });

  it("lists a .tgz under charts/ that is no chart as unreadable, saying why, as the server does", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    files.set("charts/not-a-chart.tgz", files.get("logo.png")!);
    const { detail } = await describePack(files, meta);
    const charts = await describeCharts(files);
    expect(charts).toEqual(detail.charts);
    const broken = charts.find((c) => c.file === "charts/not-a-chart.tgz");
    expect(broken).toMatchObject({ name: "", files: [] });
    expect(broken?.error).toMatch(/not-a-chart\.tgz/);
  });
});
