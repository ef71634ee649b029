import type { Finding } from "./finding";
import type { PackFiles } from "./pack-files";
import { decodeText } from "./yaml-text";

/**
 * Credentials and leftovers that should never ship in a pack (issue 8 item 3).
 *
 * Invariants:
 * - A message names the kind of credential and where it is, never any part of the value: a
 *   finding is shown in the browser, printed by the CLI and returned by the API.
 * - Linear time: one regex pass over each text file with literal-led alternatives and bounded
 *   quantifiers, plus one line pass for files that mention `Secret` or look like a kubeconfig.
 *   Every look-ahead after a match is bounded and never revisits text another match consumed.
 * - Documentation is not a credential: a PEM block counts only with a real base64 body and its
 *   END line (real values.yaml files carry `-----BEGIN … KEY-----\n  ...\n`), tokens must have
 *   their exact shape, and obvious placeholders (`EXAMPLE`, `xxxx`, `<your key>`) are skipped.
 */

/** Options of {@link secretFindings}. */
export interface SecretScanOptions {
  /** Put before each path in `Finding.file`, e.g. `charts/x.tgz/` for a chart archive's files. */
  prefix?: string;
}

/**
 * Scan every file of a pack (or of a chart archive) for credentials and editor leftovers.
 *
 * Codes: `SECRET_PRIVATE_KEY`, `SECRET_CLOUD_KEY`, `SECRET_TOKEN`, `SECRET_URL_CREDENTIAL`,
 * `SECRET_PASSWORD`, `SECRET_KUBECONFIG`, `SECRET_MANIFEST_DATA` (warnings, with file and
 * 1-based line) and
 * `FILE_STRAY` (info, file only). Binary files (not UTF-8) are checked for their name only. Each
 * file is judged on its own (callers cache the result per file), so a file inside a
 * version-control folder gets no leftover finding here: {@link strayFolderFindings}, given every
 * path at once, names the folder. Never throws.
 */
export function secretFindings(
  files: PackFiles,
  opts: SecretScanOptions = {},
): Finding[] {
  const prefix = opts.prefix ?? "";
  const out: Finding[] = [];
  for (const [path, bytes] of files) {
    const file = prefix + path;
    const stray = strayFolder(path) ? null : strayKind(path, file);
    if (stray)
      out.push({
        code: "FILE_STRAY",
        severity: "info",
        file,
        message: `\`${baseName(path)}\` is ${stray}; it should not ship in the pack: delete it before packaging`,
      });
    const text = decodeText(bytes);
    if (text === null) continue;
    out.push(...scanText(text, file, isManifestPath(path)));
  }
  return out;
}

const baseName = (path: string): string =>
  path.slice(path.lastIndexOf("/") + 1);

/**
 * Folders that never belong in a pack, by name (compared in lower case), with what they are:
 * version-control metadata and the resource forks macOS's Archive Utility puts into a zip.
 */
const STRAY_FOLDERS: ReadonlyMap<string, string> = new Map([
  [".git", "a Git repository"],
  [".svn", "a Subversion working copy's metadata"],
  [".hg", "a Mercurial repository"],
  ["__macosx", "the macOS metadata Finder adds to a zip"],
]);

/** The outermost stray folder `path` lies in (`a/.git`), or null. */
function strayFolder(path: string): string | null {
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++)
    if (STRAY_FOLDERS.has(parts[i]!.toLowerCase()))
      return parts.slice(0, i + 1).join("/");
  return null;
}

/**
 * One `FILE_STRAY` (info) per version-control folder (`.git/`, `.svn/`, `.hg/`) or `__MACOSX/`
 * among `paths` (every path of a pack, or of a chart archive), naming the folder and how many
 * files it holds, rather than one finding per file: a `.git/` is hundreds of files, one
 * mistake. `prefix` is put before each folder, as {@link SecretScanOptions.prefix}. Never throws.
 */
