import { expect, it } from "vitest";

import { fileTree, formatSize } from "@/features/wizard/model/file-tree";

it("nests files in folders, folders first, with sizes added up", () => {
  const files = new Map([
    ["pack.json", new Uint8Array(10)],
    ["charts/b.tgz", new Uint8Array(100)],
    ["charts/a.tgz", new Uint8Array(50)],
    ["README.md", new Uint8Array(5)],
  ]);
  const tree = fileTree(files);
  expect(tree.size).toBe(165);
  expect(tree.children.map((c) => `${c.kind}:${c.name}:${c.size}`)).toEqual([
    "folder:charts:150",
    "file:README.md:5",
    "file:pack.json:10",
  ]);
  const charts = tree.children[0];
  expect(
    charts?.kind === "folder" && charts.children.map((c) => c.name),
  ).toEqual(["a.tgz", "b.tgz"]);
});

it("formats sizes", () => {
  expect([
    formatSize(512),
    formatSize(8600),
    formatSize(1.5 * 1024 * 1024),
  ]).toEqual(["512 B", "8.4 KB", "1.5 MB"]);
});
