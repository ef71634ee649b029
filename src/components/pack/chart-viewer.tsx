import { Suspense, use } from "react";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { CodeEditor } from "@/lib/monaco";
import { MAX_RICH_PREVIEW_BYTES } from "@/pack/limits";

import { readChartOnce, type ChartResult } from "./read-chart";
import { PlainText } from "./plain-text";

/** A chart .tgz opened in the pack worker: Chart.yaml, its default values and its templates. */
export function ChartViewer({
  path,
  bytes,
}: {
  path: string;
  bytes: Uint8Array;
}) {
  return (
    <Suspense fallback={<Spinner label="Opening the chart…" />}>
      <ChartDetails path={path} promise={readChartOnce(bytes, path)} />
    </Suspense>
  );
}

function ChartDetails({
  path,
  promise,
}: {
  path: string;
  promise: Promise<ChartResult>;
}) {
  const result = use(promise);
  if (!result.ok)
    return (
      <Alert tone="error" title="This chart archive cannot be opened">
        {result.error.message}
      </Alert>
    );
  const c = result.value;
  const facts: [string, string | undefined][] = [
    ["Chart", c.name],
    ["Version", c.version],
    ["App version", c.appVersion],
    ["API version", c.apiVersion],
    ["Description", c.description],
  ];
  const valuesSize = new TextEncoder().encode(c.valuesText).length;
  return (
    <div className="chart">
      <h3>Chart.yaml</h3>
      <dl className="facts">
        {facts.map(([label, value]) =>
          value === undefined ? null : (
            <div key={label} className="facts__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ),
        )}
      </dl>
      <h3>Default values</h3>
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
      <h3>Templates ({c.templates.length})</h3>
      {c.templates.length === 0 ? (
        <p className="pack-note">No templates.</p>
      ) : (
        <ul className="chart__templates">
          {c.templates.map((t) => (
            <li key={t}>
              <code>{t}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="pack-note pack-note--small">
        {c.paths.length} files in the chart
        {c.valuesSchema !== undefined ? ", including values.schema.json" : ""}.
      </p>
    </div>
  );
}
