import { MAX_LOGO_BYTES, MAX_LOGO_SIDE, WARN_LOGO_SIDE_LARGE } from "../limits";
import { mib } from "../pack-files";
import { imageInfo } from "../png";
import type { BaseContext } from "./context";

/** logo.png (rule 5): present, a PNG by its bytes, within the size and side limits. */
export function checkLogo({ files, add, strict }: BaseContext): void {
  const logo = files.get("logo.png");
  const where = { file: "logo.png" };
  if (!logo) {
    add(
      strict ? "error" : "warning",
      "LOGO_MISSING",
      "logo.png is missing: the Spectro CLI refuses packs without one and Palette shows a placeholder",
      where,
    );
    return;
  }
  if (logo.length > MAX_LOGO_BYTES) {
    add(
      "error",
      "LOGO_TOO_LARGE",
      `logo.png is ${mib(logo.length)}; the limit is ${mib(MAX_LOGO_BYTES)}`,
      where,
    );
    return;
  }
  const info = imageInfo(logo);
  if (info.format === "png") {
    if (
      info.width === undefined ||
      info.height === undefined ||
      info.width === 0 ||
      info.height === 0
    ) {
      add(
        "error",
        "LOGO_INVALID",
        "logo.png has a PNG signature but no valid IHDR header",
        where,
      );
    } else if (info.width > MAX_LOGO_SIDE || info.height > MAX_LOGO_SIDE) {
      add(
        "error",
        "LOGO_TOO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels: image too large (the limit is ${MAX_LOGO_SIDE} per side)`,
        where,
      );
    } else if (
      info.width > WARN_LOGO_SIDE_LARGE ||
      info.height > WARN_LOGO_SIDE_LARGE
    ) {
      add(
        "warning",
        "LOGO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels; 128–512 px square is plenty`,
        where,
      );
    }
  } else if (
    info.format === "jpeg" ||
    info.format === "gif" ||
    info.format === "webp"
  ) {
    add(
      strict ? "error" : "warning",
      "LOGO_NOT_PNG",
      `logo.png is really a ${info.format.toUpperCase()} image; convert it to PNG`,
      where,
    );
  } else {
    add(
      "error",
      "LOGO_NOT_IMAGE",
      `logo.png is ${info.format === "svg" ? "an SVG document" : "not an image"}: it must be a PNG (checked by its bytes)`,
      where,
    );
  }
}

/** README.md (rule 6): an error for the Spectro CLI and pack-central, a warning for OCI. */
export function checkReadme({ files, add, strict }: BaseContext): void {
  if (!files.has("README.md"))
    add(
      strict ? "error" : "warning",
      "README_MISSING",
      "README.md is missing: reviewers and Palette show it as the pack's documentation",
      { file: "README.md" },
    );
}
