// The fast YAML path (docs/core.md, "Two parsers, one answer"): js-yaml's event parser builds the values ~12× faster
// than the `yaml` package composes its documents (a 0.5 MB values.yaml: 15 ms instead of 185), and
// its events carry offsets, so lines and scalar sources come from the same pass. It takes only the
// texts on which both packages agree by construction: no anchors, aliases, tags, directives or null
// keys, nothing js-yaml refuses. Everything else (every broken file among them) goes to the `yaml`
// package, whose findings and lines are the product's; test/core/yaml-fast.test.ts holds the two
// to the same values, lines and sources over every YAML file of the fixtures and their mutations.
import {
  constructFromEvents,
  CORE_SCHEMA,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
} from "js-yaml";

/**
 * A node of a parsed document: where it starts, where the key holding it is written, and a
 * scalar's resolved value and text.
 */
export interface YamlNode {
  /** Offset of its first character, as the `yaml` package's `range[0]`; absent when not known. */
  start?: number;
  /**
   * For a mapping's value, the offset of its key (the key's `range[0]` in the `yaml` package): a
   * block mapping or sequence value starts on a later line, after any comments, where its key
   * does not. Absent for a sequence item and a document's root.
   */
  keyStart?: number;
  /** A scalar's value and its source (the text before type resolution: `1.10` for the number 1.1). */
  scalar?: { value: unknown; source: string };
}

/** One document's nodes by path: keys for mappings, numbers (or digit strings) for sequence items. */
export type NodeFinder = (
  path: readonly (string | number)[],
) => YamlNode | undefined;

type Indexed = (
  | { kind: "scalar"; start: number; event: ScalarEvent }
  | { kind: "seq"; start: number; items: Indexed[] }
  | { kind: "map"; start: number; keys: Map<string, Indexed> }
) & { keyStart?: number };

interface Frame {
  node: Indexed | null;
  /** The document's root, for a document frame. */
  root?: Indexed;
  /** A mapping's key waiting for its value. */
  key?: string;
  /** Where that key starts. */
  keyStart?: number;
}

export interface FastParse {
  values: unknown[];
  docs: NodeFinder[];
}

/**
 * Parse with js-yaml's events, or null when the text is one the `yaml` package must decide: it does
 * not parse, holds an anchor, alias, tag, directive, null or long key, a bare CR, a blank line with a
 * tab, a byte order mark after the start, has no document, more than one without `multi`, or more
 * than `maxDocuments`.
 */
export function fastParse(
  text: string,
  opts: { multi: boolean; maxDocuments: number; maxDepth: number },
): FastParse | null {
  let events: Event[];
  let values: unknown[];
  // The event parser reads every document before they are counted: a text with more document
  // markers than the limit goes to the `yaml` path, which stops counting at the limit.
  if (opts.multi && markersOver(text, opts.maxDocuments)) return null;
  if (READ_APART.test(text) || text.indexOf("\uFEFF", 1) !== -1) return null;
  try {
    events = parseEvents(text, { maxDepth: opts.maxDepth });
  } catch {
    return null;
  }
  const roots = indexEvents(text, events, opts);
  if (!roots) return null;
  try {
    values = constructFromEvents(events, {
      source: text,
      schema: CORE_SCHEMA,
      maxAliases: 0,
    });
  } catch {
    return null;
  }
  if (values.length !== roots.length) return null;
  return { values, docs: roots.map((r) => finder(text, r)) };
}

/** The nodes of each document by path, or null when the events hold what the fast path leaves to `yaml`. */
function indexEvents(
  text: string,
  events: Event[],
  opts: { multi: boolean; maxDocuments: number },
): (Indexed | undefined)[] | null {
  const roots: (Indexed | undefined)[] = [];
  const stack: Frame[] = [];
  // Where the last token ended: an empty node (`key:` with nothing after it) starts there.
  let lastEnd = 0;
  const attach = (node: Indexed): boolean => {
    const top = stack[stack.length - 1];
    if (!top) return false;
    const parent = top.node;
    if (parent === null) top.root = node;
    else if (parent.kind === "seq") parent.items.push(node);
    else if (parent.kind === "map") {
      if (top.key === undefined) return false;
      if (top.keyStart !== undefined) node.keyStart = top.keyStart;
      parent.keys.set(top.key, node);
      top.key = undefined;
      top.keyStart = undefined;
    } else return false;
    return true;
  };
  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        if (e.directives.length > 0) return null;
        if (roots.length + stack.length >= (opts.multi ? opts.maxDocuments : 1))
          return null;
        stack.push({ node: null });
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (e.anchorStart !== -1 || e.tagStart !== -1) return null;
        const top = stack[stack.length - 1];
        // A collection as a mapping key.
        if (top?.node?.kind === "map" && top.key === undefined) return null;
        const node: Indexed =
          e.type === EVENT_ID.MAPPING
            ? { kind: "map", start: e.start, keys: new Map() }
            : { kind: "seq", start: e.start, items: [] };
        if (!attach(node)) return null;
        stack.push({ node });
        lastEnd = e.start;
        break;
      }
      case EVENT_ID.SCALAR: {
        if (e.anchorStart !== -1 || e.tagStart !== -1) return null;
        const top = stack[stack.length - 1];
        if (top?.node?.kind === "map" && top.key === undefined) {
          if (e.valueEnd - e.valueStart > MAX_KEY) return null;
          const key = keyString(e, text);
          if (key === null) return null;
          const keyStart = scalarStart(e, text, lastEnd, "map");
          if (keyStart === null) return null;
          top.key = key;
          top.keyStart = keyStart;
        } else {
          const start = scalarStart(e, text, lastEnd, top?.node?.kind);
          if (start === null) return null;
          if (!attach({ kind: "scalar", start, event: e })) return null;
          if (e.valueEnd === -1) lastEnd = start;
        }
        if (e.valueEnd !== -1) lastEnd = e.valueEnd;
        break;
      }
      case EVENT_ID.POP: {
        const done = stack.pop();
        if (!done) return null;
        if (done.node === null) roots.push(done.root);
        break;
      }
      default:
        // Aliases, and anything this version of js-yaml adds later.
        return null;
    }
  }
  if (stack.length !== 0 || roots.length === 0) return null;
  return roots;
}

