import type { PackSummary } from "@/lib/api/packs";
import type { Finding } from "@/pack/finding";
import type { PackImage } from "@/pack/images";
import type { PackFiles } from "@/pack/pack-files";

/** Where a previewed pack came from: the registry (a stable URL) or the user's disk (nothing uploaded). */
export type PackSource =
  | { kind: "registry"; summary: PackSummary }
  | { kind: "local"; fileName: string };

/** Everything the pack page shows, whichever way the pack was opened. */
export interface OpenedPack {
  files: PackFiles;
  findings: Finding[];
  /**
   * The images it pulls (registry-api.md `PackDetail.images`): the server's list, or the pack
   * worker's scan of a local pack; undefined when a registry answer lacks it.
   */
  images?: readonly PackImage[] | undefined;
  source: PackSource;
}
