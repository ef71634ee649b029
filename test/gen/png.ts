import { zlibSync } from "fflate";
import { concatBytes, utf8 } from "./bytes";
import { crc32 } from "./crc32";

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = utf8(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(concatBytes([typeBytes, data])));
  return out;
}

function ihdr(width: number, height: number): Uint8Array {
  const d = new Uint8Array(13);
  const view = new DataView(d.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  d[8] = 8; // bit depth
  d[9] = 6; // RGBA
  return chunk("IHDR", d);
}

/** A real, decodable RGBA PNG of one colour. */
export function makePng(width = 128, height = 128): Uint8Array {
  const row = 1 + width * 4;
  const pixels = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      pixels.set([0x1f, 0x6f, 0xeb, 0xff], y * row + 1 + x * 4);
  }
  return concatBytes([
    SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", zlibSync(pixels)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/**
 * A PNG whose header claims `width`×`height` but holds almost no pixel data: the shape of an
 * image bomb. Never decode it.
 */
export function pngHeaderOnly(width: number, height: number): Uint8Array {
  return concatBytes([
    SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", zlibSync(new Uint8Array(64))),
    chunk("IEND", new Uint8Array()),
  ]);
}
