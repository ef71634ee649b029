import { err, ok, type Result } from "./result";

/** One value a chart's `values.schema.json` describes, flattened for a table. */
export interface ValuesSchemaRow {
  /**
   * Dotted value path: `auth.postgresPassword`; `[]` stands for the items of an array
   * (`llmAgents[].name`), `*` for any key of a map (`nodeSelector.*`).
   */
  path: string;
  /** From `type` (`["integer", "null"]`), else implied by `properties`/`items`; empty means any. */
  types: string[];
  title?: string;
  description?: string;
  /** The default as JSON text (`"dev-token"`, `true`, `[]`), shortened when long. */
  default?: string;
  /** Named in its parent's `required` (or draft-3 `required: true`). */
  required: boolean;
  /** Each allowed value as JSON text. */
  enum?: string[];
  /** The checks the schema adds, in words: `≥ 1`, `length ≤ 40`, `pattern ^[a-z]+$`, `no other keys`. */
  constraints: string[];
  /** The `$ref` this row came through (resolved), or points at (when `refUnresolved` says why not). */
  ref?: string;
  /** Why `ref` was not followed: beyond one level, outside the document, or not found. */
  refUnresolved?: string;
  /** Keywords the table has no column for (`oneOf`, `if`/`then`, `patternProperties`, `x-…`), as JSON. */
  raw?: string;
}

/** A values schema as a table. */
export interface ValuesSchemaTable {
  title?: string;
  description?: string;
  rows: ValuesSchemaRow[];
  /** More rows (or deeper nesting) than the table shows; the file itself has the rest. */
  truncated: boolean;
}

export interface ValuesSchemaError {
  kind: "not-a-schema";
  message: string;
}

