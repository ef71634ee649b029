// security.md part B, cases 38–40 and 43 at the parser level: parseYamlLimited, which every YAML
// file of a pack goes through, must refuse hostile YAML quickly and never pollute prototypes.
// "Quickly" is asserted as work, never as wall time (which a loaded machine inflates): the CPU
// cost of an input ten times larger, in the same test (cpu-growth.ts), must stay linear, or stay
// flat where the parser stops at a limit. The times themselves are rows of `npm run bench -- core`.
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { parseYamlLimited } from "../../src/pack/yaml-text";
import {
  billionLaughs,
  deepBlock,
  deepFlow,
  manyDocuments,
  manyKeys,
} from "../gen/yaml";
import { cpuGrowth, cpuRatio, FLAT, LINEAR, UNEXPANDED } from "./cpu-growth";
import { measure } from "./expect-refused";

const codes = (text: string, opts?: { multi?: boolean }) =>
  parseYamlLimited(text, "values.yaml", opts).findings.map((f) => f.code);
const parse = (text: string) => parseYamlLimited(text, "values.yaml");
const parseMulti = (text: string) =>
  parseYamlLimited(text, "values.yaml", { multi: true });

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

  test("B38 a billion-laughs document: YAML_TOO_MANY_ALIASES, no values, nothing expanded", () => {
    const m = measure(() => parseYamlLimited(billionLaughs(), "values.yaml"));
    expect(m.value.findings).toEqual([
      expect.objectContaining({
        code: "YAML_TOO_MANY_ALIASES",
        severity: "error",
        file: "values.yaml",
      }),
    ]);
    expect(m.value.values).toEqual([]);
    expect(m.rssGrowthMiB).toBeLessThan(100);
    // Refused before expanding: 8 levels expand 9^4 times more than 4, in 4 more lines to parse.
    const g = cpuGrowth(billionLaughs, parse, 4, { factor: 2 });
    expect(g.ratio, g.text).toBeLessThan(UNEXPANDED);
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
  test("B40 one 5 MB line (under the 5 MiB limit) parses without freezing: work linear in its length", () => {
    const m = measure(() =>
      parseYamlLimited(`key: ${"x".repeat(5_000_000)}\n`, "values.yaml"),
    );
    expect(m.value.findings).toEqual([]);
    expect((m.value.values[0] as { key: string }).key).toHaveLength(5_000_000);
    const g = cpuGrowth((n) => `key: ${"x".repeat(n)}\n`, parse, 500_000, {
      warmup: 1,
    });
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });

  test("B40 one 6 MiB line: YAML_TOO_LARGE naming the 5 MiB limit, returned before the parser starts", () => {
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
    // Neither parser ran.
    expect(m.value.parser).toBe("none");
    expect(parse("a: 1\n").parser).toBe("js-yaml");
  });

  test("B40 one 1.9 MB quoted line (under the limit) parses, the limits adding little to the parser's own work", () => {
    const text = `key: "${"x".repeat(1_900_000)}"\n`;
    const r = parse(text);
    expect(r.findings).toEqual([]);
    expect((r.values[0] as { key: string }).key).toHaveLength(1_900_000);
    // yaml builds a double-quoted scalar one character at a time, which grows faster than linear
    // (×40 for 10× the line), so the yardstick is yaml's own parse of the same text: the size,
    // depth and duplicate-key checks around it must not cost as much again.
    const c = cpuRatio(
      () => parse(text),
      () => parseDocument(text, { uniqueKeys: false }).toJS(),
      { warmup: 1, labels: ["parseYamlLimited", "yaml alone"] },
    );
    expect(c.ratio, c.text).toBeLessThan(2);
  });

  test("B40 20,000 keys in one mapping (~190 KB) parse in work linear in the keys (duplicate-key check must not be quadratic)", () => {
    const r = parse(manyKeys(20_000));
    expect(r.findings).toEqual([]);
    expect(Object.keys(r.values[0] as object)).toHaveLength(20_000);
    // 4,000 → 40,000: large enough that a quadratic check outweighs the linear parse.
    const g = cpuGrowth(manyKeys, parse, 4_000, { warmup: 2 });
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });

  test("B40 duplicate keys are still reported", () => {
    expect(codes("a: 1\nb: 2\na: 3\n").length).toBeGreaterThan(0);
  });

  test("B43 10,000 documents: YAML_TOO_MANY_DOCUMENTS, counted only up to the limit", () => {
    expect(codes(manyDocuments(10_000), { multi: true })).toEqual([
      "YAML_TOO_MANY_DOCUMENTS",
    ]);
    // 100,000 documents (3.7 MB) cost about what 10,000 do: the count stops at 1,001.
    const g = cpuGrowth((n) => manyDocuments(n), parseMulti, 10_000);
    expect(g.ratio, g.text).toBeLessThan(FLAT);
  });

  test("B43 2 MiB of empty documents (500,000) is refused, counted only up to the limit", () => {
    expect(codes(manyDocuments(500_000, true), { multi: true })).toEqual([
      "YAML_TOO_MANY_DOCUMENTS",
    ]);
    const g = cpuGrowth((n) => manyDocuments(n, true), parseMulti, 50_000);
    expect(g.ratio, g.text).toBeLessThan(FLAT);
  });

  test("B43 nesting of 100 levels is allowed; 101 is YAML_TOO_DEEP", () => {
    expect(codes(deepBlock(99))).toEqual([]);
    expect(codes(deepBlock(101))).toEqual(["YAML_TOO_DEEP"]);
  });

  test("B43 100,000 nested flow sequences: YAML_TOO_DEEP, no hang (work linear in the nesting), no stack overflow escaping", () => {
    expect(codes(deepFlow(100_000))).toContain("YAML_TOO_DEEP");
    const g = cpuGrowth(deepFlow, parse, 10_000);
    expect(g.ratio, g.text).toBeLessThan(LINEAR);
  });
});
