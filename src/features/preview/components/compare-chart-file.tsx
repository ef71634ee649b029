import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { FileContent } from "@/components/pack/file-content";
import { formatBytes, previewOf } from "@/components/pack/file-kind";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

import {
  compareFileQueryOptions,
  type FileSide,
} from "../api/get-compare-file";

interface CompareChartFileProps {
  /** The path inside the chart archive. */
  path: string;
  size: number;
  /** The side that has the file: the later version for an added file, the earlier for a removed one. */
  side: FileSide;
  /** Says which side it is, e.g. `only in 1.1.0`. */
  note: string;
}

/**
 * A file inside a chart that only one side has (added or removed): folded, and once opened its
 * content from that side, read-only. Nothing is fetched until it is opened.
 */
export function CompareChartFile({
  path,
  size,
  side,
  note,
}: CompareChartFileProps) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="file-diff"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <code>{path}</code>{" "}
        <span className="muted small">
          {formatBytes(size)} · {note}
        </span>
      </summary>
      {open && <OneSideBody path={path} side={side} />}
    </details>
  );
}

function OneSideBody({ path, side }: { path: string; side: FileSide }) {
  const file = useQuery(compareFileQueryOptions(side, path));
  if (file.error)
    return (
      <Alert tone="error" title={`${path} could not be loaded`}>
        <p>{file.error.message}</p>
      </Alert>
    );
  if (!file.data) return <Spinner label={`Loading ${path}…`} />;
  const preview = previewOf(path, file.data);
  if (preview.kind === "chart")
    return (
      <p>
        A chart archive inside a chart is not expanded (archives nest at most
        two deep); the chart&apos;s dependencies name its version.
      </p>
    );
  return (
    <FileContent
      path={path}
      bytes={file.data}
      preview={preview}
      markers={[]}
      revealLine={undefined}
    />
  );
}
