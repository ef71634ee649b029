import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareVersions,
  highestFirst,
  isPrerelease,
  isSemver,
  latestVersion,
  sortHighestFirst,
  versionChange,
} from "../../src/pack/semver-order";
import { FIXTURES, fixtureDirsOnDisk } from "../helpers/fixtures";

/** The `version` of every real pack.json in test/fixtures, as written. */
const fixtureVersions = fixtureDirsOnDisk().map((dir) => {
  const pj = JSON.parse(
    readFileSync(join(FIXTURES, dir, "pack.json"), "utf8"),
  ) as { version: string };
  return pj.version;
});

/**
 * Every version string the real packs use, with its verdict. A new fixture with a new version
 * string fails the first test until it is classified here.
 */
const CLASSIFIED: Record<string, "release" | "prerelease" | "not semver"> = {
  "0.7.8": "release",
  "0.9.0": "release",
  "0.10.0": "release",
  "0.12.0": "release",
  "0.16.7": "release",
  // Semver says the part after `-` is a prerelease, whatever pack-central meant by the date.
  "0.30.0-5.5.2026": "prerelease",
  "0.55.0": "release",
  "1.0.0": "release",
  "1.0.1": "release",
  "1.0.10": "release",
  "1.1.3": "release",
  "1.3.1": "release",
  "1.4.3": "release",
  // Two numbers: not semver.
  "1.5": "not semver",
  "1.5.1": "release",
  "1.7.6": "release",
  "1.9.0": "release",
  "1.9.2": "release",
  "1.12.2": "release",
  "1.13.684": "release",
  "2.3.0": "release",
  "2.9.0": "release",
  "3.4.0": "release",
  "3.9.0": "release",
  "3.11.0": "release",
  "3.17.4": "release",
  "3.26.7": "release",
  "4.0.1": "release",
  "4.0.13": "release",
  "4.13.2": "release",
  "6.6.0": "release",
  "25.7.0": "release",
  "25.8.1": "release",
  "25.10.1": "release",
  // A leading zero in a number is forbidden by SemVer 2.0.0 §2.
  "26.02.1": "not semver",
  // semver.org FAQ: "v1.2.3" is not a semantic version (node-semver would accept it).
  "v1.12.0": "not semver",
};

