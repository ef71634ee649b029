import { FolderBudget, type DroppedItems } from "./dropped-items";

/**
 * What an `<input type="file">` gave. With `webkitdirectory` every file carries a
 * `webkitRelativePath` ("folder/sub/file"): the first segment is the folder the user chose, and
 * the entries' paths are relative to it; no file is read here. Throws an Error past 1,024 files
 * or 256 MiB.
 */
export async function readFileInput(
  list: FileList | readonly File[],
): Promise<DroppedItems> {
  const files = Array.from(list);
  const first = files[0]?.webkitRelativePath ?? "";
  if (first === "") return { kind: "files", files };
  const name = first.split("/")[0] ?? "";
  const budget = new FolderBudget(name);
  for (const file of files) budget.add(file.size);
  const entries = files.map((file) => ({
    path: file.webkitRelativePath.split("/").slice(1).join("/"),
    file,
  }));
  return { kind: "folder", name, entries };
}
