import { lazy, Suspense, useMemo } from "react";

import { EditorFallback } from "./editor-fallback";
import { preloadDiffEditor } from "./preload-diff-editor";
import { QuickDiff, quickHunks } from "./quick-diff";
import { EditorLoadBoundary } from "./editor-load-boundary";
import { cssHeight, type DiffEditorProps } from "./types";

const MonacoDiffEditor = lazy(() =>
  preloadDiffEditor().then((m) => ({ default: m.MonacoDiffEditor })),
);

/**
 * A read-only Monaco diff: side by side, inline on narrow screens. Until Monaco has loaded, the
 * changed lines are drawn without it (or, for texts too large or too different, both texts as
 * plain text), with a status saying the editor is loading.
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
          <DiffLoading
            original={props.original}
            modified={props.modified}
            label={props.ariaLabel}
            panes={panes}
            height={height}
          />
        }
      >
        <MonacoDiffEditor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}

/**
 * While Monaco's chunk loads: the changed lines, drawn without it (a cold compare page waited
 * 2–3 s for its first diff, most of it Monaco's 3.3 MB being compiled and run); both texts as
 * plain text when the quick diff gives up.
 */
function DiffLoading({
  original,
  modified,
  label,
  panes,
  height,
}: {
  original: string;
  modified: string;
  label: string;
  panes: { label: string; text: string }[];
  height: string;
}) {
  const hunks = useMemo(
    () => quickHunks(original, modified),
    [original, modified],
  );
  if (hunks === null)
    return <EditorFallback panes={panes} height={height} state="loading" />;
  return (
    <div className="code-editor-fallback">
      <p role="status" className="code-editor-fallback__status">
        Loading the side-by-side editor; the changed lines meanwhile:
      </p>
      <QuickDiff
        hunks={hunks}
        label={`${label}, changed lines`}
        height={height}
      />
    </div>
  );
}
