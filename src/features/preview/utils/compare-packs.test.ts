import { describe, expect, it } from "vitest";

import { describePack } from "../../../../server/prepare";
import { loadFixture } from "../../../../test/helpers/fixtures";
import { readChartArchive } from "@/pack/chart";
import type { PackDetail } from "@/pack/registry-types";
import { writePackTarGz } from "@/pack/tar-write";

import { comparePacks } from "./compare-packs";

const CHART = "charts/crossplane-2.3.0.tgz";
const meta = { uploadedBy: "test", createdAt: "2026-01-01T00:00:00.000Z" };

async function details(): Promise<[PackDetail, PackDetail]> {
  const files = await loadFixture("pack-central/crossplane-2.3.0");
  const chart = readChartArchive(files.get(CHART)!, { name: CHART });
  if (!chart.ok) throw new Error(chart.error.message);
  const inner = new Map(chart.value.files);
  inner.set("templates/extra.yaml", new TextEncoder().encode("kind: List\n"));
  const next = new Map(files).set(CHART, writePackTarGz(inner, "crossplane"));
  const a = await describePack(files, meta);
  const b = await describePack(next, meta);
  return [a.detail, b.detail];
}

describe("comparePacks over the API details of a real pack", () => {
  it("finds a file added inside the chart from the details alone", async () => {
    const [a, b] = await details();
    const c = comparePacks(a, b);
    expect(
      c.files.filter((f) => f.status !== "unchanged").map((f) => f.path),
    ).toEqual([CHART]);
    expect(c.charts.pairs).toHaveLength(1);
    const pair = c.charts.pairs[0]!;
    expect(pair.status).toBe("compared");
    if (pair.status !== "compared") return;
    expect(pair.files.filter((f) => f.status !== "unchanged")).toMatchObject([
      { path: "templates/extra.yaml", status: "added" },
    ]);
    expect(c.images.length).toBeGreaterThan(0);
    expect(c.images.every((i) => i.status === "unchanged")).toBe(true);
  });

  it("a detail without charts or images (an older server) compares as having none", async () => {
    const [a, b] = await details();
    const old = { ...a } as Partial<PackDetail>;
    delete old.charts;
    delete old.images;
    const c = comparePacks(old as PackDetail, b);
    expect(c.charts.pairs).toEqual([]);
    expect(c.charts.added.map((x) => x.file)).toEqual([CHART]);
    expect(c.images).toHaveLength(b.images.length);
    expect(c.images.every((i) => i.status === "added")).toBe(true);
  });
});