export interface ValuesSchemaOptions {
  /** How many `$ref`s are followed along one path (default 1: a reference inside a referenced definition is shown, not followed). */
  refLevels?: number;
  /** At most this many rows (default 2,000). */
  maxRows?: number;
  /** At most this deep (default 32 levels of nesting). */
  maxDepth?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** Keywords with a column or a place in `constraints`; everything else is shown raw. */
const KNOWN = new Set([
  "$schema",
  "$id",
  "id",
  "$comment",
  "$ref",
  "title",
  "description",
  "type",
  "default",
  "enum",
  "const",
  "examples",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "definitions",
  "$defs",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "readOnly",
  "writeOnly",
  "deprecated",
]);

const MAX_TEXT = 200;
const MAX_RAW = 2000;

const shorten = (s: string, max = MAX_TEXT): string =>
  s.length > max ? `${s.slice(0, max)}…` : s;

function json(v: unknown, max = MAX_TEXT): string {
  try {
    return shorten(JSON.stringify(v) ?? String(v), max);
  } catch {
    return String(v);
  }
}

/**
 * Flatten a parsed `values.schema.json` into rows of value path, type, default, description,
 * required and enum, like the pack's schema.yaml table: nested `properties` become dotted paths,
 * array `items` `[]`, map `additionalProperties` `*`. A `$ref` to a place in the same document
 * (`#/definitions/x`) is followed one level (`refLevels`); a reference inside that definition is
 * named, not followed, so cycles and blow-ups cannot happen (a document that is itself one `$ref`
 * starts at its target, which uses no level). Keywords without a column are kept
 * as raw JSON on their row. Anything that is not a JSON object at the top is refused. Never throws.
 */
export function valuesSchemaRows(
  schema: unknown,
  opts: ValuesSchemaOptions = {},
): Result<ValuesSchemaTable, ValuesSchemaError> {
  if (!isObj(schema))
    return err({
      kind: "not-a-schema",
      message: `values.schema.json is ${schema === null ? "null" : Array.isArray(schema) ? "an array" : `a ${typeof schema}`}, not a JSON Schema object`,
    });
  const walker = new Walker(schema, {
    refLevels: opts.refLevels ?? 1,
    maxRows: opts.maxRows ?? 2000,
    maxDepth: opts.maxDepth ?? 32,
  });
  // A document that is one reference (`{"$ref": "#/definitions/Core", "definitions": …}`, as
  // schema generators write) starts there; that indirection uses none of the levels.
  const root = walker.resolve(schema, 0);
  walker.children(root.node, "", 0, 0);
  const table: ValuesSchemaTable = {
    rows: walker.rows,
    truncated: walker.truncated,
  };
  const title = text(root.node.title);
  const description = text(root.node.description);
  if (title !== undefined) table.title = title;
  if (description !== undefined) table.description = description;
  return ok(table);
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;

interface Resolved {
  node: Obj;
  /** `$ref`s followed so far on this path. */
  levels: number;
  ref?: string;
  refUnresolved?: string;
}

class Walker {
  rows: ValuesSchemaRow[] = [];
  truncated = false;

  constructor(
    private readonly doc: Obj,
    private readonly limits: Required<ValuesSchemaOptions>,
  ) {}

  /** Follow `node.$ref` when allowed; its sibling keywords apply on top of the target. */
  resolve(node: Obj, levels: number): Resolved {
    const ref = node.$ref;
    if (typeof ref !== "string") return { node, levels };
    const siblings: Obj = {};
    for (const [k, v] of Object.entries(node))
      if (k !== "$ref")
        Object.defineProperty(siblings, k, { value: v, enumerable: true });
    if (!ref.startsWith("#"))
      return {
        node: siblings,
        levels,
        ref,
        refUnresolved: "outside this document",
      };
    if (levels >= this.limits.refLevels)
      return {
        node: siblings,
        levels,
        ref,
        refUnresolved: "a reference inside a referenced definition",
      };
    const target = pointer(this.doc, ref);
    if (!isObj(target))
      return { node: siblings, levels, ref, refUnresolved: "not found" };
    return { node: { ...target, ...siblings }, levels: levels + 1, ref };
  }

  /** The rows below `node`: its properties, its items, its map values. */
  children(node: Obj, path: string, levels: number, depth: number): void {
    if (depth >= this.limits.maxDepth) {
      this.truncated = true;
      return;
    }
    const required = new Set(
      Array.isArray(node.required)
        ? node.required.filter((k): k is string => typeof k === "string")
        : [],
    );
    if (isObj(node.properties))
      for (const key of Object.keys(node.properties))
        this.visit(
          node.properties[key],
          join(path, key),
          required.has(key),
          levels,
          depth + 1,
          true,
        );
    if (isObj(node.items) || typeof node.items === "boolean")
      this.visit(node.items, `${path}[]`, false, levels, depth + 1, false);
    if (isObj(node.additionalProperties))
      this.visit(
        node.additionalProperties,
        join(path, "*"),
        false,
        levels,
        depth + 1,
        false,
      );
  }

  /** One schema at `path`: its row (a property always has one), then what is below it. */
  private visit(
    value: unknown,
    path: string,
    required: boolean,
    levels: number,
    depth: number,
    isProperty: boolean,
  ): void {
    if (this.rows.length >= this.limits.maxRows) {
      this.truncated = true;
      return;
    }
    if (!isObj(value)) {
      // Boolean schemas: `true` allows anything, `false` nothing.
      if (isProperty || value === false)
        this.rows.push({
          path,
          types: [],
          required,
          constraints: value === false ? ["no value allowed"] : [],
          ...(typeof value === "boolean" ? {} : { raw: json(value, MAX_RAW) }),
        });
      return;
    }
    const r = this.resolve(value, levels);
    const row = rowOf(r, path, required);
    const nested =
      r.refUnresolved === undefined &&
      (isObj(r.node.properties) ||
        isObj(r.node.items) ||
        isObj(r.node.additionalProperties));
    // A container row says something only when it has more than its type; its children say the rest.
    const informative =
      row.description !== undefined ||
      row.title !== undefined ||
      row.default !== undefined ||
      row.enum !== undefined ||
      row.raw !== undefined ||
      row.ref !== undefined ||
      row.constraints.length > 0;
    if (isProperty || !nested || informative) this.rows.push(row);
    if (nested) this.children(r.node, path, r.levels, depth);
  }
}

const join = (path: string, key: string): string =>
  path === "" ? key : `${path}.${key}`;

/** A JSON pointer (`#/definitions/a~1b`) into the document; undefined when it leads nowhere. */
function pointer(doc: Obj, ref: string): unknown {
  if (ref === "#") return doc;
  if (!ref.startsWith("#/")) return undefined;
  let v: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (!v || typeof v !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Obj)[key];
  }
  return v;
}

function typesOf(node: Obj): string[] {
  const t = node.type;
  if (typeof t === "string") return [t];
  if (Array.isArray(t))
    return t.filter((x): x is string => typeof x === "string");
  if (isObj(node.properties) || isObj(node.additionalProperties))
    return ["object"];
  if (node.items !== undefined) return ["array"];
  return [];
}

function rowOf(r: Resolved, path: string, required: boolean): ValuesSchemaRow {
  const n = r.node;
  const row: ValuesSchemaRow = {
    path,
    types: typesOf(n),
    required: required || n.required === true,
    constraints: constraintsOf(n),
  };
  const title = text(n.title);
  const description = text(n.description);
  if (title !== undefined) row.title = title;
  if (description !== undefined) row.description = description;
  if (n.default !== undefined) row.default = json(n.default);
  if (Array.isArray(n.enum)) row.enum = n.enum.map((v) => json(v));
  if (r.ref !== undefined) row.ref = r.ref;
  if (r.refUnresolved !== undefined) row.refUnresolved = r.refUnresolved;
  const unknown: Obj = {};
  for (const [k, v] of Object.entries(n))
    if (!KNOWN.has(k) || !knownShape(k, v))
      Object.defineProperty(unknown, k, { value: v, enumerable: true });
  if (Object.keys(unknown).length > 0) row.raw = json(unknown, MAX_RAW);
  return row;
}

/** A known keyword in a shape the table cannot show (e.g. tuple `items`) counts as unknown. */
function knownShape(key: string, v: unknown): boolean {
  switch (key) {
    case "items":
      return isObj(v) || typeof v === "boolean";
    case "properties":
    case "definitions":
    case "$defs":
      return isObj(v);
    case "required":
      return Array.isArray(v) || typeof v === "boolean";
    case "additionalProperties":
      return isObj(v) || typeof v === "boolean";
    default:
      return true;
  }
}

const NUMERIC: [string, string][] = [
  ["minimum", "≥"],
  ["maximum", "≤"],
  ["multipleOf", "multiple of"],
  ["minLength", "length ≥"],
  ["maxLength", "length ≤"],
  ["minItems", "items ≥"],
  ["maxItems", "items ≤"],
  ["minProperties", "keys ≥"],
  ["maxProperties", "keys ≤"],
];

function constraintsOf(n: Obj): string[] {
  const out: string[] = [];
  for (const [k, label] of NUMERIC)
    if (typeof n[k] === "number") out.push(`${label} ${n[k]}`);
  // Draft 6+: a number; draft 4: a flag that makes minimum/maximum exclusive.
  for (const [k, label, bound] of [
    ["exclusiveMinimum", ">", "minimum"],
    ["exclusiveMaximum", "<", "maximum"],
  ] as const) {
    const v = n[k];
    if (typeof v === "number") out.push(`${label} ${v}`);
    else if (v === true && typeof n[bound] === "number")
      out.push(`${label} ${n[bound]} (exclusive)`);
  }
  if (typeof n.pattern === "string")
    out.push(`pattern ${shorten(n.pattern, 120)}`);
  if (typeof n.format === "string") out.push(`format ${shorten(n.format, 60)}`);
  if (n.uniqueItems === true) out.push("unique items");
  if (n.const !== undefined) out.push(`always ${json(n.const)}`);
  if (n.additionalProperties === false) out.push("no other keys");
  if (n.readOnly === true) out.push("read-only");
  if (n.writeOnly === true) out.push("write-only");
  if (n.deprecated === true) out.push("deprecated");
  if (Array.isArray(n.examples) && n.examples.length > 0)
    out.push(
      `e.g. ${n.examples
        .slice(0, 3)
        .map((e) => json(e, 60))
        .join(", ")}`,
    );
  return out;
}
