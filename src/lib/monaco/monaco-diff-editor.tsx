import { useEffect, useEffectEvent, useId, useRef, useState } from "react";

import { VisuallyHidden } from "@/components/ui/visually-hidden";

import { AccessibilityHelp } from "./accessibility-help";
import { addAccessibilityHelp, BASE_OPTIONS } from "./editor-features";
import { monaco } from "./monaco";
import { cssHeight, type DiffEditorProps } from "./types";

import "./editor.css";

/** Below this width (px) the diff is shown inline instead of side by side. */
const SIDE_BY_SIDE_MIN_WIDTH = 720;
/** Long enough for a diff in flight to come back from the worker. */
const MODEL_DISPOSE_DELAY_MS = 10_000;
/** The frame's top and bottom border (px), around the editor's own height. */
const FRAME_BORDERS_PX = 2;

/** The Monaco side of DiffEditor: read-only, side by side, inline when narrow. */
export function MonacoDiffEditor({
  original,
  modified,
  language,
  ariaLabel,
  height,
  fitContent = false,
  hideUnchangedRegions = false,
  onReady,
}: DiffEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const hintId = useId();
  const [helpOpen, setHelpOpen] = useState(false);
  // The diff's own height (px) while it fits its content; null until Monaco has laid it out.
  const [contentHeight, setContentHeight] = useState<number | null>(null);
  const initial = useEffectEvent(() => ({
    original,
    modified,
    language,
    ariaLabel,
    hideUnchangedRegions,
    fitContent,
  }));
  const emitReady = useEffectEvent(() => onReady?.());

  useEffect(() => {
    if (!container.current) return;
    const start = initial();
    const diff = monaco.editor.createDiffEditor(container.current, {
      ...BASE_OPTIONS,
      readOnly: true,
      domReadOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: SIDE_BY_SIDE_MIN_WIDTH,
      renderValidationDecorations: "off",
      // Leading and trailing blanks are changes: in YAML an indent moves a key to another parent
      // (Monaco's default hides such a line as unchanged, and a file listed as changed showed no
      // change at all).
      ignoreTrimWhitespace: false,
      originalAriaLabel: `${start.ariaLabel} (original)`,
      modifiedAriaLabel: `${start.ariaLabel} (modified)`,
      hideUnchangedRegions: { enabled: start.hideUnchangedRegions },
    });
    // Models of their own (no URI): a diff never shares a model with an open file.
    const models = {
      original: monaco.editor.createModel(start.original, start.language),
      modified: monaco.editor.createModel(start.modified, start.language),
    };
    diff.setModel(models);
    for (const side of [diff.getOriginalEditor(), diff.getModifiedEditor()])
      addAccessibilityHelp(
        side as monaco.editor.IStandaloneCodeEditor,
        hintId,
        () => setHelpOpen(true),
      );
    // The modified side is as tall as the whole diff: side by side, alignment zones pad it to the
    // original's lines; inline, the removed lines are zones in it; folded regions count folded.
    const modifiedEditor = diff.getModifiedEditor();
    const sized = start.fitContent
      ? modifiedEditor.onDidContentSizeChange((e) => {
          if (e.contentHeightChanged) setContentHeight(e.contentHeight);
        })
      : undefined;
    if (start.fitContent) setContentHeight(modifiedEditor.getContentHeight());
    diffRef.current = diff;
    emitReady();
    return () => {
      sized?.dispose();
      diffRef.current = null;
      diff.dispose();
      // A diff still being computed in the worker fails with an unhandled "no diff result
      // available" if its models vanish first (React's StrictMode remount does exactly that).
      setTimeout(() => {
        models.original.dispose();
        models.modified.dispose();
      }, MODEL_DISPOSE_DELAY_MS);
    };
  }, [hintId]);

  useEffect(() => {
    const models = diffRef.current?.getModel();
    if (!models) return;
    for (const [model, text] of [
      [models.original, original],
      [models.modified, modified],
    ] as const) {
      if (model.getValue() !== text) model.setValue(text);
      monaco.editor.setModelLanguage(model, language);
    }
  }, [original, modified, language]);

  useEffect(() => {
    diffRef.current?.updateOptions({
      hideUnchangedRegions: { enabled: hideUnchangedRegions },
    });
  }, [hideUnchangedRegions]);

  useEffect(() => {
    const diff = diffRef.current;
    diff
      ?.getOriginalEditor()
      .updateOptions({ ariaLabel: `${ariaLabel} (original)` });
    diff
      ?.getModifiedEditor()
      .updateOptions({ ariaLabel: `${ariaLabel} (modified)` });
  }, [ariaLabel]);

  const box = cssHeight(height, "24rem");
  return (
    <div
      className="code-editor"
      style={
        fitContent && contentHeight !== null
          ? { height: contentHeight + FRAME_BORDERS_PX, maxHeight: box }
          : { height: box }
      }
    >
      <div ref={container} className="code-editor__monaco" />
      <VisuallyHidden id={hintId}>
        Press Alt+F1 for accessibility help, F7 for the next change.
      </VisuallyHidden>
      <AccessibilityHelp
        open={helpOpen}
        onClose={() => setHelpOpen(false)}
        diff
      />
    </div>
  );
}
