import type { PackFiles } from "@/pack/pack-files";

import { replacedCharts, type FileChange } from "../utils/diff-files";
import { formatBytes } from "@/components/pack/file-kind";
import { FileDiff } from "./file-diff";

interface CompareResultProps {
  changes: FileChange[];
  before: PackFiles;
  after: PackFiles;
}

/** How many diffs open at once; more changed files start folded so the page stays light. */
const OPEN_DIFFS = 4;

/** The lists of added, removed and changed files, and a diff per changed file (values.yaml first). */
export function CompareResult({ changes, before, after }: CompareResultProps) {
  const of = (status: FileChange["status"]) =>
    changes.filter((c) => c.status === status);
  const changed = of("changed");
  const added = of("added");
  const removed = of("removed");
  const unchanged = of("unchanged");
  const replaced = replacedCharts(changes);

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
            note: c.status === "added" ? formatBytes(c.after.size) : "",
          }))}
        />
      </section>
      <section aria-labelledby="removed-heading">
        <h2 id="removed-heading">Removed files ({removed.length})</h2>
        <FileList
          entries={removed.map((c) => ({
            path: c.path,
            note: c.status === "removed" ? formatBytes(c.before.size) : "",
          }))}
        />
      </section>
      <section aria-labelledby="changed-heading">
        <h2 id="changed-heading">Changed files ({changed.length})</h2>
        {changed.length === 0 ? (
          <p className="muted">No file changed.</p>
        ) : (
          <ul className="plain-list file-diffs">
            {changed.map((c, i) => (
              <li key={c.path}>
                <FileDiff
                  path={c.path}
                  before={before.get(c.path) ?? new Uint8Array()}
                  after={after.get(c.path) ?? new Uint8Array()}
                  defaultOpen={i < OPEN_DIFFS}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      {replaced.length > 0 && (
        <section aria-labelledby="replaced-heading">
          <h2 id="replaced-heading">
            Chart archives replaced ({replaced.length})
          </h2>
          <p className="muted">
            Removed and added under a new file name: their charts are compared
            here.
          </p>
          <ul className="plain-list file-diffs">
            {replaced.map((r) => (
              <li key={r.after}>
                <FileDiff
                  path={r.after}
                  label={`${r.before} → ${r.after}`}
                  before={before.get(r.before) ?? new Uint8Array()}
                  after={after.get(r.after) ?? new Uint8Array()}
                  defaultOpen
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <details className="unchanged">
        <summary>Unchanged files ({unchanged.length})</summary>
        <FileList
          entries={unchanged.map((c) => ({ path: c.path, note: "" }))}
        />
      </details>
    </>
  );
}

function FileList({ entries }: { entries: { path: string; note: string }[] }) {
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="file-list">
      {entries.map((e) => (
        <li key={e.path}>
          <code>{e.path}</code>{" "}
          {e.note && <span className="muted small">{e.note}</span>}
        </li>
      ))}
    </ul>
  );
}
