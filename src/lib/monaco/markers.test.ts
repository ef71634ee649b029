import { describe, expect, test } from "vitest";

import {
  clampLine,
  FINDINGS_OWNER,
  findingMarkerData,
  MARKER_SEVERITY,
  severityOf,
  toDiagnostics,
} from "./markers";
import { yamlSchemaSettings } from "./yaml-schemas";

describe("markers", () => {
  test.each([
    [MARKER_SEVERITY.Error, "error"],
    [MARKER_SEVERITY.Warning, "warning"],
    [MARKER_SEVERITY.Info, "info"],
    [MARKER_SEVERITY.Hint, "info"],
  ] as const)("Monaco severity %i is %s", (monacoSeverity, severity) => {
    expect(severityOf(monacoSeverity)).toBe(severity);
  });

  test("diagnostics leave out our own findings and come sorted by position", () => {
    const marker = (
      owner: string,
      line: number,
      column: number,
      severity: number,
    ) => ({
      owner,
      severity,
      message: `${owner} ${line}:${column}`,
      startLineNumber: line,
      startColumn: column,
    });
    expect(
      toDiagnostics([
        marker("yaml", 3, 1, MARKER_SEVERITY.Error),
        marker(FINDINGS_OWNER, 1, 1, MARKER_SEVERITY.Error),
        marker("yaml", 1, 5, MARKER_SEVERITY.Warning),
      ]),
    ).toEqual([
      { line: 1, column: 5, message: "yaml 1:5", severity: "warning" },
      { line: 3, column: 1, message: "yaml 3:1", severity: "error" },
    ]);
  });

  test("findings cover their whole line, clamped to the text", () => {
    const data = findingMarkerData(
      [
        { line: 2, message: "two", severity: "warning" },
        { line: 99, message: "past the end", severity: "error" },
        { line: 0, message: "before the start", severity: "info" },
      ],
      3,
      (line) => [0, 10, 20, 30][line] ?? 0,
    );
    expect(
      data.map((d) => [
        d.startLineNumber,
        d.startColumn,
        d.endColumn,
        d.severity,
      ]),
    ).toEqual([
      [2, 1, 20, MARKER_SEVERITY.Warning],
      [3, 1, 30, MARKER_SEVERITY.Error],
      [1, 1, 10, MARKER_SEVERITY.Info],
    ]);
  });

  test.each([
    [5, 10, 5],
    [0, 10, 1],
    [11, 10, 10],
    [2.7, 10, 2],
    [Number.NaN, 10, 1],
    [3, 0, 1],
  ])("clampLine(%d, %d) is %d", (line, count, expected) => {
    expect(clampLine(line, count)).toBe(expected);
  });
});

describe("yamlSchemaSettings", () => {
  test("one setting per model, matched by its URI, without the schema's own $id", () => {
    const schema = { $id: "https://example.com/s.json", type: "object" };
    expect(
      yamlSchemaSettings(
        new Map<string, unknown>([
          ["file:///values.yaml", schema],
          ["file:///bad.yaml", true],
          ["file:///none.yaml", null],
        ]),
      ),
    ).toEqual([
      {
        uri: "file:///values.yaml.schema.json",
        fileMatch: ["file:///values.yaml"],
        schema: { type: "object" },
      },
    ]);
    expect(schema.$id).toBe("https://example.com/s.json");
  });
});
