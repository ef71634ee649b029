import { describe, expect, it } from "vitest";

import { concatBytes } from "@/pack/bytes";

describe("concatBytes", () => {
  it("joins the parts in order, with the counted total or without it", () => {
    const parts = [Uint8Array.of(1, 2), new Uint8Array(), Uint8Array.of(3)];
    expect([...concatBytes(parts)]).toEqual([1, 2, 3]);
    expect([...concatBytes(parts, 3)]).toEqual([1, 2, 3]);
    expect(concatBytes([]).length).toBe(0);
  });

  it("gives an array with a buffer of its own, even from one part of a larger buffer", () => {
    const shared = new Uint8Array(64).fill(7);
    const part = shared.subarray(8, 12);
    const out = concatBytes([part]);
    expect(out).not.toBe(part);
    expect(out.buffer).not.toBe(shared.buffer);
    expect(out.buffer.byteLength).toBe(4);
    shared.fill(0);
    expect([...out]).toEqual([7, 7, 7, 7]);
  });
});
