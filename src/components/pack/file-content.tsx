import type { EditorMarker } from "@/lib/monaco";
import { MAX_RICH_PREVIEW_BYTES, MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";

import { ChartViewer } from "./chart-viewer";
import type { OpenFile } from "./file-link";
import { formatBytes, type FilePreview } from "./file-kind";
import { imageDataUrl } from "./image-url";
import { MarkdownFile, type DocumentContext } from "./markdown-file";
import { PlainText } from "./plain-text";
import { SourceView } from "./source-view";

interface FileContentProps {
  path: string;
  bytes: Uint8Array;
  preview: FilePreview;
  markers: EditorMarker[];
  revealLine: number | undefined;
  onLineNumberClick?: ((line: number) => void) | undefined;
  onCursorLine?: ((line: number) => void) | undefined;
  /** For a chart archive: the file heading's level, and how its panel opens the files inside. */
  chart?: { headingLevel: 2 | 4; open?: OpenFile | undefined };
  /** For Markdown: what it may refer to, whether it is shown rendered, the heading above it. */
  markdown?: {
    doc: DocumentContext;
    rendered: boolean;
    onRenderedChange: (rendered: boolean) => void;
    headingLevel: number;
  };
}

/**
 * A file's body by what it is: Monaco for text up to 1 MiB (Markdown also rendered), plain text up to 5 MiB, a sentence
 * beyond that and for binaries, raster images by their bytes, chart archives opened.
 */
export function FileContent({
  path,
  bytes,
  preview,
  markers,
  revealLine,
  onLineNumberClick,
  onCursorLine,
  chart,
  markdown,
}: FileContentProps) {
  switch (preview.kind) {
    case "rich": {
      const source = {
        path,
        text: preview.text,
        language: preview.language,
        markers,
        revealLine,
        onLineNumberClick,
        onCursorLine,
      };
      return markdown && preview.language === "markdown" ? (
        <MarkdownFile {...source} {...markdown} />
      ) : (
        <SourceView {...source} />
      );
    }
    case "plain":
      return (
        <>
          <p className="pack-note">
            Larger than {formatBytes(MAX_RICH_PREVIEW_BYTES)}: shown as plain
            text, without highlighting.
          </p>
          <PlainText label={`Contents of ${path}`} text={preview.text} />
        </>
      );
    case "too-large":
      return (
        <p>
          This file is {formatBytes(preview.size)}, over the{" "}
          {formatBytes(MAX_TEXT_PREVIEW_BYTES)} preview limit. Download the pack
          to read it.
        </p>
      );
    case "image":
      return (
        <ImagePreview
          bytes={bytes}
          path={path}
          width={preview.width}
          height={preview.height}
        />
      );
    case "binary":
      return <p>A binary file; it is not shown.</p>;
    case "chart":
      return (
        <ChartViewer
          path={path}
          bytes={bytes}
          headingLevel={chart?.headingLevel}
          open={chart?.open}
        />
      );
  }
}

function ImagePreview({
  bytes,
  path,
  width,
  height,
}: {
  bytes: Uint8Array;
  path: string;
  width?: number | undefined;
  height?: number | undefined;
}) {
  const src = imageDataUrl(bytes);
  return (
    <figure className="image-preview">
      {src ? (
        <img src={src} alt={`Preview of ${path}`} />
      ) : (
        <p>Too large to show inline.</p>
      )}
      {width !== undefined && height !== undefined && (
        <figcaption className="pack-note pack-note--small">
          {width} × {height} pixels
        </figcaption>
      )}
    </figure>
  );
}
