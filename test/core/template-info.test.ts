import { describe, expect, it } from "vitest";
import { listTemplates } from "../../src/cli/init";
import type { PackFiles } from "../../src/pack/pack-files";
import {
  sampleValueLines,
  type SampleValue,
  templateInfo,
  templateSamples,
} from "../../src/pack/template-info";
import { validatePack } from "../../src/pack/validate";
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

describe("templateSamples", () => {
  const pack: PackFiles = new Map([
    ["pack.json", utf8('{ "annotations": { "imageId": "ami-1", "n": null } }')],
    ["values.yaml", utf8("manifests:\n  app:\n    password: x\n")],
  ]);

  it("gives each sample value with the template's value there, leaving out one it lacks", () => {
    const samples = [
      sample(),
      sample({ path: "annotations.n" }),
      sample({ path: "annotations.imageOwner" }),
      sample({ file: "values.yaml", path: "manifests.app.password" }),
      sample({ file: "values.yaml", path: "manifests.app.password.x" }),
    ];
    expect(templateSamples(samples, pack)).toEqual([
      { ...sample(), value: "ami-1" },
      { ...sample({ path: "annotations.n" }), value: null },
      {
        ...sample({ file: "values.yaml", path: "manifests.app.password" }),
        value: "x",
      },
    ]);
  });

  it("gives none from a file that does not read", () => {
    const broken: PackFiles = new Map([
      ["pack.json", utf8("{")],
      ["values.yaml", utf8("a: [")],
    ]);
    const samples = [sample(), sample({ file: "values.yaml", path: "a" })];
    expect(templateSamples(samples, broken)).toEqual([]);
  });
});

describe("TEMPLATE_SAMPLE_VALUE", () => {
  const PASSWORD = sample({
    file: "values.yaml",
    path: "manifests.app.password",
    replaceWith: "a password of your own",
  });
  const samples = [
    { ...sample(), value: "ami-1" },
    { ...PASSWORD, value: "welcome123" },
  ];
  const packOf = (packJson: string, values: string): PackFiles =>
    new Map([
      ["pack.json", utf8(packJson)],
      ["values.yaml", utf8(values)],
    ]);
  const reported = (pack: PackFiles, opts = { samples }) =>
    validatePack(pack, opts)
      .findings.filter((f) => f.code === "TEMPLATE_SAMPLE_VALUE")
      .map(({ file, line, path, severity }) => ({
        file,
        line,
        path,
        severity,
      }));
  const PACK = '{\n  "annotations": {\n    "imageId": "ami-1"\n  }\n}\n';
  const VALUES = 'manifests:\n  app:\n    password: "welcome123"\n';

  it("is a warning at the value's line for each sample value the pack still holds", () => {
    expect(reported(packOf(PACK, VALUES))).toEqual([
      {
        file: "pack.json",
        line: 3,
        path: "annotations.imageId",
        severity: "warning",
      },
      {
        file: "values.yaml",
        line: 3,
        path: "manifests.app.password",
        severity: "warning",
      },
    ]);
    const [f] = validatePack(packOf(PACK, ""), { samples }).findings.filter(
      (x) => x.code === "TEMPLATE_SAMPLE_VALUE",
    );
    expect(f?.message).toBe(
      "`annotations.imageId` is still the documentation's sample value: put your AMI's id there",
    );
  });

  it("compares values, not text: requoted, reformatted or moved, the value is still the sample", () => {
    const pack = packOf(
      '{ "name": "x",\n  "annotations": { "osName": "centos",\n "imageId": "ami-1" } }',
      "# the values\nmanifests:\n  app: { password: 'welcome123' }\n",
    );
    expect(reported(pack).map((f) => [f.file, f.line])).toEqual([
      ["pack.json", 3],
      ["values.yaml", 3],
    ]);
  });

  it.each([
    ["another value", '"ami-2"', "welcome1234"],
    ["a value of another type", "1", "[welcome123]"],
    ["no value", "null", ""],
  ])("says nothing of %s", (_, ami, password) => {
    const pack = packOf(
      `{ "annotations": { "imageId": ${ami} } }`,
      `manifests:\n  app:\n    password: ${password}\n`,
    );
    expect(reported(pack)).toEqual([]);
  });

  it("says nothing where the path is gone or its file does not read", () => {
    expect(
      reported(packOf('{ "annotations": {} }', "manifests: {}\n")),
    ).toEqual([]);
    expect(reported(packOf('{ "annotations": ', "manifests: [\n"))).toEqual([]);
    expect(reported(new Map())).toEqual([]);
  });

  it("says nothing without the template's sample values", () => {
    expect(
      validatePack(packOf(PACK, VALUES)).findings.map((f) => f.code),
    ).not.toContain("TEMPLATE_SAMPLE_VALUE");
  });
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
