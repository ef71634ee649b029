import { describe, expect, it } from "vitest";

import { targetLine } from "./target-line";

describe("targetLine", () => {
  const yaml = "a:\n  b:\n    c: 1\n  list:\n    - x: 1\n    - x: 2\nz: 3\n";
  it.each([
    [{ path: "a.b.c" }, 3],
    [{ path: "z" }, 7],
    [{ path: "a.list.1.x" }, 6],
    [{ path: "a.list.$[].x" }, 5],
    // A missing key lands on its parent entry, at the parent's key (`b:`), as findings do.
    [{ path: "a.b.missing" }, 2],
    [{ line: 4 }, 4],
  ])("%j → line %i", (target, want) => {
    expect(targetLine(yaml, "values.yaml", target)).toBe(want);
  });

  it("uses the line alone for files that are not YAML", () => {
    expect(targetLine('{"a":1}', "pack.json", { path: "a", line: 9 })).toBe(9);
  });
});
