import { fail, isBidiControl, showName } from "./archive-error";
import type { Limits } from "./limits";

const SEGMENT_CHARS = /^[A-Za-z0-9._-]+$/;
const encoder = new TextEncoder();

/**
 * Check one raw entry name from an archive or folder and return it normalised to forward
 * slashes without a trailing slash. Nothing is decoded or resolved: `charts/../x` is refused
 * as written, `%2e%2e` stays literal and fails the allow-list. Throws an ArchiveFailure.
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
    if (c < 0x20 || c === 0x7f) unsafe("it contains a control character");
    if (isBidiControl(c))
      unsafe("it contains a bidirectional override character");
  }
  if (raw.includes("\\")) unsafe("backslashes are not allowed");
  if (raw.startsWith("/")) unsafe("absolute paths are not allowed");
  if (/^[A-Za-z]:/.test(raw)) unsafe("drive letters are not allowed");
  if (raw.includes(":")) unsafe("colons are not allowed");
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
    if (!SEGMENT_CHARS.test(seg))
      unsafe("only letters, digits, `.`, `_` and `-` are allowed in names");
  }
  return name;
}
