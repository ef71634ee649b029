import { describe, expect, it } from "vitest";

import type { TreeNode } from "@/pack/file-tree";

import {
  archiveFolder,
  isExpandableArchive,
  splitArchivePath,
} from "./archive-path";

const files = new Set([
  "pack.json",
  "charts/argo-cd-5.51.6.tgz",
  "charts/argo-cd/Chart.yaml",
  "charts/app.tar.gz",
  "manifests/x.tgz",
]);

describe("splitArchivePath", () => {
  it.each([
    [
      "charts/argo-cd-5.51.6.tgz/templates/deployment.yaml",
      {
        archive: "charts/argo-cd-5.51.6.tgz",
        inner: "templates/deployment.yaml",
      },
    ],
    [
      "charts/app.tar.gz/Chart.yaml",
      { archive: "charts/app.tar.gz", inner: "Chart.yaml" },
    ],
    // Files the pack holds itself, archives it does not hold, archives outside charts/.
    ["charts/argo-cd/Chart.yaml", null],
    ["charts/argo-cd-5.51.6.tgz", null],
    ["charts/other-1.0.0.tgz/Chart.yaml", null],
    ["manifests/x.tgz/a.yaml", null],
    ["pack.json/x", null],
    ["charts/argo-cd-5.51.6.tgz/", null],
  ])("%s", (path, want) => {
    expect(splitArchivePath(files, path)).toEqual(want);
  });
});

describe("isExpandableArchive", () => {
  it.each([
    ["charts/a-1.0.0.tgz", true],
    ["charts/a-1.0.0.TGZ", true],
    ["charts/a.tar.gz", true],
    ["charts/sub/a.tgz", false],
    ["a.tgz", false],
    ["charts/a.tgz.orig", false],
  ])("%s → %s", (path, want) => {
    expect(isExpandableArchive(path)).toBe(want);
  });
});

describe("archiveFolder", () => {
  const show = (n: TreeNode): unknown =>
    n.kind === "file" ? n.path : { [n.path]: n.children.map(show) };

  it("nests an archive's inner files under the archive's own path", () => {
    const inner = new Map([
      ["Chart.yaml", new Uint8Array(3)],
      ["templates/deployment.yaml", new Uint8Array(5)],
      ["templates/_helpers.tpl", new Uint8Array(7)],
    ]);
    const folder = archiveFolder("charts/app-1.0.0.tgz", inner);
    expect([folder.path, folder.fileCount, folder.size]).toEqual([
      "charts/app-1.0.0.tgz",
      3,
      15,
    ]);
    expect(folder.children.map(show)).toEqual([
      {
        "charts/app-1.0.0.tgz/templates": [
          "charts/app-1.0.0.tgz/templates/_helpers.tpl",
          "charts/app-1.0.0.tgz/templates/deployment.yaml",
        ],
      },
      "charts/app-1.0.0.tgz/Chart.yaml",
    ]);
  });

  it("is an empty folder for an empty archive", () => {
    expect(archiveFolder("charts/a.tgz", new Map()).children).toEqual([]);
  });
});
