import type { Finding } from "@/pack/finding";
import { parseYamlLimited } from "@/pack/yaml-text";

/**
 * The most text the quick check parses (a few milliseconds); an edit whose region is larger waits
 * for the full check.
 */
export const QUICK_REGION_CHARS = 128 * 1024;

/** What the quick check of an edit to values.yaml found. */
export interface QuickSyntax {
  /**
   * The lines parsed (1-based, inclusive), or null when nothing was: the edit's region is too
   * large, or the text is not one plain document (`---`, `...`, directives).
   */
  lines: { from: number; to: number } | null;
  /**
   * The syntax errors of values.yaml in those lines, worded as the full check words them
   * (`VALUES_SYNTAX`, `values.yaml: …`) and numbered as lines of the whole file.
   */
  findings: Finding[];
}

const NOT_PARSED: QuickSyntax = { lines: null, findings: [] };

/** A document marker or a directive at the start of a line: more than one plain document. */
const DOCUMENT_MARKER = /^(?:(?:---|\.\.\.)(?:[ \t\r]|$)|%)/m;

/**
 * Does the line at `at` start an entry of the top-level mapping: a key at column 0? Comments,
 * indented lines, sequence entries, complex keys and flow closers do not.
 */
function startsTopEntry(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined || " \t\r\n#-?:]},".includes(c)) return false;
  const nl = text.indexOf("\n", at);
  return /:(?:[ \t\r]|$)/.test(text.slice(at, nl < 0 ? undefined : nl));
}

/**
 * Blank lines and comments at column 0 from `at`, then a top-level key or the end: text that
 * stands on its own (a comment typed on a new last line needs none of the entry above it).
 */
function commentsThenTopEntry(text: string, at: number): boolean {
  for (let i = at; i < text.length;) {
    const nl = text.indexOf("\n", i);
    const line = text.slice(i, nl < 0 ? undefined : nl);
    if (line.trim() !== "" && !line.startsWith("#"))
      return startsTopEntry(text, i);
    if (nl < 0) break;
    i = nl + 1;
  }
  return true;
}

/**
 * The length of the common start and, after it, of the common end of two texts. By halving, with
 * the engine's own string comparison: a loop over 1 MB of characters took 10 to 300 ms on the
 * page's thread, once per keystroke.
 */
function common(prev: string, text: string): [start: number, end: number] {
  const max = Math.min(prev.length, text.length);
  // Invariant: the first `lo` characters are the same, and not the first `hi + 1`.
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prev.slice(lo, mid) === text.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  const p = lo;
  lo = 0;
  hi = max - p;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (
      prev.slice(prev.length - mid, prev.length - lo) ===
      text.slice(text.length - mid, text.length - lo)
    )
      lo = mid;
    else hi = mid - 1;
  }
  return [p, lo];
}

/** An edit of a text: [from, to) of the old text replaced by `insert`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

/**
 * The one edit that turns `prev` into `text` (what a keystroke changed), so a text the worker
 * already holds travels as the few characters that changed instead of a 1 MB copy per key.
 */
export function textEdit(prev: string, text: string): TextEdit {
  const [p, s] = common(prev, text);
  return {
    from: p,
    to: prev.length - s,
    insert: text.slice(p, text.length - s),
  };
}

/** `prev` with `edit` applied; null when the edit does not fit it. */
export function applyTextEdit(prev: string, edit: TextEdit): string | null {
  if (!(0 <= edit.from && edit.from <= edit.to && edit.to <= prev.length))
    return null;
  return prev.slice(0, edit.from) + edit.insert + prev.slice(edit.to);
}

function lineNumberAt(text: string, at: number): number {
  let line = 1;
  for (
    let i = text.indexOf("\n");
    i >= 0 && i < at;
    i = text.indexOf("\n", i + 1)
  )
    line++;
  return line;
}

/**
 * The syntax errors an edit to values.yaml brought, in milliseconds however large the file: only
 * the top-level entries the edit touched are parsed (from the key at column 0 at or before the
 * change to the next one after it), by the core's own parser, so an error is worded and placed
 * as the full check will word and place it. A quick first answer, not a verdict: it does not see
 * what spans entries (duplicate top-level keys, aliases of anchors elsewhere, which it leaves
 * out), and the full check of the whole pack follows it. `prev` is the text last checked (null:
 * the whole text is the region). Never throws.
 */
export function quickValuesSyntax(
  prev: string | null,
  text: string,
): QuickSyntax {
  if (prev === null) return quickSyntaxOfChange(text, 0, text.length);
  const [p, s] = common(prev, text);
  return quickSyntaxOfChange(text, p, text.length - s);
}

/**
 * quickValuesSyntax when the change is known: `edit` (a textEdit) turned the last text checked
 * into `text`. The worker has the edit in hand, so it does not compare the two texts again.
 */
export const quickValuesSyntaxOfEdit = (
  text: string,
  edit: TextEdit,
): QuickSyntax =>
  quickSyntaxOfChange(text, edit.from, edit.from + edit.insert.length);

/** The quick check of `text` whose characters [from, to) changed. */
function quickSyntaxOfChange(
  text: string,
  from: number,
  to: number,
): QuickSyntax {
  if (DOCUMENT_MARKER.test(text)) return NOT_PARSED;
  let start = text.lastIndexOf("\n", from - 1) + 1;
  if (!startsTopEntry(text, start) && !commentsThenTopEntry(text, start))
    while (start > 0 && !startsTopEntry(text, start))
      start = text.lastIndexOf("\n", start - 2) + 1;
  // A change that ends with a line break ends on the line before `to`.
  const last = to > from && text[to - 1] === "\n" ? to - 1 : to;
  let end = text.indexOf("\n", Math.max(last, start));
  while (end >= 0 && !startsTopEntry(text, end + 1))
    end = text.indexOf("\n", end + 1);
  end = end < 0 ? text.length : end + 1;
  if (end - start > QUICK_REGION_CHARS) return NOT_PARSED;
  const region = text.slice(start, end);
  const first = lineNumberAt(text, start);
  const parsed = parseYamlLimited(region, "values.yaml", {
    code: "VALUES_SYNTAX",
  });
  const findings = parsed.findings
    // Without a line: a verdict on the region as a whole (an alias of an anchor outside it).
    .filter((f) => f.severity === "error" && f.line !== undefined)
    .map((f) => ({ ...f, line: f.line! + first - 1 }));
  const lines = region.split("\n").length - (region.endsWith("\n") ? 1 : 0);
  return {
    lines: { from: first, to: first + Math.max(lines, 1) - 1 },
    findings,
  };
}
