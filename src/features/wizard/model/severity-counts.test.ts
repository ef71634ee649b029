import { describe, expect, it } from "vitest";

import { severityCounts } from "@/features/wizard/model/severity-counts";
import type { Severity } from "@/pack/finding";

const of = (...s: Severity[]) => s.map((severity) => ({ severity }));

describe("severityCounts", () => {
  it.each([
    [of(), ""],
    [of("error"), "1 error"],
    [of("error", "error"), "2 errors"],
    [of("warning", "warning", "warning"), "3 warnings"],
    [of("info"), "1 info"],
    [of("warning", "error"), "1 error and 1 warning"],
    [
      of("info", "info", "warning", "error", "warning"),
      "1 error, 2 warnings and 2 info",
    ],
  ])("%j → %s", (items, words) => {
    expect(severityCounts(items)).toBe(words);
  });
});
