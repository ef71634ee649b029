import { useQuery } from "@tanstack/react-query";

import { FileContent } from "@/components/pack/file-content";
import { NestedChartNote } from "@/components/pack/file-diff";
import { previewOf } from "@/components/pack/file-kind";
import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Spinner } from "@/components/ui/spinner";

import { compareFileQueryOptions, type FileSide } from "@/lib/api/pack-file";

/**
 * The content of a file inside a chart that only one side has (added or removed), read-only;
 * mounted inside a folded FileDiff, so nothing is fetched until it is opened.
 */
export function OneSideBody({ path, side }: { path: string; side: FileSide }) {
  const file = useQuery(compareFileQueryOptions(side, path));
  if (file.error)
    return (
      <Alert tone="error" title={`${path} could not be loaded`}>
        <p>
          <CodeText text={file.error.message} />
        </p>
      </Alert>
    );
  if (!file.data) return <Spinner label={`Loading ${path}…`} />;
  const preview = previewOf(path, file.data);
  if (preview.kind === "chart") return <NestedChartNote />;
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
