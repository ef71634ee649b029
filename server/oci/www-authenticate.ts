/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** Lower case: `basic`, `bearer`, … */
  scheme: string;
  /** Parameter names in lower case; a Map, so a hostile `__proto__` parameter is just a key. */
  params: Map<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;
const BARE = /[^,\s]*/y;

/**
 * Parse every challenge of a `WWW-Authenticate` value, e.g.
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"`.
 * Several challenges may share one value (a fetch `Headers` joins repeated headers with `, `).
 * Unparsable text is skipped, never thrown on: the header comes from the network.
 */
export function parseWwwAuthenticate(header: string | null): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  if (!header) return out;
  let i = 0;
  let current: AuthChallenge | null = null;
  const skip = (): void => {
    while (i < header.length && /[\s,]/.test(header[i]!)) i++;
  };
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(header);
    if (m) i = re.lastIndex;
    return m;
  };
  while (i < header.length) {
    skip();
    const name = match(TOKEN);
    if (!name) {
      i++;
      continue;
    }
    const save = i;
    while (header[i] === " " || header[i] === "\t") i++;
    if (header[i] === "=" && current) {
      i++;
      while (header[i] === " " || header[i] === "\t") i++;
      const q = match(QUOTED);
      const value = q
        ? q[1]!.replace(/\\(.)/g, "$1")
        : (match(BARE)?.[0] ?? "");
      current.params.set(name[0].toLowerCase(), value);
    } else {
      i = save;
      current = { scheme: name[0].toLowerCase(), params: new Map() };
      out.push(current);
    }
  }
  return out;
}
