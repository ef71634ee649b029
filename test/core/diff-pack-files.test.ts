import { describe, expect, it } from "vitest";

import { diffPackFiles } from "../../src/pack/chart-diff";

const f = (path: string, sha256: string, size = 1) => ({ path, sha256, size });

describe("diffPackFiles", () => {
  it("sorts values.yaml first, then pack.json, then by path, with every status", () => {
    const changes = diffPackFiles(
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
      diffPackFiles(files, files).every((c) => c.status === "unchanged"),
    ).toBe(true);
  });

  it("treats a same-size file with another digest as changed", () => {
    expect(diffPackFiles([f("a", "1", 5)], [f("a", "2", 5)])[0]?.status).toBe(
      "changed",
    );
  });
});