describe("version order over the real fixtures", () => {
  it("classifies every version string the fixtures use", () => {
    expect(fixtureVersions.length).toBeGreaterThan(35);
    for (const v of fixtureVersions) {
      const verdict = CLASSIFIED[v];
      expect(verdict, `fixture version ${v} is not classified`).toBeDefined();
      expect(isSemver(v), v).toBe(verdict !== "not semver");
      expect(isPrerelease(v), v).toBe(verdict === "prerelease");
    }
  });

  it("sorts them highest first: numbers numerically, the prerelease below its release, non-semver last by string", () => {
    const unique = [...new Set(fixtureVersions)];
    // Also the release the prerelease belongs to, and a version just below it.
    const sorted = sortHighestFirst([...unique, "0.30.0", "0.29.9"].reverse());
    expect(sorted).toEqual([
      "25.10.1",
      "25.8.1",
      "25.7.0",
      "6.6.0",
      "4.13.2",
      "4.0.13",
      "4.0.1",
      "3.26.7",
      "3.17.4",
      "3.11.0",
      "3.9.0",
      "3.4.0",
      "2.9.0",
      "2.3.0",
      "1.13.684",
      "1.12.2",
      "1.9.2",
      "1.9.0",
      "1.7.6",
      "1.5.1",
      "1.4.3",
      "1.3.1",
      "1.1.3",
      "1.0.10",
      "1.0.1",
      "1.0.0",
      "0.55.0",
      "0.30.0",
      "0.30.0-5.5.2026",
      "0.29.9",
      "0.16.7",
      "0.12.0",
      "0.10.0",
      "0.9.0",
      "0.7.8",
      // Not semver, by string, highest first: `v` > `2` > `1` in code-unit order.
      "v1.12.0",
      "26.02.1",
      "1.5",
    ]);
  });

  it("is a total order: antisymmetric, zero only for equal strings, transitive over the fixtures", () => {
    const all = [
      ...new Set([
        ...fixtureVersions,
        "1.0.0-rc.1",
        "1.0.0+build.1",
        "1.0.0+build.2",
        "",
        "latest",
        "1.0",
        "01.0.0",
        " 1.0.0",
      ]),
    ];
    for (const a of all)
      for (const b of all) {
        const ab = Math.sign(compareVersions(a, b));
        expect(ab + Math.sign(compareVersions(b, a)), `${a} vs ${b}`).toBe(0);
        if (a !== b) expect(ab, `${a} vs ${b}`).not.toBe(0);
      }
    const sorted = [...all].sort(compareVersions);
    for (let i = 0; i + 1 < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        expect(compareVersions(sorted[i]!, sorted[j]!)).toBeLessThan(0);
  });
});

describe("compareVersions edge cases", () => {
  it.each([
    // [lower, higher]
    ["1.9.0", "1.10.0"],
    ["1.0.0-rc.1", "1.0.0"],
    ["1.0.0-0.3.7", "1.0.0"],
    // The precedence example of SemVer 2.0.0 §11, pair by pair.
    ["1.0.0-alpha", "1.0.0-alpha.1"],
    ["1.0.0-alpha.1", "1.0.0-alpha.beta"],
    ["1.0.0-alpha.beta", "1.0.0-beta"],
    ["1.0.0-beta", "1.0.0-beta.2"],
    ["1.0.0-beta.2", "1.0.0-beta.11"],
    ["1.0.0-beta.11", "1.0.0-rc.1"],
    ["1.0.0-rc.1", "1.0.0"],
    ["0.9.9", "1.0.0-alpha"],
    // Every non-semver version is below every semver one, even a "bigger looking" one.
    ["v9.9.9", "0.0.1"],
    ["99.1", "0.0.1-alpha"],
    ["26.02.1", "1.0.0"],
    // Build metadata has no precedence; the strings still order so sorting is deterministic.
    ["1.0.0+build.1", "1.0.0+build.2"],
    // Non-semver among themselves: by code unit (not numeric, not locale).
    ["1.10", "1.9"],
    ["V1", "v1"],
  ])("%s < %s", (lower, higher) => {
    expect(compareVersions(lower, higher)).toBeLessThan(0);
    expect(compareVersions(higher, lower)).toBeGreaterThan(0);
    expect([higher, lower].sort(highestFirst)).toEqual([higher, lower]);
    expect([lower, higher].sort(highestFirst)).toEqual([higher, lower]);
  });

  it("treats blanks, a `v` or `=` prefix and leading zeros as not semver", () => {
    for (const v of [" 1.0.0", "1.0.0 ", "v1.0.0", "=1.0.0", "01.0.0", "1.0"])
      expect(isSemver(v), JSON.stringify(v)).toBe(false);
    expect(isSemver("1.0.0+build.1")).toBe(true);
    expect(isPrerelease("1.0.0+build.1")).toBe(false);
  });
});

describe("latestVersion", () => {
  it.each([
    [["1.0.0", "2.0.0", "1.5.0"], "2.0.0"],
    // A prerelease is never latest, even when it is the highest.
    [["1.0.0", "2.0.0-rc.1"], "1.0.0"],
    // A non-semver version is not a prerelease: it qualifies, below every semver release.
    [["1.5", "1.0.0-rc.1"], "1.5"],
    [["1.5", "0.1.0"], "0.1.0"],
    [["1.5", "26.02.1"], "26.02.1"],
    // Only prereleases: the contract's latest does not exist.
    [["0.30.0-5.5.2026"], null],
    [["1.0.0-alpha", "1.0.0-beta"], null],
    [[], null],
  ])("of %j is %s", (versions, latest) => {
    expect(latestVersion(versions)).toBe(latest);
  });
});

describe("versionChange", () => {
  it.each([
    ["1.0.0", "2.0.0", "upgrade"],
    ["2.0.0", "1.0.0", "downgrade"],
    ["1.0.0", "1.0.0-rc.1", "downgrade"],
    ["1.3.1", "1.3.2-review", "upgrade"],
    ["1.0.0", "1.0.0", "same"],
    // Non-semver on either side: its place is a convention, so no claim is made.
    ["1.0.0", "1.5", "unknown"],
    ["v1.12.0", "v1.11.0", "unknown"],
  ] as const)("%s → %s is %s", (from, to, change) => {
    expect(versionChange(from, to)).toBe(change);
  });
});
