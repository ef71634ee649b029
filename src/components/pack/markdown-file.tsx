import { MarkdownView } from "@/components/markdown/markdown-view";
import type { PackFiles } from "@/pack/pack-files";

import { SourceView, type SourceViewProps } from "./source-view";

/** What a Markdown file may refer to: its own folder's files (the pack's, or a chart's). */
export interface DocumentContext {
  files: PackFiles;
  /** The file's path among `files`. */
  path: string;
  /** The app URL of another file among `files`. */
  fileHref?: ((path: string) => string) | undefined;
}

interface MarkdownFileProps extends SourceViewProps {
  doc: DocumentContext;
  /** Rendered as a document, or the source in the editor. */
  rendered: boolean;
  onRenderedChange: (rendered: boolean) => void;
  /** Of the heading above: the document's headings go below it. */
  headingLevel: number;
}

/** A Markdown file, rendered as its authors wrote it or as source, with a toggle between the two. */
export function MarkdownFile({
  doc,
  rendered,
  onRenderedChange,
  headingLevel,
  ...source
}: MarkdownFileProps) {
  return (
    <>
      <div role="group" aria-label="Show the file" className="view-toggle">
        <button
          type="button"
          aria-pressed={rendered}
          onClick={() => onRenderedChange(true)}
        >
          Rendered
        </button>
        <button
          type="button"
          aria-pressed={!rendered}
          onClick={() => onRenderedChange(false)}
        >
          Source
        </button>
      </div>
      {rendered ? (
        <MarkdownView
          text={source.text}
          path={doc.path}
          files={doc.files}
          // The document's h1 sits one level below the file's own heading.
          headingOffset={headingLevel}
          {...(doc.fileHref ? { fileHref: doc.fileHref } : {})}
        />
      ) : (
        <SourceView {...source} />
      )}
    </>
  );
}
