import { useId, useMemo, useState } from "react";

import { CopyButton } from "@/components/ui/copy-button";
import type { EditorMarker } from "@/lib/monaco";
import type { Finding } from "@/pack/finding";

import { FileContent } from "./file-content";
import type { OpenFile } from "./file-link";
import type { DocumentContext } from "./markdown-file";
import { formatBytes, previewOf } from "./file-kind";
import { targetPlace, type FileTarget } from "./target-line";
import "./pack.css";
import { CodeText } from "@/components/ui/code-text";

export interface FileViewerProps {
  path: string;
  bytes: Uint8Array;
  /** Findings about this file. */
  findings: readonly Finding[];
  /** What the link points at inside this file. */
  target: FileTarget;
  /** Of the file's heading: 2 on the pack page, 4 under the builder's "Files". */
  headingLevel?: 2 | 4;
  /** The absolute URL of this file, or of one line; without it there is nothing to copy. */
  linkTo?: ((line?: number) => string) | undefined;
  /** A line number was clicked in the editor. */
  onLineSelect?: ((line: number) => void) | undefined;
  /** What a Markdown file may refer to; with it, Markdown is shown rendered (source on demand). */
  doc?: DocumentContext | undefined;
  /** How a chart archive's panel opens the files inside it (its CRDs, templates, subcharts). */
  openFile?: OpenFile | undefined;
}

/**
 * One file, read-only, with its findings on their lines, and links to copy: to the file and to
 * the line the cursor is on (the linked line at first).
 */
export function FileViewer({
  path,
  bytes,
  findings,
  target,
  headingLevel = 2,
  linkTo,
  onLineSelect,
  doc,
  openFile,
}: FileViewerProps) {
  const headingId = useId();
  const preview = useMemo(() => previewOf(path, bytes), [path, bytes]);
  const text = preview.kind === "rich" ? preview.text : null;
  const { path: valuePath, line } = target;
  const place = useMemo(
    () =>
      text === null
        ? undefined
        : targetPlace(text, path, {
            ...(valuePath ? { path: valuePath } : {}),
            ...(line ? { line } : {}),
          }),
    [text, path, valuePath, line],
  );
  const revealLine = place?.line;
  const [cursorLine, setCursorLine] = useState<number | undefined>();
  // A link to a line of a document opens its source; otherwise it is read rendered.
  const [rendered, setRendered] = useState(!valuePath && !line);
  const showsRendered =
    rendered &&
    doc !== undefined &&
    preview.kind === "rich" &&
    preview.language === "markdown";
  const markers = useMemo(
    (): EditorMarker[] =>
      findings.flatMap((f) =>
        f.line
          ? [
              {
                line: f.line,
                message: `${f.code}: ${f.message}`,
                severity: f.severity,
              },
            ]
          : [],
      ),
    [findings],
  );
  const unplaced = findings.filter((f) => !f.line);
  const linkLine = cursorLine ?? revealLine;
  const Heading = headingLevel === 4 ? "h4" : "h2";

  return (
    <section aria-labelledby={headingId} className="file-viewer">
      <header className="file-viewer__header">
        <Heading id={headingId} className="file-viewer__path">
          {path}
        </Heading>
        <p className="file-viewer__meta">
          {formatBytes(bytes.length)}
          {preview.kind === "image" || preview.kind === "binary"
            ? ` · ${preview.type}`
            : ""}
          {preview.kind === "chart" ? " · Helm chart archive" : ""}
          {findings.length > 0 &&
            ` · ${findings.length} ${findings.length === 1 ? "finding" : "findings"}`}
        </p>
        {linkTo && (
          <p className="file-viewer__links">
            <CopyButton text={linkTo()} label="Copy link to this file" />
            {text !== null && !showsRendered && linkLine !== undefined && (
              <CopyButton
                text={linkTo(linkLine)}
                label={`Copy link to line ${linkLine}`}
              />
            )}
          </p>
        )}
      </header>
      {valuePath && place?.nearest !== undefined && (
        // A link to a value the file lacks still opens near it; say so, or it reads as found.
        <p className="pack-note" role="status">
          <code>{valuePath}</code> is not in {path}: the view shows{" "}
          {place.nearest ? (
            <>
              its nearest part, <code>{place.nearest}</code>, instead.
            </>
          ) : (
            "the start of the file instead."
          )}
        </p>
      )}
      {unplaced.length > 0 && (
        <ul className="file-viewer__findings">
          {unplaced.map((f, i) => (
            <li
              key={i}
              className={`finding-inline finding-inline--${f.severity}`}
            >
              {f.severity}: <CodeText text={f.message} />
            </li>
          ))}
        </ul>
      )}
      <FileContent
        path={path}
        bytes={bytes}
        preview={preview}
        markers={markers}
        revealLine={revealLine}
        onLineNumberClick={onLineSelect}
        onCursorLine={linkTo ? setCursorLine : undefined}
        chart={{ headingLevel, open: openFile }}
        {...(doc
          ? {
              markdown: {
                doc,
                rendered,
                onRenderedChange: setRendered,
                headingLevel,
              },
            }
          : {})}
      />
    </section>
  );
}