export function strayFolderFindings(
  paths: Iterable<string>,
  opts: SecretScanOptions = {},
): Finding[] {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const folder = strayFolder(path);
    if (folder) counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return [...counts].map(([folder, n]) => ({
    code: "FILE_STRAY",
    severity: "info",
    file: `${opts.prefix ?? ""}${folder}/`,
    message: `\`${baseName(folder)}/\` (${n} ${n === 1 ? "file" : "files"}) is ${STRAY_FOLDERS.get(baseName(folder).toLowerCase()) ?? "a leftover folder"}; it should not ship in the pack: delete it before packaging`,
  }));
}

/** An archive that may itself be a pack: `.zip`, `.tar.gz`, `.tgz`. */
const ARCHIVE = /\.(?:zip|tar\.gz|tgz)$/;

/**
 * What an editor, backup or patch leftover is, by its file name (`file` is its pack-wide path);
 * null for an ordinary file.
 */
function strayKind(path: string, file: string): string | null {
  const name = baseName(path);
  const lower = name.toLowerCase();
  // Chart archives (and a chart's own subcharts) live under charts/; an Ansible role's files/
  // holds what the role copies to the machine, an installer archive as well as a script.
  if (
    ARCHIVE.test(lower) &&
    !file.startsWith("charts/") &&
    !/(?:^|\/)files\//.test(file)
  )
    return "an archive outside charts/, perhaps of a pack (an earlier `packsmith pack` output)";
  if (lower === ".ds_store") return "macOS Finder metadata (.DS_Store)";
  if (lower === "thumbs.db") return "a Windows thumbnail cache (Thumbs.db)";
  if (name.length > 2 && name.startsWith("#") && name.endsWith("#"))
    return "an Emacs auto-save file (#…#)";
  if (name.endsWith("~")) return "an editor backup copy (…~)";
  const ext = lower.slice(lower.lastIndexOf(".") + 1);
  if (!lower.includes(".") || lower.lastIndexOf(".") === 0) return null;
  switch (ext) {
    case "orig":
      return "a copy left by a merge or patch tool (.orig)";
    case "rej":
      return "the rejected hunks of a failed patch (.rej)";
    case "bak":
      return "a backup copy (.bak)";
    case "swp":
    case "swo":
      return `a Vim swap file (.${ext})`;
    default:
      return null;
  }
}

/** Files whose `kind: Secret` documents are checked: YAML anywhere, and everything in manifests/. */
const isManifestPath = (path: string): boolean =>
  /\.ya?ml$/i.test(path) || path.startsWith("manifests/");

/** The longest stretch read after a BEGIN line or a base64 run; a 16384-bit RSA key is ~13 KB. */
const MAX_LOOKAHEAD = 256 * 1024;
/** A real key body is at least this long (an ed25519 PKCS#8 key is 64 base64 characters). */
const MIN_KEY_BODY = 48;

/** Tokens known by their shape: AWS key ids, GitHub, Slack and GitLab tokens (no groups). */
const TOKENS = [
  /A[KS]IA[A-Z0-9]{16}/.source,
  /gh[pousr]_[A-Za-z0-9]{36}/.source,
  /github_pat_[A-Za-z0-9_]{22,255}/.source,
  /xox[abpr]-[0-9]{1,20}(?:-[0-9]{1,20}){0,3}-[A-Za-z0-9]{8,64}/.source,
  /glpat-[A-Za-z0-9_-]{20,64}/.source,
];
/** One of {@link TOKENS}, as the whole of a string (a URL's user or password). */
const WHOLE_TOKEN = new RegExp(`^(?:${TOKENS.join("|")})$`);

/**
 * Every pattern starts with a literal, so the engine only works where the literal occurs, and
 * every quantifier is bounded. Word boundaries and placeholders are checked in code.
 */
