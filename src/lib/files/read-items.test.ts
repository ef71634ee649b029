import { describe, expect, test } from "vitest";

import { FolderBudget } from "./dropped-items";
import { readDroppedItems } from "./read-dropped-items";
import { readFileInput } from "./read-file-input";

const enc = new TextEncoder();
const file = (name: string, text: string, relativePath = "") => {
  const f = new File([enc.encode(text)], name);
  Object.defineProperty(f, "webkitRelativePath", { value: relativePath });
  return f;
};

type Tree = { [name: string]: string | Tree };

/** The File and Directory Entries API as Chrome shows a dropped folder, batches included. */
function directoryEntry(
  name: string,
  tree: Tree,
  fullPath = `/${name}`,
): FileSystemDirectoryEntry {
  const children = Object.entries(tree).map(([child, content]) =>
    typeof content === "string"
      ? ({
          name: child,
          fullPath: `${fullPath}/${child}`,
          isFile: true,
          isDirectory: false,
          file: (ok: (f: File) => void) => ok(file(child, content)),
        } as unknown as FileSystemEntry)
      : directoryEntry(child, content, `${fullPath}/${child}`),
  );
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        // Two entries per batch, then an empty batch: the caller must keep asking.
        readEntries: (ok: (entries: FileSystemEntry[]) => void) => {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch));
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function dataTransfer(
  items: (File | FileSystemDirectoryEntry)[],
): DataTransfer {
  const files = items.filter((i): i is File => i instanceof File);
  return {
    files,
    items: items.map((i) => ({
      kind: "file",
      webkitGetAsEntry: () =>
        i instanceof File
          ? ({
              name: i.name,
              isFile: true,
              isDirectory: false,
            } as FileSystemEntry)
          : i,
    })),
  } as unknown as DataTransfer;
}

describe("readDroppedItems", () => {
  test("files stay files", async () => {
    const a = file("a.zip", "A");
    const b = file("b.zip", "B");
    await expect(readDroppedItems(dataTransfer([a, b]))).resolves.toEqual({
      kind: "files",
      files: [a, b],
    });
  });

  test("a folder is read whole, paths relative to it, across batches and sub-folders", async () => {
    const folder = directoryEntry("my-pack", {
      "pack.json": "{}",
      "values.yaml": "a: 1",
      "logo.png": "png",
      manifests: { "a.yaml": "kind: A", deeper: { "b.yaml": "kind: B" } },
    });
    const result = await readDroppedItems(dataTransfer([folder]));
    if (result.kind !== "folder") throw new Error("expected a folder");
    expect(result.name).toBe("my-pack");
    expect(
      Object.fromEntries(
        await Promise.all(
          result.entries.map(async (e) => [e.path, await e.file.text()]),
        ),
      ),
    ).toEqual({
      "pack.json": "{}",
      "values.yaml": "a: 1",
      "logo.png": "png",
      "manifests/a.yaml": "kind: A",
      "manifests/deeper/b.yaml": "kind: B",
    });
  });

  test("a folder with anything else is refused", async () => {
    const folder = directoryEntry("p", { "pack.json": "{}" });
    await expect(
      readDroppedItems(dataTransfer([folder, file("x.zip", "x")])),
    ).rejects.toThrow(/one folder on its own/);
    await expect(
      readDroppedItems(dataTransfer([folder, directoryEntry("q", {})])),
    ).rejects.toThrow(/one folder on its own/);
  });

  test("a folder over 1,024 files is refused before its files are read", async () => {
    const tree: Tree = {};
    for (let i = 0; i < 1025; i++) tree[`f${i}.txt`] = "x";
    await expect(
      readDroppedItems(dataTransfer([directoryEntry("big", tree)])),
    ).rejects.toThrow("The folder “big” has more than 1,024 files");
  });

  test("a directory that never stops listing is stopped at the file limit", async () => {
    const endless = {
      ...directoryEntry("loop", {}),
      createReader: () => ({
        readEntries: (ok: (e: FileSystemEntry[]) => void) =>
          ok(Array.from({ length: 100 }, () => directoryEntry("d", {}))),
      }),
    } as unknown as FileSystemDirectoryEntry;
    await expect(readDroppedItems(dataTransfer([endless]))).rejects.toThrow(
      /more than 1,024 files/,
    );
  });

  test("a file the browser cannot read is named", async () => {
    let listed = false;
    const broken = {
      ...directoryEntry("p", {}),
      createReader: () => ({
        readEntries: (ok: (e: FileSystemEntry[]) => void) => {
          ok(
            listed
              ? []
              : [
                  {
                    name: "gone.txt",
                    isFile: true,
                    isDirectory: false,
                    file: (_ok: unknown, fail: () => void) => fail(),
                  } as unknown as FileSystemEntry,
                ],
          );
          listed = true;
        },
      }),
    } as unknown as FileSystemDirectoryEntry;
    await expect(readDroppedItems(dataTransfer([broken]))).rejects.toThrow(
      "The file “gone.txt” could not be read.",
    );
  });
});

describe("readFileInput", () => {
  test("plain files stay files", async () => {
    const a = file("pack.zip", "zip");
    await expect(readFileInput([a])).resolves.toEqual({
      kind: "files",
      files: [a],
    });
  });

  test("a chosen folder (webkitdirectory) becomes entries relative to it", async () => {
    const files = [
      file("pack.json", "{}", "my-pack/pack.json"),
      file("a.yaml", "kind: A", "my-pack/manifests/a.yaml"),
    ];
    const result = await readFileInput(files);
    if (result.kind !== "folder") throw new Error("expected a folder");
    expect(result.name).toBe("my-pack");
    // The files are not read here: the pack worker reads them.
    expect(result.entries.map((e) => [e.path, e.file])).toEqual([
      ["pack.json", files[0]],
      ["manifests/a.yaml", files[1]],
    ]);
  });
});

describe("FolderBudget", () => {
  test("counts files and bytes, with a message for each limit", () => {
    const files = new FolderBudget("f", 2, 100);
    files.add(1);
    files.add(1);
    expect(() => files.add(1)).toThrow("The folder “f” has more than 2 files");
    const bytes = new FolderBudget("g", 10, 3 * 1024 * 1024);
    bytes.add(2 * 1024 * 1024);
    expect(() => bytes.add(2 * 1024 * 1024)).toThrow(
      "The folder “g” holds more than 3 MiB",
    );
  });
});
