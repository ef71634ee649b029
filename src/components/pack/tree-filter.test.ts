import { beforeAll, describe, expect, it } from "vitest";

import { readChartArchive } from "@/pack/chart";
import { buildFileTree, type TreeFolder } from "@/pack/file-tree";
import { sortedPaths, type PackFiles } from "@/pack/pack-files";

import { loadFixture } from "../../../test/helpers/fixtures";
import { archiveFolder } from "./archive-path";
import {
  allFolders,
  countFiles,
  FILTER_THRESHOLD,
  filterTree,
  firstFile,
  showsFilter,
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
      archives: new Map(),
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

const treeOf = (files: PackFiles): TreeFolder =>
  buildFileTree([...files].map(([path, b]) => ({ path, size: b.length })));

// kyverno ships 7 files of its own and one chart archive of 119: only the files inside the chart
// take it over the threshold, once that archive has been read (as the worker's readChartArchive does).
describe("filterTree with the files inside kyverno's chart", () => {
  const ARCHIVE = "charts/kyverno-3.2.3.tgz";
  const TEMPLATE = `${ARCHIVE}/templates/admission-controller/deployment.yaml`;
  let packTree: TreeFolder;
  let inner: Map<string, TreeFolder>;
  let innerPaths: string[];
  beforeAll(async () => {
    const files = await loadFixture("pack-central/kyverno-1.12.2");
    packTree = treeOf(files);
    const chart = readChartArchive(files.get(ARCHIVE) ?? new Uint8Array(), {
      name: ARCHIVE,
    });
    if (!chart.ok) throw new Error(chart.error.message);
    inner = new Map([[ARCHIVE, archiveFolder(ARCHIVE, chart.value.files)]]);
    innerPaths = sortedPaths(chart.value.files).map((p) => `${ARCHIVE}/${p}`);
  });

  it("counts 7 + 119 files: the box shows once the archive is read, not before", () => {
    expect(packTree.fileCount).toBe(7);
    expect(innerPaths).toHaveLength(119);
    expect(innerPaths).toContain(TEMPLATE);
    expect(countFiles(packTree, inner)).toBe(126);
    expect(showsFilter(packTree, inner)).toBe(true);
    expect(showsFilter(packTree)).toBe(false);
  });

  it("finds a template inside the chart, its folders and archive open, Enter opening it", () => {
    const found = filterTree(
      packTree,
      "ADMISSION-CONTROLLER/deployment",
      inner,
    );
    expect([found.matched, found.total]).toEqual([1, 126]);
    // The archive is kept for its inner match, not for its own path.
    expect(paths(found.tree)).toEqual([ARCHIVE]);
    const kept = found.archives.get(ARCHIVE);
    expect(kept?.self).toBe(false);
    expect(paths(kept?.inner ?? packTree)).toEqual([TEMPLATE]);
    expect(allFolders(found.tree, found.archives)).toEqual([
      "charts",
      `${ARCHIVE}/templates`,
      `${ARCHIVE}/templates/admission-controller`,
    ]);
    expect(firstFile(found.tree, found.archives)).toBe(TEMPLATE);
    expect(found.tree.size).toBe(kept?.inner.size);
  });

  it("matches a pack file and inner files alike, every match counted once", () => {
    const query = "VALUES";
    const want = [...paths(packTree), ...innerPaths].filter((p) =>
      p.toLowerCase().includes(query.toLowerCase()),
    );
    expect(want).toEqual(
      expect.arrayContaining(["values.yaml", `${ARCHIVE}/values.yaml`]),
    );
    const found = filterTree(packTree, query, inner);
    const inside = paths(found.archives.get(ARCHIVE)?.inner ?? packTree);
    // The archive is listed for its inner matches; its own path does not hold the query.
    const own = paths(found.tree).filter((p) => p !== ARCHIVE);
    expect([...own, ...inside].sort()).toEqual([...want].sort());
    expect(found.matched).toBe(want.length);
  });

  it("keeps an archive whose own name matches, with no inner file, and opens it first", () => {
    const found = filterTree(packTree, "kyverno-3.2.3", inner);
    // Every inner path holds the archive's name too: all of them match.
    expect(found.matched).toBe(1 + 119);
    expect(found.archives.get(ARCHIVE)?.self).toBe(true);
    expect(firstFile(found.tree, found.archives)).toBe(ARCHIVE);
    const logo = filterTree(packTree, "logo.png", inner);
    expect(logo.archives.size).toBe(0);
    expect(paths(logo.tree)).toEqual(["logo.png"]);
  });
});

describe("showsFilter at the threshold", () => {
  const sized = (n: number) =>
    buildFileTree(
      Array.from({ length: n }, (_, i) => ({ path: `f/${i}.yaml`, size: 1 })),
    );
  it("is absent at 50 files or fewer and shows at 51, inner files counted", () => {
    expect(showsFilter(sized(FILTER_THRESHOLD))).toBe(false);
    expect(showsFilter(sized(FILTER_THRESHOLD + 1))).toBe(true);
    const archive = "charts/a-1.0.0.tgz";
    const small = buildFileTree([
      ...Array.from({ length: 40 }, (_, i) => ({ path: `m/${i}`, size: 1 })),
      { path: archive, size: 10 },
    ]);
    const innerOf = (n: number) =>
      new Map([
        [
          archive,
          archiveFolder(
            archive,
            new Map(
              Array.from({ length: n }, (_, i) => [
                `templates/${i}.yaml`,
                new Uint8Array(1),
              ]),
            ),
          ),
        ],
      ]);
    expect(showsFilter(small, innerOf(9))).toBe(false);
    expect(showsFilter(small, innerOf(10))).toBe(true);
  });
});
