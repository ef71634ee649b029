import {
  isMap,
  isScalar,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  Parser,
  visit,
  type Document,
  type YAMLError,
} from "yaml";
import type { Finding } from "./finding";
import {
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
  MAX_YAML_DOCUMENTS,
  MAX_YAML_PARSE_BYTES,
} from "./limits";
import { utf8Size } from "./bytes";
import { mib } from "./pack-files";
import {
  fastParse,
  lineFinder,
  type NodeFinder,
  type YamlNode,
} from "./yaml-fast";

export type { YamlNode } from "./yaml-fast";

export interface ParsedYaml {
  /** One entry per YAML document, as plain data (objects with ordinary prototypes, `__proto__` kept as data). */
  values: unknown[];
  /** Problems found; errors mean `values` must not be trusted. */
  findings: Finding[];
  /** The node at `path` in document `doc`, or undefined (see {@link YamlNode}). */
  node(doc: number, path: readonly (string | number)[]): YamlNode | undefined;
  /** 1-based line of an offset in the text. */
  line(offset: number): number;
  /**
   * Which parser read the text: js-yaml's events where both agree by construction, else the `yaml`
   * package (yaml-fast.ts); "none" when a limit refused the text before any parser ran.
   */
  parser: "js-yaml" | "yaml" | "none";
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Decode UTF-8 text; null when the bytes are not UTF-8 (a binary file). */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Parse YAML with the limits of security.md: ≤5 MiB (`maxBytes`; plain manifests pass
 * `MAX_MANIFEST_PARSE_BYTES`), ≤1,000 documents, ≤100 aliases (billion laughs), nesting ≤100.
 * Never throws; every problem becomes a finding with a line. Above `maxBytes` the text is not
 * parsed and the one finding is the error `YAML_TOO_LARGE` naming the limit.
 */
export function parseYamlLimited(
  text: string,
  file: string,
  opts: {
    multi?: boolean;
    code?: string;
    maxBytes?: number;
    /** Tests: parse with the `yaml` package even where the fast path would do. */
    parser?: "yaml";
  } = {},
): ParsedYaml {
  const code = opts.code ?? "YAML_SYNTAX";
  const maxBytes = opts.maxBytes ?? MAX_YAML_PARSE_BYTES;
  const lineCounter = new LineCounter();
  let finders: NodeFinder[] = [];
  const out: ParsedYaml = {
    values: [],
    findings: [],
    node: (doc, path) => finders[doc]?.(path),
    line: (offset) => lineCounter.linePos(offset).line,
    parser: "none",
  };
  const bad = (message: string, line?: number, c = code): ParsedYaml => {
    out.findings.push({
      code: c,
      severity: "error",
      file,
      ...(line ? { line } : {}),
      message,
    });
    out.values = [];
    return out;
  };
  const size = utf8Size(text);
  if (size > maxBytes) {
    return bad(
      `${file} is ${mib(size)}: too large to parse (the limit is ${mib(maxBytes)})`,
      undefined,
      "YAML_TOO_LARGE",
    );
  }
  // Cheap, linear checks before the parser builds anything: flow nesting depth, then the number
  // of documents from the CST tokens (stopping at the limit).
  if (flowDepthOver(text, MAX_YAML_DEPTH))
    return bad(
      `${file} nests deeper than ${MAX_YAML_DEPTH} levels`,
      undefined,
      "YAML_TOO_DEEP",
    );
  const fast =
    opts.parser === "yaml"
      ? null
      : fastParse(text, {
          multi: opts.multi ?? false,
          maxDocuments: MAX_YAML_DOCUMENTS,
          maxDepth: MAX_YAML_DEPTH,
        });
  if (fast) {
    out.parser = "js-yaml";
    if (fast.values.some((v) => depthOver(v, MAX_YAML_DEPTH)))
      return bad(
        `${file} nests deeper than ${MAX_YAML_DEPTH} levels`,
        undefined,
        "YAML_TOO_DEEP",
      );
    out.values = fast.values;
    finders = fast.docs;
    out.line = lineFinder(text);
    return out;
  }
  out.parser = "yaml";
  if (opts.multi) {
    let n = 0;
    for (const token of new Parser().parse(text)) {
      if (token.type === "document" && ++n > MAX_YAML_DOCUMENTS)
        return bad(
          `${file} has more than ${MAX_YAML_DOCUMENTS} YAML documents`,
          undefined,
          "YAML_TOO_MANY_DOCUMENTS",
        );
    }
  }
  let docs: Document.Parsed[];
  try {
    // Duplicate keys are found below in one pass; the yaml package's own check is quadratic.
    const options = {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false,
      strict: true,
    } as const;
    docs = opts.multi
      ? (parseAllDocuments(text, options) as Document.Parsed[])
      : [parseDocument(text, options)];
  } catch (e) {
    if (e instanceof RangeError)
      return bad(
        `${file} is nested too deeply to parse`,
        undefined,
        "YAML_TOO_DEEP",
      );
    return bad(
      `${file} could not be parsed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!Array.isArray(docs)) return bad(`${file} could not be parsed`);
  if (docs.length > MAX_YAML_DOCUMENTS) {
    return bad(
      `${file} has ${docs.length} YAML documents; the limit is ${MAX_YAML_DOCUMENTS}`,
      undefined,
      "YAML_TOO_MANY_DOCUMENTS",
    );
  }
  finders = docs.map((doc): NodeFinder => (path) => {
    if (path.length > 0 && !doc.hasIn(path)) return undefined;
    const node: unknown = doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const keyStart =
      path.length > 0
        ? keyOffset(doc.getIn(path.slice(0, -1), true), path[path.length - 1]!)
        : undefined;
    return {
      ...(range ? { start: range[0] } : {}),
      ...(keyStart !== undefined ? { keyStart } : {}),
      ...(isScalar(node) && typeof node.source === "string"
        ? { scalar: { value: node.value, source: node.source } }
        : {}),
    };
  });
  for (const doc of docs) {
    // One message per problem: once the parser has lost its footing, what follows in the same
    // document is mostly the same mistake seen again (a bad indent gave 14 errors, one broken line
    // 52). The first error keeps its line and says how many followed; the editor's own language
    // service still marks every one of them. A later `---` document reports its own first error.
    const [first, ...rest] = doc.errors;
    if (first) {
      const line = errorLine(text, first, lineCounter);
      const more =
        rest.length === 0
          ? ""
          : ` (the parser reported ${rest.length} more ${rest.length === 1 ? "error" : "errors"} after it in this document, most likely caused by this one)`;
      out.findings.push({
        code,
        severity: "error",
        file,
        ...(line ? { line } : {}),
        message: `${file}: ${firstLine(first.message)}${more}`,
      });
    }
    for (const w of doc.warnings) {
      const line = w.pos ? lineCounter.linePos(w.pos[0]).line : undefined;
      out.findings.push({
        code: "YAML_WARNING",
        severity: "warning",
        file,
        ...(line ? { line } : {}),
        message: `${file}: ${firstLine(w.message)}`,
      });
    }
  }
  // In a document that does not parse, keys seen twice are usually the parser's misreading.
  for (const doc of docs)
    if (doc.errors.length === 0)
      out.findings.push(...duplicateKeys(doc, file, code, lineCounter));
  if (out.findings.some((f) => f.severity === "error")) {
    out.values = [];
    return out;
  }
  try {
    out.values = docs.map((d) => d.toJS({ maxAliasCount: MAX_YAML_ALIASES }));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/alias/i.test(msg))
      return bad(
        `${file}: YAML uses too many aliases (a "billion laughs" document?)`,
        undefined,
        "YAML_TOO_MANY_ALIASES",
      );
    if (e instanceof RangeError)
      return bad(
        `${file} is nested too deeply to parse`,
        undefined,
        "YAML_TOO_DEEP",
      );
    return bad(`${file} could not be read: ${firstLine(msg)}`);
  }
  for (const v of out.values) {
    if (depthOver(v, MAX_YAML_DEPTH))
      return bad(
        `${file} nests deeper than ${MAX_YAML_DEPTH} levels`,
        undefined,
        "YAML_TOO_DEEP",
      );
  }
  return out;
}

const firstLine = (s: string): string => s.split("\n")[0] ?? s;

const UNCLOSED_FLOW = /^Flow (?:map|sequence)\b.*end with an? ([}\]])/;

/**
 * 1-based line of a parser error, moved to where the author looks. An unclosed quote is reported
 * where the parser gave up (a later blank line, or the end of the file): use the line of its
 * opening quote. An unclosed flow map or sequence is reported at the first line that does not fit
 * it: use the line of its opening bracket. Both look back at most 64 KiB.
 */
function errorLine(
  text: string,
  e: YAMLError,
  lc: LineCounter,
): number | undefined {
  if (!e.pos) return undefined;
  let at = e.pos[0];
  const flow = UNCLOSED_FLOW.exec(e.message);
  const quote = /^Missing closing (["'])quote/.exec(e.message)?.[1];
  if (e.code === "MISSING_CHAR" && quote) {
    // An unclosed scalar holds no lone quote of its kind, so the nearest one back is its opening
    // (`''` is an escaped quote inside single quotes).
    for (let i = at - 1; i >= Math.max(0, at - 65536); i--) {
      if (text[i] !== quote) continue;
      if (quote === "'" && text[i - 1] === "'") {
        i--;
        continue;
      }
      at = i;
      break;
    }
  } else if (flow) {
    const close = flow[1]!;
    const open = close === "}" ? "{" : "[";
    let depth = 0;
    for (let i = at - 1; i >= Math.max(0, at - 65536); i--) {
      if (text[i] === close) depth++;
      else if (text[i] === open && depth-- === 0) {
        at = i;
        break;
      }
    }
  }
  return lc.linePos(at).line;
}

/** Deepest `[`/`{` nesting outside quotes and comments exceeds `max`? One pass, no parsing. */
function flowDepthOver(text: string, max: number): boolean {
  // No flow collection at all (most YAML): nothing to count. The scan below reads every character
  // (2 MiB of `---` lines: 7 ms), where indexOf finds none in well under one.
  if (!text.includes("[") && !text.includes("{")) return false;
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
    } else if (
      (c === '"' || c === "'") &&
      (i === 0 || /[\s[{,:]/.test(text[i - 1]!))
    )
      quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > max) return true;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return false;
}

/** Keys set twice in one mapping: an error (Helm refuses them too), each with its line. */
function duplicateKeys(
  doc: Document.Parsed,
  file: string,
  code: string,
  lc: LineCounter,
): Finding[] {
  const found: Finding[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : null;
        if (k === null) continue;
        if (seen.has(k)) {
          const line =
            isScalar(pair.key) && pair.key.range
              ? lc.linePos(pair.key.range[0]).line
              : undefined;
          found.push({
            code,
            severity: "error",
            file,
            ...(line ? { line } : {}),
            message: `${file}: the key \`${k}\` appears twice in one mapping`,
          });
        }
        seen.add(k);
      }
    },
  });
  return found;
}

