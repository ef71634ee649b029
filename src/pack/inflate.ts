import { Gunzip, Inflate } from "fflate";
import { ArchiveFailure, fail, showName } from "./archive-error";
import { concatBytes } from "./bytes";
import { crc32 } from "./crc32";
import { inflateInto, InflateIntoError } from "./inflate-into";
import { ratioCap, type Budget, type Limits } from "./limits";
import { mib } from "./pack-files";

/**
 * Input steps. A step is what fflate expands before the bounds are checked again, and deflate
 * expands at most 1032:1, so each step is sized to what the caps, the budget and the ratio limit
 * still allow plus {@link OVERSHOOT}: however the data is built, one step cannot take the output
 * more than 64 MiB past a limit (the old fixed 64 KiB step allowed 66 MiB). Honest data earns
 * larger steps, which are faster: each step makes fflate's streaming inflater allocate and copy
 * its window again (16 KiB steps were ~25% slower than one gunzipSync on a 20 MB chart, 64 KiB
 * ~10%, 256 KiB ~2%).
 */
const OVERSHOOT = 64 * 1024 * 1024;
const MAX_STEP = 256 * 1024;
const DEFLATE_MAX_RATIO = 1032;

/**
 * A native DEFLATE codec (Node's zlib in the server's worker threads, several times fflate's
 * speed). The core never imports one, since it runs in browsers too: a Node host passes it in
 * (`ReadOptions.native`, `ChartReadOptions.native`, `ValidateOptions.native`), and every bound and
 * verdict stays the core's.
 */
export interface NativeFlate {
  /**
   * Expand raw DEFLATE `data`, never writing more than `maxOutputLength` bytes. `consumed` is the
   * input the stream took (less than `data.length` when bytes follow its end). Never throws for the
   * data's sake: `too-large` when it would expand past the bound, `corrupt` when it is not DEFLATE.
   */
  inflateRaw(data: Uint8Array, maxOutputLength: number): NativeInflated;
  /** CRC-32 (the zip and gzip polynomial) of `data`. */
  crc32(data: Uint8Array): number;
}

export type NativeInflated =
  | { ok: true; output: Uint8Array; consumed: number }
  | { ok: false; reason: "too-large" }
  | { ok: false; reason: "corrupt"; message: string };

