import { useQueries } from "@tanstack/react-query";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Spinner } from "@/components/ui/spinner";

import { compareFileQueryOptions, type FileSide } from "@/lib/api/pack-file";
import { DiffBody } from "@/components/pack/file-diff";

interface CompareFileBodyProps {
  /** The path in the pack, or inside the chart archive each side names. */
  path: string;
  before: FileSide;
  after: FileSide;
}

/** A changed file's diff, its two versions fetched when it is opened. */
export function CompareFileBody({ path, before, after }: CompareFileBodyProps) {
  const [a, b] = useQueries({
    queries: [
      compareFileQueryOptions(before, path),
      compareFileQueryOptions(after, path),
    ],
  });
  const failed = a.error ?? b.error;
  if (failed)
    return (
      <Alert tone="error" title={`${path} could not be loaded`}>
        <p>
          <CodeText text={failed.message} />
        </p>
      </Alert>
    );
  if (!a.data || !b.data)
    return <Spinner label={`Loading both versions of ${path}…`} />;
  return (
    <DiffBody
      path={path}
      before={a.data}
      after={b.data}
      nested={after.chart !== undefined}
    />
  );
}