const TRIGGER = new RegExp(
  [
    /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/
      .source,
    ...TOKENS,
    /AccountKey=([A-Za-z0-9+/]{40,128}={0,2})/.source,
    /(?:[Ss]ecret_?[Aa]ccess_?[Kk]ey|SECRET_ACCESS_KEY)["']?[ \t]{0,8}[:=][ \t]{0,8}["']?([A-Za-z0-9/+]{40})/
      .source,
    // base64 of "-----BEGIN": a PEM block inside a Secret's data or a kubeconfig's *-data field.
    /LS0tLS1CRUdJTi/.source,
    // A URL's user-info (`https://user:password@host`): RFC 3986's user-info characters but `'`,
    // up to the `@`. No white space, `{`, `<` or `/`: a templated user or password
    // (`{{ .Values.password }}`, `${PASSWORD}`, `<password>`) does not match at all.
    /:\/\/([-A-Za-z0-9._~%!$&()*+,;=:]{1,256})@/.source,
    // A password given as `key=value`: a URL's query (`?password=…`), a connection string
    // (`Password=…;`), a command-line flag (`--password=…`), an environment line
    // (`DB_PASSWORD=…`), an optional quote before the value. Templated (`{{`), quoted-empty and
    // `<placeholder>` values do not match; the rest is judged by {@link isLiteralPassword}.
    // Led by the `=` (rarer than a `p`), the key read behind it: a third faster on chart text.
    /=(?<=([Pp]ass(?:word|wd)?|PASS(?:WORD|WD)?|[Pp]wd|PWD)=)["']?([^\s&;,"'`<>{}()\\]{1,256})/
      .source,
  ].join("|"),
  "g",
);

const WORD = /[A-Za-z0-9_]/;
const B64_CHAR = /[A-Za-z0-9+/=]/;

/** `[A-Za-z0-9+/=]` by char code, for the per-character loops. */
function isB64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 61
  );
}
/** Values written in documentation instead of a credential. */
const PLACEHOLDER =
  /example|xxxx|placeholder|redacted|changeme|dummy|your|<[^>]*>|\.\.\.|\*\*\*\*/i;

/** How many different characters a string uses: real keys use many, placeholders few. */
function distinct(s: string): number {
  return new Set(s).size;
}

interface Located {
  line: number;
  /** Index where that line starts. */
  lineStart: number;
}

/**
 * Turns indexes into line numbers, moving forward only; the next newline is remembered, so a
 * whole file costs one pass even when it has no newline at all.
 */
class LineIndex {
  private line = 1;
  private lineStart = 0;
  private nextNl: number;
  constructor(private readonly text: string) {
    this.nextNl = text.indexOf("\n");
  }
  at(index: number): Located {
    while (this.nextNl >= 0 && this.nextNl < index) {
      this.line++;
      this.lineStart = this.nextNl + 1;
      this.nextNl = this.text.indexOf("\n", this.lineStart);
    }
    return { line: this.line, lineStart: this.lineStart };
  }
}

