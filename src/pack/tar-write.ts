import { Gzip } from "fflate";
import { showName } from "./archive-error";
import { concat } from "./inflate";
import type { Limits } from "./limits";
import { mib, type PackFiles } from "./pack-files";
import { ratioRefusal, type WriteRefusal } from "./write-refusal";
import { packEntries } from "./zip-write";

const BLOCK = 512;
const enc = new TextEncoder();

/**
 * Write the OCI-ready tarball: one top folder `top/`, folders then files in sorted order,
 * uid/gid 0, mtime 0, modes 0755/0644, gzip with mtime 0 — deterministic bytes for the same files
 * in Node, the browser and a Worker. No limit is checked (a fixture, a chart archive of a test):
 * what is shipped goes through `writePackArchive`, which refuses what readers refuse.
 */
export function writePackTarGz(files: PackFiles, top: string): Uint8Array {
  return gzipParts(tarParts(files, top));
}

/** The parts gzipped as one stream, so the uncompressed tar never exists as one buffer. */
export function gzipParts(parts: readonly Uint8Array[]): Uint8Array {
  const out: Uint8Array[] = [];
  const gz = new Gzip({ level: 6, mtime: 0 }, (chunk) => out.push(chunk));
  parts.forEach((p, i) => gz.push(p, i === parts.length - 1));
  return concat(out);
}

/**
 * Why the readers would refuse a tar.gz of `files` under `top/` whose tar of `tarBytes` gzipped
 * into `gzBytes`, or null. They expand a tar.gz as one gzip stream and hold the whole stream to
 * the limits: the tar's size (headers and padding count) and its ratio, whose refusal names the
 * largest file (the likely cause: the stream does not say which file compressed how well).
 */
export function tarGzRefusal(
  files: PackFiles,
  top: string,
  tarBytes: number,
  gzBytes: number,
  limits: Limits,
): WriteRefusal | null {
  if (tarBytes > limits.maxTotalBytes)
    return {
      kind: "too-large",
      message: `the tar would be ${mib(tarBytes)}, beyond ${mib(limits.maxTotalBytes)}, the limit for an archive`,
    };
  let largest: [string, number] = ["", -1];
  for (const [p, b] of files)
    if (b.length > largest[1]) largest = [p, b.length];
  const [path, size] = largest;
  return ratioRefusal(
    `${top}/${path}`,
    tarBytes,
    gzBytes,
    limits,
    "the tar.gz",
    ` (its largest file: ${showName(`${top}/${path}`)}, ${mib(size)})`,
  );
}

export function writeTar(files: PackFiles, top: string): Uint8Array {
  return concat(tarParts(files, top));
}

/**
 * The tar of `writePackTarGz` as its parts in order (headers, file bytes as views, padding, the
 * end blocks), for a caller that compresses them as a stream with another gzip (the server's zlib).
 */
export function tarParts(files: PackFiles, top: string): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const [path, bytes] of packEntries(files, top)) {
    const size = bytes?.length ?? 0;
    const header = ustarHeader(path, size, bytes === null);
    if (!header) parts.push(...paxPath(path));
    parts.push(header ?? ustarHeader(shortName(path), size, bytes === null)!);
    if (bytes) {
      parts.push(bytes);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) parts.push(new Uint8Array(pad));
    }
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return parts;
}

/** A ustar header, or null when the name fits neither `name` (100 bytes) nor `prefix/name`. */
function ustarHeader(
  path: string,
  size: number,
  isDir: boolean,
  type?: string,
): Uint8Array | null {
  const nameBytes = enc.encode(path);
  let name = nameBytes;
  let prefix = new Uint8Array();
  if (nameBytes.length > 100) {
    const split = findSplit(path);
    if (split < 0) return null;
    prefix = enc.encode(path.slice(0, split));
    name = enc.encode(path.slice(split + 1));
  }
  const h = new Uint8Array(BLOCK);
  h.set(name, 0);
  octal(h, 100, 8, isDir ? 0o755 : 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h[156] = (type ?? (isDir ? "5" : "0")).charCodeAt(0);
  h.set(enc.encode("ustar\u000000"), 257);
  h.set(prefix, 345);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const v of h) sum += v;
  octal(h, 148, 7, sum);
  h[155] = 0x20;
  return h;
}

function findSplit(path: string): number {
  const bytes = (s: string): number => enc.encode(s).length;
  for (let i = path.length - 1; i > 0; i--) {
    if (
      path[i] === "/" &&
      i !== path.length - 1 &&
      bytes(path.slice(0, i)) <= 155 &&
      bytes(path.slice(i + 1)) <= 100
    )
      return i;
  }
  return -1;
}

const shortName = (path: string): string => `PaxHeaders/${path.length}`;

function paxPath(path: string): Uint8Array[] {
  const body = (n: number): string => `${n} path=${path}\n`;
  let len = enc.encode(body(0)).length;
  while (enc.encode(body(len)).length !== len)
    len = enc.encode(body(len)).length;
  const data = enc.encode(body(len));
  const header = ustarHeader(shortName(path), data.length, false, "x")!;
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return [header, data, new Uint8Array(pad)];
}

function octal(h: Uint8Array, at: number, len: number, value: number): void {
  const s = value.toString(8).padStart(len - 1, "0");
  h.set(enc.encode(s), at);
  h[at + len - 1] = 0;
}
