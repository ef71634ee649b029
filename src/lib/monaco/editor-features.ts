import {
  clampLine,
  FINDINGS_OWNER,
  findingMarkerData,
  toDiagnostics,
} from "./markers";
import { monaco } from "./monaco";
import type { EditorDiagnostic, EditorMarker } from "./types";

type CodeEditor = monaco.editor.IStandaloneCodeEditor;
type TextModel = monaco.editor.ITextModel;

/** Options every code editor shares. */
export const BASE_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions =
  {
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    accessibilitySupport: "auto",
    // A real <textarea> carries the label and the read-only state (the newer EditContext does not).
    editContext: false,
    // Findings are shown on read-only editors too (Monaco hides squiggles there by default).
    renderValidationDecorations: "on",
    tabSize: 2,
    insertSpaces: true,
    detectIndentation: true,
    wordWrap: "off",
    // Suggest words of this file only: other open files (another pack, a diff) are not its context.
    wordBasedSuggestions: "currentDocument",
  };

/** Markdown special characters escaped: a finding's text is shown as written, never as markup. */
const plainMarkdown = (text: string): monaco.IMarkdownString => ({
  value: text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&"),
  isTrusted: false,
  supportHtml: false,
});

/**
 * Show findings as markers (squiggle, overview ruler, hover, F8 navigation) and as gutter icons.
 * Returns their removal.
 */
export function showFindings(
  editor: CodeEditor,
  model: TextModel,
  findings: readonly EditorMarker[],
): () => void {
  monaco.editor.setModelMarkers(
    model,
    FINDINGS_OWNER,
    findingMarkerData(findings, model.getLineCount(), (line) =>
      model.getLineMaxColumn(line),
    ),
  );
  editor.updateOptions({ glyphMargin: findings.length > 0 });
  const glyphs = editor.createDecorationsCollection(
    findings.map((f) => {
      const line = clampLine(f.line, model.getLineCount());
      return {
        range: new monaco.Range(line, 1, line, 1),
        options: {
          glyphMarginClassName: `code-editor__glyph code-editor__glyph--${f.severity}`,
          glyphMarginHoverMessage: plainMarkdown(`${f.severity}: ${f.message}`),
          stickiness:
            monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      };
    }),
  );
  return () => {
    glyphs.clear();
    monaco.editor.setModelMarkers(model, FINDINGS_OWNER, []);
  };
}

/**
 * Report the language service's problems for `model` now and whenever they change (only when
 * they did change). Returns the unsubscription.
 */
export function watchDiagnostics(
  model: TextModel,
  report: (diagnostics: EditorDiagnostic[]) => void,
): () => void {
  const uri = model.uri;
  let last = "";
  const emit = (): void => {
    const diagnostics = toDiagnostics(
      monaco.editor.getModelMarkers({ resource: uri }),
    );
    const key = JSON.stringify(diagnostics);
    if (key === last) return;
    last = key;
    report(diagnostics);
  };
  emit();
  const subscription = monaco.editor.onDidChangeMarkers((uris) => {
    if (uris.some((u) => u.toString() === uri.toString())) emit();
  });
  return () => subscription.dispose();
}

/**
 * Scroll `line` to the middle (unless it is in view already: a clicked line stays where it is),
 * put the cursor on it and highlight it. Returns the un-highlight.
 */
export function revealLine(
  editor: CodeEditor,
  model: TextModel,
  line: number,
): () => void {
  const target = clampLine(line, model.getLineCount());
  editor.revealLineInCenterIfOutsideViewport(target);
  editor.setPosition({ lineNumber: target, column: 1 });
  const highlight = editor.createDecorationsCollection([
    {
      range: new monaco.Range(target, 1, target, 1),
      options: {
        isWholeLine: true,
        className: "code-editor__revealed",
        linesDecorationsClassName: "code-editor__revealed-gutter",
      },
    },
  ]);
  return () => highlight.clear();
}

/**
 * Report clicks on the gutter's line numbers and the cursor's line (the selection's start, so a
 * line selected by its number reports that line, not the next). Returns the unsubscription.
 */
export function watchLines(
  editor: CodeEditor,
  onLineNumberClick: (line: number) => void,
  onCursorLine: (line: number) => void,
): () => void {
  const clicks = editor.onMouseDown((e) => {
    const line = e.target.position?.lineNumber;
    if (
      e.target.type === monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS &&
      line !== undefined &&
      e.event.leftButton
    )
      onLineNumberClick(line);
  });
  let last = 0;
  const cursor = editor.onDidChangeCursorSelection((e) => {
    const line = e.selection.startLineNumber;
    if (line === last) return;
    last = line;
    onCursorLine(line);
  });
  return () => {
    clicks.dispose();
    cursor.dispose();
  };
}

/** Replace the text without losing undo history, unless it is already that text. */
export function replaceText(model: TextModel, text: string): boolean {
  if (model.getValue() === text) return false;
  model.pushEditOperations(
    [],
    [{ range: model.getFullModelRange(), text }],
    () => null,
  );
  return true;
}

/**
 * Alt+F1 (also in the F1 command list): the standalone Monaco no longer ships its accessibility
 * help, so the editor opens ours. The textarea is described by a hint that says so; Monaco
 * rebuilds the textarea with each model, hence the listener.
 */
export function addAccessibilityHelp(
  editor: CodeEditor,
  hintId: string,
  open: () => void,
): void {
  editor.addAction({
    id: "editor.action.accessibilityHelp",
    label: "Accessibility help",
    keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.F1],
    run: open,
  });
  const describe = (): void =>
    editor
      .getDomNode()
      ?.querySelector("textarea")
      ?.setAttribute("aria-describedby", hintId);
  describe();
  editor.onDidChangeModel(describe);
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focus the next (or previous) tab stop of the page outside `inside`, as Tab would. */
function moveFocusOut(inside: HTMLElement, direction: 1 | -1): void {
  // The editor counts as one stop, its input textarea; every other stop inside it is skipped.
  const input = inside.querySelector("textarea");
  const stops = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) =>
      (el === input || !inside.contains(el)) &&
      el.getClientRects().length > 0 &&
      !el.closest("[inert]"),
  );
  const here = stops.findIndex((el) => inside.contains(el));
  if (here < 0) return;
  stops[here + direction]?.focus();
}

/**
 * Tab indents in the editor, so it cannot also leave it: Escape, then Tab (or Shift+Tab) moves
 * the focus to the next (previous) control of the page. Escape first closes a suggestion list or
 * hover as usual; any other key in between cancels. (Ctrl+M still switches Tab for good.)
 */
export function escapeThenTab(editor: CodeEditor): () => void {
  let escaped = false;
  const modifiers = [
    monaco.KeyCode.Shift,
    monaco.KeyCode.Ctrl,
    monaco.KeyCode.Alt,
    monaco.KeyCode.Meta,
  ];
  const keys = editor.onKeyDown((e) => {
    // Holding Shift for Shift+Tab is not "another key".
    if (modifiers.includes(e.keyCode)) return;
    const was = escaped;
    escaped = e.keyCode === monaco.KeyCode.Escape;
    if (
      !was ||
      e.keyCode !== monaco.KeyCode.Tab ||
      e.ctrlKey ||
      e.altKey ||
      e.metaKey
    )
      return;
    const node = editor.getDomNode();
    if (!node) return;
    e.preventDefault();
    e.stopPropagation();
    moveFocusOut(node, e.shiftKey ? -1 : 1);
  });
  const blur = editor.onDidBlurEditorText(() => {
    escaped = false;
  });
  return () => {
    keys.dispose();
    blur.dispose();
  };
}
