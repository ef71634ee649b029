import { useMemo } from "react";

import { CodeEditor, type EditorMarker } from "@/lib/monaco";
import type { Finding } from "@/pack/finding";
import { MAX_RICH_PREVIEW_BYTES, MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";

import { targetLine, type PackLocation } from "../utils/deep-link";
import { formatBytes, previewOf } from "@/components/pack/file-kind";
import { imageDataUrl } from "@/components/pack/image-url";
import { ChartViewer } from "@/components/pack/chart-viewer";
import { PlainText } from "@/components/pack/plain-text";

interface FileViewerProps {
  path: string;
  bytes: Uint8Array;
  /** Findings about this file. */
  findings: readonly Finding[];
  /** What the URL points at inside this file. */
  target: Pick<PackLocation, "path" | "line">;
}

const EDITOR_HEIGHT = "min(70vh, 44rem)";

/**
 * One file, read-only: Monaco for text up to 1 MiB, plain text up to 5 MiB, a description beyond
 * that and for binaries; raster images shown by their bytes; chart archives opened.
 */
export function FileViewer({ path, bytes, findings, target }: FileViewerProps) {
  const preview = useMemo(() => previewOf(path, bytes), [path, bytes]);
  const text = preview.kind === "rich" ? preview.text : null;
  const { path: valuePath, line } = target;
  const revealLine = useMemo(
    () =>
      text === null
        ? undefined
        : targetLine(text, path, {
            ...(valuePath ? { path: valuePath } : {}),
            ...(line ? { line } : {}),
          }),
    [text, path, valuePath, line],
  );
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

  return (
    <section aria-labelledby="file-heading" className="file-viewer">
      <header className="file-viewer__header">
        <h2 id="file-heading" className="file-viewer__path">
          {path}
        </h2>
        <p className="muted small">
          {formatBytes(bytes.length)}
          {preview.kind === "image" || preview.kind === "binary"
            ? ` · ${preview.type}`
            : ""}
          {preview.kind === "chart" ? " · Helm chart archive" : ""}
          {findings.length > 0 &&
            ` · ${findings.length} ${findings.length === 1 ? "finding" : "findings"}`}
        </p>
      </header>
      {unplaced.length > 0 && (
        <ul className="file-viewer__findings">
          {unplaced.map((f, i) => (
            <li
              key={i}
              className={`finding-inline finding-inline--${f.severity}`}
            >
              {f.severity}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {preview.kind === "rich" && (
        <CodeEditor
          value={preview.text}
          language={preview.language}
          ariaLabel={`Contents of ${path}`}
          readOnly
          height={EDITOR_HEIGHT}
          markers={markers}
          {...(revealLine !== undefined ? { revealLine } : {})}
        />
      )}
      {preview.kind === "plain" && (
        <>
          <p className="muted">
            Larger than {formatBytes(MAX_RICH_PREVIEW_BYTES)}: shown as plain
            text, without highlighting.
          </p>
          <PlainText label={`Contents of ${path}`} text={preview.text} />
        </>
      )}
      {preview.kind === "too-large" && (
        <p>
          This file is {formatBytes(preview.size)}, over the{" "}
          {formatBytes(MAX_TEXT_PREVIEW_BYTES)} preview limit. Download the pack
          to read it.
        </p>
      )}
      {preview.kind === "image" && (
        <ImagePreview
          bytes={bytes}
          path={path}
          width={preview.width}
          height={preview.height}
        />
      )}
      {preview.kind === "binary" && <p>A binary file; it is not shown.</p>}
      {preview.kind === "chart" && <ChartViewer path={path} bytes={bytes} />}
    </section>
  );
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
        <figcaption className="muted small">
          {width} × {height} pixels
        </figcaption>
      )}
    </figure>
  );
}
