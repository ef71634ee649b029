import { MAX_LOGO_BYTES, MAX_LOGO_SIDE, WARN_LOGO_SIDE } from "@/pack/limits";
import { imageInfo } from "@/pack/png";
import { describeSniffed } from "@/pack/sniff";

/** The formats the Logo step converts to PNG (rasterizeToPng draws each): a refusal names these. */
const CONVERTED = { jpeg: "JPEG", webp: "WebP", gif: "GIF", svg: "SVG" };
const names = Object.values(CONVERTED);
const CONVERTED_LIST = `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;

/** What to do with a dropped logo, decided by its bytes (never its name or type). */
export type LogoVerdict =
  | { kind: "png"; width: number; height: number; large: boolean }
  | { kind: "convert"; format: keyof typeof CONVERTED }
  | { kind: "refuse"; message: string };

/** The core's image sniffing and logo limits, applied to a dropped file (security.md cases 34–35). */
export function checkLogo(bytes: Uint8Array, fileName: string): LogoVerdict {
  const info = imageInfo(bytes);
  switch (info.format) {
    case "png": {
      const { width, height } = info;
      if (!width || !height)
        return {
          kind: "refuse",
          message: `${fileName} has a PNG signature but no valid header`,
        };
      if (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE)
        return {
          kind: "refuse",
          message: `${fileName} is ${width}×${height} pixels: image too large (at most ${MAX_LOGO_SIDE} per side)`,
        };
      if (bytes.length > MAX_LOGO_BYTES)
        return {
          kind: "refuse",
          message: `${fileName} is over 1 MB: a logo should be far smaller`,
        };
      return {
        kind: "png",
        width,
        height,
        large: width > WARN_LOGO_SIDE || height > WARN_LOGO_SIDE,
      };
    }
    case "jpeg":
    case "webp":
    case "gif":
    case "svg":
      return { kind: "convert", format: info.format };
    default:
      return {
        kind: "refuse",
        // Bytes of no known type are "not a recognised file type": "not" once is enough.
        message: `${fileName} is ${info.format === "unknown" ? "" : `${describeSniffed(info.format)}, `}not an image: use a PNG (or a ${CONVERTED_LIST} to convert)`,
      };
  }
}
