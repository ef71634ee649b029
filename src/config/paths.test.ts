import { describe, expect, it } from "vitest";

import { matchRoute, paths } from "./paths";

describe("compare paths", () => {
  it.each([
    [["argo-cd", "1.0.0", "1.1.0"], "/packs/argo-cd/compare/1.0.0...1.1.0"],
    [
      ["argo-cd", "1.0.0", "2.0.0", "argocd-next"],
      "/packs/argo-cd/compare/1.0.0...argocd-next:2.0.0",
    ],
    [["a", "1.0.0", "1.0.0", "a"], "/packs/a/compare/1.0.0...1.0.0"],
    [["a", "x:1", "y/2", "b"], "/packs/a/compare/x%3A1...b:y%2F2"],
  ] as const)("%j is %s and reads back", (args, url) => {
    const [name, from, to, other] = args;
    expect(paths.compare(name, from, to, other)).toBe(url);
    expect(matchRoute(url)).toEqual({
      route: "compare",
      name,
      from,
      to,
      toName: other ?? name,
    });
  });

  it.each([
    "/packs/a/compare/1.0.0",
    "/packs/a/compare/...1.0.0",
    "/packs/a/compare/1.0.0...",
    "/packs/a/compare/1.0.0...b:",
    "/packs/a/compare/1.0.0...:2.0.0",
    "/packs/a/compare/1.0.0...%E0%A4%A:2",
  ])("%s is not a comparison", (url) => {
    expect(matchRoute(url)).toEqual({ route: "not-found" });
  });
});
