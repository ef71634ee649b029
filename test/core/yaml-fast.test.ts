// The fast YAML path (src/pack/yaml-fast.ts) against the `yaml` package on every YAML file of the
// fixtures and on mutations of them: where the fast path takes a text, the values (and their key
// order), the findings, the line of every node and the source of every scalar are the same as the
// `yaml` package gives; where it does not, the result is the `yaml` package's own.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CORE_SCHEMA } from "js-yaml";
import { describe, expect, test } from "vitest";
import {
  lineOfPath,
  parseYamlLimited,
  type ParsedYaml,
} from "../../src/pack/yaml-text";

const ROOT = join(__dirname, "..", "fixtures");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/i.test(name) ? [p] : [];
  });
}

/** Every path in a value, mappings' keys and sequences' indexes, at most `max`. */
function paths(v: unknown, max = 3000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (x: unknown, at: (string | number)[]): void => {
    if (out.length >= max) return;
    out.push(at);
    if (Array.isArray(x)) x.forEach((c, i) => walk(c, [...at, i]));
    else if (x && typeof x === "object")
      for (const k of Object.keys(x))
        walk((x as Record<string, unknown>)[k], [...at, k]);
  };
  walk(v, []);
  return out;
}

/** The two parses agree: values in key order, findings, and every node's line and scalar source. */
function expectSame(text: string, file: string, multi: boolean): ParsedYaml {
  const opts = { multi, code: multi ? "MANIFEST_SYNTAX" : "VALUES_SYNTAX" };
  const got = parseYamlLimited(text, file, opts);
  const want = parseYamlLimited(text, file, { ...opts, parser: "yaml" });
  const where = `${file} (${got.parser})`;
  expect(JSON.stringify(got.values), where).toBe(JSON.stringify(want.values));
  expect(got.values, where).toEqual(want.values);
  expect(got.findings, where).toEqual(want.findings);
  if (got.parser !== "js-yaml") return got;
  got.values.forEach((v, doc) => {
    for (const path of paths(v)) {
      // `yaml` finds a key written as a number (`1: a`) only by the number: its line is then the
      // parent's, where the fast path gives the key's own line.
      if (
        path.some(
          (k) =>
            typeof k === "string" &&
            typeof CORE_SCHEMA.resolveImplicitScalarTag(k).value !== "string",
        )
      )
        continue;
      const at = `${where} doc ${doc} ${JSON.stringify(path)}`;
      const [g, w] = [got.node(doc, path), want.node(doc, path)];
      expect(g?.scalar?.source, at).toBe(w?.scalar?.source);
      // A block scalar starts at its header both ways: presets.ts reads `add: |` by it.
      const header = (n: typeof g) =>
        n?.start !== undefined && /[|>]/.test(text[n.start] ?? "");
      expect(header(g), at).toBe(header(w));
      // The key's line (findings about an entry) and the value's (findings about the value).
      expect(lineOfPath(got, doc, path), at).toBe(lineOfPath(want, doc, path));
      expect(lineOfPath(got, doc, path, "value"), at).toBe(
        lineOfPath(want, doc, path, "value"),
      );
    }
  });
  return got;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = [
  ":",
  "-",
  '"',
  "'",
  "\t",
  " ",
  "#",
  "[",
  "{",
  "]",
  "}",
  ",",
  "&a ",
  "*a",
  "!x ",
  "? ",
  "\n",
  "  ",
  "---\n",
  "|",
  ">",
  "~",
  "null: ",
  "1: ",
  "%YAML 1.1\n",
  "\\",
  "\r\n",
  "\uFEFF",
  "- - ",
  "@",
  "`",
];

/** `text` broken one way: a character removed or inserted, a line repeated, dedented or moved. */
function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const lines = text.split("\n");
  const li = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return (
        text.slice(0, at) +
        INSERTS[Math.floor(r() * INSERTS.length)] +
        text.slice(at)
      );
    case 2:
      lines.splice(li, 0, lines[li]!);
      return lines.join("\n");
    case 3:
      lines[li] = lines[li]!.trimStart();
      return lines.join("\n");
    default: {
      const [moved] = lines.splice(li, 1);
      lines.splice(Math.floor(r() * lines.length), 0, moved!);
      return lines.join("\n");
    }
  }
}

// Helm templates (`{{ }}`) are never parsed as YAML (validation checks only plain manifests).
const files = yamlFiles(ROOT)
  .map((p) => ({
    path: p.slice(ROOT.length + 1),
    text: readFileSync(p, "utf8"),
    // Manifests are read as several documents, the rest as one (as validation reads them).
    multi: /(^|\/)(manifests|templates|crds)\//.test(p),
  }))
  .filter((f) => !f.text.includes("{{"));

