// The one module that imports JSZip (house style: heavy libraries behind one wrapper).
import JSZip from "jszip";
import { compareBytes, type PackFiles } from "./pack-files";

/** A fixed timestamp so the same files always give the same bytes (1980-01-01, the earliest DOS date). */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Files that are already compressed: stored, because deflating them again wastes time for nothing. */
export const isPrecompressed = (path: string): boolean =>
  /\.(tgz|gz|png|jpe?g|zip|webp|gif)$/i.test(path);

/** Every folder that must appear for the given files, parents first. */
export function folderPaths(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++)
      dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs].sort(compareBytes);
}

/**
 * Write a pack as a zip holding one top folder `top/` (normally `<name>-<version>`): entries
 * sorted, fixed timestamps and permissions, STORE for compressed files and DEFLATE for the rest,
 * so the same pack always gives the same bytes.
 */
export async function writePackZip(
  files: PackFiles,
  top: string,
  onProgress?: (percent: number) => void,
): Promise<Uint8Array> {
  const zip = new JSZip();
  const paths = [...files.keys()].map((p) => `${top}/${p}`);
  const entries = [
    ...folderPaths(paths).map((d) => [`${d}/`, null] as const),
    ...[...files].map(([p, b]) => [`${top}/${p}`, b] as const),
  ];
  entries.sort(([a], [b]) => compareBytes(a, b));
  for (const [path, bytes] of entries) {
    if (bytes === null) {
      zip.file(path, null, {
        dir: true,
        date: FIXED_DATE,
        unixPermissions: 0o40755,
        createFolders: false,
      });
    } else {
      zip.file(path, bytes, {
        binary: true,
        date: FIXED_DATE,
        unixPermissions: 0o100644,
        createFolders: false,
        compression: isPrecompressed(path) ? "STORE" : "DEFLATE",
      });
    }
  }
  return zip.generateAsync(
    {
      type: "uint8array",
      platform: "UNIX",
      compressionOptions: { level: 6 },
      streamFiles: false,
    },
    onProgress ? (m) => onProgress(m.percent) : undefined,
  );
}
