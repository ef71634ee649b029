import { useId, useMemo } from "react";

import { TableScroll } from "@/components/ui/table-scroll";
import type { PackFiles } from "@/pack/pack-files";

import { splitArchivePath } from "./archive-path";
import { FileLink } from "./file-link";
import { imageRows, type ImageRow } from "./image-rows";
import "./images.css";
import { CodeText } from "@/components/ui/code-text";

/** How the table opens the file and line an image was found at. */
export interface OpenSource {
  /** The place's deep link, when the page has them (the pack page); the builder has none. */
  hrefFor?: ((file: string, line?: number) => string) | undefined;
  /** Show the file at that line in place. */
  onSelect: (file: string, line?: number) => void;
}

interface ImagesTableProps {
  /** `PackDetail.images`, the pack worker's scan of a local pack, or a draft's report. */
  images: readonly unknown[];
  files: PackFiles;
  open: OpenSource;
  headingLevel?: 2 | 3;
}

/**
 * Every container image the pack pulls: the reference as written, taken apart (registry,
 * repository, tag or digest), where it was found (a link to the file and line, or a button where
 * the page has no links) and how. A reference that does not parse is shown exactly as written,
 * marked, with the reason.
 */
export function ImagesTable({
  images,
  files,
  open,
  headingLevel = 2,
}: ImagesTableProps) {
  const id = useId();
  const rows = useMemo(() => imageRows(images), [images]);
  const invalid = rows.filter((r) => !r.parsed.ok).length;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-heading`} className="images">
      <Heading id={`${id}-heading`}>Images ({rows.length})</Heading>
      {rows.length === 0 ? (
        <p className="muted">
          No container images found: not in values.yaml{" "}
          <code>pack.content.images</code>, not in the manifests, not in the
          charts&apos; values.
        </p>
      ) : (
        <>
          <p className="muted">
            From values.yaml <code>pack.content.images</code>, the{" "}
            <code>image:</code> fields of the manifests and the image-shaped
            values of each chart (the pack&apos;s values over the chart&apos;s
            defaults).
            {invalid > 0 &&
              ` ${invalid} ${invalid === 1 ? "reference is" : "references are"} not valid and marked ⚠.`}
          </p>
          <TableScroll label="Images">
            <table className="images-table">
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Registry</th>
                  <th scope="col">Repository</th>
                  <th scope="col">Tag or digest</th>
                  <th scope="col">Found in</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <ImageTableRow
                    key={`${i}:${r.ref}`}
                    row={r}
                    files={files}
                    open={open}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function ImageTableRow({
  row: r,
  files,
  open,
}: {
  row: ImageRow;
  files: PackFiles;
  open: OpenSource;
}) {
  const p = r.parsed;
  const where = `${r.source}${r.line !== undefined ? `:${r.line}` : ""}`;
  const linkable = files.has(r.source) || !!splitArchivePath(files, r.source);
  const hrefFor = open.hrefFor;
  return (
    <tr className={p.ok ? undefined : "images-table__invalid"}>
      <th scope="row" className="break">
        {!p.ok && (
          <span className="images-table__warning">
            <span aria-hidden="true">⚠ </span>
            Not a valid reference:{" "}
          </span>
        )}
        <code>{r.ref}</code>
        {!p.ok && (
          <span className="images-table__reason">
            <CodeText text={p.message} />
          </span>
        )}
      </th>
      <td className="break">
        {p.ok ? (
          <>
            {p.registry}
            {p.registryImplied && <span className="muted"> (default)</span>}
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="break">{p.ok ? p.repository : "—"}</td>
      <td className="break">
        {p.ok ? (
          <>
            {p.tag !== undefined && <code>{p.tag}</code>}
            {p.digest !== undefined && (
              <code className="images-table__digest">@{p.digest}</code>
            )}
            {p.tag === undefined && p.digest === undefined && (
              <span className="muted">none</span>
            )}
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="break">
        {linkable ? (
          <FileLink
            path={r.source}
            open={{
              hrefFor: hrefFor && ((p) => hrefFor(p, r.line)),
              onSelect: (p) => open.onSelect(p, r.line),
            }}
          >
            {where}
          </FileLink>
        ) : (
          <code>{where}</code>
        )}
      </td>
      <td className="break">
        <CodeText text={r.note ?? ""} />
      </td>
    </tr>
  );
}