describe("the fast YAML path agrees with the yaml package", () => {
  test("on every YAML file of the fixtures, and takes most of them", () => {
    expect(files.length).toBeGreaterThan(300);
    let fast = 0;
    for (const f of files)
      if (expectSame(f.text, f.path, f.multi).parser === "js-yaml") fast++;
    // Files with anchors, aliases or no document at all go to the yaml package.
    expect(fast / files.length).toBeGreaterThan(0.95);
  });

  // More when asked: YAML_FAST_MUTATIONS=40 YAML_FAST_SEED=7 npx vitest run test/core/yaml-fast.test.ts
  const mutations = Number(process.env.YAML_FAST_MUTATIONS ?? 4);
  test(
    `on ${mutations} mutations of each fixture file under 64 KiB`,
    () => {
      const r = rng(Number(process.env.YAML_FAST_SEED ?? 20261126));
      let checked = 0;
      for (const f of files) {
        if (f.text.length > 65536) continue;
        for (let i = 0; i < mutations; i++) {
          expectSame(mutate(f.text, r), `${f.path} #${i}`, f.multi);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(300 * mutations);
    },
    15_000 * mutations,
  );

  test("leaves anchors, aliases, tags, directives, null and complex keys to the yaml package", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: !custom x\n",
      "%YAML 1.2\n---\na: 1\n",
      "~: 1\n",
      "? [a, b]\n: c\n",
      "a: 1\na: 2\n",
      "",
      "# only a comment\n",
      "a: 1\n---\nb: 2\n",
      // Found by a review: texts js-yaml reads and `yaml` refuses or reads otherwise.
      `${"k".repeat(1100)}: v\n`,
      "- a\r- b\r",
      "a: b\r\n\rc: d\n",
      "a: b\rc: d\r",
      "a: 'x\n\t\n  y'\n",
      "a: x\n  y\n\t\n  z\n",
      "a: |\n  x\n\t\n",
      "a: b\n\uFEFF---\nc: d\n",
    ]) {
      const got = expectSame(text, "values.yaml", false);
      expect(got.parser, JSON.stringify(text)).toBe("yaml");
    }
  });

  test("block scalars, quotes, empty values and numbers keep the yaml package's lines and sources", () => {
    const text = [
      "a:",
      "  b: |",
      "    text",
      '  c: "q',
      '    r"',
      "  d:",
      "  e: [1, 2]",
      "  f:",
      "    - x",
      "    -   y: 1",
      "        z: 2",
      "  g: >- # folded",
      "",
      "    folded",
      "  h: 1.10",
      "  i: 0x1F",
      "  j: 'single'",
      "  k:",
      "  m:",
      "    - a # a comment - with a dash",
      "    -",
      "    - ",
      "  l: plain",
      "    continued",
      "",
    ].join("\n");
    const got = expectSame(text, "values.yaml", false);
    expect(got.parser).toBe("js-yaml");
    expect(lineOfPath(got, 0, ["a", "g"])).toBe(12);
    expect(got.node(0, ["a", "h"])?.scalar).toEqual({
      value: 1.1,
      source: "1.10",
    });
    expect(lineOfPath(got, 0, ["a", "d"])).toBe(6);
    expect(lineOfPath(got, 0, ["a", "m", 1])).toBe(21);
    // A missing key belongs to its parent's entry: the line of `a:`, not of its first child.
    expect(lineOfPath(got, 0, ["a", "missing"])).toBe(1);
    expect(lineOfPath(got, 0, ["a", "f", 1, "missing"])).toBe(10);
  });

  test("a mapping entry is at its key's line, its value where the value starts", () => {
    const text = [
      "charts:",
      "  app:",
      "    # a comment before the first child",
      "",
      "    replicas: 1",
      "  list:",
      "    # items",
      "    - a",
      "  text: | # a header comment",
      "    body",
      '  "quoted key":',
      "    - > ",
      "      folded",
      "",
    ].join("\n");
    for (const parser of [undefined, "yaml"] as const) {
      const got = parseYamlLimited(
        text,
        "values.yaml",
        parser ? { parser } : {},
      );
      const lines = (path: (string | number)[]) => [
        lineOfPath(got, 0, path),
        lineOfPath(got, 0, path, "value"),
      ];
      expect(got.parser).toBe(parser ?? "js-yaml");
      expect(lines(["charts"])).toEqual([1, 2]);
      expect(lines(["charts", "app"])).toEqual([2, 5]);
      expect(lines(["charts", "app", "replicas"])).toEqual([5, 5]);
      expect(lines(["charts", "list"])).toEqual([6, 8]);
      expect(lines(["charts", "list", 0])).toEqual([8, 8]);
      expect(lines(["charts", "text"])).toEqual([9, 9]);
      expect(lines(["charts", "quoted key"])).toEqual([11, 12]);
      expect(lines(["charts", "quoted key", 0])).toEqual([12, 12]);
      expect(lines(["charts", "app", "missing"])).toEqual([2, 2]);
      expect(got.node(0, ["charts", "text"])?.start).toBe(text.indexOf("|"));
      expect(got.node(0, ["charts", "quoted key", 0])?.start).toBe(
        text.indexOf(">"),
      );
    }
  });
});
