import { useMemo } from "react";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Link } from "@/components/ui/link";
import type { PackFiles } from "@/pack/pack-files";
import { decodeText } from "@/pack/yaml-text";
import { TableScroll } from "@/components/ui/table-scroll";

import type { PackLocation } from "../utils/deep-link";
import { readSchemaRows } from "../utils/presets";

interface SchemaTableProps {
  files: PackFiles;
  hrefFor: (loc: PackLocation) => string;
}

/** schema.yaml as a table: each value path links to its line in values.yaml. */
export function SchemaTable({ files, hrefFor }: SchemaTableProps) {
  const bytes = files.get("schema.yaml");
  const hasValues = files.has("values.yaml");
  const result = useMemo(() => {
    const text = bytes ? decodeText(bytes) : "";
    return text === null
      ? { ok: false as const, message: "schema.yaml is not UTF-8 text" }
      : readSchemaRows(text);
  }, [bytes]);

  if (!result.ok)
    return (
      <Alert tone="error" title="schema.yaml cannot be shown as a table">
        <CodeText text={result.message} />. Open it in the Files tab to read it
        as text.
      </Alert>
    );
  if (result.rows.length === 0)
    return <p className="muted">schema.yaml describes no values.</p>;
  return (
    <section aria-labelledby="schema-heading">
      <h2 id="schema-heading">Value schema</h2>
      <TableScroll label="Value schema table">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Read-only</th>
              <th scope="col">Hints</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.path}>
                <th scope="row" className="break">
                  {hasValues ? (
                    <Link
                      to={hrefFor({
                        tab: "files",
                        file: "values.yaml",
                        path: r.path,
                      })}
                    >
                      <code>{r.path}</code>
                    </Link>
                  ) : (
                    <code>{r.path}</code>
                  )}
                </th>
                <td>
                  {r.error ? (
                    <span className="finding-inline">
                      Unreadable: {r.error} <code>{r.template}</code>
                    </span>
                  ) : (
                    <>
                      {r.types.join(" · ") || "any"}
                      {r.format && r.types.length > 1 && (
                        <>
                          <br />
                          <code className="muted">{r.format}</code>
                        </>
                      )}
                    </>
                  )}
                </td>
                <td>{r.required ? "Yes" : "No"}</td>
                <td>{r.readonly ? "Yes" : "No"}</td>
                <td>{r.hints.join(" ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
