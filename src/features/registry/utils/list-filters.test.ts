import { describe, expect, it } from "vitest";

import type { PackSummary } from "@/lib/api/packs";

import { groupVersions } from "./group-versions";
import { filtersSearch, hasFilters, readFilters } from "./list-filters";

describe("list filters", () => {
  it("reads and writes the URL, leaving empty filters out", () => {
    const f = readFilters(new URLSearchParams("?q=%20nfs%20&layer=csi&junk=1"));
    expect(f).toEqual({ q: "nfs", layer: "csi", cloudType: "", addonType: "" });
    expect(filtersSearch(f)).toBe("?q=nfs&layer=csi");
    expect(filtersSearch(readFilters(new URLSearchParams()))).toBe("");
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters(readFilters(new URLSearchParams("?q=")))).toBe(false);
  });

  it("encodes values with spaces", () => {
    expect(
      filtersSearch({
        q: "",
        layer: "",
        cloudType: "",
        addonType: "system app",
      }),
    ).toBe("?addonType=system+app");
  });
});

describe("groupVersions", () => {
  const s = (name: string, version: string) =>
    ({ name, version }) as PackSummary;
  it("groups by name where the newest version appears", () => {
    const groups = groupVersions([s("a", "2"), s("b", "1"), s("a", "1")]);
    expect(
      groups.map((g) => [
        g.name,
        g.latest.version,
        g.versions.map((v) => v.version),
      ]),
    ).toEqual([
      ["a", "2", ["2", "1"]],
      ["b", "1", ["1"]],
    ]);
  });
});
