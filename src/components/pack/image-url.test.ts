import { describe, expect, it } from "vitest";

import { imageDataUrl } from "./image-url";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("imageDataUrl", () => {
  it("inlines a PNG by its bytes", () => {
    expect(imageDataUrl(Uint8Array.from(PNG))).toBe(
      `data:image/png;base64,${Buffer.from(PNG).toString("base64")}`,
    );
  });

  it("refuses SVG, unknown bytes, nothing and oversized images", () => {
    expect(
      imageDataUrl(new TextEncoder().encode("<svg onload=alert(1)>")),
    ).toBeNull();
    expect(imageDataUrl(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(imageDataUrl(undefined)).toBeNull();
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(PNG);
    expect(imageDataUrl(big)).toBeNull();
  });

  it("encodes a large image in chunks without overflowing the stack", () => {
    const bytes = new Uint8Array(300_000).fill(7);
    bytes.set(PNG);
    expect(imageDataUrl(bytes)?.length).toBeGreaterThan(400_000);
  });
});