function depthOver(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) return true;
    if (v && typeof v === "object")
      for (const c of Object.values(v)) stack.push([c, d + 1]);
  }
  return false;
}

/** Where the key of `seg` is written in `parent`, when `parent` is a mapping holding it. */
function keyOffset(parent: unknown, seg: string | number): number | undefined {
  if (!isMap(parent)) return undefined;
  // As the package's own lookup (`getIn`) matches a key: by its scalar value.
  const pair = parent.items.find((p) =>
    isScalar(p.key) ? p.key.value === seg : p.key === seg,
  );
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/**
 * 1-based line of a path in a parsed document, or undefined. A finding about a mapping entry (a
 * chart's values block, a schema path, a preset's field) is read at its key: `at: "key"` (the
 * default) gives the line of the key, where a block mapping's value starts on a later line,
 * often after comments. A finding about a value itself (a bad namespace, a template's text)
 * passes `"value"`: the line where the value starts (a block scalar's `|` header). A sequence
 * item and the root have no key: their start either way. A path that does not exist gives its
 * deepest part that does, at that part's key: what is missing belongs under it.
 */
export function lineOfPath(
  parsed: ParsedYaml,
  docIndex: number,
  path: readonly (string | number)[],
  at: "key" | "value" = "key",
): number | undefined {
  for (let i = path.length; i >= 0; i--) {
    const node = parsed.node(docIndex, path.slice(0, i));
    if (!node) continue;
    const offset =
      at === "value" && i === path.length
        ? node.start
        : (node.keyStart ?? node.start);
    if (offset !== undefined) return parsed.line(offset);
  }
  return undefined;
}

/** Read a dotted values path (`charts.app.replicaCount`); `$[]` segments match any array element. */
export function hasPath(root: unknown, dotted: string): boolean {
  const parts = splitPath(dotted);
  let level: unknown[] = [root];
  for (const p of parts) {
    const next: unknown[] = [];
    for (const v of level) {
      if (p === "$[]") {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
        continue;
      }
      if (
        v &&
        typeof v === "object" &&
        Object.prototype.hasOwnProperty.call(v, p)
      )
        next.push((v as Record<string, unknown>)[p]);
    }
    if (next.length === 0 && !(p === "$[]" && level.some(Array.isArray)))
      return false;
    level = next;
  }
  return true;
}

/** Split a dotted path; a `$[]` suffix on a segment is its own segment (`a.b.$[]` and `a.b$[]`). */
export function splitPath(dotted: string): string[] {
  return dotted
    .split(".")
    .flatMap((s) =>
      s.endsWith("$[]") && s !== "$[]" ? [s.slice(0, -3), "$[]"] : [s],
    )
    .filter((s) => s !== "");
}
