import { describe, expect, it } from "vitest";

import { problemList } from "@/features/wizard/model/problem-list";
import { validatePack } from "@/pack/validate";
import { parseYamlLimited } from "@/pack/yaml-text";
import { loadFixture } from "../../../../test/helpers/fixtures";

const enc = (s: string) => new TextEncoder().encode(s);

describe("problemList: one entry per problem", () => {
  it("a broken line of a real pack's values.yaml is listed once, whoever reports it", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const text = new TextDecoder().decode(files.get("values.yaml"));
    const lines = text.split("\n");
    // An unclosed flow sequence in the middle of the file: the parser's follow-on errors come after.
    const at = Math.floor(lines.length / 2);
    lines.splice(at, 0, "broken: [a, b");
    const broken = lines.join("\n");
    files.set("values.yaml", enc(broken));
    const core = validatePack(files).findings.filter(
      (f) => f.file === "values.yaml",
    );
    const first = parseYamlLimited(broken, "values.yaml").findings[0]!;
    const formError = first;
    // What monaco-yaml reports for the same text: the line itself, and more below it.
    const editor = [
      {
        line: at + 1,
        message: "Flow sequence in block collection",
        severity: "error" as const,
      },
      {
        line: at + 1,
        message: "Unexpected end of flow sequence",
        severity: "error" as const,
      },
      {
        line: at + 3,
        message: "Implicit keys need to be on a single line",
        severity: "error" as const,
      },
      {
        line: 2,
        message: "Property x is not allowed.",
        severity: "warning" as const,
      },
    ];
    const list = problemList(core, formError, editor);
    const yaml = list.filter((p) => p.severity === "error");
    expect(yaml).toHaveLength(1);
    expect(yaml[0]!.code).toBe("VALUES_SYNTAX");
    // The editor's warning (a schema note) is still there.
    expect(list.filter((p) => p.code === "EDITOR")).toEqual([
      expect.objectContaining({ line: 2, severity: "warning" }),
    ]);
  });

  it.each([
    {
      name: "editor only (the core's report not back yet): one per line",
      diagnostics: [
        { line: 3, message: "a", severity: "error" as const },
        { line: 3, message: "b", severity: "error" as const },
        { line: 4, message: "c", severity: "error" as const },
      ],
      formError: undefined,
      lines: [3, 4],
    },
    {
      name: "the step's error alone stands for the editor's errors",
      diagnostics: [{ line: 7, message: "x", severity: "error" as const }],
      formError: {
        message: "Nested mappings are not allowed in compact mappings",
        line: 7,
      },
      lines: [7],
    },
    {
      // The key quoted in the message reads like a line: the finding's own line is the one.
      name: "the step's error keeps its finding's line, whatever numbers its words hold",
      diagnostics: [{ line: 3, message: "x", severity: "error" as const }],
      formError: {
        message: "values.yaml: the key `x (line 9)` appears twice (line 9)",
        line: 3,
      },
      lines: [3],
    },
    {
      name: "nothing wrong",
      diagnostics: [],
      formError: undefined,
      lines: [],
    },
  ])("$name", ({ diagnostics, formError, lines }) => {
    expect(problemList([], formError, diagnostics).map((p) => p.line)).toEqual(
      lines,
    );
  });

  it("lists errors first, then warnings, then notes, each in the order found", () => {
    const f = (line: number, severity: "error" | "warning" | "info") => ({
      code: "X",
      line,
      message: `m${line}`,
      severity,
    });
    const list = problemList(
      [f(1, "info"), f(2, "warning"), f(3, "info"), f(4, "error")],
      undefined,
      [{ line: 5, message: "schema", severity: "warning" }],
    );
    expect(list.map((p) => [p.severity, p.line])).toEqual([
      ["error", 4],
      ["warning", 2],
      ["warning", 5],
      ["info", 1],
      ["info", 3],
    ]);
  });
});
