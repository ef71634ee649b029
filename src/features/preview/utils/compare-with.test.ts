import { describe, expect, it } from "vitest";

import {
  compareSides,
  defaultCompareWith,
  defaultLocalCompareWith,
} from "./compare-with";
import { shortDigest, versionLabel } from "./version-label";

// Highest first, as the API lists them.
const VERSIONS = ["2.1.0-rc.1", "2.0.0", "1.10.0", "1.9.0", "26.02.1", "1.5"];

describe("defaultCompareWith", () => {
  it.each([
    ["2.1.0-rc.1", "2.0.0"],
    ["2.0.0", "1.10.0"],
    // Not 1.9.0 by upload order or string order: the next lower semver version.
    ["1.10.0", "1.9.0"],
    // Non-semver versions sort below every semver one.
    ["1.9.0", "26.02.1"],
    ["26.02.1", "1.5"],
    // The lowest has nothing below: the closest higher one.
    ["1.5", "26.02.1"],
  ])("on %s offers %s first", (current, expected) => {
    expect(defaultCompareWith(VERSIONS, current)).toBe(expected);
  });

  it("offers nothing when the pack has one version", () => {
    expect(defaultCompareWith(["1.0.0"], "1.0.0")).toBeUndefined();
  });
});

describe("defaultLocalCompareWith", () => {
  it.each([
    // The registry holds the version on disk: is the file what the registry serves?
    ["2.0.0", "2.0.0"],
    ["26.02.1", "26.02.1"],
    // A new version: the one it would follow.
    ["2.0.1", "2.0.0"],
    ["1.9.5", "1.9.0"],
    // Non-semver versions sort below every semver one.
    ["1.0.0", "26.02.1"],
    // Lower than every version: the closest higher one.
    ["1.4", "1.5"],
  ])("a local %s is compared with %s first", (local, expected) => {
    expect(defaultLocalCompareWith(VERSIONS, local)).toBe(expected);
  });

  it("without a version in pack.json, the highest; with no versions, none", () => {
    expect(defaultLocalCompareWith(VERSIONS, undefined)).toBe("2.1.0-rc.1");
    expect(defaultLocalCompareWith([], "1.0.0")).toBeUndefined();
  });
});

describe("compareSides", () => {
  it("puts the lower version on the left whichever page it starts from", () => {
    expect(compareSides("1.10.0", "1.9.0")).toEqual(["1.9.0", "1.10.0"]);
    expect(compareSides("1.9.0", "1.10.0")).toEqual(["1.9.0", "1.10.0"]);
    expect(compareSides("1.0.0", "1.0.0-rc.1")).toEqual([
      "1.0.0-rc.1",
      "1.0.0",
    ]);
  });
});

describe("versionLabel and shortDigest", () => {
  it("marks the latest and the shown version", () => {
    expect(versionLabel("2.0.0", "2.0.0", "2.0.0")).toBe(
      "2.0.0 (latest, shown)",
    );
    expect(versionLabel("2.1.0-rc.1", "2.0.0")).toBe("2.1.0-rc.1");
    expect(versionLabel("1.0.0", null, "1.0.0")).toBe("1.0.0 (shown)");
  });

  it("keeps the algorithm and 12 hex digits", () => {
    expect(shortDigest(`sha256:${"ab".repeat(32)}`)).toBe(
      "sha256:abababababab",
    );
    expect(shortDigest("0123456789abcdef")).toBe("0123456789ab");
  });
});
