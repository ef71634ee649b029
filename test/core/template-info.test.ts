import { describe, expect, it } from "vitest";
import { listTemplates } from "../../src/cli/init";
import type { PackFiles } from "../../src/pack/pack-files";
import {
  sampleValueLines,
  type SampleValue,
  templateInfo,
} from "../../src/pack/template-info";
import { SEED_TEMPLATES, seedJson, templateOnDisk } from "../helpers/seeds";

// `packsmith init` found the documentation's sample values (an AMI, a vCenter path, a password)
// with line regexes over key names of its own. Each template's template.json names them now, by
// path, with what to put there instead; the core reads and locates them.

const utf8 = (s: string) => new TextEncoder().encode(s);
const PACK_JSON = utf8('{ "layer": "os" }');
const info = (templateJson: unknown) =>
  templateInfo("t", utf8(JSON.stringify(templateJson)), PACK_JSON);

const sample = (over: Partial<SampleValue> = {}): SampleValue => ({
  file: "pack.json",
  path: "annotations.imageId",
  replaceWith: "your AMI's id",
  ...over,
});

const templates = listTemplates();
if (!templates.ok) throw new Error(templates.error);

/** The value at dotted `path` in `root`, or undefined. */
const at = (root: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, k) =>
        v && typeof v === "object"
          ? (v as Record<string, unknown>)[k]
          : undefined,
      root,
    );

describe("templateInfo", () => {
  it("reads the sample values, none when template.json names none", () => {
    const withSamples = info({
      title: "T",
      description: "D",
      sampleValues: [sample()],
    });
    expect(withSamples.ok && withSamples.value.sampleValues).toEqual([
      sample(),
    ]);
    const without = info({ title: "T", description: "D" });
    expect(without.ok && without.value.sampleValues).toEqual([]);
  });

  it.each([
    [
      "a file other than pack.json and values.yaml",
      sample({ file: "README.md" as "pack.json" }),
      "`sampleValues.0.file`",
    ],
    [
      "an empty path segment",
      sample({ path: "annotations..imageId" }),
      "`sampleValues.0.path` must be a dotted path of keys",
    ],
    [
      "nothing to put there",
      sample({ replaceWith: "" }),
      "`sampleValues.0.replaceWith`",
    ],
  ])("refuses a sample value with %s, naming it", (_, bad, named) => {
    const r = info({ title: "T", description: "D", sampleValues: [bad] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(`templates/t/template.json: ${named}`);
  });
});

describe("sampleValueLines", () => {
  const pack: PackFiles = new Map([
    [
      "pack.json",
      utf8('{\n  "annotations": {\n    "imageId": "ami-1"\n  }\n}\n'),
    ],
    [
      "values.yaml",
      utf8("manifests:\n  app:\n    # the login\n    password: x\n"),
    ],
  ]);

  it("gives each sample value's line, in template.json's order", () => {
    const samples = [
      sample({ file: "values.yaml", path: "manifests.app.password" }),
      sample(),
    ];
    expect(sampleValueLines(samples, pack).map((s) => s.line)).toEqual([4, 3]);
  });

  it.each([
    [
      "a path the file does not hold",
      sample({ path: "annotations.imageOwner" }),
      pack,
    ],
    [
      "a YAML path whose parent alone is there",
      sample({ file: "values.yaml", path: "manifests.app.user" }),
      pack,
    ],
    ["a file the pack does not hold", sample(), new Map<string, Uint8Array>()],
    [
      "a pack.json that does not parse",
      sample(),
      new Map([["pack.json", utf8("{")]]),
    ],
  ])("gives no line for %s", (_, s, files) =>
    expect(sampleValueLines([s], files)).toEqual([s]),
  );
});

describe.each(templates.value.map((t) => [t.id, t] as const))(
  "template %s",
  (id, t) => {
    const text = (pack: PackFiles, file: string) =>
      new TextDecoder().decode(pack.get(file));

    it("each sample value is in its pack, and a pack.json one is the documentation's", async () => {
      const pack = await templateOnDisk(id);
      const seed = seedJson(SEED_TEMPLATES[id]!);
      const packJson: unknown = JSON.parse(text(pack, "pack.json"));
      for (const s of sampleValueLines(t.sampleValues, pack)) {
        expect(s.line, s.path).toBeGreaterThan(0);
        if (s.file === "pack.json") {
          expect(at(seed, s.path), s.path).toEqual(expect.any(String));
          expect(at(packJson, s.path), s.path).toBe(at(seed, s.path));
        }
      }
    });

    it("every chart archive its values.yaml or README names is one its pack.json lists", async () => {
      const pack = await templateOnDisk(id);
      const listed = at(JSON.parse(text(pack, "pack.json")), "charts") ?? [];
      for (const file of ["values.yaml", "README.md"])
        for (const [named] of text(pack, file).matchAll(
          /charts\/[\w.-]+\.tgz/g,
        ))
          expect(listed, `${file} names ${named}`).toContain(named);
    });
  },
);
