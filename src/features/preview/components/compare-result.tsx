import type { ReactNode } from "react";

import { isChartPath, formatBytes } from "@/components/pack/file-kind";
import type { ChartsDiff, FileDelta } from "@/pack/chart-diff";

import type { CompareSides } from "../utils/compare-packs";
import { CompareFileBody } from "./compare-file-body";
import { FileDiff } from "@/components/pack/file-diff";
import { chartAnchor } from "./compare-chart";

interface CompareResultProps {
  changes: FileDelta[];
  charts: ChartsDiff;
  sides: CompareSides;
}

/** How many diffs open at once; more changed files start folded so the page stays light. */
const OPEN_DIFFS = 4;

/**
 * The pack's own files: added, removed, changed (a diff each, values.yaml first) and unchanged.
 * A chart archive found in the chart comparison points there instead of to a byte diff.
 */
export function CompareResult({ changes, charts, sides }: CompareResultProps) {
  const of = (status: FileDelta["status"]) =>
    changes.filter((c) => c.status === status);
  const changed = of("changed");
  const added = of("added");
  const removed = of("removed");
  const unchanged = of("unchanged");
  // Archive path → the chart section comparing it, on either side.
  const anchors = new Map<string, { anchor: string; other: string }>();
  for (const p of charts.pairs) {
    const anchor = chartAnchor(p.after);
    anchors.set(`after:${p.after.file}`, { anchor, other: p.before.file });
    anchors.set(`before:${p.before.file}`, { anchor, other: p.after.file });
  }
  const textDiffs = changed.filter((c) => !anchors.has(`after:${c.path}`));
  const open = new Set(textDiffs.slice(0, OPEN_DIFFS).map((c) => c.path));
  const note = (side: "before" | "after", path: string) => {
    const a = anchors.get(`${side}:${path}`);
    if (!a) return null;
    return (
      <a href={`#${a.anchor}`}>
        {a.other === path
          ? "compared file by file under Charts"
          : `${side === "after" ? "replaces" : "replaced by"} ${a.other}: compared under Charts`}
      </a>
    );
  };

  return (
    <>
      <p className="compare-summary" role="status">
        {changed.length} changed, {added.length} added, {removed.length}{" "}
        removed, {unchanged.length} unchanged
      </p>
      <section aria-labelledby="added-heading">
        <h2 id="added-heading">Added files ({added.length})</h2>
        <FileList
          entries={added.map((c) => ({
            path: c.path,
            size: c.status === "added" ? formatBytes(c.after.size) : "",
            note: note("after", c.path),
          }))}
        />
      </section>
      <section aria-labelledby="removed-heading">
        <h2 id="removed-heading">Removed files ({removed.length})</h2>
        <FileList
          entries={removed.map((c) => ({
            path: c.path,
            size: c.status === "removed" ? formatBytes(c.before.size) : "",
            note: note("before", c.path),
          }))}
        />
      </section>
      <section aria-labelledby="changed-heading">
        <h2 id="changed-heading">Changed files ({changed.length})</h2>
        {changed.length === 0 ? (
          <p className="muted">No file changed.</p>
        ) : (
          <ul className="plain-list file-diffs">
            {changed.map((c) =>
              c.status !== "changed" ? null : anchors.has(`after:${c.path}`) ? (
                <li key={c.path} className="file-diff file-diff--chart">
                  <code>{c.path}</code> {note("after", c.path)}{" "}
                  <span className="muted small">
                    {formatBytes(c.before.size)} → {formatBytes(c.after.size)}
                  </span>
                </li>
              ) : (
                <li key={c.path}>
                  <FileDiff
                    path={c.path}
                    sizes={[c.before.size, c.after.size]}
                    defaultOpen={open.has(c.path) && !isChartPath(c.path)}
                  >
                    <CompareFileBody
                      path={c.path}
                      before={sides.before}
                      after={sides.after}
                    />
                  </FileDiff>
                </li>
              ),
            )}
          </ul>
        )}
      </section>
      <details className="unchanged">
        <summary>Unchanged files ({unchanged.length})</summary>
        <FileList
          entries={unchanged.map((c) => ({
            path: c.path,
            size: "",
            note: null,
          }))}
        />
      </details>
    </>
  );
}

interface FileListEntry {
  path: string;
  size: string;
  note: ReactNode;
}

function FileList({ entries }: { entries: FileListEntry[] }) {
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="file-list">
      {entries.map((e) => (
        <li key={e.path}>
          <code>{e.path}</code>{" "}
          {e.size && <span className="muted small">{e.size}</span>}
          {e.note && <> · {e.note}</>}
        </li>
      ))}
    </ul>
  );
}
