import { useDeferredValue, useId, useMemo, useState } from "react";

import { TableScroll } from "@/components/ui/table-scroll";
import type { PackFiles } from "@/pack/pack-files";

import { splitArchivePath } from "./archive-path";
import { FileLink } from "./file-link";
import { imageRows, type ImageRow } from "./image-rows";
import "./images.css";
import { CodeText } from "@/components/ui/code-text";
import { Button } from "@/components/ui/button";

/**
 * Rows drawn at first, and added by each "Show more". A pack with 35,000 images (an 11 MB
 * manifest of Deployments) blocked the page for 14 s drawing them all at once.
 */
export const IMAGE_ROWS_PAGE = 200;

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
  const [query, setQuery] = useState("");
  const [limit, setLimit] = useState(IMAGE_ROWS_PAGE);
  // Typing in the filter stays responsive: the table follows when the browser has time.
  const needle = useDeferredValue(query.trim().toLowerCase());
  const matching = useMemo(
    () =>
      needle === ""
        ? rows
        : rows.filter(
            (r) =>
              r.ref.toLowerCase().includes(needle) ||
              r.source.toLowerCase().includes(needle),
          ),
    [rows, needle],
  );
  const shown = matching.slice(0, limit);
  const hidden = matching.length - shown.length;
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
          {rows.length > IMAGE_ROWS_PAGE && (
            <p className="images__filter">
              <label htmlFor={`${id}-filter`}>Filter images</label>{" "}
              <input
                id={`${id}-filter`}
                type="search"
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  setLimit(IMAGE_ROWS_PAGE);
                }}
                aria-describedby={`${id}-count`}
              />{" "}
              <span id={`${id}-count`} role="status">
                {needle === ""
                  ? `Showing ${shown.length} of ${rows.length}.`
                  : `${matching.length} of ${rows.length} match; showing ${shown.length}.`}
              </span>
            </p>
          )}
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
                {shown.map((r, i) => (
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
          {hidden > 0 && (
            <p>
              <Button onClick={() => setLimit((l) => l + IMAGE_ROWS_PAGE)}>
                Show {Math.min(hidden, IMAGE_ROWS_PAGE)} more ({hidden} not
                shown)
              </Button>
            </p>
          )}
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