/**
 * Texts the two packages read apart (found by comparing them): a bare CR as a line break (js-yaml
 * breaks the line, `yaml` does not), and a blank line holding a tab (an error in `yaml` inside a
 * scalar). A byte order mark after the start is checked beside this.
 */
const READ_APART = /\r(?!\n)|^[ \t]*\t[ \t]*$/m;

/** `yaml` refuses an implicit key longer than 1024 characters; js-yaml takes it. */
const MAX_KEY = 1000;

/** More than `max` lines starting `---` or `...`? Stops counting at `max + 1`. */
function markersOver(text: string, max: number): boolean {
  const marker = /^(?:---|\.\.\.)/gm;
  let n = 0;
  while (marker.exec(text)) if (++n > max) return true;
  return false;
}

/** A mapping key as the values hold it: js-yaml and `yaml` both stringify scalars, except null. */
function keyString(e: ScalarEvent, text: string): string | null {
  const source = getScalarValue(text, e);
  if (e.style !== SCALAR_STYLE.PLAIN) return source;
  const value = CORE_SCHEMA.resolveImplicitScalarTag(source).value;
  return value === null ? null : String(value);
}

/**
 * Where the `yaml` package starts a scalar: its opening quote, its block header, else its text. An
 * empty one (`key:` and nothing) starts after its indicator, the first `:` (in a mapping) or `-` (in
 * a sequence) after the last token; an empty document is left to `yaml` (null).
 */
function scalarStart(
  e: ScalarEvent,
  text: string,
  lastEnd: number,
  parent: Indexed["kind"] | undefined,
): number | null {
  if (e.valueStart === -1) {
    if (parent === undefined) return null;
    const at = indicatorAfter(text, lastEnd, parent === "map" ? ":" : "-");
    return at === -1 ? null : at + 1;
  }
  if (
    e.style === SCALAR_STYLE.SINGLE_QUOTED ||
    e.style === SCALAR_STYLE.DOUBLE_QUOTED
  )
    return e.valueStart - 1;
  if (
    e.style === SCALAR_STYLE.LITERAL_BLOCK ||
    e.style === SCALAR_STYLE.FOLDED_BLOCK
  ) {
    // The content starts on a later line; its header (`|`, `>-`) is the first `|` or `>` after the
    // last token outside comments (found by a review: walking back from the content stopped in a
    // comment after the header, `add: | # …`, so the two packages disagreed on where it starts).
    const at = indicatorAfter(text, lastEnd, "|>", e.valueStart);
    return at === -1 ? null : at;
  }
  return e.valueStart;
}

/**
 * The first of `chars` at or after `from` and before `to` outside comments; -1 when there is none.
 */
function indicatorAfter(
  text: string,
  from: number,
  chars: string,
  to = text.length,
): number {
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (chars.includes(c)) return i;
    if (c === "#" && (i === 0 || /[ \t\r\n]/.test(text[i - 1]!))) {
      const nl = text.indexOf("\n", i);
      if (nl === -1) return -1;
      i = nl;
    }
  }
  return -1;
}

function finder(text: string, root: Indexed | undefined): NodeFinder {
  return (path) => {
    let node = root;
    for (const seg of path) {
      if (!node) return undefined;
      if (node.kind === "map") node = node.keys.get(String(seg));
      else if (node.kind === "seq") {
        const i =
          typeof seg === "number" ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
        node = i >= 0 ? node.items[i] : undefined;
      } else return undefined;
    }
    if (!node) return undefined;
    const at = {
      start: node.start,
      ...(node.keyStart !== undefined ? { keyStart: node.keyStart } : {}),
    };
    if (node.kind !== "scalar") return at;
    const source = getScalarValue(text, node.event);
    const value =
      node.event.style === SCALAR_STYLE.PLAIN
        ? CORE_SCHEMA.resolveImplicitScalarTag(source).value
        : source;
    return { ...at, scalar: { value, source } };
  };
}

/** 1-based line of an offset, as the `yaml` package's LineCounter gives it; the line breaks found once. */
export function lineFinder(text: string): (offset: number) => number {
  let breaks: number[] | null = null;
  return (offset) => {
    if (!breaks) {
      breaks = [];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1))
        breaks.push(i);
    }
    // Lines before `offset`: the breaks at offsets below it.
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
