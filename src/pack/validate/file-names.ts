import { entryCollision } from "../pack-files";
import type { BaseContext } from "./context";

/**
 * Names that cannot share one folder (`FILE_NAME_COLLISION`, error): two files equal once case
 * and Unicode forms are folded (`manifests/App.yaml` and `manifests/app.yaml`, which one
 * overwrites on macOS and Windows), or a file that is also a folder of others. Every reader
 * refuses such an archive (security.md row 8), so a pack assembled from parts (the builder's
 * draft) is held to it before it is written. The finding names the later file.
 */
export function checkFileNames({ files, add }: BaseContext): void {
  const collision = entryCollision(
    [...files.keys()].map((path) => ({
      raw: path,
      path,
      kind: "file" as const,
    })),
  );
  if (!collision) return;
  add(
    "error",
    "FILE_NAME_COLLISION",
    `${collision.message}: every reader refuses the archive; rename or remove one of them`,
    collision.entry === undefined ? {} : { file: collision.entry },
  );
}
