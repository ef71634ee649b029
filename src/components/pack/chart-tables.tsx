import { TableScroll } from "@/components/ui/table-scroll";
import type { ChartDependency, SubchartInfo } from "@/pack/chart";

import { ExternalLink } from "./external-link";
import { FileLink, type OpenFile } from "./file-link";
import type { HeadingTag } from "./chart-heading";

/** Chart.yaml `dependencies` (requirements.yaml for v1 charts): what the chart pulls in, and when. */
export function DependenciesTable({
  dependencies,
  heading: Heading,
}: {
  dependencies: readonly ChartDependency[];
  heading: HeadingTag;
}) {
  const hasTags = dependencies.some((d) => d.tags?.length);
  return (
    <>
      <Heading>Dependencies ({dependencies.length})</Heading>
      {dependencies.length === 0 ? (
        <p className="pack-note">The chart declares no dependencies.</p>
      ) : (
        <TableScroll label="Dependencies">
          <table className="chart-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Repository</th>
                <th scope="col">Condition</th>
                <th scope="col">Alias</th>
                {hasTags && <th scope="col">Tags</th>}
              </tr>
            </thead>
            <tbody>
              {dependencies.map((d, i) => (
                <tr key={i}>
                  <th scope="row">{d.name}</th>
                  <td>{d.version ?? "—"}</td>
                  <td>
                    {d.repository ? <ExternalLink text={d.repository} /> : "—"}
                  </td>
                  <td>{d.condition ? <code>{d.condition}</code> : "—"}</td>
                  <td>{d.alias ?? "—"}</td>
                  {hasTags && <td>{d.tags?.join(", ") ?? "—"}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

/** The charts bundled inside this one; one that cannot be read says why in its row. */
export function SubchartsTable({
  archive,
  subcharts,
  open,
  heading: Heading,
}: {
  /** The chart archive's path in the pack, to link into it. */
  archive: string;
  subcharts: readonly SubchartInfo[];
  open: OpenFile | undefined;
  heading: HeadingTag;
}) {
  if (subcharts.length === 0) return null;
  return (
    <>
      <Heading>Subcharts ({subcharts.length})</Heading>
      <TableScroll label="Subcharts">
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Version</th>
              <th scope="col">Path</th>
            </tr>
          </thead>
          <tbody>
            {subcharts.map((s) => {
              // A folder opens at its Chart.yaml; an archive inside the archive is shown as a file.
              const target = `${archive}/${s.path}${s.path.endsWith(".tgz") ? "" : "/Chart.yaml"}`;
              const path = <code>{s.path}</code>;
              return (
                <tr key={s.path}>
                  <th scope="row">{s.name ?? "—"}</th>
                  <td>{s.version ?? "—"}</td>
                  <td className="break">
                    {open ? (
                      <FileLink path={target} open={open}>
                        {path}
                      </FileLink>
                    ) : (
                      path
                    )}
                    {s.error !== undefined && (
                      <p className="chart__error">
                        <span aria-hidden="true">⚠ </span>
                        Not read: {s.error}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** Files of the chart (CRDs, templates), each a link to open it in the tree. */
export function ChartFileList({
  archive,
  paths,
  open,
  label,
}: {
  archive: string;
  paths: readonly string[];
  open: OpenFile | undefined;
  /** Names the list for assistive technology. */
  label: string;
}) {
  return (
    <ul className="chart__files" aria-label={label}>
      {paths.map((p) => (
        <li key={p}>
          {open ? (
            <FileLink path={`${archive}/${p}`} open={open}>
              <code>{p}</code>
            </FileLink>
          ) : (
            <code>{p}</code>
          )}
        </li>
      ))}
    </ul>
  );
}
