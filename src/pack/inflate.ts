import { Gunzip, Inflate } from "fflate";
import { ArchiveFailure, fail, showName } from "./archive-error";
import { crc32 } from "./crc32";
import type { Budget, Limits } from "./limits";
import { mib } from "./pack-files";

/** Input step: at 1000:1 one step expands to ~16 MiB, which bounds how far past a budget a bomb gets. */
const CHUNK = 16 * 1024;

export interface InflateBounds {
  /** For messages: the entry or file being expanded. */
  name: string;
  limits: Limits;
  budget: Budget;
  /** The size the container declares; more output than this is a size mismatch. */
  declared?: number;
  /** Per-entry cap (defaults to limits.maxEntryBytes). */
  maxBytes?: number;
  /** Says what `maxBytes` is, for the message. */
  capLabel?: string;
}

/**
 * Expand deflate (zip method 8) or gzip data in 64 KiB steps, stopping as soon as the output
 * passes the declared size, the per-entry cap, the shared budget or the ratio limit, so a bomb
 * never allocates more than one step past the budget.
 */
export function inflateBounded(
  input: Uint8Array,
  format: "deflate" | "gzip",
  b: InflateBounds,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  // Write straight into one buffer of the expected size when it is known (a zip entry's declared
  // size, a gzip trailer's ISIZE within the caps): no second copy at the end, half the peak memory.
  const expected = expectedSize(input, format, b);
  let target = expected > 0 ? new Uint8Array(expected) : null;
  let out = 0;
  let consumed = 0;
  let done = false;
  const maxBytes = b.maxBytes ?? b.limits.maxEntryBytes;
  const onData = (chunk: Uint8Array, final: boolean): void => {
    out += chunk.length;
    if (b.declared !== undefined && out > b.declared) {
      fail(
        "size-mismatch",
        `size mismatch: ${showName(b.name)} declares ${b.declared} bytes but holds more`,
        b.name,
      );
    }
    if (out > maxBytes) {
      fail(
        "too-large",
        `${showName(b.name)} expands beyond ${mib(maxBytes)}, ${b.capLabel ?? "the limit for one file"}`,
        b.name,
      );
    }
    if (!b.budget.take(chunk.length)) {
      fail(
        "too-large",
        `the archive expands beyond ${mib(b.budget.limit)} (stopped at ${showName(b.name)})`,
        b.name,
      );
    }
    if (
      out > b.limits.ratioGraceBytes &&
      out > b.limits.maxRatio * Math.max(consumed, 1)
    ) {
      fail(
        "ratio-exceeded",
        `${showName(b.name)} expands beyond ${b.limits.maxRatio}× its compressed size (a compression bomb?)`,
        b.name,
      );
    }
    if (target && out <= target.length) target.set(chunk, out - chunk.length);
    else {
      // More than expected (a wrong trailer): keep what was written and collect the rest.
      if (target) chunks.push(target.subarray(0, out - chunk.length));
      target = null;
      chunks.push(chunk);
    }
    if (final) done = true;
  };
  const stream = format === "gzip" ? new Gunzip(onData) : new Inflate(onData);
  try {
    for (let i = 0; i < input.length; i += CHUNK) {
      const end = Math.min(i + CHUNK, input.length);
      consumed = end;
      stream.push(input.subarray(i, end), end === input.length);
      if (done && format === "deflate") break;
    }
    if (input.length === 0) stream.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ArchiveFailure) throw e;
    fail(
      "truncated",
      `${showName(b.name)} is truncated or corrupt (${e instanceof Error ? e.message : String(e)})`,
      b.name,
    );
  }
  if (!done)
    fail(
      "truncated",
      `${showName(b.name)} is truncated or corrupt: the compressed data ends early`,
      b.name,
    );
  const result = target ? target.subarray(0, out) : concat(chunks, out);
  if (format === "gzip") checkGzipTrailer(input, result, b.name);
  return result;
}

function expectedSize(
  input: Uint8Array,
  format: "deflate" | "gzip",
  b: InflateBounds,
): number {
  const cap = Math.min(
    b.maxBytes ?? b.limits.maxEntryBytes,
    b.budget.limit - b.budget.used,
  );
  if (format === "deflate")
    return b.declared !== undefined && b.declared <= cap ? b.declared : 0;
  if (input.length < 18) return 0;
  const isize = new DataView(
    input.buffer,
    input.byteOffset,
    input.byteLength,
  ).getUint32(input.length - 4, true);
  // ISIZE is the size modulo 2^32 and is attacker-chosen: trust it only within the caps and the ratio.
  return isize <= cap &&
    isize <=
      Math.max(b.limits.ratioGraceBytes, b.limits.maxRatio * input.length)
    ? isize
    : 0;
}

/**
 * fflate neither checks a gzip trailer nor tells where the stream ended, so check it here: the
 * last 8 bytes must be the CRC-32 and size of the output. This catches truncation, flipped bytes in
 * stored blocks and data appended after the stream (a multi-member gzip is refused the same way).
 */
function checkGzipTrailer(
  input: Uint8Array,
  output: Uint8Array,
  name: string,
): void {
  if (input.length < 18)
    fail(
      "truncated",
      `${showName(name)} is truncated or corrupt: too short for a gzip stream`,
      name,
    );
  const v = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const crc = v.getUint32(input.length - 8, true);
  const size = v.getUint32(input.length - 4, true);
  if (size !== output.length % 0x100000000)
    fail(
      "truncated",
      `${showName(name)} is truncated or corrupt: the gzip stream does not end where the file does`,
      name,
    );
  if (crc !== crc32(output))
    fail(
      "crc-mismatch",
      `${showName(name)} is corrupt: its gzip checksum does not match the data`,
      name,
    );
}

export function concat(
  chunks: readonly Uint8Array[],
  total?: number,
): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total ?? chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