export interface InflateBounds {
  /** Expand a whole gzip stream with this instead of fflate (same bounds and verdicts). */
  native?: NativeFlate;
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

/** How far an expansion got: {@link inflateSteps}. */
export interface InflateProgress {
  /** Everything expanded so far, one contiguous view. */
  output: Uint8Array;
  /** Compressed bytes handed to the inflater so far. */
  consumed: number;
  /** The stream ended and (gzip) its trailer matched; false when `stop` ended it early. */
  complete: boolean;
}

/**
 * Expand deflate (zip method 8) or gzip data in steps, stopping as soon as the output
 * passes the declared size, the per-entry cap, the shared budget or the ratio limit, so a bomb
 * never allocates more than one step past the budget. Throws ArchiveFailure.
 */
export function inflateBounded(
  input: Uint8Array,
  format: "deflate" | "gzip",
  b: InflateBounds,
): Uint8Array {
  return inflateSteps(input, format, b).output;
}

/**
 * {@link inflateBounded}, calling `stop` after every step with the output so far: when it returns
 * true the expansion ends there, before the rest of the input is read (the gzip trailer is then
 * not checked, since it covers the whole stream). Throws ArchiveFailure; an exception that is not
 * an archive format error (a bug in `stop`, say) propagates as it is.
 */
export function inflateSteps(
  input: Uint8Array,
  format: "deflate" | "gzip",
  b: InflateBounds,
  stop?: (output: Uint8Array, consumed: number) => boolean,
): InflateProgress {
  const maxBytes = b.maxBytes ?? b.limits.maxEntryBytes;
  // Write straight into one buffer of the expected size when it is known (a zip entry's declared
  // size, a gzip trailer's ISIZE within the caps): no copy at the end, half the peak memory. Else
  // collect the steps and join them at the end; with `stop`, which needs one contiguous view after
  // every step, grow the buffer by doubling instead, never past what the caps allow.
  const room = Math.min(maxBytes, b.budget.limit - b.budget.used);
  const expected = expectedSize(input, format, b, room);
  if (!stop && expected > 0) {
    const whole =
      format === "gzip"
        ? gunzipWhole(input, expected, b)
        : inflateWhole(input, expected, b);
    if (whole) return { output: whole, consumed: input.length, complete: true };
  }
  let target: Uint8Array | null =
    expected > 0
      ? new Uint8Array(expected)
      : stop
        ? new Uint8Array(Math.max(0, Math.min(room, input.length * 4)))
        : null;
  const chunks: Uint8Array[] = [];
  let out = 0;
  let consumed = 0;
  // The ratio is judged on the whole entry when its size was declared (a zip entry, whose output
  // may never pass that size): what the registry's native reader and the archive writers judge,
  // so an entry whose start is far more repetitive than its rest is read the same everywhere.
  // Without a declared size (a gzip stream) it is judged on what was read so far.
  const ratioBase = (): number =>
    b.declared !== undefined ? input.length : consumed;
  let done = false;
  let crc = 0;
  const onData = (chunk: Uint8Array, final: boolean): void => {
    out += chunk.length;
    if (b.declared !== undefined && out > b.declared)
      failOverDeclared(b.name, b.declared);
    if (out > maxBytes) {
      fail(
        "too-large",
        `${showName(b.name)} expands beyond ${mib(maxBytes)}, ${b.capLabel ?? "the limit for one file"}`,
        b.name,
      );
    }
    chargeBudget(b.budget, chunk.length, b.name);
    if (out > ratioCap(ratioBase(), b.limits))
      failRatio(b.name, b.limits.maxRatio);
    const at = out - chunk.length;
    if (target && out > target.length && stop) {
      const grown = new Uint8Array(
        Math.max(out, Math.min(Math.max(target.length * 2, MAX_STEP), room)),
      );
      grown.set(target.subarray(0, at));
      target = grown;
    }
    if (target && out <= target.length) target.set(chunk, at);
    else {
      // More than expected (a wrong trailer): keep what was written and collect the rest.
      if (target) chunks.push(target.subarray(0, at));
      target = null;
      chunks.push(chunk);
    }
    // While the chunk is still in cache: the gzip trailer's CRC-32 covers the whole output.
    if (format === "gzip") crc = crc32(chunk, crc);
    if (final) done = true;
  };
  const stream = format === "gzip" ? new Gunzip(onData) : new Inflate(onData);
  try {
    for (let i = 0, end = 0; i < input.length; i = end) {
      const allowed = Math.min(
        room,
        b.declared ?? Infinity,
        ratioCap(ratioBase(), b.limits),
      );
      const step = Math.floor(
        (Math.max(0, allowed - out) + OVERSHOOT) / DEFLATE_MAX_RATIO,
      );
      end = Math.min(i + Math.min(MAX_STEP, step), input.length);
      consumed = end;
      stream.push(input.subarray(i, end), end === input.length);
      if (done && format === "deflate") break;
      if (stop && target && !done && stop(target.subarray(0, out), consumed))
        return { output: target.subarray(0, out), consumed, complete: false };
    }
    if (input.length === 0) stream.push(new Uint8Array(0), true);
  } catch (e) {
    if (!isFlateError(e)) throw e;
    fail(
      "truncated",
      `${showName(b.name)} is truncated or corrupt (${e.message})`,
      b.name,
    );
  }
  if (!done)
    fail(
      "truncated",
      `${showName(b.name)} is truncated or corrupt: the compressed data ends early`,
      b.name,
    );
  const output = target ? target.subarray(0, out) : concat(chunks, out);
  if (format === "gzip") checkGzipTrailer(input, output, crc, b.name);
  return { output, consumed, complete: true };
}

/**
 * The fast path for a whole gzip stream whose trailer's size is within the caps and the ratio
 * limit: one call expands it straight into a buffer of exactly that size, with none of the
 * streaming inflater's per-step buffer growth and copies (1.4–1.7× the CPU of one gunzipSync on
 * the bench's 20 MB chart before, about 1.0× with it), or through `b.native` (Node's zlib, about a
 * third of that). {@link inflateInto} stops the moment the output would pass the buffer, and the
 * native codec one byte later, so a trailer that under-states a bomb costs at most the stated size
 * of work. Returns undefined, the budget given back, when the stream is not exactly what its
 * trailer says (longer, shorter, broken, data after it, such as a second gzip member): the stepped
 * path then reads it again and gives its verdict and message, within its own bounds. A checksum
 * mismatch is final (ArchiveFailure).
 */
function gunzipWhole(
  input: Uint8Array,
  size: number,
  b: InflateBounds,
): Uint8Array | undefined {
  const start = gzipBodyStart(input);
  if (start === undefined) return undefined;
  const body = input.subarray(start, input.length - 8);
  return charged(b, size, () => {
    const out = b.native
      ? nativeExactly(body, size, b.native)
      : inflateExactly(body, size);
    if (out)
      checkGzipTrailer(input, out, (b.native?.crc32 ?? crc32)(out), b.name);
    return out;
  });
}

/**
 * The same fast path for a zip entry (raw DEFLATE) whose declared size is within the caps and the
 * ratio limit: one call into a buffer of that size. The streaming inflater starts every entry with
 * a 32 KiB window and grows it per step; in a fresh browser worker those allocations cost more than
 * the decoding (argo-cd's 120 entries: 470 ms in the pack page's worker, most of it in fflate's
 * buffer growth). Undefined, the budget given back, when the entry is not exactly one stream of
 * that size ending at its end: the stepped path then reads it and gives its verdict and message.
 */
const inflateWhole = (
  input: Uint8Array,
  size: number,
  b: InflateBounds,
): Uint8Array | undefined =>
  charged(b, size, () => inflateExactly(input, size));

/**
 * `size` charged to the budget while `expand` makes the output of a fast path; given back when the
 * budget cannot hold it or `expand` gives up (undefined). An error `expand` throws is final and
 * keeps the charge, as the stepped path's would.
 */
function charged(
  b: InflateBounds,
  size: number,
  expand: () => Uint8Array | undefined,
): Uint8Array | undefined {
  if (b.budget.take(size)) {
    const out = expand();
    if (out) return out;
  }
  b.budget.used -= size;
  return undefined;
}

/** `body` expanded into `size` bytes when it is one DEFLATE stream of exactly that size, ending where it does. */
function inflateExactly(
  body: Uint8Array,
  size: number,
): Uint8Array | undefined {
  const out = new Uint8Array(size);
  try {
    const r = inflateInto(body, out);
    return r.written === size && r.end === body.length ? out : undefined;
  } catch (e) {
    if (!(e instanceof InflateIntoError)) throw e;
    return undefined;
  }
}

/** {@link inflateExactly} through a native codec, which stops one byte past `size`. */
function nativeExactly(
  body: Uint8Array,
  size: number,
  native: NativeFlate,
): Uint8Array | undefined {
  const r = native.inflateRaw(body, size + 1);
  return r.ok && r.output.length === size && r.consumed === body.length
    ? r.output
    : undefined;
}

/** Where a gzip member's deflate data begins (RFC 1952 header), or undefined when the header is not one. */
function gzipBodyStart(d: Uint8Array): number | undefined {
  if (d.length < 18 || d[0] !== 0x1f || d[1] !== 0x8b || d[2] !== 8)
    return undefined;
  const flags = d[3]!;
  let at = 10;
  if (flags & 4) at += 2 + (d[10]! | (d[11]! << 8)); // FEXTRA
  for (const bit of [8, 16]) {
    // FNAME, FCOMMENT: zero-terminated
    if (!(flags & bit)) continue;
    while (at < d.length && d[at] !== 0) at++;
    at++;
  }
  if (flags & 2) at += 2; // FHCRC
  return at <= d.length - 8 ? at : undefined;
}

/** fflate reports a format error as an Error with a numeric `code`; anything else is not the data's fault. */
function isFlateError(e: unknown): e is Error {
  return (
    e instanceof Error &&
    !(e instanceof ArchiveFailure) &&
    typeof (e as { code?: unknown }).code === "number"
  );
}

/**
 * The output size to expect, when it can be trusted: a zip entry's declared size, or a gzip
 * trailer's ISIZE, within `cap` (the room the caps and the budget leave) and the ratio (a size
 * past it would be refused before the buffer filled); else 0.
 */
function expectedSize(
  input: Uint8Array,
  format: "deflate" | "gzip",
  b: InflateBounds,
  cap: number,
): number {
  if (format === "deflate")
    return b.declared !== undefined &&
      b.declared <= cap &&
      b.declared <= ratioCap(input.length, b.limits)
      ? b.declared
      : 0;
  if (input.length < 18) return 0;
  const isize = new DataView(
    input.buffer,
    input.byteOffset,
    input.byteLength,
  ).getUint32(input.length - 4, true);
  // ISIZE is the size modulo 2^32 and is attacker-chosen: trust it only within the caps and the ratio.
  return isize <= cap && isize <= ratioCap(input.length, b.limits) ? isize : 0;
}

/**
 * fflate neither checks a gzip trailer nor tells where the stream ended, so check it here: the
 * last 8 bytes must be the CRC-32 and size of the output. This catches truncation, flipped bytes in
 * stored blocks and data appended after the stream (a multi-member gzip is refused the same way).
 */
function checkGzipTrailer(
  input: Uint8Array,
  output: Uint8Array,
  outputCrc: number,
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
  if (crc !== outputCrc)
    fail(
      "crc-mismatch",
      `${showName(name)} is corrupt: its gzip checksum does not match the data`,
      name,
    );
}

/** Entry `name` expanded past the `declared` size its container gives. Throws ArchiveFailure. */
export function failOverDeclared(name: string, declared: number): never {
  fail(
    "size-mismatch",
    `size mismatch: ${showName(name)} declares ${declared} bytes but holds more`,
    name,
  );
}

/** Entry `name` expanded past `maxRatio` times its compressed size. Throws ArchiveFailure. */
export function failRatio(name: string, maxRatio: number): never {
  fail(
    "ratio-exceeded",
    `${showName(name)} expands beyond ${maxRatio}× its compressed size (a compression bomb?)`,
    name,
  );
}

/**
 * Charge `n` expanded bytes of entry `name` to the archive's budget; past it, fails with
 * "too-large" naming the budget and where the read stopped. Throws ArchiveFailure.
 */
export function chargeBudget(budget: Budget, n: number, name: string): void {
  if (!budget.take(n))
    fail(
      "too-large",
      `the archive expands beyond ${mib(budget.limit)} (stopped at ${showName(name)})`,
      name,
    );
}

/** The chunks as one array: the only chunk itself, else {@link concatBytes}' new one. */
export function concat(
  chunks: readonly Uint8Array[],
  total?: number,
): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  return concatBytes(chunks, total);
}
