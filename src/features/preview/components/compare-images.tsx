import { CodeText } from "@/components/ui/code-text";
import { Link } from "@/components/ui/link";
import { TableScroll } from "@/components/ui/table-scroll";
import { paths } from "@/config/paths";
import { imageVersion, type ImageDelta } from "@/pack/image-diff";
import { parseImageRef, type PackImage } from "@/pack/images";

import type { CompareSides } from "../utils/compare-packs";
import { packLocationSearch } from "../utils/deep-link";

interface CompareImagesProps {
  images: readonly ImageDelta[];
  labels: readonly [string, string];
  /** Whose pack page each side's "found in" links to. */
  sides: CompareSides;
}

const ORDER: Record<ImageDelta["status"], number> = {
  retagged: 0,
  added: 1,
  removed: 2,
  unchanged: 3,
};

/** The container images of both versions: added, removed and retagged, then the unchanged ones folded. */
export function CompareImages({ images, labels, sides }: CompareImagesProps) {
  const changed = images
    .filter((i) => i.status !== "unchanged")
    .sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const unchanged = images.filter((i) => i.status === "unchanged");
  const count = (s: ImageDelta["status"]) =>
    images.filter((i) => i.status === s).length;
  return (
    <section aria-labelledby="images-heading">
      <h2 id="images-heading">Images</h2>
      <p>
        {count("retagged")} retagged, {count("added")} added, {count("removed")}{" "}
        removed, {unchanged.length} unchanged.
      </p>
      {changed.length > 0 && (
        <TableScroll label="Image changes">
          <table className="data-table compare-table">
            <caption>Image changes</caption>
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Change</th>
                <th scope="col">{labels[0]}</th>
                <th scope="col">{labels[1]}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((i) => (
                <tr
                  key={`${i.repository} ${ref(i, "before")} ${ref(i, "after")}`}
                >
                  <th scope="row" className="break">
                    <code>{i.repository}</code>
                  </th>
                  <td>{i.status}</td>
                  <td className="break">
                    <ImageCell
                      image={"before" in i ? i.before : undefined}
                      side={sides.before}
                    />
                  </td>
                  <td className="break">
                    <ImageCell
                      image={"after" in i ? i.after : undefined}
                      side={sides.after}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {unchanged.length > 0 && (
        <details className="unchanged">
          <summary>Unchanged images ({unchanged.length})</summary>
          <ul className="file-list">
            {unchanged.map((i) => (
              <li key={i.repository + ref(i, "after")}>
                <code className="break">{ref(i, "after")}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

const ref = (i: ImageDelta, side: "before" | "after"): string =>
  side === "before"
    ? "before" in i
      ? i.before.ref
      : ""
    : "after" in i
      ? i.after.ref
      : "";

/**
 * One side's image: its tag or digest (the row names the repository), where that version found
 * it, as a link to the file and line on its pack page, and how.
 */
function ImageCell({
  image,
  side,
}: {
  image: PackImage | undefined;
  side: CompareSides["before"];
}) {
  if (!image) return <span className="muted">—</span>;
  const version = imageVersion(image.ref);
  const where = `${image.source}${image.line !== undefined ? `:${image.line}` : ""}`;
  // A local pack's page is the one open in this tab.
  const href =
    (side.local ? paths.open : paths.pack(side.name, side.version)) +
    packLocationSearch({
      tab: "files",
      file: image.source,
      ...(image.line !== undefined ? { line: image.line } : {}),
    });
  return (
    <>
      {version ? (
        <code>{version}</code>
      ) : parseImageRef(image.ref).ok ? (
        // Every other row shows a tag; an untagged reference pulls `latest`.
        <span>no tag (latest)</span>
      ) : (
        // The repository column shows the reference as written; it has no version to take.
        <span>not a valid reference</span>
      )}
      <br />
      <span className="muted small">
        <Link to={href}>{where}</Link>
        {image.note && (
          <>
            {" · "}
            <CodeText text={image.note} />
          </>
        )}
      </span>
    </>
  );
}
