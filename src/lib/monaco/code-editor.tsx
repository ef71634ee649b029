import { lazy, Suspense } from "react";

import { EditorFallback } from "./editor-fallback";
import { EditorLoadBoundary } from "./editor-load-boundary";
import { cssHeight, type CodeEditorProps } from "./types";

// Monaco and monaco-yaml live in this chunk, loaded on the first render of an editor.
const MonacoCodeEditor = lazy(() =>
  import("./monaco-code-editor").then((m) => ({ default: m.MonacoCodeEditor })),
);

/**
 * A Monaco editor for one file. Until Monaco has loaded, the text is shown as plain text with a
 * "Loading editor…" status, so the page is usable at once.
 */
export function CodeEditor(props: CodeEditorProps) {
  const height = cssHeight(props.height, "20rem");
  const panes = [{ label: props.ariaLabel, text: props.value }];
  return (
    <EditorLoadBoundary
      fallback={
        <EditorFallback
          panes={panes}
          height={height}
          state="failed"
          onChange={props.readOnly ? undefined : props.onChange}
        />
      }
    >
      <Suspense
        fallback={
          <EditorFallback panes={panes} height={height} state="loading" />
        }
      >
        <MonacoCodeEditor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
