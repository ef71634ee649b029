import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";

import { formatSize } from "@/features/wizard/model/file-tree";
import { CodeEditor, type EditorLanguage } from "@/lib/monaco";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { Finding } from "@/pack/finding";
import { MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";
import { imageInfo } from "@/pack/png";
import { decodeText } from "@/pack/yaml-text";

const languageOf = (path: string): EditorLanguage =>
  /\.json$/i.test(path)
    ? "json"
    : /\.ya?ml$/i.test(path)
      ? "yaml"
      : /\.md$/i.test(path)
        ? "markdown"
        : "plaintext";

function PngPreview({ bytes, path }: { bytes: Uint8Array; path: string }) {
  const url = useMemo(
    () =>
      URL.createObjectURL(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" }),
      ),
    [bytes],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const info = imageInfo(bytes);
  return (
    <figure className="review-viewer__image">
      <img src={url} alt={`${path} preview`} />
      <figcaption>
        {info.width} × {info.height} px PNG
      </figcaption>
    </figure>
  );
}

function ChartPreview({ bytes, path }: { bytes: Uint8Array; path: string }) {
  const chart = useQuery({
    queryKey: [
      "wizard",
      "chart-files",
      path,
      bytes.length,
      bytes[bytes.length - 1],
    ],
    queryFn: () => getPackWorker().readChart(bytes, path),
    staleTime: Infinity,
  });
  if (chart.isPending) return <p role="status">Reading the chart…</p>;
  if (!chart.data?.ok)
    return (
      <p role="alert">
        {path} is not a readable Helm chart:{" "}
        {chart.data?.error.message ?? String(chart.error)}
      </p>
    );
  const c = chart.data.value;
  return (
    <div>
      <p>
        Helm chart <strong>{c.name}</strong> {c.version}
        {c.appVersion ? ` (app ${c.appVersion})` : ""}: {c.paths.length} files.
      </p>
      <ul className="review-viewer__chart-files">
        {c.paths.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface PackFileViewerProps {
  path: string;
  bytes: Uint8Array | undefined;
  line?: number | undefined;
  findings: readonly Finding[];
}

/** One file of the pack: text in a read-only editor (at a finding's line), a PNG as an image, a chart as its contents. */
export function PackFileViewer({
  path,
  bytes,
  line,
  findings,
}: PackFileViewerProps) {
  const text = useMemo(
    () =>
      bytes && bytes.length <= MAX_TEXT_PREVIEW_BYTES
        ? decodeText(bytes)
        : null,
    [bytes],
  );
  const markers = useMemo(
    () =>
      findings.flatMap((f) =>
        f.line
          ? [{ line: f.line, message: f.message, severity: f.severity }]
          : [],
      ),
    [findings],
  );
  if (!bytes) return <p role="alert">There is no {path} in the pack.</p>;
  return (
    <section
      className="review-viewer"
      aria-label={`${path}, ${formatSize(bytes.length)}`}
    >
      <h4 className="review-viewer__title">
        {path} <span className="muted">{formatSize(bytes.length)}</span>
      </h4>
      {imageInfo(bytes).format === "png" ? (
        <PngPreview bytes={bytes} path={path} />
      ) : path.endsWith(".tgz") ? (
        <ChartPreview bytes={bytes} path={path} />
      ) : text !== null ? (
        <CodeEditor
          value={text}
          language={languageOf(path)}
          ariaLabel={`${path} (read only)`}
          readOnly
          height="24rem"
          revealLine={line}
          markers={markers}
        />
      ) : (
        <p>
          A binary file of {formatSize(bytes.length)}: it is written to the
          archive as it is.
        </p>
      )}
    </section>
  );
}
