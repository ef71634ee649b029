import { expect, it } from "vitest";

import { makePng, pngHeaderOnly } from "../../../../test/gen/png";
import { checkLogo } from "@/features/wizard/model/logo-check";

const enc = (s: string) => new TextEncoder().encode(s);

it.each([
  [
    "a real PNG",
    makePng(128, 128),
    { kind: "png", width: 128, height: 128, large: false },
  ],
  [
    "a big PNG",
    makePng(600, 600),
    { kind: "png", width: 600, height: 600, large: true },
  ],
  [
    "a JPEG",
    Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0),
    { kind: "convert", format: "jpeg" },
  ],
  [
    "an SVG named .png",
    enc(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    { kind: "convert", format: "svg" },
  ],
])("%s", (_, bytes, verdict) => {
  expect(checkLogo(bytes, "logo.png")).toEqual(verdict);
});

it.each([
  ["an image bomb", pngHeaderOnly(20000, 20000), "image too large"],
  ["a text file", enc("hello"), "not an image"],
  ["a PDF", enc("%PDF-1.4"), "a PDF document, not an image"],
])("refuses %s", (_, bytes, message) => {
  const v = checkLogo(bytes, "x.png");
  expect(v.kind).toBe("refuse");
  expect(v.kind === "refuse" && v.message).toContain(message);
});

it.each([
  [
    "a text file",
    enc("hello"),
    "notimage.png is not an image: use a PNG (or a JPEG, WebP, GIF or SVG to convert)",
  ],
  [
    "a PDF",
    enc("%PDF-1.4"),
    "notimage.png is a PDF document, not an image: use a PNG (or a JPEG, WebP, GIF or SVG to convert)",
  ],
])(
  "says once what %s is, and names every format it converts",
  (_, bytes, message) => {
    expect(checkLogo(bytes, "notimage.png")).toEqual({
      kind: "refuse",
      message,
    });
  },
);

it("converts each format the refusal names", () => {
  const gif = enc("GIF89a\x01\x00\x01\x00");
  const webp = enc("RIFF\0\0\0\0WEBPVP8 ");
  expect([gif, webp].map((b) => checkLogo(b, "logo.png"))).toEqual([
    { kind: "convert", format: "gif" },
    { kind: "convert", format: "webp" },
  ]);
});