function scanText(text: string, file: string, manifest: boolean): Finding[] {
  const byLine = new Map<number, Finding>();
  const found = (line: number, code: string, message: string): void => {
    if (!byLine.has(line))
      byLine.set(line, { code, severity: "warning", file, line, message });
  };
  const docs: Finding[] = [];
  const checkSecrets = manifest && /^kind:[ \t]*["']?Secret\b/m.test(text);
  const kubeconfig =
    text.includes("users:") &&
    text.includes("clusters:") &&
    (text.includes("contexts:") || text.includes("current-context"));
  // The line pass runs first, so a kubeconfig's client-key-data is named as such rather than as
  // the base64 PEM it also is.
  if (checkSecrets || kubeconfig)
    linePass(text, file, checkSecrets, kubeconfig, found, docs);
  regexPass(text, found);
  return [...docs, ...byLine.values()];
}

type Found = (line: number, code: string, message: string) => void;

function regexPass(text: string, found: Found): void {
  const lines = new LineIndex(text);
  const re = new RegExp(TRIGGER.source, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const hit = m[0];
    const before = start > 0 ? text.charAt(start - 1) : "";
    const after = text.charAt(start + hit.length);
    const { line, lineStart } = lines.at(start);
    if (hit.startsWith("-----BEGIN")) {
      const kind = m[1] ?? "PRIVATE KEY";
      const body = readPemBody(text, re.lastIndex);
      if (!body.real) continue;
      re.lastIndex = body.end;
      const lead = text.slice(Math.max(lineStart, start - 48), start);
      if (/"private_key"\s*:\s*"$/.test(lead))
        found(
          line,
          "SECRET_CLOUD_KEY",
          "a Google Cloud service-account key (`private_key` of a service-account JSON) is written in this file: anyone with the pack can act as that account; revoke it and keep it out of the pack",
        );
      else
        found(
          line,
          "SECRET_PRIVATE_KEY",
          `a PEM private key (${describePem(kind)}) is written in this file: anyone with the pack holds it; remove it and supply it at install time (a Secret created outside the pack)`,
        );
    } else if (hit.startsWith("LS0tLS1CRUdJTi")) {
      if (WORD.test(before) || before === "+" || before === "/") continue;
      const run = readBase64Run(text, start);
      re.lastIndex = run.end;
      const kind = decodedPemKind(run.value);
      if (kind)
        found(
          line,
          "SECRET_PRIVATE_KEY",
          `a base64-encoded PEM private key (${describePem(kind)}) is written in this file: anyone with the pack holds it; remove it and supply it at install time`,
        );
    } else if (hit.startsWith("AccountKey=")) {
      const key = m[2] ?? "";
      if (B64_CHAR.test(after) || PLACEHOLDER.test(key) || distinct(key) < 16)
        continue;
      found(
        line,
        "SECRET_CLOUD_KEY",
        "an Azure storage account key (`AccountKey=` of a connection string) is written in this file: it grants full access to the storage account; rotate it and keep it out of the pack",
      );
    } else if (m[5] !== undefined) {
      // `bypass=`, `mypass=`: the key only ends in "pass"; `PGPASSWORD=`, `dbPassword=`,
      // `db_password=`, `--password=`, `?pwd=` name a password.
      const key = m[5];
      const value = m[6] ?? "";
      if (
        /[a-z]/.test(text.charAt(start - key.length - 1)) &&
        /^[a-z]/.test(key)
      )
        continue;
      if (NOT_A_PASSWORD.test(value) || !isLiteralPassword(value)) continue;
      found(
        line,
        "SECRET_PASSWORD",
        `a password is written (\`${key}=…\`) in this file: anyone with the pack can use it; change it, and pass it in at install time (a Secret, or a value the user sets)`,
      );
    } else if (m[4] !== undefined) {
      const secret = urlSecret(m[4]);
      if (secret === null) continue;
      const where = ` in a ${urlScheme(text, start, lineStart)}URL`;
      const token = secret === "" ? null : tokenKind(secret, "", where);
      found(
        line,
        token?.code ?? "SECRET_URL_CREDENTIAL",
        token?.message ??
          `a password is written${where} (\`user:password@host\`) in this file: anyone with the pack can use it; change it, and pass it in at install time (a Secret, or a value the user sets)`,
      );
    } else if (m[3] !== undefined) {
      const key = m[3];
      if (B64_CHAR.test(after) || PLACEHOLDER.test(key) || distinct(key) < 16)
        continue;
      found(
        line,
        "SECRET_CLOUD_KEY",
        "an AWS secret access key is written in this file: deactivate it in IAM and keep it out of the pack",
      );
    } else {
      if (WORD.test(before) || before === "+" || before === "/") continue;
      const token = tokenKind(hit, after);
      if (!token) continue;
      found(line, token.code, token.message);
    }
  }
}

/**
 * The credential in a URL's user-info (`user:password`): a token of a known shape, as user or
 * password (named as such by {@link tokenKind}: `SECRET_TOKEN`, `SECRET_CLOUD_KEY`); '' for any
 * other literal password (`SECRET_URL_CREDENTIAL`); null when it holds none. Not credentials: a
 * user alone (`git@`), an empty password, one filled in later (`$(PASSWORD)`, `$PASS`, printf's
 * `%s`; `{{ … }}`, `${…}` and `<…>` never reach here), a placeholder (`xxxx`, `your-…`, an
 * environment variable's name such as `DB_PASS`), a value naming itself (`mypassword`,
 * `ci-postgres-pass`) or a well-known default (`test`, `admin`), one of fewer than three
 * different characters, and one equal to its user (`guest:guest`, `postgres:postgres`: a
 * product's default, no secret to revoke). Runs once per `://…@`, so it allocates little.
 */
function urlSecret(userInfo: string): string | null {
  const colon = userInfo.indexOf(":");
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  if (WHOLE_TOKEN.test(user) && tokenKind(user, "")) return user;
  if (colon < 0) return null;
  const password = userInfo.slice(colon + 1);
  if (WHOLE_TOKEN.test(password) && tokenKind(password, "")) return password;
  return password !== user && isLiteralPassword(password) ? "" : null;
}

/**
 * Whether `password` is one written out rather than one standing for it: not empty, not filled in
 * later (`$(PASSWORD)`, `$PASS`, printf's `%s`), not a placeholder (`xxxx`, `your-…`, an
 * environment variable's name such as `DB_PASS`), not a value naming itself (`mypassword`,
 * `ci-postgres-pass`) or a well-known default (`test`, `admin`), and of three different
 * characters at least.
 */
function isLiteralPassword(password: string): boolean {
  return !(
    password === "" ||
    /\$[A-Za-z_(]|%(?![0-9A-Fa-f]{2})/.test(password) ||
    PLACEHOLDER.test(password) ||
    URL_PLACEHOLDER.test(password) ||
    ENV_NAME.test(password) ||
    distinct(password) < 3
  );
}

/**
 * A URL password that calls itself one stands for it: documentation and test values name what
 * they are (`password`, `mysecret`, `rootpassword`, gridlight's CI `ci-postgres-pass`); and the
 * well-known defaults of examples and local test databases (`postgres:test@localhost`) are no
 * secret anyone could revoke.
 */
const URL_PLACEHOLDER =
  /pass|pwd|secret|token|credential|^(?:api[-_]?)?keys?$|^(?:pw|test|admin|root|guest|demo|default|changeit|foo|bar|foobar|sample)$/i;
/**
 * A `password=` value that is a setting or a path rather than a password (`--password=stdin`,
 * `use_password=true`, the shell's `PWD=/home/u`).
 */
const NOT_A_PASSWORD =
  /^(?:true|false|yes|no|on|off|none|null|nil|required|optional|stdin|prompt|env|file|random|auto|empty|disabled?|enabled?|(?:~|\.\.?)?\/.*)$/i;
/** An environment variable's name standing for the password (`PASSWORD`, `DB_PASS`). */
const ENV_NAME = /^[A-Z]+(?:_[A-Z0-9]+)*$/;

/** A URL's scheme as "`postgres://` ", read back from its `://` within the line; '' when none. */
function urlScheme(text: string, colon: number, lineStart: number): string {
  let p = colon;
  while (
    p > Math.max(lineStart, colon - 32) &&
    /[A-Za-z0-9+.-]/.test(text.charAt(p - 1))
  )
    p--;
  const scheme = text.slice(p, colon);
  return /^[A-Za-z]/.test(scheme) ? `\`${scheme}://\` ` : "";
}

/** The token `hit` is, when it is a real one; `where` says where it sits (` in a URL`). */
function tokenKind(
  hit: string,
  after: string,
  where = "",
): { code: string; message: string } | null {
  const tail = hit.replace(
    /^(?:A[KS]IA|gh[pousr]_|github_pat_|xox[abpr]-|glpat-)/,
    "",
  );
  if (PLACEHOLDER.test(hit) || distinct(tail) < 8) return null;
  const leak = (what: string): string =>
    `${what} is written${where} in this file: anyone with the pack can use it; revoke it and keep it out of the pack`;
  if (/^A[KS]IA/.test(hit)) {
    if (B64_CHAR.test(after)) return null;
    return {
      code: "SECRET_CLOUD_KEY",
      message: leak(
        hit.startsWith("AS")
          ? "an AWS temporary access key id (STS)"
          : "an AWS access key id",
      ),
    };
  }
  if (WORD.test(after)) return null;
  if (hit.startsWith("github_pat_") || hit.startsWith("gh"))
    return {
      code: "SECRET_TOKEN",
      message: leak(
        hit.startsWith("github_pat_")
          ? "a GitHub fine-grained personal access token"
          : "a GitHub token",
      ),
    };
  if (hit.startsWith("xox"))
    return { code: "SECRET_TOKEN", message: leak("a Slack token") };
  if (hit.startsWith("glpat-"))
    return {
      code: "SECRET_TOKEN",
      message: leak("a GitLab personal access token"),
    };
  return null;
}

const describePem = (kind: string): string => {
  const type = kind.replace(/ ?PRIVATE KEY( BLOCK)?$/, "");
  if (type === "") return "PKCS#8";
  if (type === "ENCRYPTED") return "encrypted PKCS#8";
  if (type === "OPENSSH") return "OpenSSH";
  if (type === "PGP") return "PGP";
  return type;
};

/** Characters that may stand before or after a line of a PEM body: indentation, quotes, comment marks. */
function isDecoration(c: number): boolean {
  // space, tab, CR, " ' # * > , ;
  return (
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 34 ||
    c === 39 ||
    c === 35 ||
    c === 42 ||
    c === 62 ||
    c === 44 ||
    c === 59
  );
}

/**
 * Read a PEM body starting right after `-----BEGIN … PRIVATE KEY-----`, character by character.
 * Lines may be real line breaks, `\n` escapes (a key inside a JSON or quoted YAML string) or
 * spaces (a key whose line breaks were lost), decorated with indentation, quotes and comment
 * marks. It is a real key when only headers (`Proc-Type: …`) and base64 lead to the END marker
 * and the base64 is long and varied enough. It stops at the first character that cannot be
 * part of a key (the `...` of documentation, or the next BEGIN), so it never reads text twice
 * and never more than MAX_LOOKAHEAD.
 */
function readPemBody(
  text: string,
  from: number,
): { real: boolean; end: number } {
  const stop = Math.min(text.length, from + MAX_LOOKAHEAD);
  let p = from;
  let body = 0;
  const chars = new Set<string>();
  let headers = true;
  while (p < stop) {
    const c = text.charCodeAt(p);
    if (isDecoration(c) || c === 10) {
      p++;
      continue;
    }
    if (c === 92 && (text[p + 1] === "n" || text[p + 1] === "r")) {
      p += 2;
      continue;
    }
    if (c === 47 && text[p + 1] === "/" && /\s/.test(text[p + 2] ?? "")) {
      p += 2; // a `// ` comment mark
      continue;
    }
    if (c === 45) {
      if (!text.startsWith("-----END", p)) break;
      return { real: body >= MIN_KEY_BODY && chars.size >= 16, end: p + 8 };
    }
    const run = p;
    while (p < stop && isB64(text.charCodeAt(p))) p++;
    if (p === run) break;
    const next = text.charCodeAt(p);
    if (headers && (next === 45 || next === 58)) {
      // `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`, `Version: …`: skip the rest of that line.
      if (!/^[A-Za-z][A-Za-z0-9-]{0,30}: /.test(text.slice(run, run + 33)))
        break;
      const lineEnd = Math.min(stop, p + 128);
      while (p < lineEnd && text.charCodeAt(p) !== 10) p++;
      if (p === lineEnd) break;
      continue;
    }
    headers = false;
    body += p - run;
    if (chars.size < 16)
      for (let i = run; i < p && chars.size < 16; i++) chars.add(text[i]!);
  }
  return { real: false, end: p };
}

/**
 * A base64 run starting at `from`, continued over following lines that hold only base64 (a
 * block scalar in YAML), bounded by MAX_LOOKAHEAD.
 */
function readBase64Run(
  text: string,
  from: number,
): { value: string; end: number } {
  const stop = Math.min(text.length, from + MAX_LOOKAHEAD);
  const parts: string[] = [];
  let p = from;
  for (;;) {
    let q = p;
    while (q < stop && isB64(text.charCodeAt(q))) q++;
    parts.push(text.slice(p, q));
    // Continue only when this run ends its line and the next line is indented base64 only.
    let r = q;
    if (text.charAt(r) === "\r") r++;
    if (r >= stop || text.charAt(r) !== "\n")
      return { value: parts.join(""), end: q };
    r++;
    while (r < stop && (text.charAt(r) === " " || text.charAt(r) === "\t")) r++;
    let s = r;
    while (s < stop && isB64(text.charCodeAt(s))) s++;
    const eol =
      s >= text.length || text.charAt(s) === "\n" || text.charAt(s) === "\r";
    if (s === r || !eol) return { value: parts.join(""), end: q };
    p = r;
  }
}

/** The PEM private-key kind inside base64 text, when it holds a real key; null otherwise. */
function decodedPemKind(b64: string): string | null {
  const clean = b64.slice(0, b64.length - (b64.length % 4));
  let decoded: string;
  try {
    decoded = atob(clean);
  } catch {
    // Two runs joined (`==` in the middle): decode up to the first padding.
    const cut = clean.indexOf("=");
    if (cut < 0) return null;
    try {
      decoded = atob(clean.slice(0, cut - (cut % 4)));
    } catch {
      return null;
    }
  }
  const m =
    /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/.exec(
      decoded,
    );
  if (!m) return null;
  return readPemBody(decoded, m.index + m[0].length).real
    ? (m[1] ?? "PRIVATE KEY")
    : null;
}

/** An unquoted value with its trailing comment removed, or a quoted one without its quotes. */
function scalarText(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    const q = v.charAt(0);
    const close = v.indexOf(q, 1);
    return close < 0 ? v.slice(1) : v.slice(1, close);
  }
  const hash = v.search(/\s#/);
  return (hash < 0 ? v : v.slice(0, hash)).trim();
}

/** A value Palette or Helm fills in later, or none at all. */
const notLiteral = (value: string): boolean =>
  value === "" || value === "~" || value === "null" || value.includes("{{");

const KUBECONFIG_KEY =
  /^(?:-[ \t]+)?(client-key-data|token|password|id-token|refresh-token|client-secret)[ \t]*:(?:[ \t]+(.*))?$/;
const ENTRY = /^([-._A-Za-z0-9]+|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]+(.*))?$/;
const TOP_KEY = /^([A-Za-z_][-\w.]*)[ \t]*:(?:[ \t]+(.*))?$/;
const BLOCK_INDICATOR = /^[|>][-+0-9]*\s*(#.*)?$/;

/** A `kind: Secret` document being read. */
interface SecretDoc {
  isSecret: boolean;
  name?: string;
  /** The first literal data entry. */
  first?: { line: number; key: string; field: string };
  /** Which top-level block the cursor is in. */
  block: "data" | "stringData" | "metadata" | null;
  childIndent: number;
  /** An entry whose value continues on deeper lines (a block scalar or multi-line plain value). */
  pending?: {
    line: number;
    key: string;
    content: boolean;
    templated: boolean;
  };
}

/**
 * One pass over the lines for the two checks that need structure: `kind: Secret` documents with
 * literal data (YAML read line by line, so Helm templates that cannot be parsed are read too)
 * and the credentials under a kubeconfig's `users:`.
 */
function linePass(
  text: string,
  file: string,
  checkSecrets: boolean,
  kubeconfig: boolean,
  found: Found,
  docs: Finding[],
): void {
  const fresh = (): SecretDoc => ({
    isSecret: false,
    block: null,
    childIndent: -1,
  });
  let doc = fresh();
  let usersIndent = -1;

  const settle = (): void => {
    const p = doc.pending;
    if (p && p.content && !p.templated && !doc.first)
      doc.first = { line: p.line, key: p.key, field: doc.block ?? "data" };
    doc.pending = undefined;
  };
  const endDoc = (): void => {
    settle();
    if (doc.isSecret && doc.first) {
      const name = doc.name ? ` \`${doc.name}\`` : "";
      docs.push({
        code: "SECRET_MANIFEST_DATA",
        severity: "warning",
        file,
        line: doc.first.line,
        message: `Secret${name} carries literal \`${doc.first.field}\` (first key \`${doc.first.key}\`): it ships in clear text to every cluster using the pack; template it from values (\`{{ .Values.… }}\`) or create the Secret outside the pack`,
      });
    }
    doc = fresh();
  };

  const kubeLine = (trimmed: string, indent: number, lineNo: number): void => {
    if (
      usersIndent >= 0 &&
      (indent < usersIndent ||
        (indent === usersIndent && !trimmed.startsWith("-")))
    )
      usersIndent = -1;
    if (
      trimmed.startsWith("users") &&
      /^users[ \t]*:[ \t]*(#.*)?$/.test(trimmed)
    )
      usersIndent = indent;
    else if (usersIndent >= 0) {
      const k = KUBECONFIG_KEY.exec(trimmed);
      if (!k) return;
      const value = scalarText(k[2] ?? "");
      if (!notLiteral(value) && !PLACEHOLDER.test(value))
        found(
          lineNo,
          "SECRET_KUBECONFIG",
          `a kubeconfig user credential (\`${k[1] ?? ""}\`) is written in this file: anyone with the pack can reach the cluster as that user; remove it and revoke it`,
        );
    }
  };

  const secretLine = (
    trimmed: string,
    indent: number,
    lineNo: number,
  ): void => {
    if (indent === 0 && /^(---|\.\.\.)([ \t]|$)/.test(trimmed)) return endDoc();
    if (trimmed.startsWith("{{")) {
      // Template control (`{{- if }}`, `{{ toYaml … }}`): inside a value it makes it templated.
      if (doc.pending) doc.pending.templated = true;
      return;
    }
    if (indent === 0) {
      settle();
      doc.block = null;
      const top = TOP_KEY.exec(trimmed);
      if (!top) return;
      const key = top[1];
      const value = scalarText(top[2] ?? "");
      if (key === "kind") doc.isSecret = value === "Secret";
      else if (key === "data" || key === "stringData") {
        doc.block = key;
        doc.childIndent = -1;
        // Flow style on one line: `data: {a: b}`.
        if (
          value.startsWith("{") &&
          value !== "{}" &&
          !value.includes("{{") &&
          !doc.first
        )
          doc.first = { line: lineNo, key: "(inline)", field: key };
      } else if (key === "metadata") {
        doc.block = "metadata";
        doc.childIndent = -1;
      }
      return;
    }
    if (!doc.block) return;
    if (doc.childIndent < 0) doc.childIndent = indent;
    if (indent > doc.childIndent) {
      if (doc.pending) {
        doc.pending.content = true;
        if (trimmed.includes("{{")) doc.pending.templated = true;
      }
      return;
    }
    if (indent < doc.childIndent) return;
    settle();
    const e = ENTRY.exec(trimmed);
    if (!e) return;
    const key = (e[1] ?? "").replace(/^["']|["']$/g, "");
    const rawValue = (e[2] ?? "").trim();
    if (doc.block === "metadata") {
      const v = scalarText(rawValue);
      if (key === "name" && !notLiteral(v) && v.length <= 253) doc.name = v;
    } else if (rawValue === "" || BLOCK_INDICATOR.test(rawValue)) {
      doc.pending = { line: lineNo, key, content: false, templated: false };
    } else if (!notLiteral(scalarText(rawValue)) && !doc.first) {
      doc.first = { line: lineNo, key, field: doc.block };
    }
  };

  let lineNo = 0;
  for (let pos = 0; pos <= text.length;) {
    const nl = text.indexOf("\n", pos);
    let end = nl < 0 ? text.length : nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    let i = pos;
    pos = nl < 0 ? text.length + 1 : nl + 1;
    lineNo++;
    const lineStart = i;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9))
      i++;
    // Blank lines and comments change nothing in either check.
    if (i === end || text.charCodeAt(i) === 35) continue;
    const indent = i - lineStart;
    const trimmed = text.slice(i, end).trimEnd();
    if (kubeconfig) kubeLine(trimmed, indent, lineNo);
    if (checkSecrets) secretLine(trimmed, indent, lineNo);
  }
  endDoc();
}
