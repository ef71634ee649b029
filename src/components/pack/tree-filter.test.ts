import { beforeAll, describe, expect, it } from "vitest";

import { buildFileTree, type TreeFolder } from "@/pack/file-tree";
import { sortedPaths } from "@/pack/pack-files";

import { loadFixture } from "../../../test/helpers/fixtures";
import {
  allFolders,
  FILTER_THRESHOLD,
  filterTree,
  firstFile,
} from "./tree-filter";

const paths = (folder: TreeFolder): string[] =>
  folder.children.flatMap((n) => (n.kind === "file" ? [n.path] : paths(n)));

// argo-cd carries its chart unpacked next to the .tgz: a real tree well over the filter threshold.
let tree: TreeFolder;
let all: string[];
beforeAll(async () => {
  const files = await loadFixture("pack-central/argocd-3.26.7");
  all = sortedPaths(files);
  tree = buildFileTree(
    all.map((path) => ({ path, size: files.get(path)?.length ?? 0 })),
  );
});

describe("filterTree over argo-cd's files", () => {
  it("is big enough to get a filter box", () => {
    expect(tree.fileCount).toBeGreaterThan(FILTER_THRESHOLD);
  });

  it("keeps the same tree for an empty or blank query", () => {
    expect(filterTree(tree, "")).toEqual({
      tree,
      matched: all.length,
      total: all.length,
    });
    expect(filterTree(tree, "   ").tree).toBe(tree);
  });

  it.each([
    "deployment",
    "REPO-SERVER/",
    "crds/",
    "values.yaml",
    "charts/argo-cd/templates/argocd-server/",
  ])(
    "%s keeps exactly the files whose path holds it, with their folders",
    (query) => {
      const { tree: kept, matched, total } = filterTree(tree, query);
      const want = all.filter((p) =>
        p.toLowerCase().includes(query.trim().toLowerCase()),
      );
      expect(want.length).toBeGreaterThan(0);
      expect(paths(kept).sort()).toEqual([...want].sort());
      expect([matched, total]).toEqual([want.length, all.length]);
      // Every kept folder holds a match, and its count says how many.
      for (const folder of allFolders(kept))
        expect(want.some((p) => p.startsWith(`${folder}/`))).toBe(true);
      expect(kept.size).toBe(
        want.reduce((n, p) => n + (findSize(tree, p) ?? Number.NaN), 0),
      );
    },
  );

  it("matches nothing without crashing", () => {
    const { tree: kept, matched } = filterTree(tree, "no-such-file-anywhere");
    expect(matched).toBe(0);
    expect(kept.children).toEqual([]);
    expect(firstFile(kept)).toBeUndefined();
  });

  it("names the first match in display order (folders first)", () => {
    expect(firstFile(filterTree(tree, "chart.yaml").tree)).toBe(
      "charts/argo-cd/charts/redis-ha/Chart.yaml",
    );
  });
});

function findSize(folder: TreeFolder, path: string): number | undefined {
  for (const n of folder.children) {
    if (n.kind === "file" && n.path === path) return n.size;
    if (n.kind === "folder" && path.startsWith(`${n.path}/`))
      return findSize(n, path);
  }
  return undefined;
}
