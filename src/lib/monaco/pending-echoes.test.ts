import { describe, expect, it } from "vitest";

import { PendingEchoes } from "./pending-echoes";

describe("PendingEchoes", () => {
  it("takes an older hand-on coming back after a newer one for the editor's own, as the 100 MB pack's render did", () => {
    const echoes = new PendingEchoes();
    echoes.sent("a: 1\nb");
    echoes.sent("a: 1\nb: 2");
    echoes.sent("a: 1\nb: 2\nc");
    // The render shows the first of three: ours, and nothing to replace.
    expect(echoes.settle("a: 1\nb")).toBe(true);
    // Then the newest: ours too (the middle one was settled with it, never to be waited for).
    expect(echoes.settle("a: 1\nb: 2\nc")).toBe(true);
    expect(echoes.settle("a: 1\nb: 2")).toBe(false);
  });

  it("settles the first of two equal texts (a key, then Backspace), so the one between is still its own", () => {
    const echoes = new PendingEchoes();
    echoes.sent("x");
    echoes.sent("xy");
    echoes.sent("x");
    echoes.sent("xz");
    expect(echoes.settle("x")).toBe(true);
    expect(echoes.settle("xy")).toBe(true);
    expect(echoes.settle("x")).toBe(true);
    expect(echoes.settle("xz")).toBe(true);
  });

  it("takes a text it never sent for a change from outside, before and after it sent any", () => {
    const echoes = new PendingEchoes();
    expect(echoes.settle("from the draft")).toBe(false);
    echoes.sent("typed");
    expect(echoes.settle("formatted")).toBe(false);
    // Still awaited: an outside change the editor applied is what clears it.
    expect(echoes.settle("typed")).toBe(true);
  });

  it("awaits nothing once cleared (an outside change replaced the text, or the model changed)", () => {
    const echoes = new PendingEchoes();
    echoes.sent("x");
    echoes.clear();
    expect(echoes.settle("x")).toBe(false);
  });

  it("finds a text equal to one it sent even when it is another string object", () => {
    const echoes = new PendingEchoes();
    const big = "k: v\n".repeat(200_000);
    echoes.sent(big);
    expect(echoes.settle(`${big.slice(0, 10)}${big.slice(10)}`)).toBe(true);
  });
});
