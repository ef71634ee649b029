import { lazy, Suspense } from "react";

import { EditorFallback } from "./editor-fallback";
import { EditorLoadBoundary } from "./editor-load-boundary";
import { cssHeight, type DiffEditorProps } from "./types";

let loading: Promise<typeof import("./monaco-diff-editor")> | undefined;

/**
 * Start loading Monaco's diff editor now, for a page that is about to show diffs: the chunk is
 * large, and fetching and running it while the page gets its data saves that time later.
 */
export function preloadDiffEditor(): Promise<
  typeof import("./monaco-diff-editor")
> {
  loading ??= import("./monaco-diff-editor").catch((e: unknown) => {
    // A failed load may be retried (the error boundary offers it).
    loading = undefined;
    throw e;
  });
  return loading;
}

const MonacoDiffEditor = lazy(() =>
  preloadDiffEditor().then((m) => ({ default: m.MonacoDiffEditor })),
);

/**
 * A read-only Monaco diff: side by side, inline on narrow screens. Until Monaco has loaded, both
 * texts are shown as plain text with a "Loading editor…" status.
 */
export function DiffEditor(props: DiffEditorProps) {
  const height = cssHeight(props.height, "24rem");
  const panes = [
    { label: `${props.ariaLabel} (original)`, text: props.original },
    { label: `${props.ariaLabel} (modified)`, text: props.modified },
  ];
  return (
    <EditorLoadBoundary
      fallback={<EditorFallback panes={panes} height={height} state="failed" />}
    >
      <Suspense
        fallback={
          <EditorFallback panes={panes} height={height} state="loading" />
        }
      >
        <MonacoDiffEditor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
