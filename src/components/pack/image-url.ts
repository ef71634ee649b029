import { MAX_LOGO_BYTES } from "@/pack/limits";
import { rasterMime, sniff } from "@/pack/sniff";

/**
 * A `data:` URL for a raster image (PNG, JPEG, GIF, WebP, decided by its bytes), or null. SVG is
 * never shown as an image (it can carry script), and anything over MAX_LOGO_BYTES is not inlined.
 * A data URL needs no clean-up, unlike an object URL, so it can be derived during render.
 */
export function imageDataUrl(bytes: Uint8Array | undefined): string | null {
  if (!bytes || bytes.length > MAX_LOGO_BYTES) return null;
  const mime = rasterMime(sniff(bytes));
  if (!mime) return null;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(binary)}`;
}
