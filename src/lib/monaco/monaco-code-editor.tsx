import { useEffect, useEffectEvent, useId, useRef, useState } from "react";

import { VisuallyHidden } from "@/components/ui/visually-hidden";

import { AccessibilityHelp } from "./accessibility-help";
import {
  addAccessibilityHelp,
  escapeThenTab,
  BASE_OPTIONS,
  replaceText,
  revealLine as revealAndHighlight,
  showFindings,
  watchDiagnostics,
  watchLines,
} from "./editor-features";
import { acquireModel, releaseModel, unnamedModelUri } from "./models";
import { monaco, setYamlSchema } from "./monaco";
import { PendingEchoes } from "./pending-echoes";
import { cssHeight, type CodeEditorProps } from "./types";

import "./editor.css";

/** Above this many characters, features that re-read the whole file on each change are off. */
const LARGE_MODEL_CHARS = 256 * 1024;
/** How often a large file's text is handed on while typing. */
const LARGE_EMIT_MS = 100;

/**
 * The Monaco side of CodeEditor (this module is the lazily loaded chunk). Effects run in the order
 * written: the editor exists before its model, and the model before everything that uses it.
 */
export function MonacoCodeEditor({
  value,
  language,
  ariaLabel,
  readOnly = false,
  onChange,
  height,
  schema,
  modelUri,
  revealLine,
  onDiagnostics,
  onReady,
  markers,
  onLineNumberClick,
  onCursorLine,
  focusLine,
}: CodeEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const applyingValue = useRef(false);
  // The texts this editor reported and not yet got back: one coming back as `value` is already in
  // the model, or older than it (comparing a 1 MB model's text with it on every keystroke cost
  // milliseconds each, and replacing the model with an older one lost keys: pending-echoes.ts).
  const echoes = useRef(new PendingEchoes());
  const dropPending = useRef<() => void>(() => undefined);
  const hintId = useId();
  const [helpOpen, setHelpOpen] = useState(false);
  const [fallbackUri] = useState(() => unnamedModelUri(language));
  const uri = modelUri ?? fallbackUri;

  const initial = useEffectEvent(() => ({
    value,
    language,
    ariaLabel,
    readOnly,
  }));
  const emitChange = useEffectEvent((text: string) => onChange?.(text));
  const emitDiagnostics = useEffectEvent(
    (d: Parameters<NonNullable<typeof onDiagnostics>>[0]) => onDiagnostics?.(d),
  );
  const emitReady = useEffectEvent(() => onReady?.());
  const emitLineNumberClick = useEffectEvent((line: number) =>
    onLineNumberClick?.(line),
  );
  const emitCursorLine = useEffectEvent((line: number) => onCursorLine?.(line));

  useEffect(() => {
    if (!container.current) return;
    const { ariaLabel: label, readOnly: ro } = initial();
    const editor = monaco.editor.create(container.current, {
      ...BASE_OPTIONS,
      model: null,
      ariaLabel: label,
      readOnly: ro,
      domReadOnly: ro,
    });
    addAccessibilityHelp(editor, hintId, () => setHelpOpen(true));
    const lineEvents = watchLines(editor, emitLineNumberClick, emitCursorLine);
    const leaving = escapeThenTab(editor);
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
      leaving();
      lineEvents();
      editor.dispose();
    };
  }, [hintId]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const start = initial();
    const model = acquireModel(uri, start.value, start.language);
    editor.setModel(model);
    // Sticky scroll asks the language service for the outline of the whole file after each
    // change: for a 1 MB values.yaml, a reply that took 100 ms of the page's thread to read.
    editor.updateOptions({
      stickyScroll: { enabled: model.getValueLength() <= LARGE_MODEL_CHARS },
    });
    echoes.current.clear();
    // A large file's text is handed on at most every LARGE_EMIT_MS while typing (the first change
    // after a pause at once): each hand-on copies the whole text, and 1 MB strings per keystroke
    // kept the page's garbage collector busy in pauses of 40–50 ms. Leaving the editor, or the
    // file, hands on what is pending.
    let timer: number | undefined;
    let lastAt = -Infinity;
    const emitNow = () => {
      window.clearTimeout(timer);
      timer = undefined;
      lastAt = performance.now();
      const text = model.getValue();
      echoes.current.sent(text);
      emitChange(text);
    };
    const flush = () => {
      if (timer !== undefined) emitNow();
    };
    const changes = model.onDidChangeContent(() => {
      if (applyingValue.current) return;
      if (model.getValueLength() <= LARGE_MODEL_CHARS) return emitNow();
      if (timer !== undefined) return;
      const wait = lastAt + LARGE_EMIT_MS - performance.now();
      if (wait <= 0) emitNow();
      else timer = window.setTimeout(emitNow, wait);
    });
    const blur = editor.onDidBlurEditorText(flush);
    dropPending.current = () => {
      window.clearTimeout(timer);
      timer = undefined;
    };
    return () => {
      flush();
      dropPending.current = () => undefined;
      blur.dispose();
      changes.dispose();
      if (editorRef.current === editor) editor.setModel(null);
      releaseModel(model);
    };
  }, [uri]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language, uri]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || echoes.current.settle(value)) return;
    // The text was changed from outside (Format, a reset): it replaces the model, keystrokes not
    // handed on yet included, as it always did.
    dropPending.current();
    applyingValue.current = true;
    // Every text handed on before it is older than it: none of them is awaited any more.
    echoes.current.clear();
    try {
      replaceText(model, value);
    } finally {
      applyingValue.current = false;
    }
  }, [value, uri]);

  useEffect(() => {
    editorRef.current?.updateOptions({
      ariaLabel,
      readOnly,
      domReadOnly: readOnly,
    });
  }, [ariaLabel, readOnly]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || language !== "yaml" || schema === undefined) return;
    return setYamlSchema(model.uri.toString(), schema);
  }, [schema, language, uri]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) return watchDiagnostics(model, emitDiagnostics);
  }, [uri]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor && model) return showFindings(editor, model, markers ?? []);
  }, [markers, uri]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor && model && revealLine !== undefined)
      return revealAndHighlight(editor, model, revealLine);
  }, [revealLine, uri]);

  const focusSeq = focusLine?.seq;
  const focusAt = focusLine?.line;
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || focusAt === undefined) return;
    const clear = revealAndHighlight(editor, model, focusAt);
    editor.focus();
    return clear;
  }, [focusSeq, focusAt, uri]);

  useEffect(() => emitReady(), []);

  return (
    <>
      <div
        className="code-editor"
        style={{ height: cssHeight(height, "20rem") }}
      >
        <div ref={container} className="code-editor__monaco" />
        <VisuallyHidden id={hintId}>
          Press Alt+F1 for accessibility help.
        </VisuallyHidden>
        <AccessibilityHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      </div>
      {!readOnly && (
        <p className="code-editor__keys">
          Tab indents. To leave the editor press <kbd>Esc</kbd> then{" "}
          <kbd>Tab</kbd>; <kbd>Alt+F1</kbd> lists the editor&apos;s keys.
        </p>
      )}
    </>
  );
}
