import {
  ArchiveFailure,
  fail,
  showName,
  type ArchiveError,
} from "./archive-error";
import { checkEntryPath } from "./entry-path";
import type { Limits } from "./limits";
import { err, ok, type Result } from "./result";

/**
 * A pack is a set of files: path (relative to the pack root, forward slashes) → bytes.
 * A Map, never a plain object, so names like `__proto__` are ordinary keys.
 */
export type PackFiles = Map<string, Uint8Array>;

/** One raw entry as a reader found it, before the pack-level rules. */
export interface RawEntry {
  /** The name exactly as stored, for messages. */
  raw: string;
  /** Checked and normalised by checkEntryPath. */
  path: string;
  kind: "file" | "dir";
  bytes?: Uint8Array;
}

/**
 * A name as a case-insensitive file system compares it (macOS, Windows): Unicode NFC, lower case.
 * Two paths with one folded name cannot both be written to one folder.
 */
export const foldName = (path: string): string =>
  path.normalize("NFC").toLowerCase();

/** An entry as {@link entryCollision} judges it: its name as stored, its checked path, its kind. */
export type NamedEntry = Pick<RawEntry, "raw" | "path" | "kind">;

/** Why two names cannot both be written ({@link entryCollision}). */
export type Collision = ArchiveError & {
  kind: "duplicate-entry" | "case-collision" | "path-clash";
};

/**
 * The first pair of `entries` that cannot both exist in one folder, as the readers refuse it: the
 * same path twice (a folder may repeat), two names equal once case and Unicode forms are folded
 * (`values.yaml` and `Values.yaml`: one overwrites the other on macOS and Windows), or a file that
 * is also a folder of other entries (`charts` and `charts/x.tgz`). The error names the later
 * entry. Null when every name can be written. Shared by the readers ({@link assemblePack}), the
 * writers (`entriesRefusal`) and validation (`FILE_NAME_COLLISION`), so all three agree.
 */
export function entryCollision(
  entries: Iterable<NamedEntry>,
): Collision | null {
  const seen = new Map<string, NamedEntry>();
  const folded = new Map<string, NamedEntry>();
  for (const e of entries) {
    if (e.path === "") continue;
    const prev = seen.get(e.path);
    if (prev) {
      if (prev.kind === "dir" && e.kind === "dir") continue;
      if (prev.kind !== e.kind) {
        const [file, dir] = prev.kind === "file" ? [prev, e] : [e, prev];
        return {
          kind: "path-clash",
          message: `file/directory clash: ${showName(file.raw)} is a file and ${showName(dir.raw)} a folder`,
          entry: e.raw,
        };
      }
      return {
        kind: "duplicate-entry",
        message: `duplicate entry ${showName(e.raw)}`,
        entry: e.raw,
      };
    }
    const key = foldName(e.path);
    const other = folded.get(key);
    if (other && !(other.kind === "dir" && e.kind === "dir"))
      return {
        kind: "case-collision",
        message: `${showName(other.raw)} and ${showName(e.raw)}: names collide on case-insensitive file systems`,
        entry: e.raw,
      };
    seen.set(e.path, e);
    folded.set(key, e);
  }
  for (const e of seen.values()) {
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = seen.get(parts.slice(0, i).join("/"));
      if (parent && parent.kind === "file")
        return {
          kind: "path-clash",
          message: `file/directory clash: ${showName(parent.raw)} is a file and ${showName(e.raw)} is inside it`,
          entry: e.raw,
        };
    }
  }
  return null;
}

/**
 * Apply the pack-level rules to the entries of one archive or folder ({@link entryCollision});
 * then remove the single top folder when every file sits inside one. Throws an ArchiveFailure.
 */
export function assemblePack(entries: readonly RawEntry[]): PackFiles {
  const collision = entryCollision(entries);
  if (collision) throw new ArchiveFailure(collision);
  const seen = new Map<string, RawEntry>();
  for (const e of entries) if (e.path !== "") seen.set(e.path, e);
  const files: [string, Uint8Array][] = [];
  for (const e of seen.values())
    if (e.kind === "file") files.push([e.path, e.bytes ?? new Uint8Array()]);
  return stripTopFolder(files);
}

/** The first segment of each path, "" for a path at the root. */
function topSegments(paths: Iterable<string>): Set<string> {
  const tops = new Set<string>();
  for (const p of paths)
    tops.add(p.includes("/") ? p.slice(0, p.indexOf("/")) : "");
  return tops;
}

