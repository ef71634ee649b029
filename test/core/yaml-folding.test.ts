// Issue 9 item 5, "one message per problem": a broken line in a real values.yaml gives the CLI, the
// server and the reviewer one or two findings, not dozens. The parser's follow-on errors for the same
// document are folded into its first error, which keeps its line and says how many followed.
import { parseAllDocuments, parseDocument } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import { validatePack } from "../../src/pack/validate";
import { parseYamlLimited } from "../../src/pack/yaml-text";
import { loadFixture } from "../helpers/fixtures";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

let argo: PackFiles;
let kyverno: PackFiles;
beforeAll(async () => {
  argo = await loadFixture("pack-central/argocd-3.26.7");
  kyverno = await loadFixture("pack-central/kyverno-1.12.2");
});

/** values.yaml of `pack` with 1-based `line` replaced (or, with `insert`, a line put before it). */
function breakLine(
  pack: () => PackFiles,
  line: number,
  text: string,
  insert = false,
): PackFiles {
  const lines = dec(pack().get("values.yaml")).split("\n");
  if (insert) lines.splice(line - 1, 0, text);
  else lines[line - 1] = text;
  const out = new Map(pack());
  out.set("values.yaml", enc(lines.join("\n")));
  return out;
}

const valuesErrors = (files: PackFiles) =>
  validatePack(files).findings.filter(
    (f) => f.file === "values.yaml" && f.severity === "error",
  );

/**
 * Each case: the real file, the line broken as an author would, what the parser reports raw (to
 * show the folding is not vacuous), and the one finding expected, with its line and the count of
 * errors folded into it.
 */
const CASES: readonly {
  title: string;
  pack: () => PackFiles;
  line: number;
  text: string;
  insert?: boolean;
  expected: { line: number; folded: number; says: RegExp };
}[] = [
  {
    title: "an unclosed quote (argocd line 5)",
    pack: () => argo,
    line: 5,
    text: '  namespace: "argocd',
    expected: { line: 5, folded: 0, says: /Missing closing "quote/ },
  },
  {
    title: "a bad indent: one key a space short (argocd line 11)",
    pack: () => argo,
    line: 11,
    text: '   fullnameOverride: ""',
    expected: { line: 11, folded: 13, says: /same column/ },
  },
  {
    title: "a tab as indentation (argocd line 13)",
    pack: () => argo,
    line: 13,
    text: "\tinstallCRDs: true",
    expected: { line: 13, folded: 12, says: /Tabs are not allowed/ },
  },
  {
    title: "a stray `:` in a line (argocd, before line 14)",
    pack: () => argo,
    line: 14,
    text: "    installCRDs: true: false",
    insert: true,
    expected: { line: 14, folded: 0, says: /Nested mappings/ },
  },
  {
    title: "an unclosed flow map (argocd line 28)",
    pack: () => argo,
    line: 28,
    text: "      podAnnotations: {",
    expected: { line: 28, folded: 0, says: /end with a \}/ },
  },
];

