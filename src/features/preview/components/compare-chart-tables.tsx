import { TableScroll } from "@/components/ui/table-scroll";
import type { ChartDependency } from "@/pack/chart-meta";
import type { DependencyChange, FieldChange } from "@/pack/chart-diff";

const NOT_SET = "(not set)";

/** Chart.yaml fields that changed, one row each, with both sides' values. */
export function ChartFieldsTable({
  changes,
  labels,
  name,
}: {
  changes: readonly FieldChange[];
  labels: readonly [string, string];
  /** The chart's name, so each table's region has its own name. */
  name: string;
}) {
  if (changes.length === 0)
    return <p className="muted">Chart.yaml: no field changed.</p>;
  const caption = `Chart.yaml changes of ${name}`;
  return (
    <TableScroll label={caption}>
      <table className="data-table compare-table">
        <caption>Chart.yaml changes</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{labels[0]}</th>
            <th scope="col">{labels[1]}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">
                <code>{c.field}</code>
              </th>
              <td className="break">{c.before ?? NOT_SET}</td>
              <td className="break">{c.after ?? NOT_SET}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const STATUS_TEXT: Record<DependencyChange["status"], string> = {
  added: "added",
  removed: "removed",
  changed: "changed",
};

type Column = "version" | "repository" | "condition" | "tags";
const COLUMNS: readonly Column[] = [
  "version",
  "repository",
  "condition",
  "tags",
];

const valueOf = (d: ChartDependency, c: Column): string => {
  const v = c === "tags" ? d.tags?.join(", ") : d[c];
  return v === undefined || v === "" ? "" : v;
};

/** Dependencies added, removed or changed; a changed cell shows `old → new`. */
export function DependencyTable({
  changes,
  name,
}: {
  changes: readonly DependencyChange[];
  name: string;
}) {
  if (changes.length === 0)
    return <p className="muted">Dependencies: none changed.</p>;
  const caption = `Dependency changes of ${name}`;
  return (
    <TableScroll label={caption}>
      <table className="data-table compare-table">
        <caption>Dependency changes</caption>
        <thead>
          <tr>
            <th scope="col">Dependency</th>
            <th scope="col">Change</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {c[0]?.toUpperCase()}
                {c.slice(1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {changes.map((d) => (
            <tr key={d.key}>
              <th scope="row">
                <code>{d.key}</code>
                {d.status === "changed" && d.fields.includes("name") && (
                  <span className="muted small">
                    {" "}
                    (chart {d.before.name} → {d.after.name})
                  </span>
                )}
              </th>
              <td>{STATUS_TEXT[d.status]}</td>
              {COLUMNS.map((c) => (
                <td key={c} className="break">
                  <DependencyCell change={d} column={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function DependencyCell({
  change,
  column,
}: {
  change: DependencyChange;
  column: Column;
}) {
  if (change.status === "added") return valueOf(change.after, column);
  if (change.status === "removed") return valueOf(change.before, column);
  const before = valueOf(change.before, column);
  const after = valueOf(change.after, column);
  if (!change.fields.includes(column)) return after;
  return (
    <>
      <del>{before || NOT_SET}</del> → <ins>{after || NOT_SET}</ins>
    </>
  );
}
