import { render, screen, within } from "@testing-library/react";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

import { readSource } from "@/cli/read-source";
import { diffImages, type ImageDelta } from "@/pack/image-diff";
import type { PackImage } from "@/pack/images";
import { validatePack } from "@/pack/validate";

import { CompareImages } from "@/features/preview/components/compare-images";

// jsdom's import.meta.url is not a file URL: the fixtures are found from the project root.
async function imagesOf(dir: string): Promise<PackImage[]> {
  const read = await readSource(join(process.cwd(), "test/fixtures", dir));
  if (!read.ok) throw new Error(read.error.message);
  // The same core scan the server stores as PackDetail.images.
  return validatePack(read.value.files).images;
}

/** The change row of the repository whose name is `repository`. */
function changeRow(repository: string): HTMLElement {
  const table = screen.getByRole("table", { name: "Image changes" });
  const row = within(table)
    .getAllByRole("row")
    .find((r) => r.querySelector("th")?.textContent === repository);
  if (!row) throw new Error(`no change row for ${repository}`);
  return row;
}

// The tutorial's hello-universe 1.0.0 against pack-central's 1.3.1, which adds an untagged busybox.
describe("CompareImages", () => {
  let images: ImageDelta[];
  beforeAll(async () => {
    images = diffImages(
      await imagesOf("tutorials/hello-universe-pack"),
      await imagesOf("pack-central/hello-universe-1.3.1"),
    );
  });

  function renderImages() {
    render(
      <CompareImages
        images={images}
        labels={["1.0.0", "1.3.1"]}
        sides={{
          before: { name: "hellouniverse", version: "1.0.0" },
          after: { name: "hello-universe", version: "1.3.1" },
        }}
      />,
    );
  }

  it("an untagged image says it has no tag, as other rows show their tag, and its note shows code", () => {
    renderImages();
    // The row is named by its repository; its cells are the change and the two sides.
    const [change, before, cell] = within(
      changeRow("docker.io/library/busybox"),
    ).getAllByRole("cell");
    expect(change?.textContent).toBe("added");
    expect(before?.textContent).toBe("—");
    if (!cell) throw new Error("no cell for 1.3.1");
    expect(cell.textContent).toContain("no tag (latest)");
    expect(cell.textContent).not.toContain("busybox");
    // The core's note, "no tag: the container runtime pulls `latest`", with its code as code.
    expect(cell.textContent).toContain("the container runtime pulls latest");
    expect(cell.textContent).not.toContain("`");
    expect(
      [...cell.querySelectorAll("code")].map((c) => c.textContent),
    ).toContain("latest");
  });

  it("where each side found an image links to that version's file and line", () => {
    renderImages();
    const link = within(changeRow("docker.io/library/busybox")).getByRole(
      "link",
      { name: "manifests/hello-universe.yaml:277" },
    );
    expect(link.getAttribute("href")).toBe(
      "/packs/hello-universe/1.3.1?file=manifests%2Fhello-universe.yaml&line=277",
    );
    // A retagged image links each side to its own version.
    const retagged = images.find((i) => i.status === "retagged");
    if (retagged?.status !== "retagged") throw new Error("nothing retagged");
    const links = within(changeRow(retagged.repository)).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      `/packs/hellouniverse/1.0.0?file=${encodeURIComponent(retagged.before.source)}${retagged.before.line ? `&line=${retagged.before.line}` : ""}`,
      `/packs/hello-universe/1.3.1?file=${encodeURIComponent(retagged.after.source)}${retagged.after.line ? `&line=${retagged.after.line}` : ""}`,
    ]);
  });
});
