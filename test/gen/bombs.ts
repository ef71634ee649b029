// node:zlib (not fflate) for one job: a FULL_FLUSH deflate block that resets the dictionary, so one
// compressed block can be repeated to any length without ever compressing that length.
import { constants, deflateRawSync } from "node:zlib";
import { concatBytes, LeWriter, MiB, noise } from "./bytes";
import { crc32, crc32Combine, crc32Repeat } from "./crc32";
import { buildZip, localHeader, type ZipEntrySpec } from "./zip";
import { buildTar } from "./tar";

/** Raw deflate data with what it expands to. */
export interface Deflated {
  raw: Uint8Array;
  /** Bytes it inflates to. */
  size: number;
  /** CRC-32 of those bytes. */
  crc: number;
}

const fullFlush = (b: Uint8Array): Uint8Array =>
  new Uint8Array(
    deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH }),
  );

/** Compressed form of a block, made once: non-final, byte-aligned and free of back-references. */
const flushedBlocks = new WeakMap<
  Uint8Array,
  { raw: Uint8Array; crc: number }
>();
function flushedBlock(block: Uint8Array): { raw: Uint8Array; crc: number } {
  let f = flushedBlocks.get(block);
  if (!f)
    flushedBlocks.set(
      block,
      (f = { raw: fullFlush(block), crc: crc32(block) }),
    );
  return f;
}

/** An empty final block: ends any stream of non-final blocks. */
const FINAL_EMPTY_BLOCK = new Uint8Array(deflateRawSync(new Uint8Array()));

/**
 * `head` followed by `times` copies of `block`, as raw deflate built by repeating one compressed
 * block: 512 MiB costs a few milliseconds and never exists uncompressed.
 */
export function repeatDeflated(
  block: Uint8Array,
  times: number,
  head: Uint8Array = new Uint8Array(),
): Deflated {
  const parts: Uint8Array[] = [];
  if (head.length) parts.push(fullFlush(head));
  const { raw, crc } = flushedBlock(block);
  for (let i = 0; i < times; i++) parts.push(raw);
  parts.push(FINAL_EMPTY_BLOCK);
  return {
    raw: concatBytes(parts),
    size: head.length + times * block.length,
    crc: crc32Combine(
      crc32(head),
      crc32Repeat(crc, block.length, times),
      times * block.length,
    ),
  };
}

/** 1 MiB of zeros: ~1 KiB deflated, about 1000:1. */
export const ZERO_MIB = new Uint8Array(MiB);

/**
 * 1 MiB that deflates about 80:1 (zeros with 8 random bytes every 1000): a bomb built from it stays
 * under a 100:1 ratio limit, so only the absolute budget can stop it.
 */
export const LOW_RATIO_MIB = (() => {
  const b = new Uint8Array(MiB);
  const r = noise(8 * Math.ceil(MiB / 1000), 42);
  for (let i = 0, j = 0; i < b.length; i += 1000, j += 8)
    b.set(r.subarray(j, j + Math.min(8, b.length - i)), i);
  return b;
})();

/** `head` followed by `mib` MiB of zeros as raw deflate (~1 KiB per MiB). */
export const deflatedZeros = (mib: number, head?: Uint8Array): Deflated =>
  repeatDeflated(ZERO_MIB, mib, head);

/** Wrap raw deflate in a gzip member (mtime 0, ISIZE mod 2^32 as the format says). */
export function gzipMember(d: Deflated): Uint8Array {
  const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
  const trailer = new LeWriter(8)
    .u32(d.crc)
    .u32(d.size % 2 ** 32)
    .done();
  return concatBytes([header, d.raw, trailer]);
}

export interface ZipBombEntry {
  name: string;
  /** MiB of zeros the entry really expands to. */
  mib: number;
  /** The uncompressed size written in the headers (default: the true size). */
  declaredSize?: number;
}

/** A zip whose entries are deflated zeros: 512 MiB in one entry is a ~520 KiB file (≈1000:1). */
export function zipBomb(entries: readonly ZipBombEntry[]): Uint8Array {
  return buildZip(
    entries.map((e): ZipEntrySpec => {
      const d = deflatedZeros(e.mib);
      return {
        name: e.name,
        method: 8,
        stored: d.raw,
        size: e.declaredSize ?? d.size,
        crc: d.crc,
      };
    }),
  );
}

