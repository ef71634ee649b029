import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import {
  countFiles,
  type ChartComparison,
  type ChartPairDiff,
  type ChartSide,
} from "@/pack/chart-diff";

import type { FileSide } from "@/lib/api/pack-file";
import type { CompareSides } from "../utils/compare-packs";
import { OneSideBody } from "./one-side-body";
import { ChartFieldsTable, DependencyTable } from "./compare-chart-tables";
import { CompareFileBody } from "./compare-file-body";
import { FileDiff } from "@/components/pack/file-diff";

/** How many of a chart's changed files start open; the rest are folded until opened. */
const OPEN_INNER_DIFFS = 3;

/** The chart's default values: listed and opened first among its changed files. */
const isDefaultValues = (path: string): boolean => /^values\.ya?ml$/.test(path);

/** The id of a chart's section, for links from the pack's file lists. */
export const chartAnchor = (c: ChartSide): string =>
  `chart-${c.file.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

interface CompareChartProps {
  pair: ChartPairDiff;
  sides: CompareSides;
  /** Column headings for the two sides (`1.0.0`, `1.1.0`). */
  labels: readonly [string, string];
}

/** One chart on both sides: Chart.yaml and dependency changes, then its files, each diffable. */
export function CompareChart({ pair, sides, labels }: CompareChartProps) {
  const { before, after } = pair;
  const id = chartAnchor(after);
  const title = after.name || before.name || after.file;
  return (
    <section
      className="chart-compare"
      aria-labelledby={`${id}-heading`}
      id={id}
    >
      <h3 id={`${id}-heading`}>
        Chart <code>{title}</code>
        {pair.status === "compared" && (
          <span className="muted">
            {" "}
            {before.version === after.version
              ? after.version
              : `${before.version} → ${after.version}`}
          </span>
        )}
      </h3>
      <p className="muted small">
        {before.file === after.file ? (
          <code>{after.file}</code>
        ) : (
          <>
            Archive renamed: <code>{before.file}</code> →{" "}
            <code>{after.file}</code>
          </>
        )}
      </p>
      {pair.status === "unreadable" ? (
        <Alert tone="error" title="A chart archive cannot be read">
          <ul className="plain-list">
            {pair.problems.map((p) => (
              <li key={p.side}>
                {labels[p.side === "before" ? 0 : 1]}:{" "}
                <CodeText text={p.message} />
              </li>
            ))}
          </ul>
        </Alert>
      ) : unchanged(pair) ? (
        <p className="muted">
          Nothing changed: the same Chart.yaml, dependencies and{" "}
          {pair.after.files.length} files.
        </p>
      ) : (
        <>
          <ChartFieldsTable
            changes={pair.fields}
            labels={labels}
            name={title}
          />
          <DependencyTable changes={pair.dependencies} name={title} />
          <ChartFiles pair={pair} sides={sides} labels={labels} id={id} />
        </>
      )}
    </section>
  );
}

/** The same chart on both sides, byte for byte inside. */
const unchanged = (pair: ChartComparison): boolean =>
  pair.fields.length === 0 &&
  pair.dependencies.length === 0 &&
  pair.files.every((f) => f.status === "unchanged");

function ChartFiles({
  pair,
  sides,
  labels,
  id,
}: {
  pair: ChartComparison;
  sides: CompareSides;
  labels: readonly [string, string];
  id: string;
}) {
  const n = countFiles(pair.files);
  // values.yaml first (the chart's defaults say most about what changes), then in path order.
  const changed = pair.files
    .filter((f) => f.status === "changed")
    .sort(
      (a, b) =>
        Number(isDefaultValues(b.path)) - Number(isDefaultValues(a.path)),
    );
  const added = pair.files.filter((f) => f.status === "added");
  const removed = pair.files.filter((f) => f.status === "removed");
  const side = (which: "before" | "after"): FileSide => ({
    ...sides[which],
    chart: pair[which].file,
  });
  return (
    <>
      <p className="compare-summary--chart">
        Files inside: {n.changed} changed, {n.added} added, {n.removed} removed,{" "}
        {n.unchanged} unchanged
      </p>
      {added.length > 0 && (
        <InnerList
          id={`${id}-added`}
          title={`Added inside (${added.length})`}
          side={side("after")}
          note={`only in ${labels[1]}`}
          entries={added.map((f) => ({
            path: f.path,
            size: f.status === "added" ? f.after.size : 0,
          }))}
        />
      )}
      {removed.length > 0 && (
        <InnerList
          id={`${id}-removed`}
          title={`Removed inside (${removed.length})`}
          side={side("before")}
          note={`only in ${labels[0]}`}
          entries={removed.map((f) => ({
            path: f.path,
            size: f.status === "removed" ? f.before.size : 0,
          }))}
        />
      )}
      {changed.length > 0 && (
        <section aria-labelledby={`${id}-changed`}>
          <h4 id={`${id}-changed`}>Changed inside ({changed.length})</h4>
          <ul className="plain-list file-diffs">
            {changed.map((f, i) =>
              f.status !== "changed" ? null : (
                <li key={f.path}>
                  <FileDiff
                    path={f.path}
                    note={
                      isDefaultValues(f.path) ? (
                        <span className="muted small">
                          (the chart&apos;s default values)
                        </span>
                      ) : undefined
                    }
                    sizes={[f.before.size, f.after.size]}
                    defaultOpen={i < OPEN_INNER_DIFFS}
                  >
                    <CompareFileBody
                      path={f.path}
                      before={side("before")}
                      after={side("after")}
                    />
                  </FileDiff>
                </li>
              ),
            )}
          </ul>
        </section>
      )}
    </>
  );
}

/** Files inside the chart that one side has: each opens to its content from that side. */
function InnerList({
  id,
  title,
  side,
  note,
  entries,
}: {
  id: string;
  title: string;
  side: FileSide;
  note: string;
  entries: { path: string; size: number }[];
}) {
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      <ul className="plain-list file-diffs">
        {entries.map((e) => (
          <li key={e.path}>
            <FileDiff
              path={e.path}
              note={<span className="muted small">· {note}</span>}
              sizes={e.size}
              defaultOpen={false}
            >
              <OneSideBody path={e.path} side={side} />
            </FileDiff>
          </li>
        ))}
      </ul>
    </section>
  );
}
