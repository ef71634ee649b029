import { sniff, type Sniffed } from "./sniff";

export interface ImageInfo {
  format: Sniffed;
  width?: number;
  height?: number;
}

/** Format by magic bytes, and for PNG the IHDR dimensions. Never decodes pixels. */
export function imageInfo(b: Uint8Array): ImageInfo {
  const format = sniff(b);
  if (
    format === "png" &&
    b.length >= 24 &&
    String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) === "IHDR"
  ) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { format, width: v.getUint32(16), height: v.getUint32(20) };
  }
  return { format };
}
