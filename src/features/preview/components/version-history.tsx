import { useState } from "react";

import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import type { PackVersions } from "@/lib/api/packs";

import { compareSides } from "../utils/compare-with";
import { shortDigest } from "../utils/version-label";
import "../versions.css";
// The table's caption is for screen readers only.
import "@/components/ui/visually-hidden.css";

interface VersionHistoryProps {
  versions: PackVersions;
  /** The version on screen. */
  current: string;
}

/**
 * Every version of the pack, highest first: when and by whom it was uploaded, its content digest,
 * which one is latest, and links to open it or compare it with the version on screen. Folded, so
 * the header stays short.
 */
export function VersionHistory({ versions, current }: VersionHistoryProps) {
  // The table is made when the history is first opened: a pack can have hundreds of versions,
  // and the first date formatted in a page starts the browser's Intl (48–85 ms here), all on the
  // pack page's first load for a section folded by default.
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="version-history"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        Version history ({versions.versions.length}{" "}
        {versions.versions.length === 1 ? "version" : "versions"})
      </summary>
      {opened && <VersionTable versions={versions} current={current} />}
    </details>
  );
}

function VersionTable({ versions, current }: VersionHistoryProps) {
  const { name, latest } = versions;
  return (
    <div className="version-history__scroll">
      <table className="data-table">
        <caption className="visually-hidden">
          Versions of {name}, highest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Uploaded</th>
            <th scope="col">By</th>
            <th scope="col">Digest</th>
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.versions.map((v) => {
            const here = v.version === current;
            const [from, to] = compareSides(v.version, current);
            return (
              <tr key={v.version} aria-current={here ? "page" : undefined}>
                <th scope="row">
                  {here ? (
                    <strong>{v.version}</strong>
                  ) : (
                    <Link to={paths.pack(name, v.version)}>{v.version}</Link>
                  )}
                  {v.version === latest && (
                    <span className="badge badge--latest">latest</span>
                  )}
                  {here && <span className="muted small"> (shown)</span>}
                </th>
                <td>
                  <time dateTime={v.createdAt}>
                    {new Date(v.createdAt).toLocaleString()}
                  </time>
                </td>
                <td>
                  {v.uploadedBy || <span className="muted">not recorded</span>}
                </td>
                <td>
                  <code title={v.digest}>{shortDigest(v.digest)}</code>
                </td>
                <td>
                  {!here && (
                    <Link to={paths.compare(name, from, to)}>
                      Compare with {current}
                      <span className="visually-hidden"> ({v.version})</span>
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
