/** One `${type[:arg]}` token of a schema.yaml format (pack-format §B.7). */
export interface FormatToken {
  type: string;
  arg?: string;
}

/** A parsed schema.yaml template, the shape of Palette's V1PackSchema. */
export interface SchemaTemplate {
  required: boolean;
  readonly: boolean;
  format?: string;
  tokens: FormatToken[];
  hints: string[];
}

export const FORMAT_TYPES = [
  "string",
  "number",
  "boolean",
  "password",
  "list",
  "ipv4",
  "version",
  "input",
] as const;
const DOCUMENTED = new Set<string>(FORMAT_TYPES.filter((t) => t !== "input"));

/** Parse `{{ required | format "${number}" | hints "…" }}`. Returns a message on failure. */
export function parseSchemaTemplate(
  template: string,
):
  | { ok: true; value: SchemaTemplate; warnings: string[] }
  | { ok: false; message: string } {
  const m = /^\s*\{\{(.*)\}\}\s*$/s.exec(template);
  if (!m)
    return { ok: false, message: "the template must be wrapped in {{ … }}" };
  const stages = splitPipes(m[1] ?? "");
  if (stages === null)
    return { ok: false, message: "unterminated quoted string" };
  const out: SchemaTemplate = {
    required: false,
    readonly: false,
    tokens: [],
    hints: [],
  };
  const warnings: string[] = [];
  for (const stage of stages) {
    const words = splitWords(stage);
    if (words === null)
      return { ok: false, message: "unterminated quoted string" };
    const [fn, ...args] = words;
    if (fn === undefined)
      return { ok: false, message: "an empty stage between pipes" };
    switch (fn.text) {
      case "required":
      case "readonly":
        if (args.length)
          return { ok: false, message: `\`${fn.text}\` takes no arguments` };
        out[fn.text] = true;
        break;
      case "format": {
        if (args.length !== 1 || !args[0]!.quoted)
          return {
            ok: false,
            message: "`format` takes one quoted format string",
          };
        out.format = args[0]!.text;
        const tokens = [
          ...out.format.matchAll(/\$\{([a-z0-9]+)(?::([^}]*))?\}/gi),
        ];
        if (tokens.length === 0)
          return {
            ok: false,
            message: `format ${JSON.stringify(out.format)} has no \${type} token`,
          };
        for (const t of tokens) {
          const token: FormatToken = { type: t[1]! };
          if (t[2] !== undefined) token.arg = t[2];
          if (!DOCUMENTED.has(token.type))
            warnings.push(`format type \`${token.type}\` is not documented`);
          if (token.type === "list" && !/^\[[^\]]*\]$/.test(token.arg ?? ""))
            return {
              ok: false,
              message: "`${list:[A,B]}` needs a bracketed list of options",
            };
          out.tokens.push(token);
        }
        break;
      }
      case "hints":
        if (args.length === 0 || args.some((a) => !a.quoted))
          return {
            ok: false,
            message: "`hints` takes one or more quoted strings",
          };
        out.hints.push(...args.map((a) => a.text));
        break;
      default:
        return {
          ok: false,
          message: `unknown function \`${fn.text}\` (expected required, readonly, format or hints)`,
        };
    }
  }
  return { ok: true, value: out, warnings };
}

function splitPipes(s: string): string[] | null {
  const stages: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && quoted) {
      cur += c + (s[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "|" && !quoted) {
      stages.push(cur);
      cur = "";
    } else cur += c;
  }
  if (quoted) return null;
  stages.push(cur);
  return stages;
}

function splitWords(s: string): { text: string; quoted: boolean }[] | null {
  const words: { text: string; quoted: boolean }[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(s))) {
    at = re.lastIndex;
    if (m[1] !== undefined)
      words.push({ text: m[1].replace(/\\(.)/g, "$1"), quoted: true });
    else if (m[2] !== undefined) words.push({ text: m[2], quoted: false });
  }
  if (s.slice(at).trim() !== "") return null;
  return words;
}
