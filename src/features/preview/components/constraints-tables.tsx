import type { PackMeta } from "../utils/pack-meta";
import { TableScroll } from "@/components/ui/table-scroll";

const UNITS: Record<string, string> = {
  cpu: "millicores",
  memory: "MiB",
  diskSize: "GB",
};

/** constraints.dependencies and constraints.resources (pack-format §A.5) as tables. */
export function ConstraintsTables({ meta }: { meta: PackMeta }) {
  const { dependencies, resources } = meta;
  return (
    <section aria-labelledby="constraints-heading">
      <h2 id="constraints-heading">Constraints</h2>
      {dependencies.length === 0 && resources.length === 0 && (
        <p className="muted">No constraints.</p>
      )}
      {dependencies.length > 0 && (
        <TableScroll label="Dependencies">
          <table className="data-table">
            <caption>Dependencies</caption>
            <thead>
              <tr>
                <th scope="col">Pack</th>
                <th scope="col">Layer</th>
                <th scope="col">Type</th>
                <th scope="col">Min version</th>
                <th scope="col">Max version</th>
              </tr>
            </thead>
            <tbody>
              {dependencies.map((d, i) => (
                <tr key={i}>
                  <td>
                    <code>{d.packName}</code>
                  </td>
                  <td>{d.layer}</td>
                  <td>{d.type || <span className="muted">missing</span>}</td>
                  <td>{d.minVersion || <span className="muted">any</span>}</td>
                  <td>{d.maxVersion || <span className="muted">any</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {resources.length > 0 && (
        <TableScroll label="Resources">
          <table className="data-table">
            <caption>Resources</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Minimum</th>
                <th scope="col">Per component</th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r, i) => (
                <tr key={i}>
                  <td>{r.type}</td>
                  <td>
                    {r.minLimit} {UNITS[r.type] ?? ""}
                  </td>
                  <td>
                    {r.components.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <ul className="plain-list">
                        {r.components.map((c, j) => (
                          <li key={j}>
                            {c.scheduleType || "all"} nodes
                            {c.resourceRequestParamRef && (
                              <>
                                , request{" "}
                                <code>{c.resourceRequestParamRef}</code>
                              </>
                            )}
                            {c.replicaCountParamRef && (
                              <>
                                , replicas <code>{c.replicaCountParamRef}</code>
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
