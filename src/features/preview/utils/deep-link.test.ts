import { describe, expect, it } from "vitest";

import type { Finding } from "@/pack/finding";

import {
  findingAction,
  packLocationSearch,
  readPackLocation,
  type PackLocation,
} from "./deep-link";

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
    ["?tab=images", { tab: "images" }, "?tab=images"],
    // A local pack's comparison: the registry version it is compared with.
    [
      "?tab=compare&with=2.3.0%2Bbuild",
      { tab: "compare", with: "2.3.0+build" },
      "?tab=compare&with=2.3.0%2Bbuild",
    ],
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

describe("findingAction", () => {
  const files = new Map([
    ["values.yaml", new Uint8Array()],
    ["pack.json", new Uint8Array()],
    ["charts/app-1.0.0.tgz", new Uint8Array()],
  ]);
  const href = (l: PackLocation) => packLocationSearch(l);
  const finding = (f: Partial<Finding>): Finding => ({
    code: "X",
    severity: "warning",
    message: "m",
    ...f,
  });

  it.each([
    [
      { file: "values.yaml", line: 3 },
      "values.yaml:3",
      "?file=values.yaml&line=3",
    ],
    [
      { file: "values.yaml", path: "a.b" },
      "values.yaml",
      "?file=values.yaml&path=a.b",
    ],
    // A value path means nothing in a file that is not YAML: the link is to the file.
    [{ file: "pack.json", path: "name" }, "pack.json", "?file=pack.json"],
    [
      { file: "charts/app-1.0.0.tgz/cert/tls.key", line: 1 },
      "charts/app-1.0.0.tgz/cert/tls.key:1",
      "?file=charts%2Fapp-1.0.0.tgz%2Fcert%2Ftls.key&line=1",
    ],
  ])("%j links to %s", (f, label, search) => {
    expect(findingAction(finding(f), files, href)).toEqual({
      label,
      href: search,
    });
  });

  it.each([
    [{}],
    [{ file: "README.md" }],
    [{ file: "charts/other-1.0.0.tgz/Chart.yaml", line: 1 }],
  ])("%j has nothing to link to", (f) => {
    expect(findingAction(finding(f), files, href)).toBeNull();
  });
});
