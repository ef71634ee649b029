import type { ChartSide, ChartsDiff } from "@/pack/chart-diff";

import type { CompareSides } from "../utils/compare-packs";
import { CompareChart } from "./compare-chart";

interface CompareChartsProps {
  charts: ChartsDiff;
  sides: CompareSides;
  labels: readonly [string, string];
}

/** Every chart archive of both versions: each pair compared inside, and those only one side has. */
export function CompareCharts({ charts, sides, labels }: CompareChartsProps) {
  const { pairs, added, removed } = charts;
  if (pairs.length + added.length + removed.length === 0) return null;
  return (
    <section aria-labelledby="charts-heading" className="compare-charts">
      <h2 id="charts-heading">Charts</h2>
      <p>
        {pairs.length} on both sides (paired by chart name, or by archive for a
        chart renamed in its Chart.yaml), {added.length} added, {removed.length}{" "}
        removed.
      </p>
      {added.length > 0 && (
        <ChartList id="charts-added" title="Charts added" charts={added} />
      )}
      {removed.length > 0 && (
        <ChartList
          id="charts-removed"
          title="Charts removed"
          charts={removed}
        />
      )}
      {pairs.map((p) => (
        <CompareChart
          key={`${p.before.file} ${p.after.file}`}
          pair={p}
          sides={sides}
          labels={labels}
        />
      ))}
    </section>
  );
}

function ChartList({
  id,
  title,
  charts,
}: {
  id: string;
  title: string;
  charts: readonly ChartSide[];
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="file-list">
        {charts.map((c) => (
          <li key={c.file}>
            <code>{c.file}</code>{" "}
            {c.error ? (
              <span className="compare-error">cannot be read: {c.error}</span>
            ) : (
              <span className="muted small">
                {c.name} {c.version} · {c.files.length} files
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
