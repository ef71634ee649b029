import { TableScroll } from "@/components/ui/table-scroll";
import { imageVersion, type ImageDelta } from "@/pack/image-diff";
import type { PackImage } from "@/pack/images";

interface CompareImagesProps {
  images: readonly ImageDelta[];
  labels: readonly [string, string];
}

const ORDER: Record<ImageDelta["status"], number> = {
  retagged: 0,
  added: 1,
  removed: 2,
  unchanged: 3,
};

/** The container images of both versions: added, removed and retagged, then the unchanged ones folded. */
export function CompareImages({ images, labels }: CompareImagesProps) {
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
                    <ImageCell image={"before" in i ? i.before : undefined} />
                  </td>
                  <td className="break">
                    <ImageCell image={"after" in i ? i.after : undefined} />
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

function ImageCell({ image }: { image: PackImage | undefined }) {
  if (!image) return <span className="muted">—</span>;
  const version = imageVersion(image.ref);
  return (
    <>
      <code>{version || image.ref}</code>
      <br />
      <span className="muted small">
        {image.source}
        {image.line !== undefined && `:${image.line}`}
        {image.note && ` · ${image.note}`}
      </span>
    </>
  );
}
