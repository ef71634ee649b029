import { sortedPaths, type PackFiles } from "./pack-files";

const hex = (buf: ArrayBuffer): string =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );

/** SHA-256 of bytes as lowercase hex (Web Crypto: the same in Node, the browser and a Worker). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(
    await globalThis.crypto.subtle.digest(
      "SHA-256",
      bytes as Uint8Array<ArrayBuffer>,
    ),
  );
}

export interface FileDigest {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Size and SHA-256 of every file, sorted by path. `hash` gives a file's SHA-256 (hex) when the
 * caller already knows it (the pack worker keeps one per file); by default it is computed.
 */
export async function fileDigests(
  files: PackFiles,
  hash: (path: string, bytes: Uint8Array) => Promise<string> = (_, bytes) =>
    sha256Hex(bytes),
): Promise<FileDigest[]> {
  return Promise.all(
    sortedPaths(files).map(async (path) => {
      const bytes = files.get(path)!;
      return { path, size: bytes.length, sha256: await hash(path, bytes) };
    }),
  );
}

/**
 * The content digest of registry-api.md §Identity: sha256 of the `sha256sum` listing of the
 * pack's files (one `<hex>  <path>\n` line per file, sorted by path). Zip and tar.gz of the same
 * files have the same digest.
 */
export async function contentDigest(
  files: PackFiles | readonly FileDigest[],
): Promise<string> {
  const list = files instanceof Map ? await fileDigests(files) : files;
  const text = list.map((f) => `${f.sha256}  ${f.path}\n`).join("");
  return `sha256:${await sha256Hex(new TextEncoder().encode(text))}`;
}
