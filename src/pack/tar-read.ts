import { fail, showName } from "./archive-error";
import { checkEntryPath } from "./entry-path";
import { inflateBounded, type InflateBounds } from "./inflate";
import type { Budget, Limits } from "./limits";
import { mib, type RawEntry } from "./pack-files";

const BLOCK = 512;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Expand a gzip stream within the budget (whole-stream caps; tar has no per-file declared size to
 * trust yet): by default capped by the budget alone, with `native` through that codec.
 */
export function gunzipBounded(
  bytes: Uint8Array,
  name: string,
  limits: Limits,
  budget: Budget,
  opts: Pick<InflateBounds, "maxBytes" | "capLabel" | "native"> = {},
): Uint8Array {
  return inflateBounded(bytes, "gzip", {
    name,
    limits,
    budget,
    maxBytes: budget.limit,
    capLabel: "the limit for an archive",
    ...opts,
  });
}

/**
 * Parse a tar archive (ustar, pax and GNU long names). The effective name of every entry —
 * after pax `path` and GNU `L` records — is what gets checked. Links, devices and FIFOs are
 * refused. Entry bytes are views into `tar`, never copies. Throws ArchiveFailure.
 */
export function readTarEntries(
  tar: Uint8Array,
  archiveName: string,
  limits: Limits,
): RawEntry[] {
  const walk = new TarWalk(archiveName, limits);
  walk.advance(tar, true);
  return walk.entries;
}

/**
 * A tar walk that resumes as more of the archive arrives (while a .tgz is being expanded): each
 * {@link TarWalk.advance} reads every entry that is complete in the bytes given, with the rules of
 * {@link readTarEntries}, and leaves a partial one for the next call.
 */
export class TarWalk {
  /** The entries read so far, in archive order. */
  readonly entries: RawEntry[] = [];
  /** The end-of-archive block was reached. */
  ended = false;
  private at = 0;
  private pax: Map<string, string> | undefined;
  private longName: string | undefined;
  private count = 0;

  constructor(
    private readonly archiveName: string,
    private readonly limits: Limits,
  ) {}

  /**
   * Read on through `tar`, the archive from its first byte (what has arrived so far; each call
   * passes at least what the previous one did). With `final`, `tar` is all of it and a partial
   * entry is an error. Returns {@link TarWalk.ended}. Throws ArchiveFailure.
   */
  advance(tar: Uint8Array, final: boolean): boolean {
    const { archiveName, limits } = this;
    const truncated = (): never =>
      fail("truncated", `${showName(archiveName)} is truncated or corrupt`);
    while (!this.ended) {
      const at = this.at;
      if (at + BLOCK > tar.length) {
        if (!final) return false;
        // GNU tar ends with two zero blocks; some writers stop after one or none. A missing end is
        // tolerated only at a block boundary with nothing pending.
        if (at === tar.length && !this.pax && this.longName === undefined)
          break;
        truncated();
      }
      const h = tar.subarray(at, at + BLOCK);
      if (h.every((v) => v === 0)) break;
      if (!checksumOk(h))
        fail(
          "truncated",
          `${showName(archiveName)} is truncated or corrupt: bad header checksum at offset ${at}`,
        );
      const type = String.fromCharCode(h[156]!);
      const size = parseNumber(h.subarray(124, 136), archiveName);
      const dataStart = at + BLOCK;
      const dataEnd = dataStart + size;
      if (dataEnd > tar.length) {
        // Wait for the rest of this entry: nothing about it has been recorded yet.
        if (!final) return false;
        truncated();
      }
      this.at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
      if (++this.count > limits.maxEntries * 2)
        fail(
          "too-many-entries",
          `${showName(archiveName)} has more than ${limits.maxEntries} entries`,
        );
      const data = tar.subarray(dataStart, dataEnd);
      if (type === "x") {
        this.pax = parsePax(data, archiveName);
        continue;
      }
      if (type === "g") continue; // global pax defaults: nothing in them may rename an entry
      if (type === "L") {
        this.longName = decodeName(
          data.subarray(0, data.indexOf(0) < 0 ? data.length : data.indexOf(0)),
          archiveName,
        );
        continue;
      }
      this.entry(h, type, size, data);
    }
    this.ended = true;
    return true;
  }

