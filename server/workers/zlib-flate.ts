// Node's zlib as the core's native DEFLATE codec (src/pack/inflate.ts `NativeFlate`): the pool's
// threads expand uploads and their charts with it, several times fflate's speed, while every bound
// and verdict stays the core's. Only Node code imports this file; the core runs in browsers too.
import * as zlib from "node:zlib";
import { crc32 as coreCrc32 } from "../../src/pack/crc32";
import type { NativeFlate, NativeInflated } from "../../src/pack/inflate";

/** `inflateRawSync` with `info`: the output and the engine that says how much input it took. */
type WithInfo = (
  data: Uint8Array,
  opts: { maxOutputLength: number; chunkSize: number; info: true },
) => { buffer: Buffer; engine: { bytesWritten: number } };

/** The largest output buffer allocated up front; more output continues in further chunks. */
const ONE_BUFFER_MAX = 64 * 1024 * 1024;

function inflateRaw(data: Uint8Array, maxOutputLength: number): NativeInflated {
  let r: ReturnType<WithInfo>;
  try {
    r = (zlib.inflateRawSync as unknown as WithInfo)(data, {
      maxOutputLength,
      // One output buffer of the expected size (the callers' bound is the declared size + 1,
      // already within the caps): zlib's default 16 KiB chunks would be joined at the end, twice
      // the memory and a copy.
      chunkSize: Math.max(64, Math.min(maxOutputLength, ONE_BUFFER_MAX)),
      info: true,
    });
  } catch (e) {
    // Node stops at maxOutputLength with a RangeError (ERR_BUFFER_TOO_LARGE); bad data is a
    // zlib error (Z_DATA_ERROR, Z_BUF_ERROR: truncated). Anything else is not the data's fault.
    if (e instanceof RangeError) return { ok: false, reason: "too-large" };
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("Z_"))
      return { ok: false, reason: "corrupt", message: (e as Error).message };
    throw e;
  }
  const b = r.buffer;
  // A small result may sit in Node's shared buffer pool, which must not be moved to another
  // thread (it holds other buffers): that one is copied into a buffer of its own. A larger one has
  // its own memory (at most a byte longer than the output), moved as it is.
  const output =
    b.length < Buffer.poolSize
      ? new Uint8Array(b)
      : new Uint8Array(b.buffer, b.byteOffset, b.length);
  return { ok: true, output, consumed: r.engine.bytesWritten };
}

/** CRC-32 continuing from `previous` (0 to start): Node's own from 20.15, else the core's. */
export const crc32: (data: Uint8Array, previous?: number) => number =
  (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32 ??
  coreCrc32;

export const zlibFlate: NativeFlate = {
  inflateRaw,
  crc32: (d) => crc32(d),
};
