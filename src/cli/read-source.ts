import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import type { ArchiveError } from "../pack/archive-error";
import { withLimits } from "../pack/limits";
import { packFromEntries, type PackFiles } from "../pack/pack-files";
import { readPackArchive } from "../pack/read-archive";
import type { Result } from "../pack/result";

export interface Source {
  files: PackFiles;
  /** Where it came from, for messages. */
  label: string;
}

/**
 * Read a pack from a folder, a .zip or a .tar.gz with the core's rules. A folder is walked
 * without following links: a link or a special file is refused like in an archive.
 *
 * The file system is read synchronously: a pack is hundreds of small files, and a promise per
 * file costs a thread-pool round trip each (5 to 10 times the whole read on a busy machine). The
 * command line has no other work to keep responsive meanwhile; `validate <src>…` reads in
 * worker threads.
 */
export async function readSource(
  path: string,
): Promise<Result<Source, ArchiveError>> {
  const limits = withLimits();
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return {
      ok: false,
      error: {
        kind: "not-an-archive",
        message: `${path}: no such file or folder`,
      },
    };
  }
  if (st.isDirectory()) {
    const entries: { path: string; bytes: Uint8Array }[] = [];
    let total = 0;
    const walk = (dir: string): ArchiveError | null => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const rel = relative(path, full).split(sep).join("/");
        const s = lstatSync(full);
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
              message: `${path} has more than ${limits.maxEntries} files`,
            };
          if (total > limits.maxTotalBytes)
            return {
              kind: "too-large",
              message: `${path} holds more than ${limits.maxTotalBytes / 1024 / 1024} MiB`,
            };
          entries.push({
            path: rel,
            bytes: new Uint8Array(readFileSync(full)),
          });
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
    if (problem) return { ok: false, error: problem };
    const r = packFromEntries(entries, limits);
    return r.ok ? { ok: true, value: { files: r.value, label: path } } : r;
  }
  if (!st.isFile())
    return {
      ok: false,
      error: {
        kind: "special-file",
        message: `${path} is not a file or folder`,
      },
    };
  if (st.size > limits.maxTotalBytes)
    return {
      ok: false,
      error: {
        kind: "too-large",
        message: `${path} is larger than ${limits.maxTotalBytes / 1024 / 1024} MiB`,
      },
    };
  const r = readPackArchive(new Uint8Array(readFileSync(path)), {
    name: basename(path),
  });
  return r.ok ? { ok: true, value: { files: r.value.files, label: path } } : r;
}
