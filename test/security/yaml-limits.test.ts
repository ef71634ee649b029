// security.md part B, cases 38–40 and 43 at the parser level: parseYamlLimited, which every YAML
// file of a pack goes through, must refuse hostile YAML quickly and never pollute prototypes.
import { describe, expect, test } from "vitest";
import { parseYamlLimited } from "../../src/pack/yaml-text";
import {
  billionLaughs,
  deepBlock,
  deepFlow,
  manyDocuments,
  manyKeys,
} from "../gen/yaml";
import { measure } from "./expect-refused";

const codes = (text: string, opts?: { multi?: boolean }) =>
  parseYamlLimited(text, "values.yaml", opts).findings.map((f) => f.code);

describe("parseYamlLimited", () => {
  test("B0 positive control: ordinary YAML parses to plain data", () => {
    const r = parseYamlLimited(
      "pack:\n  namespace: demo\nlist: [1, 2]\nanchor: &x {a: 1}\nref: *x\n",
      "values.yaml",
    );
    expect(r.findings).toEqual([]);
    expect(r.values[0]).toEqual({
      pack: { namespace: "demo" },
      list: [1, 2],
      anchor: { a: 1 },
      ref: { a: 1 },
    });
  });

  test("B38 a billion-laughs document: YAML_TOO_MANY_ALIASES, no values", () => {
    const m = measure(() => parseYamlLimited(billionLaughs(), "values.yaml"));
    expect(m.value.findings).toEqual([
      expect.objectContaining({
        code: "YAML_TOO_MANY_ALIASES",
        severity: "error",
        file: "values.yaml",
      }),
    ]);
    expect(m.value.values).toEqual([]);
    expect(m.ms).toBeLessThan(1000);
    expect(m.rssGrowthMiB).toBeLessThan(100);
  });

  test("B38 100 aliases are allowed; the limit is on alias expansion, not on anchors", () => {
    const text = `base: &b {x: 1}\n${Array.from({ length: 50 }, (_, i) => `k${i}: *b`).join("\n")}\n`;
    expect(codes(text)).toEqual([]);
  });

  test("B39 a `__proto__` key is kept as an own data property; prototypes are untouched", () => {
    const r = parseYamlLimited(
      "__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n",
      "values.yaml",
    );
    expect(r.findings).toEqual([]);
    const root = r.values[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(root, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(root, "__proto__")?.value).toEqual({
      polluted: true,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("B39 a merge key (`<<`) pulling in `__proto__` does not pollute either", () => {
    const text =
      "base: &b\n  __proto__:\n    polluted: true\nchild:\n  <<: *b\n  x: 1\n";
    parseYamlLimited(text, "values.yaml");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // security.md's YAML row: values.yaml up to 5 MiB is parsed, so one 5 MB line (4.8 MiB) now parses;
  // above the limit it is refused before the parser starts.
  test("B40 one 5 MB line (under the 5 MiB limit) parses without freezing", () => {
    const m = measure(() =>
      parseYamlLimited(`key: ${"x".repeat(5_000_000)}\n`, "values.yaml"),
    );
    expect(m.value.findings).toEqual([]);
    expect((m.value.values[0] as { key: string }).key).toHaveLength(5_000_000);
    expect(m.ms).toBeLessThan(3000);
  });

  test("B40 one 6 MiB line: YAML_TOO_LARGE naming the 5 MiB limit, returned at once", () => {
    const m = measure(() =>
      parseYamlLimited(`key: ${"x".repeat(6 * 1024 * 1024)}\n`, "values.yaml"),
    );
    expect(m.value.findings).toEqual([
      expect.objectContaining({
        code: "YAML_TOO_LARGE",
        severity: "error",
        file: "values.yaml",
      }),
    ]);
    expect(m.value.findings[0]!.message).toMatch(
      /values\.yaml is 6 MiB: too large to parse \(the limit is 5 MiB\)/,
    );
    expect(m.value.values).toEqual([]);
    expect(m.ms).toBeLessThan(500);
  });

  test("B40 one 1.9 MB line (under the limit) parses in well under a second", () => {
    const m = measure(() =>
      parseYamlLimited(`key: "${"x".repeat(1_900_000)}"\n`, "values.yaml"),
    );
    expect(m.value.findings).toEqual([]);
    expect(m.ms).toBeLessThan(1000);
  });

  test("B40 20,000 keys in one mapping (~190 KB) parse in under a second (duplicate-key check must not be quadratic)", () => {
    const m = measure(() => parseYamlLimited(manyKeys(20_000), "values.yaml"));
    expect(m.value.findings).toEqual([]);
    expect(m.ms).toBeLessThan(1000);
  });

  test("B40 duplicate keys are still reported", () => {
    expect(codes("a: 1\nb: 2\na: 3\n").length).toBeGreaterThan(0);
  });

  test("B43 10,000 documents: YAML_TOO_MANY_DOCUMENTS", () => {
    const m = measure(() => codes(manyDocuments(10_000), { multi: true }));
    expect(m.value).toEqual(["YAML_TOO_MANY_DOCUMENTS"]);
    expect(m.ms).toBeLessThan(2000);
  });

  test("B43 2 MiB of empty documents (500,000) is refused in under 2 s", () => {
    const m = measure(() =>
      codes(manyDocuments(500_000, true), { multi: true }),
    );
    expect(m.value).toEqual(["YAML_TOO_MANY_DOCUMENTS"]);
    expect(m.ms).toBeLessThan(2000);
  });

  test("B43 nesting of 100 levels is allowed; 101 is YAML_TOO_DEEP", () => {
    expect(codes(deepBlock(99))).toEqual([]);
    expect(codes(deepBlock(101))).toEqual(["YAML_TOO_DEEP"]);
  });

  test("B43 100,000 nested flow sequences: YAML_TOO_DEEP, no hang, no stack overflow escaping", () => {
    const m = measure(() => codes(deepFlow(100_000)));
    expect(m.value).toContain("YAML_TOO_DEEP");
    expect(m.ms).toBeLessThan(2000);
  });
});
