import type { ReactNode } from "react";

import type { PackSource } from "../types";
import { formatBytes } from "@/components/pack/file-kind";
import { FileLink, type OpenFile } from "@/components/pack/file-link";
import { TableScroll } from "@/components/ui/table-scroll";
import type { PackFiles } from "@/pack/pack-files";
import { roleTasksFile } from "@/pack/validate/refs";
import type { PackMeta } from "../utils/pack-meta";

const none = <span className="muted">none</span>;
const orNone = (s: string | undefined): ReactNode => (s?.trim() ? s : none);

/** Only web links become links; anything else in an annotation stays text. */
function AnnotationValue({ value }: { value: string }) {
  return /^https?:\/\/[^\s]+$/i.test(value) ? (
    <a href={value} target="_blank" rel="noopener noreferrer nofollow">
      {value}
    </a>
  ) : (
    <>{value}</>
  );
}

/** A pack.json entry as found in the pack: the file that opens it, or what is missing. */
type Listed =
  { label: string; file: string } | { label: string; missing: string };

/** A `charts` or `kubeManifests` entry is a path in the pack. */
const listedFile = (files: PackFiles, path: string): Listed =>
  files.has(path)
    ? { label: path, file: path }
    : { label: path, missing: "not in the pack" };

/** An `ansibleRoles` entry is a folder: it opens at its tasks/main.yml, which the role needs. */
function listedRole(files: PackFiles, role: string): Listed {
  const main = roleTasksFile(files, role);
  if (main) return { label: role, file: main };
  const folder = [...files.keys()].some((f) => f.startsWith(`${role}/`));
  return {
    label: role,
    missing: folder ? "has no tasks/main.yml" : "not in the pack",
  };
}

/** Each entry links to its file; a missing one says so in words (pack.json lists it, the pack lacks it). */
function ListedPaths({
  entries,
  open,
}: {
  entries: readonly Listed[];
  open: OpenFile;
}) {
  return (
    <ul className="plain-list">
      {entries.map((e, i) => (
        <li key={`${i}:${e.label}`}>
          {"file" in e ? (
            <FileLink path={e.file} open={open}>
              <code>{e.label}</code>
            </FileLink>
          ) : (
            <>
              <code>{e.label}</code>{" "}
              <span className="summary-missing">
                <span aria-hidden="true">⚠ </span>
                {e.missing}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** pack.json's identity and classification, plus where the copy on screen came from. */
export function PackSummaryList({
  meta,
  source,
  files,
  open,
}: {
  meta: PackMeta;
  source: PackSource;
  files: PackFiles;
  /** How a listed chart, manifest or role opens in the Files tab. */
  open: OpenFile;
}) {
  const rows: [string, ReactNode][] = [
    ["Name", orNone(meta.name)],
    ["Display name", orNone(meta.displayName)],
    ["Version", orNone(meta.version)],
    ["Layer", orNone(meta.layer)],
    ["Add-on type", orNone(meta.addonType)],
    ["Cloud types", meta.cloudTypes.length ? meta.cloudTypes.join(", ") : none],
    ["Group", orNone(meta.group)],
    ["End of life", orNone(meta.eol)],
  ];
  const listed: [string, Listed[]][] = [
    ["Charts", meta.charts.map((p) => listedFile(files, p))],
    ["Manifests", meta.kubeManifests.map((p) => listedFile(files, p))],
    ["Ansible roles", meta.ansibleRoles.map((r) => listedRole(files, r))],
  ];
  for (const [label, entries] of listed)
    if (entries.length)
      rows.push([
        label,
        <ListedPaths key={label} entries={entries} open={open} />,
      ]);
  if (source.kind === "registry") {
    const s = source.summary;
    rows.push(
      [
        "Content digest",
        <code key="d" className="break">
          {s.digest}
        </code>,
      ],
      ["Size", formatBytes(s.size)],
      [
        "Published",
        `${new Date(s.createdAt).toLocaleString()}${s.uploadedBy ? ` by ${s.uploadedBy}` : ""}`,
      ],
    );
  } else {
    rows.push(["Opened from", source.fileName]);
  }

  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Annotations</h3>
      {meta.annotations.length === 0 ? (
        <p className="muted">No annotations.</p>
      ) : (
        <TableScroll label="Annotations">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {meta.annotations.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">
                    <code>{k}</code>
                  </th>
                  <td className="break">
                    <AnnotationValue value={v} />
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
