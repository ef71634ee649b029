import { Suspense, use } from "react";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { DiffEditor } from "@/lib/monaco";

import { readChartOnce } from "@/components/pack/read-chart";

interface ChartDiffProps {
  path: string;
  before: Uint8Array;
  after: Uint8Array;
}

/** A chart archive that changed: its version, its default values and its template list, compared. */
export function ChartDiff(props: ChartDiffProps) {
  return (
    <Suspense fallback={<Spinner label="Opening both charts…" />}>
      <ChartDiffBody {...props} />
    </Suspense>
  );
}

function ChartDiffBody({ path, before, after }: ChartDiffProps) {
  // Each promise is cached per archive, so `use` sees the same promise on every render.
  const a = use(readChartOnce(before, path));
  const b = use(readChartOnce(after, path));
  if (!a.ok || !b.ok)
    return (
      <Alert tone="error" title="A chart archive cannot be opened">
        <p>{(!a.ok ? a : !b.ok ? b : null)?.error.message}</p>
      </Alert>
    );
  const oldT = new Set(a.value.templates);
  const newT = new Set(b.value.templates);
  const addedT = b.value.templates.filter((t) => !oldT.has(t));
  const removedT = a.value.templates.filter((t) => !newT.has(t));
  return (
    <div className="chart-diff">
      <p>
        Chart <code>{b.value.name}</code>: version {a.value.version} →{" "}
        {b.value.version}
        {a.value.appVersion !== b.value.appVersion &&
          `, app version ${a.value.appVersion ?? "none"} → ${b.value.appVersion ?? "none"}`}
        .{addedT.length > 0 && ` Templates added: ${addedT.join(", ")}.`}
        {removedT.length > 0 && ` Templates removed: ${removedT.join(", ")}.`}
      </p>
      {a.value.valuesText === b.value.valuesText ? (
        <p className="muted">The chart's default values did not change.</p>
      ) : (
        <DiffEditor
          original={a.value.valuesText}
          modified={b.value.valuesText}
          language="yaml"
          ariaLabel={`Changes to the default values of ${path}`}
          height="min(60vh, 32rem)"
        />
      )}
    </div>
  );
}
