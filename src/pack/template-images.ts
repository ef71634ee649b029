/** An image written as it is in a chart's template: `image: busybox:1.36` in a container. */
export interface TemplateImage {
  /** The template, relative to the chart's root: `templates/job.yaml`, `charts/redis-ha/templates/x.yaml`. */
  path: string;
  /** 1-based line of `image:`. */
  line: number;
  ref: string;
  /**
   * Inside a block of the template (`{{ if }}`, `{{ with }}`, `{{ range }}`): pulled only when the
   * block renders, which depends on the values.
   */
  inBlock: boolean;
}

/** `image:` as a key, alone or as the first key of a list item; groups: indentation, dash, value. */
export const IMAGE_LINE =
  /^([ \t]*)(-[ \t]+)?["']?image["']?[ \t]*:[ \t]*(.*)$/;

/** The keys whose items are containers (a Pod spec's, and so a Deployment's, Job's, CronJob's…). */
const CONTAINERS =
  /^[ \t]*(?:-[ \t]+)?["']?(?:containers|initContainers|ephemeralContainers)["']?[ \t]*:[ \t]*(?:#.*)?$/;

/** A chart's template, its own or a bundled subchart folder's (not `_helpers.tpl`, not NOTES.txt). */
const TEMPLATE = /^(?:charts\/[^/]+\/)*templates\/.+\.ya?ml$/i;

/**
 * Each line of `text` (split at `\n`, without a final `\r`) that holds `needle`, with its 1-based
 * number and offset, in order. Only those lines are cut out: splitting a 2.5 MB manifest into its
 * lines to test each cost most of the image scan (tens of ms, and as many strings).
 */
export function* linesWith(
  text: string,
  needle: string,
): Generator<{ line: string; number: number; start: number }> {
  let number = 1;
  let counted = 0;
  for (let at = text.indexOf(needle); at !== -1;) {
    const start = text.lastIndexOf("\n", at) + 1;
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    for (
      let i = text.indexOf("\n", counted);
      i !== -1 && i < start;
      i = text.indexOf("\n", i + 1)
    )
      number++;
    counted = start;
    // A CRLF file's lines end in `\r`, which `.` in a pattern does not match.
    const cr = end > start && text.charCodeAt(end - 1) === 13;
    yield { line: text.slice(start, cr ? end - 1 : end), number, start };
    at = nl === -1 ? -1 : text.indexOf(needle, end);
  }
}

/** The plain or quoted scalar after `image:`, without a trailing comment; null for a block or nothing. */
export function scalarOfLine(raw: string): string | null {
  const s = raw.trim();
  if (s === "") return null;
  if (s.startsWith('"') || s.startsWith("'")) {
    const end = s.indexOf(s[0]!, 1);
    return end > 1 ? s.slice(1, end).trim() || null : null;
  }
  if (/^[|>&*!{[]/.test(s) && !s.startsWith("{{")) return null;
  const v = s.replace(/\s+#.*$/, "").trim();
  return v === "" ? null : v;
}

const indentOf = (line: string): number => /^[ \t]*/.exec(line)![0].length;

/** Blank, a comment, or nothing but template actions (`{{- if .Values.x }}`): no YAML structure. */
const structureless = (line: string): boolean => {
  const t = line.trim();
  return t === "" || t.startsWith("#") || /^(?:\{\{.*?\}\}\s*)+$/.test(t);
};

interface Line {
  text: string;
  /** Offset of its first character. */
  from: number;
  indent: number;
}

/** The lines above offset `start` of `text`, nearest first, without those that have no YAML structure. */
function* linesAbove(text: string, start: number): Generator<Line> {
  for (let end = start - 1; end > 0;) {
    const from = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(from, end).replace(/\r$/, "");
    end = from - 1;
    if (!structureless(line))
      yield { text: line, from, indent: indentOf(line) };
  }
}

const DASH = /^[ \t]*-[ \t]+/;

/** The list item whose key `image:` at `column` is (`- name: x` above `  image: y`), or null. */
function itemOf(text: string, start: number, column: number): Line | null {
  for (const l of linesAbove(text, start)) {
    if (l.indent >= column) continue;
    const dash = DASH.exec(l.text);
    return dash && dash[0].length === column ? l : null;
  }
  return null;
}

/** The key that holds the list item `item` (indented as the item or less: both styles), or null. */
function ownerOf(text: string, item: Line): Line | null {
  for (const l of linesAbove(text, item.from)) {
    if (l.indent > item.indent) continue;
    if (l.indent === item.indent && DASH.test(l.text)) continue; // an earlier item
    return l;
  }
  return null;
}

/** Template actions that open a block, and `end`. */
const BLOCK_ACTION = /\{\{-?\s*(if|with|range|define|block|end)\b/g;

/**
 * Offsets where the depth of blocks (`if`, `with`, `range`, and `define`/`block`, whose body renders
 * only where it is used) changes, and the depth after each.
 */
function blockDepths(text: string): { at: number; depth: number }[] {
  const out: { at: number; depth: number }[] = [];
  let depth = 0;
  for (const m of text.matchAll(BLOCK_ACTION)) {
    depth = m[1] === "end" ? Math.max(0, depth - 1) : depth + 1;
    out.push({ at: m.index, depth });
  }
  return out;
}

/** The block depth at offset `at`. */
function depthAt(
  depths: readonly { at: number; depth: number }[],
  at: number,
): number {
  let d = 0;
  for (const x of depths) {
    if (x.at >= at) break;
    d = x.depth;
  }
  return d;
}

/**
 * The images a chart's template names literally, in container specs: `image:` with a value that
 * holds no template action, under an item of `containers`, `initContainers` or
 * `ephemeralContainers`. An `image:` elsewhere (a ConfigMap's list of component names, a CRD's
 * field) is not a container's. Templated values (`{{ .Values.image.repository }}:…`) are left to
 * the values scan. `path` is relative to the chart's root; `text` is asked for a template's text
 * only (not `_helpers.tpl` nor NOTES.txt). Never throws.
 */
export function templateImagesIn(
  path: string,
  textOf: () => string | null,
): TemplateImage[] {
  if (!TEMPLATE.test(path)) return [];
  const text = textOf();
  if (text === null || !text.includes("image")) return [];
  const out: TemplateImage[] = [];
  let depths: { at: number; depth: number }[] | undefined;
  for (const { line, number, start } of linesWith(text, "image")) {
    const m = IMAGE_LINE.exec(line);
    if (!m) continue;
    const ref = scalarOfLine(m[3] ?? "");
    if (ref === null || ref.includes("{{")) continue;
    // `- image: x` is itself the item; `image: x` is a key of the item above it.
    const item: Line | null = m[2]
      ? { text: line, from: start, indent: m[1]!.length }
      : itemOf(text, start, m[1]!.length);
    const owner = item && ownerOf(text, item);
    if (owner && CONTAINERS.test(owner.text)) {
      depths ??= blockDepths(text);
      out.push({
        path,
        line: number,
        ref,
        inBlock: depthAt(depths, start) > 0,
      });
    }
  }
  return out;
}
