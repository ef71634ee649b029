import { describe, expect, it } from "vitest";

import { packLocationSearch, readPackLocation, targetLine } from "./deep-link";

const loc = (s: string) => readPackLocation(new URLSearchParams(s));

describe("readPackLocation / packLocationSearch", () => {
  it.each([
    ["", { tab: "overview" }, ""],
    [
      "?file=values.yaml&path=a.b",
      { tab: "files", file: "values.yaml", path: "a.b" },
      "?file=values.yaml&path=a.b",
    ],
    ["?tab=findings", { tab: "findings" }, "?tab=findings"],
    ["?tab=nope&line=-3", { tab: "overview" }, ""],
    [
      "?tab=schema&file=x.yaml&line=7",
      { tab: "schema", file: "x.yaml", line: 7 },
      "?tab=schema&file=x.yaml&line=7",
    ],
  ])("%s", (search, want, back) => {
    expect(loc(search)).toEqual(want);
    expect(packLocationSearch(loc(search))).toBe(back);
  });

  it("round-trips a path with characters that need escaping", () => {
    const l = {
      tab: "files" as const,
      file: "charts/a b&c.yaml",
      path: "x.$[].y",
    };
    expect(loc(packLocationSearch(l))).toEqual(l);
  });
});

describe("targetLine", () => {
  const yaml = "a:\n  b:\n    c: 1\n  list:\n    - x: 1\n    - x: 2\nz: 3\n";
  it.each([
    [{ path: "a.b.c" }, 3],
    [{ path: "z" }, 7],
    [{ path: "a.list.1.x" }, 6],
    [{ path: "a.list.$[].x" }, 5],
    [{ path: "a.b.missing" }, 3],
    [{ line: 4 }, 4],
  ])("%j → line %i", (target, want) => {
    expect(targetLine(yaml, "values.yaml", target)).toBe(want);
  });

  it("uses the line alone for files that are not YAML", () => {
    expect(targetLine('{"a":1}', "pack.json", { path: "a", line: 9 })).toBe(9);
  });
});
