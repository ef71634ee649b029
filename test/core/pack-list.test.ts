import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareKeys,
  matchesFilter,
  normalizeAddonType,
  packFacets,
  sortSummaries,
  type ListSort,
} from "../../src/pack/pack-list";
import type { PackSummary } from "../../src/pack/registry-types";
import { FIXTURES, fixtureDirsOnDisk } from "../helpers/fixtures";

/** A summary per real fixture, from its pack.json (what the registry would list). */
const summaries: PackSummary[] = fixtureDirsOnDisk().map((dir, i) => {
  const pj = JSON.parse(
    readFileSync(join(FIXTURES, dir, "pack.json"), "utf8"),
  ) as {
    name: string;
    version: string;
    displayName: string;
    layer: string;
    addonType?: string;
    cloudTypes: string[];
  };
  const s: PackSummary = {
    name: pj.name,
    version: pj.version,
    displayName: pj.displayName,
    layer: pj.layer,
    cloudTypes: pj.cloudTypes,
    digest: `sha256:${i}`,
    size: 1,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    uploadedBy: "",
  };
  if (pj.addonType !== undefined) s.addonType = pj.addonType;
  return s;
});

const names = (items: PackSummary[]) => [...new Set(items.map((s) => s.name))];

describe("normalizeAddonType", () => {
  it.each([
    ["app services", "app services"],
    ["app-services", "app services"],
    ["App_Services", "app services"],
    ["  system   app ", "system app"],
    ["load balancer", "load balancer"],
  ])("%j → %j", (raw, shown) => expect(normalizeAddonType(raw)).toBe(shown));
});

describe("filters over the real fixtures", () => {
  it("addonType matches both spellings pack-central uses", () => {
    const hyphen = summaries.filter((s) =>
      matchesFilter(s, { addonType: "app-services" }),
    );
    const space = summaries.filter((s) =>
      matchesFilter(s, { addonType: "app services" }),
    );
    // INDEX.md: "app services"=2, "app-services"=2.
    expect(names(hyphen).sort()).toEqual(
      ["akuity-agent", "gridlight", "hello-universe", "hellouniverse"].sort(),
    );
    expect(space).toEqual(hyphen);
  });

  it("a cloud type includes the packs that run on all clouds", () => {
    const eks = summaries.filter((s) => matchesFilter(s, { cloudType: "eks" }));
    // INDEX.md: all=26, eks=2.
    expect(eks.length).toBe(28);
    expect(names(eks)).toEqual(
      expect.arrayContaining(["karpenter", "falcon-sensor", "argo-cd"]),
    );
    expect(names(eks)).not.toContain("antrea");
    const all = summaries.filter((s) => matchesFilter(s, { cloudType: "all" }));
    expect(all.length).toBe(26);
  });

  it("q matches name and display name, case-insensitively", () => {
    expect(
      names(summaries.filter((s) => matchesFilter(s, { q: " HELLO " }))),
    ).toEqual(expect.arrayContaining(["hello-universe", "hellouniverse"]));
  });
});

describe("packFacets over the real fixtures", () => {
  const facets = packFacets(summaries, {});

  it("offers each add-on type once, normalised, with pack counts", () => {
    expect(facets.addonType).toEqual([
      { value: "ai", count: 2 },
      { value: "app services", count: 4 },
      { value: "authentication", count: 1 },
      { value: "ingress", count: 2 },
      { value: "load balancer", count: 3 },
      { value: "logging", count: 1 },
      { value: "monitoring", count: 3 },
      { value: "security", count: 1 },
      { value: "system app", count: 12 },
    ]);
    expect(facets.layer).toEqual([
      { value: "addon", count: 29 },
      { value: "cni", count: 2 },
      { value: "csi", count: 8 },
    ]);
  });

  it("counts a cloud type with the `all` packs, and only offers clouds the data names", () => {
    const count = (v: string) =>
      facets.cloudType.find((o) => o.value === v)?.count;
    expect(count("all")).toBe(26);
    expect(count("aws")).toBe(26 + 3);
    expect(count("custom")).toBe(26 + 1);
    expect(count("tencent")).toBeUndefined();
  });

  it("counts each filter's options with the other filters applied, never offering a dead option", () => {
    const f = { layer: "csi", cloudType: "vsphere" };
    const faceted = packFacets(summaries, f);
    for (const facet of ["layer", "cloudType", "addonType"] as const)
      for (const o of faceted[facet]) {
        const found = summaries.filter((s) =>
          matchesFilter(s, { ...f, [facet]: o.value }),
        );
        expect(names(found).length, `${facet}=${o.value}`).toBe(o.count);
        expect(o.count).toBeGreaterThan(0);
      }
    // csi packs only: no add-on types to offer.
    expect(faceted.addonType).toEqual([]);
    // The selected layer is still offered, with the other layers matching vsphere.
    expect(faceted.layer.map((o) => o.value)).toEqual(["addon", "cni", "csi"]);
  });
});

describe("sortSummaries", () => {
  const two = [
    ...summaries,
    // A second pack version uploaded last, lower than the one stored.
    {
      ...summaries.find((s) => s.name === "argo-cd")!,
      version: "3.0.0",
      createdAt: "2026-01-01T00:00:00.000Z",
    },
  ];

  it.each(["version", "name", "uploaded"] as ListSort[])(
    "sort=%s is a total order whose first argo-cd item is its highest version",
    (sort) => {
      const sorted = sortSummaries(two, sort);
      for (let i = 0; i + 1 < sorted.length; i++)
        expect(
          compareKeys(sort, sorted[i]!.key, sorted[i + 1]!.key),
        ).toBeLessThan(0);
      expect(sorted.find((o) => o.item.name === "argo-cd")?.item.version).toBe(
        "3.26.7",
      );
    },
  );

  it("sort=uploaded puts the pack uploaded last first, its versions together", () => {
    const sorted = sortSummaries(two, "uploaded").map(
      (o) => `${o.item.name}@${o.item.version}`,
    );
    expect(sorted.slice(0, 2)).toEqual(["argo-cd@3.26.7", "argo-cd@3.0.0"]);
  });
});

describe("packFacets with a narrow search", () => {
  it("still offers the clouds that `all` packs cover, named by other packs", () => {
    const facets = packFacets(summaries, { q: "kubevious" });
    // Kubevious runs on all clouds: every cloud another pack names finds it.
    expect(facets.cloudType.map((o) => o.value)).toEqual(
      expect.arrayContaining(["all", "aws", "eks", "vsphere"]),
    );
    expect(facets.cloudType.every((o) => o.count === 1)).toBe(true);
    // Exact facets keep only what finds something.
    expect(facets.layer).toEqual([{ value: "addon", count: 1 }]);
    expect(facets.addonType).toEqual([{ value: "monitoring", count: 1 }]);
  });
});
