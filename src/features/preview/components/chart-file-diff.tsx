import { Suspense, use } from "react";

import { readChartFilesOnce } from "@/components/pack/chart-files";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

import type { SideFiles } from "../utils/compare-packs";
import { DiffBody } from "./file-diff";

interface ChartFileDiffBodyProps {
  /** The path inside the chart, relative to its root (`templates/deployment.yaml`). */
  path: string;
  before: { archive: string; files: SideFiles };
  after: { archive: string; files: SideFiles };
}

/**
 * A file inside a chart archive, on both sides. Each archive is expanded in the pack worker once,
 * on the first diff opened in it, and shared by every other diff of that chart.
 */
export function ChartFileDiffBody({
  path,
  before,
  after,
}: ChartFileDiffBodyProps) {
  const failed = [before.files, after.files].find((s) => s.status === "error");
  if (failed?.status === "error")
    return (
      <Alert tone="error" title="The files cannot be compared">
        <p>{failed.message}</p>
      </Alert>
    );
  if (before.files.status !== "ready" || after.files.status !== "ready")
    return <Spinner label="Loading both versions' files…" />;
  return (
    <Suspense fallback={<Spinner label="Opening both chart archives…" />}>
      <InnerDiff
        path={path}
        before={archiveBytes(before.files.files, before.archive)}
        after={archiveBytes(after.files.files, after.archive)}
      />
    </Suspense>
  );
}

interface Archive {
  name: string;
  bytes: Uint8Array | undefined;
}

const archiveBytes = (
  files: ReadonlyMap<string, Uint8Array>,
  name: string,
): Archive => ({ name, bytes: files.get(name) });

function InnerDiff({
  path,
  before,
  after,
}: {
  path: string;
  before: Archive;
  after: Archive;
}) {
  if (!before.bytes || !after.bytes)
    return (
      <Alert tone="error" title="A chart archive is missing">
        <p>
          {(!before.bytes ? before : after).name} is not in the version&apos;s
          files.
        </p>
      </Alert>
    );
  // Both promises are cached per archive, so `use` sees the same ones on every render.
  const a = use(readChartFilesOnce(before.bytes, before.name));
  const b = use(readChartFilesOnce(after.bytes, after.name));
  if (!a.ok || !b.ok)
    return (
      <Alert tone="error" title="A chart archive cannot be opened">
        <p>{(!a.ok ? a : !b.ok ? b : null)?.error.message}</p>
      </Alert>
    );
  return (
    <DiffBody
      path={path}
      before={a.value.get(path) ?? new Uint8Array()}
      after={b.value.get(path) ?? new Uint8Array()}
      nested
    />
  );
}
