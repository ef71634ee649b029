import { DEFAULT_LIMITS } from "@/pack/limits";

/**
 * A loose file of a folder, with its path relative to that folder (forward slashes). Not read
 * yet: a pack's files are read in the pack worker (fromEntries), so a 100 MB folder never
 * passes through the page's thread; readFolderBytes reads them here where the page needs them.
 */
export interface FolderEntry {
  path: string;
  file: Blob;
}

/** What the user gave: files (archives, a logo…) or the contents of one folder. */
export type DroppedItems =
  | { kind: "files"; files: File[] }
  | { kind: "folder"; name: string; entries: FolderEntry[] };

/** The most files a folder may hold (the core's per-archive limit). */
export const MAX_FOLDER_FILES = DEFAULT_LIMITS.maxEntries;
/** The most bytes a folder may hold (the core's total budget). */
export const MAX_FOLDER_BYTES = DEFAULT_LIMITS.maxTotalBytes;

/**
 * Counts files and bytes while a folder is listed, before any file is read, and throws a plain
 * Error with a message for the user as soon as either limit is passed.
 */
export class FolderBudget {
  private files = 0;
  private bytes = 0;

  constructor(
    private readonly folder: string,
    private readonly maxFiles = MAX_FOLDER_FILES,
    private readonly maxBytes = MAX_FOLDER_BYTES,
  ) {}

  add(size: number): void {
    this.files += 1;
    this.bytes += size;
    this.listed(this.files);
    if (this.bytes > this.maxBytes) {
      throw new Error(
        `The folder “${this.folder}” holds more than ${formatMiB(this.maxBytes)}; a pack may hold at most ${formatMiB(this.maxBytes)}.`,
      );
    }
  }

  /** Stop a listing that alone passes the file limit (one folder of a million entries). */
  listed(entries: number): void {
    if (entries > this.maxFiles) {
      throw new Error(
        `The folder “${this.folder}” has more than ${this.maxFiles.toLocaleString("en")} files; a pack may hold at most ${this.maxFiles.toLocaleString("en")}.`,
      );
    }
  }
}

const formatMiB = (bytes: number): string =>
  `${Math.round(bytes / 1024 / 1024).toLocaleString("en")} MiB`;

/** The bytes of a folder's files, read on the page. Throws an Error naming a file it cannot read. */
export function readFolderBytes(
  entries: readonly FolderEntry[],
): Promise<{ path: string; bytes: Uint8Array }[]> {
  return Promise.all(
    entries.map(async ({ path, file }) => {
      try {
        return { path, bytes: new Uint8Array(await file.arrayBuffer()) };
      } catch {
        throw new Error(`The file “${path}” could not be read.`);
      }
    }),
  );
}
