import { Suspense, use } from "react";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Spinner } from "@/components/ui/spinner";
import { CodeEditor } from "@/lib/monaco";
import { utf8Size } from "@/pack/bytes";
import type { ChartInfo } from "@/pack/chart";
import { MAX_RICH_PREVIEW_BYTES } from "@/pack/limits";

import { sectionHeading, type HeadingTag } from "./chart-heading";
import { ChartFacts } from "./chart-facts";
import {
  ChartFileList,
  DependenciesTable,
  SubchartsTable,
} from "./chart-tables";
import type { OpenFile } from "./file-link";
import { readChartOnce, type ChartResult } from "./read-chart";
import { PlainText } from "./plain-text";
import { ValuesSchemaTable } from "./values-schema-table";
import "./chart.css";

interface ChartViewerProps {
  /** The archive's path: `charts/argo-cd.tgz` (or, inside an archive, `charts/a.tgz/charts/b.tgz`). */
  path: string;
  bytes: Uint8Array;
  /** Of the file's heading above the panel: its sections go one below. */
  headingLevel?: 2 | 4;
  /** Opens a file inside the chart in the tree; without it, paths are plain text. */
  open?: OpenFile | undefined;
}

/**
 * A chart .tgz opened in the pack worker: all of Chart.yaml, its dependencies and subcharts, its
 * CRDs and templates (each opens in the tree), its default values and values.schema.json.
 */
export function ChartViewer({
  path,
  bytes,
  headingLevel = 2,
  open,
}: ChartViewerProps) {
  // security.md case 27: archives nest at most two deep (pack → chart); one inside a chart is listed, never expanded.
  if (/\.(tgz|tar\.gz)\//i.test(path))
    return (
      <Alert tone="info" title="A chart archive inside a chart archive">
        It is not opened: archives nest at most two deep. The chart that holds
        it lists it among its subcharts with the dependency it came from.
      </Alert>
    );
  return (
    <Suspense fallback={<Spinner label="Opening the chart…" />}>
      <ChartDetails
        path={path}
        promise={readChartOnce(bytes, path)}
        heading={sectionHeading(headingLevel)}
        open={open}
      />
    </Suspense>
  );
}

function ChartDetails({
  path,
  promise,
  heading: Heading,
  open,
}: {
  path: string;
  promise: Promise<ChartResult>;
  heading: HeadingTag;
  open: OpenFile | undefined;
}) {
  const result = use(promise);
  // Where its files would be listed: why there are none.
  if (!result.ok)
    return (
      <Alert tone="error" title="This chart archive cannot be opened">
        <CodeText text={result.error.message} />. Its files, Chart.yaml and
        values cannot be shown.
      </Alert>
    );
  const c = result.value;
  const valuesSize = valuesSizeOf(c);
  return (
    <div className="chart">
      <ChartFacts chart={c} heading={Heading} />
      <DependenciesTable dependencies={c.dependencies} heading={Heading} />
      <SubchartsTable
        archive={path}
        subcharts={c.subcharts}
        open={open}
        heading={Heading}
      />
      <Heading>Custom resource definitions ({c.crds.length})</Heading>
      {c.crds.length === 0 ? (
        <p className="pack-note">The chart defines no CRDs.</p>
      ) : (
        <ChartFileList
          archive={path}
          paths={c.crds}
          open={open}
          label="Custom resource definitions"
        />
      )}
      <Heading>Default values</Heading>
      {c.valuesText === "" ? (
        <p className="pack-note">The chart has no values.yaml.</p>
      ) : valuesSize > MAX_RICH_PREVIEW_BYTES ? (
        <PlainText label={`Default values of ${path}`} text={c.valuesText} />
      ) : (
        <CodeEditor
          value={c.valuesText}
          language="yaml"
          readOnly
          ariaLabel={`Default values of ${path}`}
          height="28rem"
        />
      )}
      {c.hasValuesSchema && (
        <>
          <Heading>Values schema</Heading>
          {c.valuesSchema === undefined ? (
            <p className="chart__error">
              <span aria-hidden="true">⚠ </span>
              values.schema.json is not valid JSON; open it to read it as text.
            </p>
          ) : (
            <ValuesSchemaTable
              schema={c.valuesSchema}
              label={`Values schema of ${path}`}
            />
          )}
        </>
      )}
      <Heading>Templates ({c.templates.length})</Heading>
      {c.templates.length === 0 ? (
        <p className="pack-note">No templates.</p>
      ) : (
        <ChartFileList
          archive={path}
          paths={c.templates}
          open={open}
          label="Templates"
        />
      )}
      <p className="pack-note pack-note--small">
        {c.paths.length} files in the chart.
      </p>
    </div>
  );
}

// The UTF-8 size of a chart's default values (up to 5 MiB), measured once per read chart rather
// than encoded again on every render.
const valuesSizes = new WeakMap<ChartInfo, number>();
function valuesSizeOf(c: ChartInfo): number {
  let n = valuesSizes.get(c);
  if (n === undefined) {
    n = utf8Size(c.valuesText);
    valuesSizes.set(c, n);
  }
  return n;
}
