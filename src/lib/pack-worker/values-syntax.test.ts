import { describe, expect, it } from "vitest";

import { validatePack } from "@/pack/validate";

import { fixtureRows, loadFixture } from "../../../test/helpers/fixtures";
import {
  applyTextEdit,
  QUICK_REGION_CHARS,
  quickValuesSyntax,
  quickValuesSyntaxOfEdit,
  textEdit,
} from "./values-syntax";

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** The core's own findings on values.yaml's syntax, for the pack with this values.yaml. */
async function coreSyntax(dir: string, text: string) {
  const files = await loadFixture(dir);
  files.set("values.yaml", new TextEncoder().encode(text));
  return validatePack(files).findings.filter((f) => f.code === "VALUES_SYNTAX");
}

/** Top-level keys and the lines they start on. */
function topKeys(text: string): number[] {
  return text
    .split("\n")
    .flatMap((l, i) => (/^[A-Za-z_][\w.-]*:(\s|$)/.test(l) ? [i] : []));
}

const kyverno = "pack-central/kyverno-1.12.2";

describe("quickValuesSyntax", () => {
  it("a broken line pasted at the top: the core's own finding, from the first lines only", async () => {
    const values = decode((await loadFixture(kyverno)).get("values.yaml"));
    const broken = `broken: [unclosed\n${values}`;
    const quick = quickValuesSyntax(values, broken);
    expect(quick.lines?.from).toBe(1);
    expect(quick.lines!.to).toBe(1);
    const core = await coreSyntax(kyverno, broken);
    expect(core).toHaveLength(1);
    expect(quick.findings).toEqual(core);
  });

  // Real values.yaml files, each broken in the middle of an entry in three ways: what the quick
  // check reports is the core's finding, word for word and on the same line.
  const rows = fixtureRows().filter((r) => r.dir.startsWith("pack-central/"));
  it.each(rows.map((r) => r.dir))(
    "%s: the same first error as the core",
    async (dir) => {
      const values = decode((await loadFixture(dir)).get("values.yaml"));
      const lines = values.split("\n");
      const keys = topKeys(values);
      if (keys.length === 0) return;
      const at = keys[Math.floor(keys.length / 2)]! + 1;
      const edits = [["  bad: [x"], ['  quote: "open'], ["\tTabbed: 1"]];
      let compared = 0;
      for (const insert of edits) {
        const text = [
          ...lines.slice(0, at),
          ...insert,
          ...lines.slice(at),
        ].join("\n");
        const quick = quickValuesSyntax(values, text);
        const core = await coreSyntax(dir, text);
        if (quick.lines === null) continue;
        expect(core.length, insert[0]).toBe(1);
        // The parser's count of follow-on errors may differ: the first error is the same.
        const strip = (m: string) =>
          m.replace(/ \(the parser reported .*\)$/, "");
        expect(quick.findings.map((f) => [f.line, strip(f.message)])).toEqual(
          core.map((f) => [f.line, strip(f.message)]),
        );
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    },
  );

  it("finds nothing wrong where nothing is: valid edits to every real values.yaml", async () => {
    for (const { dir } of rows) {
      const values = decode((await loadFixture(dir)).get("values.yaml"));
      for (const text of [
        `${values}\n# a comment typed on a new last line`,
        `${values}\nextra:\n  key: [1, 2]\n`,
        values.replace(/: ([a-z]+)$/m, ": $1-changed"),
      ]) {
        const quick = quickValuesSyntax(values, text);
        expect(quick.findings, dir).toEqual([]);
      }
    }
  });

  it("a comment typed on a new last line is parsed alone", () => {
    const values = "pack:\n  namespace: a\nbig:\n" + "  k: v\n".repeat(30_000);
    const quick = quickValuesSyntax(values, `${values}# typed`);
    const last = values.split("\n").length;
    expect(quick).toEqual({ lines: { from: last, to: last }, findings: [] });
  });

  it("parses only the entry the edit is in, and numbers its lines as the file's", () => {
    const values = "a:\n  x: 1\nb:\n  y: 2\n  z: 3\nc: 4\n";
    const broken = values.replace("  z: 3", "  z: [3");
    const quick = quickValuesSyntax(values, broken);
    expect(quick.lines).toEqual({ from: 3, to: 5 });
    expect(quick.findings.map((f) => [f.code, f.line])).toEqual([
      ["VALUES_SYNTAX", 5],
    ]);
  });

  it("leaves to the full check what it cannot see: a too large entry, several documents, aliases of anchors elsewhere", () => {
    const big = "a:\n" + "  k: v\n".repeat(QUICK_REGION_CHARS / 6);
    expect(quickValuesSyntax(big, `${big}  bad: [x\n`)).toEqual({
      lines: null,
      findings: [],
    });
    expect(quickValuesSyntax("a: 1\n", "a: 1\n---\nb: [\n").lines).toBeNull();
    expect(
      quickValuesSyntax("%YAML 1.2\n---\na: 1\n", "%YAML 1.2\n---\na: [\n")
        .lines,
    ).toBeNull();
    const anchored = "base: &base\n  x: 1\nuse:\n  <<: *base\n";
    const quick = quickValuesSyntax(anchored, `${anchored}  y: 2\n`);
    expect(quick.lines).toEqual({ from: 3, to: 5 });
    expect(quick.findings).toEqual([]);
  });
});

describe("textEdit", () => {
  it.each([
    ["a: 1\n", "a: 12\n"],
    ["a: 1\n", "b: 0\na: 1\n"],
    ["a: 1\nb: 2\n", "a: 1\n"],
    ["", "a: 1\n"],
    ["x: xx\n", "x: xxx\n"],
    ["same\n", "same\n"],
  ])("%j → %j: the one edit between them, and back", (prev, text) => {
    const edit = textEdit(prev, text);
    expect(applyTextEdit(prev, edit)).toBe(text);
    expect(edit.insert.length).toBeLessThanOrEqual(text.length);
    expect(edit.to - edit.from).toBeLessThanOrEqual(prev.length);
    // The worker checks from the edit it was sent, as from the two texts.
    expect(quickValuesSyntaxOfEdit(text, edit)).toEqual(
      quickValuesSyntax(prev, text),
    );
  });

  it("an edit that does not fit the text is refused", () => {
    expect(applyTextEdit("abc", { from: 2, to: 5, insert: "" })).toBeNull();
    expect(applyTextEdit("abc", { from: 2, to: 1, insert: "" })).toBeNull();
  });
});
