import {
  CodeEditor,
  type EditorLanguage,
  type EditorMarker,
} from "@/lib/monaco";

export interface SourceViewProps {
  path: string;
  text: string;
  language: EditorLanguage;
  markers: EditorMarker[];
  revealLine: number | undefined;
  onLineNumberClick?: ((line: number) => void) | undefined;
  onCursorLine?: ((line: number) => void) | undefined;
}

const EDITOR_HEIGHT = "min(70vh, 44rem)";

/** A file's text in a read-only editor: highlighted, findings on their lines, a line revealed. */
export function SourceView({
  path,
  text,
  language,
  markers,
  revealLine,
  onLineNumberClick,
  onCursorLine,
}: SourceViewProps) {
  return (
    <CodeEditor
      value={text}
      language={language}
      ariaLabel={`Contents of ${path}`}
      readOnly
      height={EDITOR_HEIGHT}
      markers={markers}
      {...(revealLine !== undefined ? { revealLine } : {})}
      {...(onLineNumberClick ? { onLineNumberClick } : {})}
      {...(onCursorLine ? { onCursorLine } : {})}
    />
  );
}
