import { describe, expect, it } from "vitest";

import {
  furthest,
  navReducer,
  stepStatuses,
} from "@/features/wizard/model/navigation";

describe("navReducer", () => {
  const start = { step: "basics" as const, visited: [] };

  it("next and back move one step and remember what was visited", () => {
    const a = navReducer(start, { type: "next" });
    expect(a).toEqual({ step: "content", visited: ["basics", "content"] });
    const b = navReducer(a, { type: "back" });
    expect(b.step).toBe("basics");
    expect(furthest(b)).toBe("content");
  });

  it("does not go past either end", () => {
    expect(navReducer(start, { type: "back" }).step).toBe("basics");
    const end = { step: "publish" as const, visited: [] };
    expect(navReducer(end, { type: "next" }).step).toBe("publish");
  });

  it("jumps back freely, and forward only as far as reached before", () => {
    const s = navReducer(navReducer(start, { type: "next" }), { type: "next" });
    const back = navReducer(s, { type: "go", step: "basics" });
    expect(back.step).toBe("basics");
    expect(navReducer(back, { type: "go", step: "logo" }).step).toBe("logo");
    expect(navReducer(s, { type: "go", step: "values" })).toBe(s);
  });
});

describe("stepStatuses", () => {
  it("is computed from validity, core errors and visits", () => {
    const s = {
      step: "logo" as const,
      visited: ["basics", "content", "logo"] as const,
    };
    const st = stepStatuses(
      { step: s.step, visited: [...s.visited] },
      (step) => step !== "content",
      new Set(["basics"] as const),
    );
    expect(st).toEqual({
      basics: "error",
      content: "error",
      logo: "current",
      values: "upcoming",
      review: "upcoming",
      publish: "upcoming",
    });
  });
});
