import { describe, expect, it } from "vitest";

import { chartStem, diffFileLists, replacedCharts } from "./diff-files";

const f = (path: string, sha256: string, size = 1) => ({ path, sha256, size });

describe("diffFileLists", () => {
  it("sorts values.yaml first, then pack.json, then by path, with every status", () => {
    const changes = diffFileLists(
      [
        f("README.md", "r1"),
        f("pack.json", "p1"),
        f("values.yaml", "v1"),
        f("old.txt", "o"),
      ],
      [
        f("README.md", "r1"),
        f("pack.json", "p2"),
        f("values.yaml", "v2"),
        f("a/new.yaml", "n"),
      ],
    );
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ["values.yaml", "changed"],
      ["pack.json", "changed"],
      ["README.md", "unchanged"],
      ["a/new.yaml", "added"],
      ["old.txt", "removed"],
    ]);
  });

  it("finds no change between identical lists", () => {
    const files = [f("pack.json", "x"), f("values.yaml", "y")];
    expect(
      diffFileLists(files, files).every((c) => c.status === "unchanged"),
    ).toBe(true);
  });

  it("treats a same-size file with another digest as changed", () => {
    expect(diffFileLists([f("a", "1", 5)], [f("a", "2", 5)])[0]?.status).toBe(
      "changed",
    );
  });
});

describe("replacedCharts", () => {
  it("pairs a chart archive renamed for its new version", () => {
    const changes = diffFileLists(
      [
        f("charts/app-1.0.0.tgz", "a"),
        f("charts/db-2.0.tgz", "d"),
        f("charts/x-1.tgz", "x1"),
        f("charts/x-2.tgz", "x2"),
      ],
      [
        f("charts/app-1.1.0.tgz", "b"),
        f("charts/db-2.0.tgz", "d2"),
        f("charts/x-3.tgz", "x3"),
        f("charts/other-1.0.tgz", "o"),
      ],
    );
    expect(replacedCharts(changes)).toEqual([
      { before: "charts/app-1.0.0.tgz", after: "charts/app-1.1.0.tgz" },
    ]);
  });

  it.each([
    ["charts/argo-cd-5.46.7.tgz", "charts/argo-cd"],
    ["charts/weka-operator-v1.12.0.tgz", "charts/weka-operator"],
    ["charts/argo-cd.tgz", "charts/argo-cd"],
    ["values.yaml", null],
  ])("chartStem(%s)", (path, stem) => {
    expect(chartStem(path)).toBe(stem);
  });
});
