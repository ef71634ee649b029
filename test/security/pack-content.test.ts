// security.md part B, cases 34–43 (41 is in readme.test.ts): hostile pack content. Each test starts
// from the generated good pack, breaks one file, and checks validatePack's typed findings.
// "Quickly" and "no hang" are asserted as work, never as wall time (which a loaded machine
// inflates): CPU growth for ten times the input, or CPU against yaml parsing the same documents,
// in the same test (cpu-growth.ts). The times themselves are rows of `npm run bench -- core`.
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import type { Finding } from "../../src/pack/finding";
import { checkIdentity, validatePack } from "../../src/pack/validate";
import { MiB, utf8 } from "../gen/bytes";
import {
  chartTgz,
  goodPackFiles,
  manifestPackFiles,
  type Files,
  type PackSpec,
} from "../gen/pack";
import { makePng, pngHeaderOnly } from "../gen/png";
import {
  billionLaughs,
  deepBlock,
  deepFlow,
  manyDocuments,
  manyKeys,
} from "../gen/yaml";
import { cpuGrowth, cpuRatio, LINEAR, UNEXPANDED } from "./cpu-growth";
import { measure } from "./expect-refused";

const validate = (files: Files) => validatePack(files);
const errors = (findings: readonly Finding[]) =>
  findings.filter((f) => f.severity === "error");

/** The good pack with one file replaced (or added). */
function packWith(path: string, bytes: Uint8Array, spec: PackSpec = {}): Files {
  const files = goodPackFiles(spec);
  files.set(path, bytes);
  return files;
}

/** The one finding with `code`; fails listing every finding when it is absent. */
function finding(
  findings: readonly Finding[],
  code: string,
  file?: string,
): Finding {
  const f = findings.find(
    (x) => x.code === code && (file === undefined || x.file === file),
  );
  if (!f)
    throw new Error(
      `no ${code}${file ? ` on ${file}` : ""} among:\n${findings.map((x) => `${x.severity} ${x.code} ${x.file ?? ""}: ${x.message}`).join("\n")}`,
    );
  return f;
}

describe("positive control", () => {
  test("B0 the generated good pack validates without errors or warnings", () => {
    const report = validate(goodPackFiles());
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(report.pack?.name).toBe("demo-app");
    expect(report.charts).toEqual([
      expect.objectContaining({
        path: "charts/demo-0.1.0.tgz",
        name: "demo",
        version: "0.1.0",
      }),
    ]);
  });
});

describe("B34/B35 logo.png", () => {
  test("B34 logo.png that is really SVG with <script> is refused by its bytes", () => {
    const svg = utf8(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
    );
    const f = errors(validate(packWith("logo.png", svg)).findings).find(
      (x) => x.file === "logo.png",
    );
    expect(f?.message).toMatch(/SVG|not an image|PNG/i);
  });

  test("B35 logo.png with a valid signature but IHDR 20000×20000: image too large", () => {
    const f = errors(
      validate(packWith("logo.png", pngHeaderOnly(20000, 20000))).findings,
    ).find((x) => x.file === "logo.png");
    expect(f?.message).toMatch(/image too large/i);
    expect(f?.message).toContain("20000");
  });

  test("B35 logo.png over the 1 MiB file cap is refused without being decoded", () => {
    const big = new Uint8Array(2 * MiB);
    big.set(makePng(16, 16));
    const f = errors(validate(packWith("logo.png", big)).findings).find(
      (x) => x.file === "logo.png",
    );
    expect(f).toBeDefined();
  });
});

