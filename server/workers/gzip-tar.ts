// A version's tar.gz (the OCI layer, the tar.gz download) with Node's zlib, fast: the tar's text
// is deflated at level 6, but the bytes of files that are compressed already (charts, images) go
// into stored blocks. Deflating a chart again saves nothing and was most of the time: the bench's
// 57 MB pack took ~1.1 s at level 6 (1.0 s at level 1), of which 0.9 s on 45 MB of charts.
//
// zlib's own `params()` would switch the level mid-stream, but Node's call leaves the level as it
// was once data has been written (the output stays level 6's, byte for byte), so the stream is made
// of segments instead: each run of parts is deflated on its own with a sync flush (no final block,
// ending on a byte boundary), the segments are joined, and one empty final block ends the stream.
// That is one valid deflate stream (a segment's matches never reach back into another, which
// costs nothing here); the gzip header and trailer (CRC-32, size) frame it as one member.
import { constants, deflateRawSync } from "node:zlib";
import { concatBytes } from "../../src/pack/bytes";
import { withLimits } from "../../src/pack/limits";
import type { PackFiles } from "../../src/pack/pack-files";
import { err, ok, type Result } from "../../src/pack/result";
import { tarGzRefusal, tarParts } from "../../src/pack/tar-write";
import {
  entriesRefusal,
  type WriteRefusal,
} from "../../src/pack/write-refusal";
import { isPrecompressed, packEntries } from "../../src/pack/zip-write";
import { crc32 } from "./zlib-flate";

/** Files smaller than this stay in the deflated run: each switch costs a flush (a few bytes). */
const STORED_MIN = 64 * 1024;
/** gzip header: deflate, no flags, mtime 0 (the same bytes every time), OS "unix". */
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
/** A final, empty block with fixed codes (BFINAL 1, BTYPE 01, end-of-block): ends the stream. */
const FINAL_BLOCK = Uint8Array.of(0x03, 0x00);

/**
 * The tar of `files` under the top folder `top` (src/pack/tar-write), gzipped; each piece of the
 * output handed to `out` in order; its size. Synchronous: it runs in the worker pool. Refuses
 * what the readers would refuse, as `writePackArchive` does: their rules on names, counts and sizes
 * before anything is written, the whole stream's size and ratio at its end (the chunks handed out
 * are then no tar.gz: drop them).
 */
export function gzipTar(
  files: PackFiles,
  top: string,
  out: (chunk: Uint8Array) => void,
): Result<number, WriteRefusal> {
  const limits = withLimits();
  const refused = entriesRefusal(packEntries(files, top), limits);
  if (refused) return err(refused);
  let written = 0;
  const put = (chunk: Uint8Array): void => {
    written += chunk.length;
    out(chunk);
  };
  const stored = new Set<Uint8Array>();
  for (const [path, bytes] of files)
    if (bytes.length >= STORED_MIN && isPrecompressed(path)) stored.add(bytes);
  put(HEADER);
  let crc = 0;
  let size = 0;
  let run: Uint8Array[] = [];
  let runStored = false;
  const flush = (): void => {
    if (run.length === 0) return;
    const input = run.length === 1 ? run[0]! : concatBytes(run);
    run = [];
    put(
      deflateRawSync(input, {
        level: runStored ? 0 : 6,
        finishFlush: constants.Z_SYNC_FLUSH,
        // One output buffer for the whole run (stored: the input plus 5 bytes a 64 KiB block).
        chunkSize: Math.min(
          64 * 1024 * 1024,
          Math.max(64, input.length + (input.length >> 10) + 64),
        ),
      }),
    );
  };
  for (const part of tarParts(files, top)) {
    crc = crc32(part, crc);
    size += part.length;
    const isStored = stored.has(part);
    if (isStored !== runStored) {
      flush();
      runStored = isStored;
    }
    run.push(part);
  }
  flush();
  put(FINAL_BLOCK);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc >>> 0, true);
  view.setUint32(4, size % 0x1_0000_0000, true);
  put(trailer);
  const bomb = tarGzRefusal(files, top, size, written, limits);
  return bomb ? err(bomb) : ok(written);
}
