/**
 * The languages the editors highlight; YAML and JSON also get a language service (validation).
 * `yaml-template` is YAML with Go template actions (a chart's templates, a manifest Helm or
 * Palette renders): highlighted as YAML, never checked as YAML, which it is not until rendered.
 */
export type EditorLanguage =
  "yaml" | "yaml-template" | "json" | "markdown" | "plaintext";

export type EditorSeverity = "error" | "warning" | "info";

/** A problem the editor's language service found (YAML syntax, schema, JSON syntax). */
export interface EditorDiagnostic {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  severity: EditorSeverity;
}

/** An extra finding shown on a whole line: squiggle, gutter icon, hover, "next problem" (F8). */
export interface EditorMarker {
  /** 1-based; clamped to the text. */
  line: number;
  message: string;
  severity: EditorSeverity;
}

export interface CodeEditorProps {
  value: string;
  language: EditorLanguage;
  /** Given to the editor's textarea (and to the plain-text fallback while it loads). */
  ariaLabel: string;
  readOnly?: boolean;
  /** Called with the full text after each edit by the user (not for changes of `value`). */
  onChange?: (value: string) => void;
  /** CSS height; a number is pixels. Defaults to 20rem. */
  height?: number | string;
  /** A JSON Schema for YAML: validation, completion and hover through monaco-yaml. */
  schema?: unknown;
  /** Stable per file, e.g. "file:///values.yaml"; one is made up when absent. */
  modelUri?: string;
  /** 1-based line to scroll to and highlight; set it again (or to another line) to move. */
  revealLine?: number;
  /** The language service's problems for this text, each time they change. */
  onDiagnostics?: (diagnostics: EditorDiagnostic[]) => void;
  /** Called once the real editor (not the fallback) is on the page. */
  onReady?: () => void;
  /** Extra findings shown in the gutter. */
  markers?: EditorMarker[];
  /** A line number in the gutter was clicked (1-based). */
  onLineNumberClick?: (line: number) => void;
  /** The line the cursor (or the selection's start) is on, each time it changes (1-based). */
  onCursorLine?: (line: number) => void;
  /**
   * Move the keyboard focus into the editor at this line (a problem's "line N" link); a new
   * `seq` asks again for the same line.
   */
  focusLine?: { line: number; seq: number };
}

export interface DiffEditorProps {
  original: string;
  modified: string;
  language: EditorLanguage;
  ariaLabel: string;
  /** CSS height; a number is pixels. Defaults to 24rem. With `fitContent`, the most it grows to. */
  height?: number | string;
  /**
   * As tall as the diff shows (folded regions folded), up to `height`; a longer diff scrolls in
   * its own box. A three-line change then takes a short box, not a screenful of empty editor.
   */
  fitContent?: boolean;
  /** Fold runs of unchanged lines (a few lines of context stay), each unfoldable in place. */
  hideUnchangedRegions?: boolean;
  onReady?: () => void;
}

/** CSS height from a prop. */
export const cssHeight = (
  height: number | string | undefined,
  fallback: string,
): string =>
  height === undefined
    ? fallback
    : typeof height === "number"
      ? `${height}px`
      : height;
