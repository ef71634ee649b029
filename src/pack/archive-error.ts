/**
 * Why an archive (or a folder of files) was refused. Every kind names the entry when one is
 * to blame, so the message can say what is wrong and where.
 */
export type ArchiveErrorKind =
  | "empty-file"
  | "not-an-archive"
  | "truncated"
  | "trailing-data"
  | "encrypted"
  | "unsupported-compression"
  | "unsafe-path"
  | "duplicate-entry"
  | "case-collision"
  | "unicode-collision"
  | "path-clash"
  | "link-not-allowed"
  | "special-file"
  | "too-many-entries"
  | "too-large"
  | "ratio-exceeded"
  | "size-mismatch"
  | "crc-mismatch"
  | "overlapping-entries"
  | "too-deep"
  | "no-pack-json"
  /** The file system refused a read (a path too long, no permission, removed meanwhile). */
  | "unreadable";

export interface ArchiveError {
  kind: ArchiveErrorKind;
  /** The raw entry name as stored in the archive, when one entry is at fault. */
  entry?: string;
  message: string;
}

/** Quote an untrusted name for a message: control and bidi characters made visible, length capped. */
export function showName(name: string): string {
  const visible = Array.from(name, (ch) => {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || isBidiControl(c)) {
      return `\\u{${c.toString(16)}}`;
    }
    return ch;
  }).join("");
  const capped =
    visible.length > 120
      ? `${visible.slice(0, 60)}…${visible.slice(-40)} (${name.length} characters)`
      : visible;
  return `\`${capped}\``;
}

export function isBidiControl(c: number): boolean {
  return (
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x61c
  );
}

export class ArchiveFailure extends Error {
  constructor(readonly detail: ArchiveError) {
    super(detail.message);
    this.name = "ArchiveFailure";
  }
}

/** Throw inside a reader; the public entry points convert it into a Result. */
export function fail(
  kind: ArchiveErrorKind,
  message: string,
  entry?: string,
): never {
  throw new ArchiveFailure(
    entry === undefined ? { kind, message } : { kind, message, entry },
  );
}
