import { describe, expect, it } from "vitest";

import { targetPlace } from "./target-line";

describe("targetPlace", () => {
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
    expect(targetPlace(yaml, "values.yaml", target).line).toBe(want);
  });

  it("uses the line alone for files that are not YAML", () => {
    expect(targetPlace('{"a":1}', "pack.json", { path: "a", line: 9 })).toEqual(
      { line: 9 },
    );
  });

  // A deep link to a value the file lacks lands on its nearest part, and says which part that is.
  it.each([
    [{ path: "a.b.c" }, undefined],
    [{ path: "a.list.$[].x" }, undefined],
    [{ path: "a.b.missing" }, "a.b"],
    [{ path: "a.nope.deeper" }, "a"],
    [{ path: "a.list.7" }, "a.list"],
    [{ path: "nope" }, ""],
    [{ line: 4 }, undefined],
  ])("%j → nearest %j", (target, nearest) => {
    expect(targetPlace(yaml, "values.yaml", target).nearest).toBe(nearest);
  });
});
