/**
 * CRC-32 for the generator, kept apart from the core's own implementation so a bug there cannot
 * hide in the inputs. `crc32Combine` lets a bomb declare the correct CRC of 512 MiB of output
 * without ever producing that output.
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array, previous = 0): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) {
    c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  }
  return ~c >>> 0;
}

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  let v = vec >>> 0;
  for (let i = 0; v !== 0; i++, v >>>= 1) if (v & 1) sum ^= mat[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]!);
}

/**
 * CRC of `A ‖ B` from `crc(A)`, `crc(B)` and the length of B (zlib's `crc32_combine`), for
 * lengths beyond 2^32 too.
 */
export function crc32Combine(
  crcA: number,
  crcB: number,
  lengthB: number,
): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row *= 2) odd[n] = row;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crcA >>> 0;
  let len = lengthB;
  do {
    gf2Square(even, odd);
    if (len % 2 === 1) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2 === 1) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crcB) >>> 0;
}

/** CRC of `count` repetitions of a block whose CRC is `blockCrc` and length `blockLength`. */
export function crc32Repeat(
  blockCrc: number,
  blockLength: number,
  count: number,
): number {
  let crc = 0;
  for (let i = 0; i < count; i++)
    crc = crc32Combine(crc, blockCrc, blockLength);
  return crc;
}
