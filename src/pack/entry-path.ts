import { fail, isBidiControl, showName } from "./archive-error";
import type { Limits } from "./limits";

/**
 * Characters no file name may hold (security.md, path row): `\` and `:` change what a path means on
 * Windows, `%` is refused so that nothing downstream is tempted to URL-decode a name (`%2e%2e`), and
 * `*?"<>|` cannot be written on Windows. Every other printable character is legal: real charts ship
 * `templates/{values}/…`, and names with spaces and `@`.
 */
const RESERVED = /[\\:%*?"<>|]/u;
/** Control (C0, DEL, C1), format (zero-width, BOM, bidi…), surrogate and line/paragraph separators. */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
/** Leading or trailing white space in a segment: invisible, and Windows drops trailing spaces. */
const EDGE_SPACE = /^\s|\s$/u;
const encoder = new TextEncoder();

/**
 * Check one raw entry name from an archive or folder and return it normalised to forward
 * slashes without a trailing slash. Nothing is decoded or resolved: `charts/../x` is refused
 * as written, and `%2e%2e` is refused for its `%`. Throws an ArchiveFailure whose message says
 * `unsafe path` and names the entry. Links, duplicates and collisions are the readers' checks.
 */
export function checkEntryPath(
  raw: string,
  limits: Limits,
  isDir = false,
): string {
  const unsafe = (why: string): never =>
    fail("unsafe-path", `unsafe path ${showName(raw)}: ${why}`, raw);
  if (raw.length === 0) unsafe("the name is empty");
  for (const ch of raw) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0) unsafe("it contains a NUL byte");
    if (c < 0x20 || (c >= 0x7f && c < 0xa0))
      unsafe("it contains a control character");
    if (isBidiControl(c))
      unsafe("it contains a bidirectional override character");
    if (NOT_PRINTABLE.test(ch))
      unsafe(
        `it contains the invisible character U+${c.toString(16).toUpperCase().padStart(4, "0")}`,
      );
  }
  if (raw.includes("\\")) unsafe("backslashes are not allowed");
  if (raw.startsWith("/")) unsafe("absolute paths are not allowed");
  if (/^[A-Za-z]:/.test(raw)) unsafe("drive letters are not allowed");
  if (raw.includes(":")) unsafe("colons are not allowed");
  if (raw.includes("%"))
    unsafe("`%` is not allowed (names are never URL-decoded)");
  const reserved = RESERVED.exec(raw);
  if (reserved) unsafe(`\`${reserved[0]}\` is not allowed in names`);
  let name = raw;
  if (isDir && name.endsWith("/")) name = name.slice(0, -1);
  // A leading "./" is how `tar czf x.tgz ./dir` writes names; it carries no meaning.
  while (name.startsWith("./")) name = name.slice(2);
  if (name === "" || name === ".") return "";
  if (name.normalize("NFC") !== name)
    unsafe("the name is not in Unicode NFC form");
  if (encoder.encode(name).length > limits.maxPathBytes)
    unsafe(`longer than ${limits.maxPathBytes} bytes`);
  const segments = name.split("/");
  if (segments.length > limits.maxPathDepth)
    unsafe(`deeper than ${limits.maxPathDepth} folders`);
  for (const seg of segments) {
    if (seg === "") unsafe("empty path segment");
    if (seg === "." || seg === "..")
      unsafe("`.` and `..` segments are not allowed");
    if (encoder.encode(seg).length > limits.maxSegmentBytes) {
      unsafe(`a segment is longer than ${limits.maxSegmentBytes} bytes`);
    }
    if (EDGE_SPACE.test(seg))
      unsafe("a name may not begin or end with a space");
  }
  return name;
}
