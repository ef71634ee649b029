import {
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  type Stats,
} from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { showName, type ArchiveError } from "../pack/archive-error";
import { withLimits } from "../pack/limits";
import { packFromEntries, type PackFiles } from "../pack/pack-files";
import { readPackArchive } from "../pack/read-archive";
import { err, ok, type Result } from "../pack/result";

/**
 * Why a source cannot be read: one of the core's archive errors, or `not-found` for a path with
 * nothing there (the command line's own kind: the core never sees a path).
 */
export type SourceError = ArchiveError | { kind: "not-found"; message: string };

export interface Source {
  files: PackFiles;
  /** Where it came from, for messages. */
  label: string;
  /** The path inside the folder of the file `ReadOptions.skip` left out, when the folder held it. */
  skipped?: string;
}

export interface ReadOptions {
  /**
   * A file to leave out when a folder holds it, unread and uncounted: `pack`'s output (`pack c6
   * --out c6/x.zip` run a second time), which is about to be replaced. Found by device and inode,
   * whatever path led to it (relative, through a linked folder), and a link too (the rename
   * replaces the link); and by its name, so a hard link elsewhere, which stays, is read.
   */
  skip?: string;
}

/** Why the file system refused a path, in words, by error code. */
const REASONS: Record<string, string> = {
  ENAMETOOLONG: "its path is longer than the system allows",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "it was removed while being read",
  ENOTDIR: "a part of its path is not a folder",
  EISDIR: "it is a folder where a file was expected",
  ELOOP: "too many levels of symbolic links",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
};

/**
 * A failure of the file system (an error with a `code`) on `shown` (the path inside the source as
 * the message names it; none for the source itself, which the caller's message names already) as
 * an `unreadable` error that says why. Anything else thrown is a bug and propagates.
 */
function fsError(e: unknown, shown?: string, entry?: string): ArchiveError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") throw e;
  const why = REASONS[code] ?? (e as Error).message;
  const message = `${shown === undefined ? "" : `${showName(shown)}: `}${why} (${code})`;
  return entry === undefined
    ? { kind: "unreadable", message }
    : { kind: "unreadable", entry, message };
}

/** Run one file-system call; its failure is `fsError`'s result. */
function fsCall<T>(
  call: () => T,
  shown?: string,
  entry?: string,
): Result<T, ArchiveError> {
  try {
    return ok(call());
  } catch (e) {
    return err(fsError(e, shown, entry));
  }
}

/** The file `readSource` leaves out, as its name, device and inode; null when there is none. */
function skipped(
  path: string | undefined,
): { name: string; dev: number; ino: number } | null {
  if (path === undefined) return null;
  try {
    const s = lstatSync(path);
    return { name: basename(path), dev: s.dev, ino: s.ino };
  } catch {
    return null; // Nothing there yet: nothing to leave out.
  }
}

/**
 * What is at `path`, a link followed as every Unix tool follows its argument: a missing path (or
 * a link to one) is `not-found`, any other refusal of the file system `unreadable`.
 */
function statArgument(path: string): Result<Stats, SourceError> {
  try {
    return ok(statSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (code === "ENOTDIR")
      return err({
        kind: "not-found",
        message: "no such file or folder: a part of its path is not a folder",
      });
    if (code !== "ENOENT") return err(fsError(e));
    let link: string | null = null;
    try {
      if (lstatSync(path).isSymbolicLink()) link = readlinkSync(path);
    } catch {
      // Gone as well: the path is missing, whatever it was a moment ago.
    }
    return err({
      kind: "not-found",
      message:
        link === null
          ? "no such file or folder"
          : `it is a symbolic link to ${showName(link)}, where there is no file or folder`,
    });
  }
}

/**
 * Read a pack from a folder, a .zip or a .tar.gz with the core's rules. The path itself may be a
 * symbolic link, followed like any Unix tool's argument; inside a folder nothing is followed: a
 * link or a special file is refused like in an archive. Never throws for what it finds on disk: a
 * path the file system refuses (too long, no permission, removed meanwhile) is an `unreadable`
 * error naming it. Messages about the source itself do not repeat its path: every caller prints
 * them after it (`cannot read <path>: …`), and `--json` beside it.
 *
 * The file system is read synchronously: a pack is hundreds of small files, and a promise per
 * file costs a thread-pool round trip each (5 to 10 times the whole read on a busy machine). The
 * command line has no other work to keep responsive meanwhile; `validate <src>…` reads in
 * worker threads.
 */
export async function readSource(
  path: string,
  opts: ReadOptions = {},
): Promise<Result<Source, SourceError>> {
  const limits = withLimits();
  const stat = statArgument(path);
  if (!stat.ok) return stat;
  const st = stat.value;
  if (st.isDirectory()) {
    const entries: { path: string; bytes: Uint8Array }[] = [];
    let total = 0;
    const skip = skipped(opts.skip);
    let skippedRel: string | undefined;
    const walk = (dir: string): ArchiveError | null => {
      const dirRel = relative(path, dir).split(sep).join("/");
      const names = dirRel
        ? fsCall(() => readdirSync(dir), dirRel, dirRel)
        : fsCall(() => readdirSync(dir));
      if (!names.ok) return names.error;
      for (const name of names.value.sort()) {
        const full = join(dir, name);
        const rel = relative(path, full).split(sep).join("/");
        const stat = fsCall(() => lstatSync(full), rel, rel);
        if (!stat.ok) return stat.error;
        const s = stat.value;
        if (
          skip &&
          !s.isDirectory() &&
          name === skip.name &&
          s.ino === skip.ino &&
          s.dev === skip.dev
        ) {
          skippedRel = rel;
          continue;
        }
        if (s.isSymbolicLink())
          return {
            kind: "link-not-allowed",
            entry: rel,
            message: `\`${rel}\` is a symbolic link: links are not allowed`,
          };
        if (s.isDirectory()) {
          const e = walk(full);
          if (e) return e;
        } else if (s.isFile()) {
          total += s.size;
          if (entries.length >= limits.maxEntries)
            return {
              kind: "too-many-entries",
              message: `it has more than ${limits.maxEntries} files`,
            };
          if (total > limits.maxTotalBytes)
            return {
              kind: "too-large",
              message: `it holds more than ${limits.maxTotalBytes / 1024 / 1024} MiB`,
            };
          const bytes = fsCall(() => readFileSync(full), rel, rel);
          if (!bytes.ok) return bytes.error;
          entries.push({ path: rel, bytes: new Uint8Array(bytes.value) });
        } else {
          return {
            kind: "special-file",
            entry: rel,
            message: `\`${rel}\` is a device, socket or FIFO, not a regular file`,
          };
        }
      }
      return null;
    };
    const problem = walk(path);
    if (problem) return err(problem);
    const r = packFromEntries(entries, limits);
    if (!r.ok) return r;
    const left = skippedRel === undefined ? {} : { skipped: skippedRel };
    return ok({ files: r.value, label: path, ...left });
  }
  if (!st.isFile())
    return err({
      kind: "special-file",
      message: "it is a device, socket or FIFO, not a file or folder",
    });
  if (st.size > limits.maxTotalBytes)
    return err({
      kind: "too-large",
      message: `it is larger than ${limits.maxTotalBytes / 1024 / 1024} MiB`,
    });
  const bytes = fsCall(() => readFileSync(path));
  if (!bytes.ok) return bytes;
  const r = readPackArchive(new Uint8Array(bytes.value), {
    name: basename(path),
  });
  return r.ok ? ok({ files: r.value.files, label: path }) : r;
}
