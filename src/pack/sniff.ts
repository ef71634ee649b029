/** What a file's first bytes say it is. Extensions are never trusted. */
export type Sniffed =
  | "zip"
  | "gzip"
  | "tar"
  | "png"
  | "jpeg"
  | "gif"
  | "webp"
  | "svg"
  | "pdf"
  | "bzip2"
  | "xz"
  | "zstd"
  | "7z"
  | "rar"
  | "empty"
  | "unknown";

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

export function sniff(b: Uint8Array): Sniffed {
  if (b.length === 0) return "empty";
  if (
    starts(b, [0x50, 0x4b, 0x03, 0x04]) ||
    starts(b, [0x50, 0x4b, 0x05, 0x06])
  )
    return "zip";
  if (starts(b, [0x1f, 0x8b])) return "gzip";
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return "gif";
  if (
    starts(b, [0x52, 0x49, 0x46, 0x46]) &&
    starts(b, [0x57, 0x45, 0x42, 0x50], 8)
  )
    return "webp";
  if (starts(b, [0x25, 0x50, 0x44, 0x46])) return "pdf";
  if (starts(b, [0x42, 0x5a, 0x68])) return "bzip2";
  if (starts(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (starts(b, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (starts(b, [0x52, 0x61, 0x72, 0x21])) return "rar";
  if (starts(b, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return "tar";
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(b.subarray(0, 512))
    .trimStart()
    .toLowerCase();
  if (
    head.startsWith("<svg") ||
    (head.startsWith("<?xml") && head.includes("<svg"))
  )
    return "svg";
  return "unknown";
}

const DESCRIPTIONS: Record<Sniffed, string> = {
  zip: "a zip archive",
  gzip: "a gzip file",
  tar: "an uncompressed tar archive",
  png: "a PNG image",
  jpeg: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  svg: "an SVG image",
  pdf: "a PDF document",
  bzip2: "a bzip2 file",
  xz: "an xz file",
  zstd: "a zstd file",
  "7z": "a 7-Zip archive",
  rar: "a RAR archive",
  empty: "an empty file",
  unknown: "not a recognised file type",
};

export const describeSniffed = (s: Sniffed): string => DESCRIPTIONS[s];

/** MIME types of the images the app shows from a pack (never SVG: it can run script). */
export type RasterMime =
  "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const RASTER: Partial<Record<Sniffed, RasterMime>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** The MIME type of a sniffed raster format, or null (SVG and anything else). */
export const rasterMime = (format: Sniffed): RasterMime | null =>
  RASTER[format] ?? null;