/**
 * A tar.gz holding one file of `mib` MiB, declared honestly in its tar header: zeros (≈1000:1) or
 * `LOW_RATIO_MIB` blocks (≈80:1). The end blocks are left out (the data ends on a block boundary,
 * which readers accept).
 */
export function tarGzBomb(
  mib: number,
  opts: { entryName?: string; block?: Uint8Array } = {},
): Uint8Array {
  const header = buildTar(
    [{ name: opts.entryName ?? "pack/zeros.bin", size: mib * MiB }],
    { end: false },
  );
  return gzipMember(repeatDeflated(opts.block ?? ZERO_MIB, mib, header));
}

/** A non-final stored deflate block header that makes the next `length` bytes literal output. */
function storedBlockHeader(length: number): Uint8Array {
  return Uint8Array.of(
    0x00,
    length & 0xff,
    length >>> 8,
    ~length & 0xff,
    (~length >>> 8) & 0xff,
  );
}

export interface OverlapBomb {
  zip: Uint8Array;
  /** Sum of every entry's expanded size. */
  totalOutput: number;
}

/**
 * David Fifield's non-recursive zip bomb ("A better zip bomb", 2019): every entry's data starts
 * with a stored block that quotes the next entry's local header, then runs on into that entry's
 * data, so every entry expands the same kernel: `count` × the kernel's size from a file barely
 * larger than the compressed kernel. Every header is valid and every CRC and size is right; only
 * the overlap gives it away.
 *
 * `kernel: "zeros"` makes a high-ratio kernel of `kernelBytes` zeros; `"noise"` a stored,
 * incompressible one (ratio ≈ 1), so only an overlap check can catch it.
 */
export function overlapBomb(
  count: number,
  kernel: "zeros" | "noise",
  kernelBytes: number,
): OverlapBomb {
  let kernelRaw: Uint8Array;
  let kernelOut: Uint8Array | undefined;
  let kernelCrc: number;
  if (kernel === "zeros") {
    const d = deflatedZeros(kernelBytes / MiB);
    kernelRaw = d.raw;
    kernelCrc = d.crc;
  } else {
    if (kernelBytes > 0xffff)
      throw new Error("a noise kernel is one stored block (≤ 65535 bytes)");
    kernelOut = noise(kernelBytes, 7);
    kernelRaw = concatBytes([
      Uint8Array.of(
        0x01,
        kernelBytes & 0xff,
        kernelBytes >>> 8,
        ~kernelBytes & 0xff,
        (~kernelBytes >>> 8) & 0xff,
      ),
      kernelOut,
    ]);
    kernelCrc = crc32(kernelOut);
  }
  const names = Array.from(
    { length: count },
    (_, i) => `f${String(i).padStart(4, "0")}.bin`,
  );
  // Built from the last entry backwards: each entry's sizes and CRC depend on the next one's header.
  const specs: ZipEntrySpec[] = new Array(count);
  let nextHeader: Uint8Array | undefined;
  let span = kernelRaw.length; // compressed bytes from this entry's data start to the kernel's end
  let size = kernelBytes;
  let crc = kernelCrc;
  let totalOutput = 0;
  for (let i = count - 1; i >= 0; i--) {
    let stored: Uint8Array;
    if (nextHeader === undefined) {
      stored = kernelRaw;
    } else {
      const quote = storedBlockHeader(nextHeader.length);
      stored = quote;
      span += quote.length + nextHeader.length;
      crc = crc32Combine(crc32(nextHeader), crc, size);
      size += nextHeader.length;
    }
    const spec: ZipEntrySpec = {
      name: names[i]!,
      method: 8,
      stored,
      compressedSize: span,
      size,
      crc,
    };
    specs[i] = spec;
    totalOutput += size;
    nextHeader = localHeader(spec, stored);
  }
  return { zip: buildZip(specs), totalOutput };
}
