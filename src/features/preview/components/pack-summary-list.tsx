import type { ReactNode } from "react";

import type { PackSource } from "../types";
import { formatBytes } from "@/components/pack/file-kind";
import { TableScroll } from "@/components/ui/table-scroll";
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

/** pack.json's identity and classification, plus where the copy on screen came from. */
export function PackSummaryList({
  meta,
  source,
}: {
  meta: PackMeta;
  source: PackSource;
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
  if (meta.charts.length) rows.push(["Charts", meta.charts.join(", ")]);
  if (meta.kubeManifests.length)
    rows.push(["Manifests", meta.kubeManifests.join(", ")]);
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