  private entry(
    h: Uint8Array,
    type: string,
    size: number,
    data: Uint8Array,
  ): void {
    const { archiveName, limits, pax } = this;
    const raw = pax?.get("path") ?? this.longName ?? headerName(h, archiveName);
    const effectiveSize = pax?.has("size") ? Number(pax.get("size")) : size;
    this.pax = undefined;
    this.longName = undefined;
    if (type === "1" || type === "2" || type === "K")
      fail(
        "link-not-allowed",
        `${showName(raw)} is a ${type === "2" ? "symbolic" : "hard"} link: links are not allowed`,
        raw,
      );
    if (type === "3" || type === "4" || type === "6")
      fail(
        "special-file",
        `${showName(raw)} is a device or FIFO, not a regular file`,
        raw,
      );
    const isDir = type === "5";
    if (!isDir && type !== "0" && type !== "\0" && type !== "7")
      fail(
        "special-file",
        `${showName(raw)} has unsupported tar entry type ${JSON.stringify(type)}`,
        raw,
      );
    if (effectiveSize !== size)
      fail(
        "size-mismatch",
        `size mismatch: ${showName(raw)}: the pax size and the header size differ`,
        raw,
      );
    if (size > limits.maxEntryBytes)
      fail(
        "too-large",
        `${showName(raw)} is ${mib(size)}, beyond ${mib(limits.maxEntryBytes)}, the limit for one file`,
        raw,
      );
    if (this.entries.length >= limits.maxEntries)
      fail(
        "too-many-entries",
        `${showName(archiveName)} has more than ${limits.maxEntries} entries`,
      );
    const path = checkEntryPath(raw, limits, isDir);
    this.entries.push(
      isDir
        ? { raw, path, kind: "dir" }
        : { raw, path, kind: "file", bytes: data },
    );
  }
}

function checksumOk(h: Uint8Array): boolean {
  const stored = parseOctal(h.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return stored === sum;
}

function parseOctal(b: Uint8Array): number {
  let s = "";
  for (const c of b) {
    if (c === 0 || c === 0x20) {
      if (s) break;
      continue;
    }
    s += String.fromCharCode(c);
  }
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : s === "" ? 0 : NaN;
}

function parseNumber(b: Uint8Array, archiveName: string): number {
  if (b[0]! & 0x80) {
    // GNU base-256: only sizes that fit a safe integer are meaningful here.
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!;
    if (!Number.isSafeInteger(n))
      fail(
        "too-large",
        `${showName(archiveName)} declares an impossible entry size`,
      );
    return n;
  }
  const n = parseOctal(b);
  if (Number.isNaN(n))
    fail(
      "truncated",
      `${showName(archiveName)} is truncated or corrupt: bad size field`,
    );
  return n;
}

function headerName(h: Uint8Array, archiveName: string): string {
  const field = (from: number, len: number): Uint8Array => {
    const f = h.subarray(from, from + len);
    const z = f.indexOf(0);
    return z < 0 ? f : f.subarray(0, z);
  };
  const name = decodeName(field(0, 100), archiveName);
  const isUstar =
    h[257] === 0x75 &&
    h[258] === 0x73 &&
    h[259] === 0x74 &&
    h[260] === 0x61 &&
    h[261] === 0x72;
  const prefix = isUstar ? decodeName(field(345, 155), archiveName) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function decodeName(b: Uint8Array, archiveName: string): string {
  try {
    return utf8.decode(b);
  } catch {
    fail(
      "unsafe-path",
      `${showName(archiveName)} has an entry name that is not valid UTF-8`,
    );
  }
}

function parsePax(data: Uint8Array, archiveName: string): Map<string, string> {
  const text = decodeName(data, archiveName);
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(" ", i);
    const len = Number(text.slice(i, sp));
    if (sp < 0 || !Number.isInteger(len) || len <= 0)
      fail("truncated", `${showName(archiveName)} has a corrupt pax header`);
    const record = text.slice(sp + 1, i + len - 1);
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}