describe("B36 pack.json", () => {
  test("B36 pack.json that is not valid JSON: a syntax error with its line", () => {
    const text =
      '{\n  "name": "demo-app",\n  "version": "1.2.3",,\n  "layer": "addon"\n}\n';
    const f = finding(
      validate(goodPackFiles({ packJsonText: text })).findings,
      "PACK_JSON_SYNTAX",
    );
    expect(f.severity).toBe("error");
    expect(f.file).toBe("pack.json");
    expect(f.line).toBe(3);
  });

  test("B36 pack.json that is not UTF-8, empty, or truncated: a syntax error, no crash", () => {
    for (const text of [
      "",
      "{",
      '{"name": "demo-app", "version": "1.2',
      "\uFEFF{]",
    ]) {
      const f = finding(
        validate(goodPackFiles({ packJsonText: text })).findings,
        "PACK_JSON_SYNTAX",
      );
      expect(f.severity).toBe("error");
    }
    const binary = packWith("pack.json", Uint8Array.of(0xff, 0xfe, 0x00, 0x7b));
    expect(
      finding(validate(binary).findings, "PACK_JSON_SYNTAX").severity,
    ).toBe("error");
  });

  test("B36 wrong types are field-level errors", () => {
    const report = validate(
      goodPackFiles({
        packJson: { name: 42, cloudTypes: "all", annotations: ["x"] },
      }),
    );
    const typeErrors = report.findings.filter(
      (f) => f.code === "FIELD_TYPE" || f.code === "ANNOTATIONS_INVALID",
    );
    expect(typeErrors.map((f) => f.path)).toEqual(
      expect.arrayContaining(["name", "cloudTypes"]),
    );
    for (const f of typeErrors) expect(f.severity).toBe("error");
  });

  test("B36 pack.json that is an array, a string or null: an error, no crash", () => {
    for (const text of ["[]", '"pack"', "null", "42"]) {
      const report = validate(goodPackFiles({ packJsonText: text }));
      expect(errors(report.findings).some((f) => f.file === "pack.json")).toBe(
        true,
      );
    }
  });

  test("B36 missing `name`: FIELD_REQUIRED at path name", () => {
    const f = finding(
      validate(goodPackFiles({ packJson: { name: undefined } })).findings,
      "FIELD_REQUIRED",
    );
    expect(f.path).toBe("name");
    expect(f.severity).toBe("error");
    expect(f.file).toBe("pack.json");
  });

  test("B36 missing `version`: an error at path version", () => {
    const report = validate(
      goodPackFiles({ packJson: { version: undefined } }),
    );
    expect(errors(report.findings).some((f) => f.path === "version")).toBe(
      true,
    );
  });

  test("B36 a `__proto__` key in pack.json does not pollute prototypes", () => {
    const text =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "name": "demo-app", "displayName": "Demo", "version": "1.2.3", "layer": "addon", "addonType": "app services", "cloudTypes": ["all"], "charts": ["charts/demo-0.1.0.tgz"]}';
    validate(goodPackFiles({ packJsonText: text }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("B37 identity", () => {
  test("B37 a version holding `+build` is not a legal OCI tag", () => {
    const f = finding(
      validate(goodPackFiles({ version: "1.2.3+build.5" })).findings,
      "VERSION_OCI_INVALID",
    );
    expect(f.severity).toBe("error");
    expect(f.file).toBe("pack.json");
  });

  test("B37 name or version that differs from the upload path is an IDENTITY_MISMATCH", () => {
    const { pack } = validate(goodPackFiles());
    expect(checkIdentity(pack, { name: "demo-app", version: "1.2.3" })).toEqual(
      [],
    );
    const byName = checkIdentity(pack, { name: "other-app", version: "1.2.3" });
    expect(byName).toEqual([
      expect.objectContaining({
        code: "IDENTITY_MISMATCH",
        severity: "error",
        path: "name",
      }),
    ]);
    const byVersion = checkIdentity(pack, {
      name: "demo-app",
      version: "1.2.4",
    });
    expect(byVersion).toEqual([
      expect.objectContaining({ code: "IDENTITY_MISMATCH", path: "version" }),
    ]);
    expect(byVersion[0]!.message).toContain("1.2.4");
  });
});

describe("B38–B40 values.yaml", () => {
  test("B38 a billion-laughs values.yaml: YAML uses too many aliases", () => {
    const m = measure(() =>
      validate(packWith("values.yaml", utf8(billionLaughs()))),
    );
    const f = finding(m.value.findings, "YAML_TOO_MANY_ALIASES", "values.yaml");
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/too many aliases/i);
    expect(m.rssGrowthMiB).toBeLessThan(100);
    // Refused before expanding: 8 levels expand 9^4 times more than 4, in 4 more lines to parse.
    const g = cpuGrowth(
      (depth) => packWith("values.yaml", utf8(billionLaughs(depth))),
      validate,
      4,
      { factor: 2 },
    );
    expect(g.ratio, g.text).toBeLessThan(UNEXPANDED);
  });

  test("B39 a `__proto__:` key in values.yaml is kept as data; nothing is polluted", () => {
    const yaml =
      "__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\npack:\n  namespace: demo-app\n";
    const report = validate(packWith("values.yaml", utf8(yaml)));
    expect(
      errors(report.findings).filter((f) => f.file === "values.yaml"),
    ).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("B40 a 50 MiB values.yaml is too large to parse; the check returns without parsing it", () => {
    const line = "key: value-value-value-value-value-value-value-value\n";
    const big = utf8(line.repeat(Math.ceil((50 * MiB) / line.length)));
    const files = packWith("values.yaml", big);
    const m = measure(() => validate(files));
    const f = finding(m.value.findings, "YAML_TOO_LARGE", "values.yaml");
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/too large/i);
    // Parsed, its million repeated keys would each be a duplicate-key finding, and its syntax tree
    // would take gigabytes; refused, it is the one finding, and the memory is the text decoded once
    // and measured in bytes (about 2 × 50 MiB).
    expect(m.value.findings.filter((x) => x.file === "values.yaml")).toEqual([
      f,
    ]);
    expect(m.rssGrowthMiB).toBeLessThan(256);
  });

  test("B40 a values.yaml of 20,000 keys (~190 KB, well under the limit) validates in work linear in the keys", () => {
    const report = validate(packWith("values.yaml", utf8(manyKeys(20_000))));
    expect(report.findings.some((f) => f.code === "VALUES_SYNTAX")).toBe(false);
    // 4,000 → 40,000: large enough that a quadratic check outweighs the linear parse.
    const g = cpuGrowth(
      (n) => packWith("values.yaml", utf8(manyKeys(n))),
      validate,
      4_000,
      // Seven samples a side: with three, one slow spell of the large side (a major collection
      // of its ~200 ms call) or one fast small sample swung the ratio from ×10 to ×22 on a quiet
      // machine.
      { warmup: 2, runs: 7 },
    );
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });
});

describe("B42 charts", () => {
  const chartPath = "charts/demo-0.1.0.tgz";

  test("B42 a listed chart .tgz without Chart.yaml: CHART_INVALID naming the chart", () => {
    const f = finding(
      validate(packWith(chartPath, chartTgz({ noChartYaml: true }))).findings,
      "CHART_INVALID",
    );
    expect(f.severity).toBe("error");
    expect(f.message).toContain(chartPath);
    expect(f.message).toMatch(/Chart\.yaml/);
  });

  test("B42 a listed chart that is not a tgz (a PNG, text, an empty file): CHART_INVALID naming the chart", () => {
    for (const bytes of [
      makePng(8, 8),
      utf8("apiVersion: v2\nname: demo\n"),
      new Uint8Array(),
    ]) {
      const f = finding(
        validate(packWith(chartPath, bytes)).findings,
        "CHART_INVALID",
      );
      expect(f.severity).toBe("error");
      expect(f.message).toContain(chartPath);
    }
  });

  test("B42 a chart whose Chart.yaml lacks a version, or is a billion-laughs document: CHART_INVALID", () => {
    const noVersion = chartTgz({
      noChartYaml: true,
      extra: { "Chart.yaml": utf8("apiVersion: v2\nname: demo\n") },
    });
    expect(
      finding(
        validate(packWith(chartPath, noVersion)).findings,
        "CHART_INVALID",
      ).message,
    ).toContain(chartPath);
    const laughs = chartTgz({
      noChartYaml: true,
      extra: {
        "Chart.yaml": utf8(`${billionLaughs()}name: demo\nversion: 0.1.0\n`),
      },
    });
    expect(
      finding(validate(packWith(chartPath, laughs)).findings, "CHART_INVALID")
        .message,
    ).toContain(chartPath);
  });

  test("B42 a chart whose name or version does not match its file name is reported, naming the chart", () => {
    const files = packWith(
      chartPath,
      chartTgz({ name: "other", version: "9.9.9" }),
    );
    const f = validate(files).findings.find(
      (x) =>
        x.severity !== "info" &&
        x.message.includes("demo-0.1.0.tgz") &&
        /other|9\.9\.9/.test(x.message),
    );
    expect(
      f,
      "a finding naming the chart and what it really holds",
    ).toBeDefined();
  });

  test("B42 a chart path that climbs out of the pack is refused", () => {
    const f = validate(
      goodPackFiles({ packJson: { charts: ["../charts/demo-0.1.0.tgz"] } }),
    ).findings.find((x) => x.code === "REF_UNSAFE");
    expect(f?.severity).toBe("error");
  });
});

describe("B43 manifests", () => {
  test("B43 positive control: a small multi-document manifest is fine", () => {
    const text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";
    expect(errors(validate(manifestPackFiles(text)).findings)).toEqual([]);
  });

  /**
   * Refusing `text` (validate of the whole pack) over yaml parsing a tenth of its documents: a
   * check that stops counting at the limit costs a fraction of that (measured ×0.1–0.2), one that
   * builds every document costs ten times it.
   */
  const refusalVsParse = (text: string, tenth: string) =>
    cpuRatio(
      () => validate(manifestPackFiles(text)),
      () => parseAllDocuments(tenth, { uniqueKeys: false }),
      { warmup: 1, labels: ["validatePack, all", "yaml parsing a tenth"] },
    );

  test("B43 a manifest with 10,000 YAML documents: too many documents, refused without building them", () => {
    const f = finding(
      validate(manifestPackFiles(manyDocuments(10_000))).findings,
      "YAML_TOO_MANY_DOCUMENTS",
      "manifests/app.yaml",
    );
    expect(f.severity).toBe("error");
    const c = refusalVsParse(manyDocuments(10_000), manyDocuments(1_000));
    expect(c.ratio, c.text).toBeLessThan(1);
  });

  test("B43 a 2 MiB manifest of 500,000 empty documents is refused without building them", () => {
    finding(
      validate(manifestPackFiles(manyDocuments(500_000, true))).findings,
      "YAML_TOO_MANY_DOCUMENTS",
      "manifests/app.yaml",
    );
    const c = refusalVsParse(
      manyDocuments(500_000, true),
      manyDocuments(50_000, true),
    );
    expect(c.ratio, c.text).toBeLessThan(1);
  });

  test("B43 300,000 documents written as `--- 1` lines (1.8 MB) are refused without building them", () => {
    finding(
      validate(manifestPackFiles("--- 1\n".repeat(300_000))).findings,
      "YAML_TOO_MANY_DOCUMENTS",
      "manifests/app.yaml",
    );
    const c = refusalVsParse(
      "--- 1\n".repeat(300_000),
      "--- 1\n".repeat(30_000),
    );
    expect(c.ratio, c.text).toBeLessThan(1);
  });

  test("B43 a manifest nested 101 levels deep: too deep", () => {
    const f = finding(
      validate(manifestPackFiles(deepBlock(101))).findings,
      "YAML_TOO_DEEP",
      "manifests/app.yaml",
    );
    expect(f.severity).toBe("error");
  });

  test("B43 a manifest of 100,000 nested flow sequences: too deep, no hang (work linear in the nesting)", () => {
    const f = finding(
      validate(manifestPackFiles(deepFlow(100_000))).findings,
      "YAML_TOO_DEEP",
      "manifests/app.yaml",
    );
    expect(f.severity).toBe("error");
    const g = cpuGrowth(
      (n) => manifestPackFiles(deepFlow(n)),
      validate,
      10_000,
    );
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });
});
