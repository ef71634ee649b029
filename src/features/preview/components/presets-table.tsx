import { useMemo } from "react";

import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import type { PackFiles } from "@/pack/pack-files";
import { decodeText } from "@/pack/yaml-text";
import { TableScroll } from "@/components/ui/table-scroll";

import { readPresets } from "../utils/presets";

/** presets.yaml as one table per group (only one preset of a group can be on at a time). */
export function PresetsTable({ files }: { files: PackFiles }) {
  const presets = files.get("presets.yaml");
  const values = files.get("values.yaml");
  const result = useMemo(() => {
    const text = presets ? decodeText(presets) : "";
    if (text === null)
      return { ok: false as const, message: "presets.yaml is not UTF-8 text" };
    return readPresets(text, values ? (decodeText(values) ?? "") : "");
  }, [presets, values]);

  if (!result.ok)
    return (
      <Alert tone="error" title="presets.yaml cannot be shown as a table">
        <CodeText text={result.message} />. Open it in the Files tab to read it
        as text.
      </Alert>
    );
  if (result.rows.length === 0)
    return <p className="muted">presets.yaml defines no presets.</p>;
  return (
    <section aria-labelledby="presets-heading">
      <h2 id="presets-heading">Presets</h2>
      {result.rows.map(({ group, presets: rows }) => (
        <TableScroll key={group} label={`Group “${group}”`}>
          <table className="data-table">
            <caption>Group “{group}”</caption>
            <thead>
              <tr>
                <th scope="col">Preset</th>
                <th scope="col">On by default</th>
                <th scope="col">Removes</th>
                <th scope="col">Adds</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.name}>
                  <th scope="row">
                    {p.displayName}
                    <br />
                    <code className="muted">{p.name}</code>
                  </th>
                  <td>{p.enabledByDefault ? "Yes" : "No"}</td>
                  <td>
                    {p.remove.length === 0 ? (
                      <span className="muted">nothing</span>
                    ) : (
                      <ul className="plain-list">
                        {p.remove.map((r) => (
                          <li key={r}>
                            <code>{r}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.add.trim() ? (
                      <pre className="snippet">{p.add}</pre>
                    ) : (
                      <span className="muted">nothing</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </section>
  );
}
