import { describe, expect, it } from "vitest";

import { concatBytes, utf8Bytes } from "@/pack/bytes";

import { loadFixture } from "../helpers/fixtures";

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

describe("utf8Bytes", () => {
  const encode = (t: string) => new TextEncoder().encode(t);

  it.each([
    ["empty", ""],
    ["ASCII", "pack:\n  namespace: demo\n"],
    ["non-ASCII first", "é: 1\n"],
    ["non-ASCII last", "a: caf\u00e9"],
    ["a surrogate pair after ASCII", "emoji: \u{1F600} ok"],
    ["three-byte characters mid-text", "name: \u4e2d\u6587 and more ASCII"],
    ["a lone high surrogate", "broken: \ud800 then text"],
    ["a lone low surrogate at the end", "broken: \udc00"],
    ["U+007F and U+0080 side by side", "\u007f\u0080"],
  ])("%s: the bytes TextEncoder gives", (_, text) => {
    expect(utf8Bytes(text)).toEqual(encode(text));
  });

  it("gives TextEncoder's bytes for every text file of the real packs", async () => {
    let checked = 0;
    for (const dir of [
      "pack-central/argocd-3.26.7",
      "pack-central/kubevirt-0.55.0",
      "pack-central/hello-universe-1.3.1",
    ]) {
      const files = await loadFixture(dir);
      for (const [path, bytes] of files) {
        if (!/\.(ya?ml|json|md)$/.test(path)) continue;
        const text = new TextDecoder().decode(bytes);
        expect(utf8Bytes(text), path).toEqual(encode(text));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
