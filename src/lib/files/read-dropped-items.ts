import {
  FolderBudget,
  type DroppedItems,
  type FolderEntry,
} from "./dropped-items";

/**
 * What the user dropped: one folder (every file in it, paths relative to it, not read yet) or one
 * or more files. Call it synchronously from the drop handler: the browser empties `dataTransfer` once the
 * event is over, so everything is taken from it before the first `await`.
 * Throws an Error with a message for the user: a folder dropped with other items, more than 1,024
 * files, more than 256 MiB, or a file the browser could not open.
 */
export async function readDroppedItems(
  dataTransfer: DataTransfer,
): Promise<DroppedItems> {
  const files = Array.from(dataTransfer.files);
  const entries = Array.from(dataTransfer.items)
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry());
  const folders = entries.filter(
    (entry): entry is FileSystemDirectoryEntry => entry?.isDirectory === true,
  );
  if (folders.length === 0) return { kind: "files", files };
  const [folder] = folders;
  if (folders.length > 1 || entries.length > 1 || !folder) {
    throw new Error("Drop one folder on its own, or one or more files.");
  }
  return {
    kind: "folder",
    name: folder.name,
    entries: await readFolder(folder, new FolderBudget(folder.name)),
  };
}

/** Every file below `root`, listed (the limits stop a huge folder early), none read yet. */
async function readFolder(
  root: FileSystemDirectoryEntry,
  budget: FolderBudget,
): Promise<FolderEntry[]> {
  const found: FolderEntry[] = [];
  const pending: { dir: FileSystemDirectoryEntry; prefix: string }[] = [
    { dir: root, prefix: "" },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const entry of await readAllEntries(next.dir, budget)) {
      const path = `${next.prefix}${entry.name}`;
      if (entry.isDirectory) {
        pending.push({
          dir: entry as FileSystemDirectoryEntry,
          prefix: `${path}/`,
        });
      } else if (entry.isFile) {
        const file = await fileOf(entry as FileSystemFileEntry, path);
        budget.add(file.size);
        found.push({ path, file });
      }
    }
  }
  return found;
}

/** `readEntries` answers in batches (100 in Chrome) until it answers an empty one. */
async function readAllEntries(
  dir: FileSystemDirectoryEntry,
  budget: FolderBudget,
): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, () =>
        reject(new Error(`The folder “${dir.fullPath}” could not be read.`)),
      ),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
    budget.listed(all.length);
  }
}

function fileOf(entry: FileSystemFileEntry, path: string): Promise<File> {
  return new Promise((resolve, reject) =>
    entry.file(resolve, () =>
      reject(new Error(`The file “${path}” could not be read.`)),
    ),
  );
}
