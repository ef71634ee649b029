/**
 * A strict JSON parser (RFC 8259) that also records the line of every value and key by JSON
 * pointer-like dotted path, so findings about pack.json can name a line. Objects are built with a
 * null prototype: a `__proto__` key is ordinary data. Duplicate keys are reported, not hidden.
 */
export interface LocatedJson {
  value: unknown;
  /** Dotted path (`constraints.dependencies.0.type`) → 1-based line of the value ('' is the root). */
  lines: Map<string, number>;
  duplicates: { path: string; line: number }[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

const MAX_DEPTH = 256;

export function parseJsonLocated(text: string): LocatedJson {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const lines = new Map<string, number>();
  const duplicates: { path: string; line: number }[] = [];
  const error = (msg: string): never => {
    throw new JsonSyntaxError(
      `${msg} at line ${line}, column ${i - lineStart + 1}`,
      line,
      i - lineStart + 1,
    );
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        i++;
        lineStart = i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else return;
    }
  };
  const describe = (): string =>
    i >= text.length
      ? "unexpected end of file"
      : `unexpected ${JSON.stringify(text[i])}`;
  const str = (): string => {
    i++;
    let out = "";
    let start = i;
    for (;;) {
      if (i >= text.length) error("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) error("control character in string (escape it)");
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (
          e === "u" &&
          /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))
        ) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else error("invalid escape in string");
        start = i;
        continue;
      }
      i++;
    }
    out += text.slice(start, i);
    i++;
    return out;
  };
  const value = (path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) error("nesting too deep");
    ws();
    lines.set(path, line);
    const c = text[i];
    const child = (k: string): string => (path === "" ? k : `${path}.${k}`);
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = Object.create(null) as Record<
        string,
        unknown
      >;
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"')
          error(`expected a quoted property name, ${describe()}`);
        const keyLine = line;
        const key = str();
        if (Object.prototype.hasOwnProperty.call(obj, key))
          duplicates.push({ path: child(key), line: keyLine });
        ws();
        if (text[i] !== ":")
          error(`expected ':' after property name, ${describe()}`);
        i++;
        obj[key] = value(child(key), depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") error("trailing comma before }");
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        error(`expected ',' or '}', ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(child(String(arr.length)), depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") error("trailing comma before ]");
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        error(`expected ',' or ']', ${describe()}`);
      }
    }
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      text.slice(i, i + 400),
    );
    if (m && m[0] !== "-") {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return error(describe());
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const v = value("", 0);
  ws();
  if (i < text.length) error(`unexpected content after the JSON value`);
  return { value: v, lines, duplicates };
}
