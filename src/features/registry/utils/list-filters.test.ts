import { describe, expect, it } from "vitest";

import type { FacetCount, PackSummary } from "@/lib/api/packs";

import { filterOptions } from "./filter-options";
import { groupVersions } from "./group-versions";
import {
  filtersQuery,
  filtersSearch,
  hasFilters,
  readFilters,
} from "./list-filters";

describe("list filters", () => {
  it("reads and writes the URL, leaving empty filters and the default sort out", () => {
    const f = readFilters(new URLSearchParams("?q=%20nfs%20&layer=csi&junk=1"));
    expect(f).toEqual({
      q: "nfs",
      layer: "csi",
      cloudType: "",
      addonType: "",
      sort: "name",
    });
    expect(filtersSearch(f)).toBe("?q=nfs&layer=csi");
    expect(filtersSearch(readFilters(new URLSearchParams()))).toBe("");
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters(readFilters(new URLSearchParams("?q=")))).toBe(false);
  });

  it("keeps a chosen sort in the URL and ignores an unknown one", () => {
    const f = readFilters(new URLSearchParams("?sort=uploaded"));
    expect(f.sort).toBe("uploaded");
    expect(filtersSearch(f)).toBe("?sort=uploaded");
    // The sort does not narrow the list.
    expect(hasFilters(f)).toBe(false);
    expect(readFilters(new URLSearchParams("?sort=size")).sort).toBe("name");
    expect(filtersQuery({ ...f, layer: "csi" })).toEqual({
      sort: "uploaded",
      layer: "csi",
    });
  });

  it("reads both spellings of an add-on type as one", () => {
    for (const raw of ["app-services", "app services", "App_Services"])
      expect(
        readFilters(new URLSearchParams({ addonType: raw })).addonType,
      ).toBe("app services");
  });

  it("encodes values with spaces", () => {
    expect(
      filtersSearch({
        q: "",
        layer: "",
        cloudType: "",
        addonType: "system app",
        sort: "version",
      }),
    ).toBe("?addonType=system+app&sort=version");
  });
});

describe("filterOptions", () => {
  const counts: FacetCount[] = [
    { value: "app services", count: 4 },
    { value: "security", count: 1 },
    { value: "storage", count: 0 },
  ];

  it("labels each option with its pack count and drops options that find nothing", () => {
    expect(filterOptions(counts, "")).toEqual([
      { value: "app services", label: "app services (4 packs)" },
      { value: "security", label: "security (1 pack)" },
    ]);
  });

  it("keeps the value in use listed when the registry does not offer it", () => {
    expect(filterOptions(counts, "ai")[0]).toEqual({
      value: "ai",
      label: "ai",
    });
    expect(filterOptions(undefined, "ai")).toEqual([
      { value: "ai", label: "ai" },
    ]);
    expect(filterOptions(counts, "security")).toHaveLength(2);
  });
});

describe("groupVersions", () => {
  const s = (name: string, version: string) =>
    ({ name, version }) as PackSummary;

  it("groups by name where the pack first appears", () => {
    const groups = groupVersions([
      s("a", "2.0.0"),
      s("b", "1.0.0"),
      s("a", "1.0.0"),
    ]);
    expect(
      groups.map((g) => [
        g.name,
        g.highest.version,
        g.versions.map((v) => v.version),
      ]),
    ).toEqual([
      ["a", "2.0.0", ["2.0.0", "1.0.0"]],
      ["b", "1.0.0", ["1.0.0"]],
    ]);
  });

  it("puts versions in semver order whatever the order listed, so a late older upload is not the title", () => {
    // As sort=uploaded could list them, the older version uploaded last coming first.
    const [g] = groupVersions([
      s("a", "1.9.0"),
      s("a", "1.5"),
      s("a", "1.10.0"),
      s("a", "1.10.0-rc.1"),
    ]);
    expect(g?.highest.version).toBe("1.10.0");
    expect(g?.versions.map((v) => v.version)).toEqual([
      "1.10.0",
      "1.10.0-rc.1",
      "1.9.0",
      "1.5",
    ]);
  });
});
