import { gzipSync } from "fflate";
import { concatBytes, utf8 } from "./bytes";

/**
 * A raw tar writer: ustar headers with any type flag (0 file, 1 hard link, 2 symlink, 3 char
 * device, 4 block device, 5 folder, 6 FIFO), pax `x` records and GNU `L` long names, with the
 * name, link target, mode and declared size under the test's control.
 */
export type TarType =
  "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "x" | "g" | "L" | "K";

export interface TarEntrySpec {
  /** The name in the ustar header (at most 100 bytes; use `pax` or `longName` for longer). */
  name: string;
  type?: TarType;
  data?: Uint8Array;
  linkname?: string;
  mode?: number;
  /** Declared size in the header (default: `data.length`); the data written stays `data`. */
  size?: number;
  /** Put this in the ustar `prefix` field (joined to the name with `/`). */
  prefix?: string;
  /** pax records written in an `x` header right before this entry. */
  pax?: Record<string, string>;
  /** A GNU `L` record (long name) written right before this entry. */
  longName?: string;
}

const BLOCK = 512;

function field(
  h: Uint8Array,
  at: number,
  len: number,
  value: Uint8Array,
): void {
  if (value.length > len)
    throw new Error(
      `tar field at ${at} holds ${len} bytes, got ${value.length}`,
    );
  h.set(value, at);
}

function octal(h: Uint8Array, at: number, len: number, value: number): void {
  const s = value.toString(8).padStart(len - 1, "0");
  if (s.length > len - 1)
    throw new Error(`${value} does not fit a ${len}-byte octal field`);
  field(h, at, len, utf8(s));
}

/** One 512-byte ustar header with a correct checksum. */
export function tarHeader(spec: TarEntrySpec): Uint8Array {
  const type = spec.type ?? "0";
  const h = new Uint8Array(BLOCK);
  field(h, 0, 100, utf8(spec.name));
  octal(h, 100, 8, spec.mode ?? (type === "5" ? 0o755 : 0o644));
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, spec.size ?? spec.data?.length ?? 0);
  octal(h, 136, 12, 0);
  h[156] = type.charCodeAt(0);
  field(h, 157, 100, utf8(spec.linkname ?? ""));
  field(h, 257, 8, utf8("ustar\u000000"));
  field(h, 265, 32, utf8("root"));
  field(h, 297, 32, utf8("root"));
  if (spec.prefix) field(h, 345, 155, utf8(spec.prefix));
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const v of h) sum += v;
  const s = sum.toString(8).padStart(6, "0");
  field(h, 148, 6, utf8(s));
  h[154] = 0;
  h[155] = 0x20;
  return h;
}

/** One pax record, `"<len> key=value\n"`, where len counts the whole record. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = utf8(body).length;
  let len = bodyLength + 1;
  while (String(len).length + bodyLength !== len)
    len = String(len).length + bodyLength;
  return `${len}${body}`;
}

const pad = (n: number): Uint8Array =>
  new Uint8Array((BLOCK - (n % BLOCK)) % BLOCK);

function member(spec: TarEntrySpec): Uint8Array[] {
  const data = spec.data ?? new Uint8Array();
  return [tarHeader(spec), data, pad(data.length)];
}

/** The blocks of one entry, preceded by its pax or GNU long-name records. */
export function tarEntry(spec: TarEntrySpec): Uint8Array[] {
  const parts: Uint8Array[] = [];
  if (spec.pax) {
    const records = utf8(
      Object.entries(spec.pax)
        .map(([k, v]) => paxRecord(k, v))
        .join(""),
    );
    parts.push(
      ...member({ name: "PaxHeader/entry", type: "x", data: records }),
    );
  }
  if (spec.longName !== undefined) {
    parts.push(
      ...member({
        name: "././@LongLink",
        type: "L",
        data: utf8(`${spec.longName}\0`),
      }),
    );
  }
  parts.push(...member(spec));
  return parts;
}

/** A tar archive of the given entries, ended by two zero blocks unless `end` is false. */
export function buildTar(
  entries: readonly TarEntrySpec[],
  opts: { end?: boolean } = {},
): Uint8Array {
  const parts = entries.flatMap(tarEntry);
  if (opts.end !== false) parts.push(new Uint8Array(BLOCK * 2));
  return concatBytes(parts);
}

/** gzip with mtime 0, so the bytes are reproducible. */
export const gzip = (bytes: Uint8Array): Uint8Array =>
  gzipSync(bytes, { level: 6, mtime: 0 });

export const buildTarGz = (entries: readonly TarEntrySpec[]): Uint8Array =>
  gzip(buildTar(entries));

/** A tar.gz of plain files, each inside `top/` when given. */
export function tarGzFiles(
  files: Iterable<[string, Uint8Array]>,
  opts: { top?: string } = {},
): Uint8Array {
  const entries: TarEntrySpec[] = [];
  if (opts.top) entries.push({ name: `${opts.top}/`, type: "5" });
  for (const [path, data] of files)
    entries.push({ name: opts.top ? `${opts.top}/${path}` : path, data });
  return buildTarGz(entries);
}
