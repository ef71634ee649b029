import { describe, expect, it } from "vitest";

import {
  buildFileTree,
  parentFolders,
  type TreeNode,
} from "../../src/pack/file-tree";

const show = (n: TreeNode): unknown =>
  n.kind === "file"
    ? n.name
    : { [`${n.name}/ (${n.fileCount})`]: n.children.map(show) };

describe("buildFileTree", () => {
  it("nests folders, folders first, each level in byte order", () => {
    const tree = buildFileTree(
      [
        "values.yaml",
        "charts/b.tgz",
        "README.md",
        "charts/a/Chart.yaml",
        "charts/a/templates/x.yaml",
        "pack.json",
      ].map((path) => ({ path, size: 1 })),
    );
    expect(tree.fileCount).toBe(6);
    expect(tree.children.map(show)).toEqual([
      {
        "charts/ (3)": [
          { "a/ (2)": [{ "templates/ (1)": ["x.yaml"] }, "Chart.yaml"] },
          "b.tgz",
        ],
      },
      "README.md",
      "pack.json",
      "values.yaml",
    ]);
  });

  it("keeps a file named like an object key as an ordinary file", () => {
    const tree = buildFileTree([
      { path: "__proto__", size: 0 },
      { path: "constructor/x", size: 0 },
    ]);
    expect(tree.children.map(show)).toEqual([
      { "constructor/ (1)": ["x"] },
      "__proto__",
    ]);
  });
});

describe("parentFolders", () => {
  it("lists the folders holding a path, outermost first", () => {
    expect(parentFolders("charts/a/b.yaml")).toEqual(["charts", "charts/a"]);
    expect(parentFolders("pack.json")).toEqual([]);
  });
});
