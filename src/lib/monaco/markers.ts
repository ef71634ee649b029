import type { EditorDiagnostic, EditorMarker, EditorSeverity } from "./types";

/** Monaco's MarkerSeverity values (a const enum there, so repeated here to keep this file pure). */
export const MARKER_SEVERITY = {
  Hint: 1,
  Info: 2,
  Warning: 4,
  Error: 8,
} as const;

/** The owner of the markers that come from the `markers` prop, apart from the language services'. */
export const FINDINGS_OWNER = "packsmith";

/** The fields of a Monaco marker this module reads. */
export interface MarkerLike {
  owner: string;
  severity: number;
  message: string;
  startLineNumber: number;
  startColumn: number;
}

export function severityOf(markerSeverity: number): EditorSeverity {
  if (markerSeverity >= MARKER_SEVERITY.Error) return "error";
  if (markerSeverity >= MARKER_SEVERITY.Warning) return "warning";
  return "info";
}

export function markerSeverityOf(severity: EditorSeverity): number {
  switch (severity) {
    case "error":
      return MARKER_SEVERITY.Error;
    case "warning":
      return MARKER_SEVERITY.Warning;
    case "info":
      return MARKER_SEVERITY.Info;
  }
}

/** The language service's problems (not our own findings), sorted by position. */
export function toDiagnostics(
  markers: readonly MarkerLike[],
): EditorDiagnostic[] {
  return markers
    .filter((m) => m.owner !== FINDINGS_OWNER)
    .map((m) => ({
      line: m.startLineNumber,
      column: m.startColumn,
      message: m.message,
      severity: severityOf(m.severity),
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Marker data for findings: each covers its whole line, clamped to the text. */
export function findingMarkerData(
  findings: readonly EditorMarker[],
  lineCount: number,
  lineEndColumn: (line: number) => number,
): {
  severity: number;
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}[] {
  return findings.map((f) => {
    const line = clampLine(f.line, lineCount);
    return {
      severity: markerSeverityOf(f.severity),
      message: f.message,
      source: "Packsmith",
      startLineNumber: line,
      startColumn: 1,
      endLineNumber: line,
      endColumn: Math.max(lineEndColumn(line), 2),
    };
  });
}

/** A 1-based line inside a text of `lineCount` lines. */
export const clampLine = (line: number, lineCount: number): number =>
  Math.min(
    Math.max(1, Math.floor(Number.isFinite(line) ? line : 1)),
    Math.max(1, lineCount),
  );
