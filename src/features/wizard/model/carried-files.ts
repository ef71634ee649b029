import type { WizardValues } from "@/features/wizard/model/draft-schema";

/** A file the builder carries as it was imported: it has no editor for it. */
export type CarriedFile = WizardValues["extras"]["files"][number];

/**
 * What the Content step lists of the carried files, one row each: a file, or a folder with every
 * carried file under it (an unpacked chart folder, a `.git/` is hundreds of files, removed as one).
 */
export interface CarriedGroup {
  /** The file's path, or the folder's with its trailing `/`. */
  key: string;
  folder: boolean;
  /** The carried files it stands for, in the draft's order. */
  paths: string[];
}

/** Folders whose files are each their own row: a chart archive or a manifest is one thing. */
const LIST_FOLDERS = new Set(["charts", "manifests"]);

/**
 * The row a carried path is listed under: a file at the root or directly in charts/ or
 * manifests/ is its own row; anything deeper is under its top folder (`docs/`, `.git/`) or, in
 * charts/ and manifests/, under the folder in them (`charts/nginx/`, an unpacked chart).
 */
export function carriedGroupKey(path: string): string {
  const parts = path.split("/");
  const depth = LIST_FOLDERS.has(parts[0]!) ? 2 : 1;
  return parts.length > depth ? `${parts.slice(0, depth).join("/")}/` : path;
}

/** The carried files as the Content step lists them, in the order they first appear. */
export function groupCarried(files: readonly CarriedFile[]): CarriedGroup[] {
  const groups = new Map<string, CarriedGroup>();
  for (const { path } of files) {
    const key = carriedGroupKey(path);
    const g = groups.get(key);
    if (g) g.paths.push(path);
    else groups.set(key, { key, folder: key.endsWith("/"), paths: [path] });
  }
  return [...groups.values()];
}

/** Each carried path's row, and the rows, made once per list (findings ask for each file). */
const lookups = new WeakMap<
  readonly CarriedFile[],
  { rowOf: Map<string, string>; rows: Set<string> }
>();

function lookup(files: readonly CarriedFile[]) {
  let l = lookups.get(files);
  if (!l) {
    const rowOf = new Map(files.map((f) => [f.path, carriedGroupKey(f.path)]));
    l = { rowOf, rows: new Set(rowOf.values()) };
    lookups.set(files, l);
  }
  return l;
}

/**
 * The carried row a finding's file belongs to, or null: the file itself, a file inside it (a
 * chart archive's inner file, `charts/x.tgz/templates/a.yaml`), or a folder the core names
 * (`.git/`, `docs/.git/`: a FILE_STRAY) when a row is that folder or holds it.
 */
export function carriedGroupOf(
  file: string,
  files: readonly CarriedFile[],
): string | null {
  const { rowOf, rows } = lookup(files);
  if (file.endsWith("/")) {
    // The row a file inside that folder would be listed under.
    const row = carriedGroupKey(`${file}x`);
    return rows.has(row) ? row : null;
  }
  for (let end = file.length; end > 0; end = file.lastIndexOf("/", end - 1)) {
    const row = rowOf.get(file.slice(0, end));
    if (row !== undefined) return row;
  }
  return null;
}

/**
 * The form path a carried row's element is found by (`fieldId` of it is the row's DOM id). The
 * row's key is written losslessly (`fieldId` makes every other character a `-`, so `.git/` and
 * `git/` were one id): each character but a letter or digit as `_<hex>_`.
 */
export const carriedField = (key: string): string =>
  `extras.files.${[...key]
    .map((c) =>
      /[A-Za-z0-9]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`,
    )
    .join("")}`;

/** A carried row's files taken out of the list: what is left, and what went (for the Undo). */
export function removeCarried(
  files: readonly CarriedFile[],
  key: string,
): { files: CarriedFile[]; removed: CarriedFile[] } {
  const removed = files.filter((f) => carriedGroupKey(f.path) === key);
  return {
    files: files.filter((f) => carriedGroupKey(f.path) !== key),
    removed,
  };
}

/**
 * `files` with `removed` put back in the order `before` had them, except a path present in
 * `files` now (a newer file, kept).
 */
export function restoreCarried(
  files: readonly CarriedFile[],
  removed: readonly CarriedFile[],
  before: readonly CarriedFile[],
): { files: CarriedFile[]; kept: number } {
  const now = new Set(files.map((f) => f.path));
  const back = removed.filter((f) => !now.has(f.path));
  // By path: the form hands back copies of the objects it was given.
  const order = new Map(before.map((f, i) => [f.path, i]));
  const out = [...files];
  for (const f of back) {
    const at = order.get(f.path) ?? out.length;
    // Before the first file that came after it in the old list, else at the end.
    const i = out.findIndex((g) => (order.get(g.path) ?? Infinity) > at);
    out.splice(i < 0 ? out.length : i, 0, f);
  }
  return { files: out, kept: removed.length - back.length };
}
