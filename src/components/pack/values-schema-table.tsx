import { useMemo } from "react";

import { TableScroll } from "@/components/ui/table-scroll";
import { valuesSchemaRows, type ValuesSchemaRow } from "@/pack/values-schema";

/**
 * A chart's values.schema.json as a table, like the pack's schema.yaml tab: one row per value
 * path with its type, default, description, whether it is required and the values allowed.
 */
export function ValuesSchemaTable({
  schema,
  label,
}: {
  /** values.schema.json, parsed. */
  schema: unknown;
  /** Names the table's scrolling box. */
  label: string;
}) {
  const result = useMemo(() => valuesSchemaRows(schema), [schema]);
  if (!result.ok)
    return (
      <p className="chart__error">
        <span aria-hidden="true">⚠ </span>
        {result.error.message}.
      </p>
    );
  const { rows, truncated, title, description } = result.value;
  return (
    <>
      {(title !== undefined || description !== undefined) && (
        <p className="pack-note">
          {title}
          {title !== undefined && description !== undefined && ": "}
          {description}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="pack-note">values.schema.json describes no values.</p>
      ) : (
        <TableScroll label={label}>
          <table className="chart-table chart-table--schema">
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">Type</th>
                <th scope="col">Default</th>
                <th scope="col">Description</th>
                <th scope="col">Required</th>
                <th scope="col">Allowed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <SchemaRow key={r.path} row={r} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {truncated && (
        <p className="pack-note pack-note--small">
          The schema is larger or deeper than this table shows; open
          values.schema.json to read all of it.
        </p>
      )}
    </>
  );
}

function SchemaRow({ row: r }: { row: ValuesSchemaRow }) {
  return (
    <tr>
      <th scope="row" className="break">
        <code>{r.path}</code>
      </th>
      <td>
        {r.types.join(" | ") || "any"}
        {r.ref !== undefined && (
          <span className="chart__cell-note">
            {r.refUnresolved === undefined ? "from " : "see "}
            <code>{r.ref}</code>
            {r.refUnresolved !== undefined &&
              ` (not followed: ${r.refUnresolved})`}
          </span>
        )}
      </td>
      <td className="break">
        {r.default !== undefined ? <code>{r.default}</code> : "—"}
      </td>
      <td className="break">
        {r.title !== undefined && r.title !== r.description && (
          <strong className="chart__cell-title">{r.title}</strong>
        )}
        {r.description ?? (r.title === undefined ? "—" : null)}
        {r.constraints.length > 0 && (
          <span className="chart__cell-note">{r.constraints.join(" · ")}</span>
        )}
        {r.raw !== undefined && (
          <span className="chart__cell-note">
            Not shown in columns: <code className="chart__raw">{r.raw}</code>
          </span>
        )}
      </td>
      <td>{r.required ? "Yes" : "No"}</td>
      <td className="break">
        {r.enum ? (
          <ul className="chart__inline-list">
            {r.enum.map((v, i) => (
              <li key={i}>
                <code>{v}</code>
              </li>
            ))}
          </ul>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}