/**
 * The resource forks macOS Finder's "Compress" writes beside the folder it archives
 * (`__MACOSX/<folder>/._<file>`): they do not make a second top folder.
 */
const FINDER_FORKS = "__MACOSX";

/**
 * macOS Finder's metadata, never pack content: its resource forks (`__MACOSX/…`) and a folder's
 * view settings (`.DS_Store`, at any depth).
 */
export const isFinderMetadata = (path: string): boolean =>
  path.startsWith(`${FINDER_FORKS}/`) ||
  path === ".DS_Store" ||
  path.endsWith("/.DS_Store");

function stripTopFolder(files: [string, Uint8Array][]): PackFiles {
  const tops = topSegments(files.map(([p]) => p));
  tops.delete(FINDER_FORKS);
  const [only] = tops;
  const top =
    tops.size === 1 && only !== undefined && only !== "" ? `${only}/` : null;
  const sorted = files.sort(([a], [b]) => compareBytes(a, b));
  const out: PackFiles = new Map();
  // The forks stay, at `__MACOSX/`, where the validator names them as a stray folder.
  for (const [p, b] of sorted)
    out.set(top && p.startsWith(top) ? p.slice(top.length) : p, b);
  // A `<folder>/__MACOSX/x` beside a top `__MACOSX/x` would become one path: left as archived.
  return out.size === sorted.length ? out : new Map(sorted);
}

/**
 * Where a pack's files are when pack.json is not at its root, for the message that says so:
 * `topFolders` when every file sits inside one of several top folders (two packs archived side by
 * side), which {@link assemblePack} leaves in place; `nested`, every
 * pack.json deeper down, shallowest first.
 */
export function packJsonElsewhere(files: PackFiles): {
  topFolders: string[];
  nested: string[];
} {
  const tops = topSegments(files.keys());
  const nested = [...files.keys()].filter((p) => p.endsWith("/pack.json"));
  const depth = (p: string): number => p.split("/").length;
  return {
    topFolders:
      tops.has("") || tops.size < 2 ? [] : [...tops].sort(compareBytes),
    nested: nested.sort((a, b) => depth(a) - depth(b) || compareBytes(a, b)),
  };
}

/** Sort order used everywhere a pack is listed or written: by UTF-8 bytes, like `sort` in C locale. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted paths of a pack. */
export function sortedPaths(files: PackFiles): string[] {
  return [...files.keys()].sort(compareBytes);
}

/**
 * A folder's limits on its files' count and sizes, checked from the sizes alone, so a folder past
 * them is refused before any of its files is read. Throws ArchiveFailure.
 */
export function checkEntrySizes(
  entries: readonly { path: string; size: number }[],
  limits: Limits,
): void {
  if (entries.length > limits.maxEntries) {
    fail(
      "too-many-entries",
      `${entries.length} files; the limit is ${limits.maxEntries}`,
    );
  }
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > limits.maxEntryBytes) {
      fail(
        "too-large",
        `${showName(e.path)} is larger than ${mib(limits.maxEntryBytes)}`,
        e.path,
      );
    }
    if (total > limits.maxTotalBytes)
      fail(
        "too-large",
        `the files add up to more than ${mib(limits.maxTotalBytes)}`,
      );
  }
}

/**
 * Build a pack from loose files (a dropped folder, a folder on disk). The same rules as an
 * archive apply, including the single-top-folder rule.
 */
export function packFromEntries(
  entries: readonly { path: string; bytes: Uint8Array }[],
  limits: Limits,
): Result<PackFiles, ArchiveError> {
  try {
    checkEntrySizes(
      entries.map((e) => ({ path: e.path, size: e.bytes.byteLength })),
      limits,
    );
    const raw: RawEntry[] = entries.map((e) => ({
      raw: e.path,
      path: checkEntryPath(e.path, limits),
      kind: "file",
      bytes: e.bytes,
    }));
    return ok(assemblePack(raw));
  } catch (e) {
    return asArchiveResult(e);
  }
}

/**
 * The result of a reader that failed: an archive format problem (ArchiveFailure) or memory the
 * archive could not be held in (RangeError) becomes the error. Anything else is a bug in our code,
 * not a property of the archive, and is thrown again rather than reported as a corrupt archive.
 */
export function asArchiveResult(e: unknown): {
  ok: false;
  error: ArchiveError;
} {
  if (e instanceof ArchiveFailure) return err(e.detail);
  if (e instanceof RangeError) {
    return err({
      kind: "too-large",
      message: `the archive could not be held in memory (${e.message})`,
    });
  }
  throw e;
}

export const mib = (n: number): string =>
  `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