describe("one finding per broken line in a real values.yaml", () => {
  test.each(CASES)("$title", ({ pack, line, text, insert, expected }) => {
    const files = breakLine(pack, line, text, insert);
    const errors = valuesErrors(files);
    expect(errors).toHaveLength(1);
    const [f] = errors;
    expect(f).toMatchObject({
      code: "VALUES_SYNTAX",
      severity: "error",
      file: "values.yaml",
      line: expected.line,
    });
    expect(f!.message).toMatch(expected.says);
    if (expected.folded === 0) expect(f!.message).not.toMatch(/more error/);
    else
      expect(f!.message).toContain(
        `the parser reported ${expected.folded} more ${expected.folded === 1 ? "error" : "errors"} after it in this document`,
      );
  });

  test("the bad indent is folded from what the parser reports raw (14 errors → 1 finding)", () => {
    const files = breakLine(() => argo, 11, '   fullnameOverride: ""');
    const parsed = parseYamlLimited(
      dec(files.get("values.yaml")),
      "values.yaml",
    );
    // The parser's own count, before the folding.
    expect(parsed.parser).toBe("yaml");
    expect(parseDocument(dec(files.get("values.yaml"))).errors).toHaveLength(
      14,
    );
    expect(parsed.findings).toHaveLength(1);
  });

  test("two broken lines far apart in kyverno's 2,166-line values.yaml: still one finding, at the first", () => {
    const lines = dec(kyverno.get("values.yaml")).split("\n");
    const at = lines.findIndex((l) => /^\s{2}\w+:\s*\S/.test(l));
    const late =
      lines.length - 50 + lines.slice(-50).findIndex((l) => /^\s+\w+:/.test(l));
    expect(at).toBeGreaterThan(0);
    const broken = [...lines];
    broken[at] = `\t${lines[at]!.trimStart()}`;
    broken[late] = `${lines[late]!} "unclosed`;
    const files = new Map(kyverno);
    files.set("values.yaml", enc(broken.join("\n")));
    const errors = valuesErrors(files);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(at + 1);
    expect(errors[0]!.message).toMatch(/more errors? after it/);
  });
});

describe("documents after `---` keep their own first error", () => {
  const manifest = [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: first",
    "data:",
    "  a: 1",
    " b: 2",
    "---",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "\tname: second",
    "data:",
    "  c: 3",
    "---",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: third",
    "",
  ].join("\n");

  test("an unclosed quote swallows the documents after it: one finding, at the quote's line", () => {
    const text = manifest.replace("  a: 1", '  a: "unclosed');
    const r = parseYamlLimited(text, "manifests/cm.yaml", {
      multi: true,
      code: "MANIFEST_SYNTAX",
    });
    expect(r.findings.map((f) => [f.code, f.line])).toEqual([
      ["MANIFEST_SYNTAX", 6],
    ]);
  });

  test("two broken documents give two findings, each at its own line; the good third gives none", () => {
    const r = parseYamlLimited(manifest, "manifests/cm.yaml", {
      multi: true,
      code: "MANIFEST_SYNTAX",
    });
    expect(parseAllDocuments(manifest)).toHaveLength(3);
    expect(r.findings.map((f) => [f.code, f.line])).toEqual([
      ["MANIFEST_SYNTAX", 7],
      ["MANIFEST_SYNTAX", 12],
    ]);
  });

  test("through validatePack, a real manifest pack broken in its one manifest: the same two findings", async () => {
    const kubevirt = await loadFixture("pack-central/multus-3.9.0");
    const path = [...kubevirt.keys()].find((p) => p.startsWith("manifests/"))!;
    expect(dec(kubevirt.get(path))).not.toContain("{{");
    const files = new Map(kubevirt);
    files.set(path, enc(manifest));
    const errors = validatePack(files).findings.filter(
      (f) => f.file === path && f.severity === "error",
    );
    expect(errors.map((f) => [f.code, f.line])).toEqual([
      ["MANIFEST_SYNTAX", 7],
      ["MANIFEST_SYNTAX", 12],
    ]);
  });
});

describe("what does not change", () => {
  test("every real fixture's values.yaml still parses without a finding", async () => {
    for (const dir of ["argocd-3.26.7", "kyverno-1.12.2", "splunk-1.4.3"]) {
      const files = await loadFixture(`pack-central/${dir}`);
      const r = parseYamlLimited(dec(files.get("values.yaml")), "values.yaml");
      expect(r.findings, dir).toEqual([]);
    }
  });

  test("a duplicate key in a document that parses is still reported, with its line", () => {
    const r = parseYamlLimited("a: 1\nb: 2\na: 3\n", "values.yaml");
    expect(r.findings).toEqual([
      expect.objectContaining({ line: 3, severity: "error" }),
    ]);
  });
});
