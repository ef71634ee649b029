import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { MAX_RICH_PREVIEW_BYTES, MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";

import { formatBytes, languageOf, previewOf } from "./file-kind";

const text = (s: string) => new TextEncoder().encode(s);
const png = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44,
  0x52, 0, 0, 0, 64, 0, 0, 0, 32,
]);

describe("previewOf", () => {
  it.each([
    [
      "values.yaml",
      text("a: 1"),
      { kind: "rich", text: "a: 1", language: "yaml" },
    ],
    ["pack.json", text("{}"), { kind: "rich", text: "{}", language: "json" }],
    [
      "NOTES.txt",
      text("hi"),
      { kind: "rich", text: "hi", language: "plaintext" },
    ],
    [
      "empty.yaml",
      new Uint8Array(),
      { kind: "rich", text: "", language: "yaml" },
    ],
    [
      "logo.png",
      png,
      { kind: "image", type: "a PNG image", width: 64, height: 32 },
    ],
    ["charts/a-1.0.0.tgz", gzipSync(text("x")), { kind: "chart" }],
    ["data.gz", gzipSync(text("x")), { kind: "binary", type: "a gzip file" }],
    [
      "nul.txt",
      Uint8Array.from([0x61, 0, 0x62]),
      { kind: "binary", type: "binary data (not UTF-8 text)" },
    ],
    [
      "latin1.txt",
      Uint8Array.from([0xe9, 0x20]),
      { kind: "binary", type: "binary data (not UTF-8 text)" },
    ],
  ])("%s", (path, bytes, want) => {
    expect(previewOf(path, bytes)).toEqual(want);
  });

  it("shows an SVG as its source text, never as an image", () => {
    expect(previewOf("logo.svg", text("<svg onload=alert(1)>")).kind).toBe(
      "rich",
    );
  });

  it("falls back to plain text above 1 MiB and describes text above 5 MiB", () => {
    expect(
      previewOf(
        "big.yaml",
        new Uint8Array(MAX_RICH_PREVIEW_BYTES + 1).fill(0x61),
      ).kind,
    ).toBe("plain");
    expect(
      previewOf(
        "huge.yaml",
        new Uint8Array(MAX_TEXT_PREVIEW_BYTES + 1).fill(0x61),
      ),
    ).toEqual({
      kind: "too-large",
      size: MAX_TEXT_PREVIEW_BYTES + 1,
    });
  });
});

describe("languageOf / formatBytes", () => {
  it("maps extensions case-insensitively", () => {
    expect(
      ["a.YML", "b.Json", "README.md", "x.tpl"].map((p) => languageOf(p)),
    ).toEqual(["yaml", "json", "markdown", "plaintext"]);
  });
  // Checked as YAML, a chart's valid templates showed a problem on every `{{ … }}` line (172 in
  // ambassador's projects.yaml) while the pack had none.
  it("YAML that Helm or Palette renders first is yaml-template: a chart's templates, any text with {{", () => {
    expect(languageOf("charts/x.tgz/templates/deployment.yaml")).toBe(
      "yaml-template",
    );
    expect(languageOf("templates/NOTES.yaml")).toBe("yaml-template");
    expect(
      languageOf("manifests/app.yaml", "image: {{ .Values.image }}\n"),
    ).toBe("yaml-template");
    // Either side of a diff.
    expect(languageOf("values.yaml", "a: 1\n", "a: '{{ x }}'\n")).toBe(
      "yaml-template",
    );
    expect(languageOf("values.yaml", "a: 1\n")).toBe("yaml");
    expect(languageOf("my-templates/a.yaml")).toBe("yaml");
    const templated = previewOf(
      "manifests/app.yaml",
      new TextEncoder().encode("kind: A\nname: {{ .Values.name }}\n"),
    );
    expect(templated).toMatchObject({
      kind: "rich",
      language: "yaml-template",
    });
  });
  it("formats sizes", () => {
    expect([0, 1023, 1536, 3 * 1024 * 1024].map(formatBytes)).toEqual([
      "0 B",
      "1023 B",
      "1.5 KiB",
      "3.0 MiB",
    ]);
  });
});
