import { queryOptions } from "@tanstack/react-query";

import { readChartFilesOnce } from "@/lib/pack-worker/chart-files";
import { apiFetch } from "@/lib/api/client";
import { packKeys } from "@/lib/api/packs";
import type { PackFiles } from "@/pack/pack-files";

/**
 * Where one side of a diff reads its file: a pack version of the registry, or with `local` the
 * files of a pack opened from disk; for a file inside a chart, the archive too.
 */
export interface FileSide {
  name: string;
  version: string;
  /** The chart archive's path in the pack (`charts/x-1.0.0.tgz`) for a file inside it. */
  chart?: string;
  /** A pack opened from disk: its files are read here, nothing is fetched. */
  local?: PackFiles;
}

const localIds = new WeakMap<PackFiles, number>();
let nextLocalId = 0;

/** A query-key part naming a local pack's files (one per opened pack, for as long as it lives). */
export function localPackKey(files: PackFiles): string {
  let id = localIds.get(files);
  if (id === undefined) localIds.set(files, (id = nextLocalId++));
  return `local-${id}`;
}

/** A file of a local pack, or inside one of its chart archives (expanded in the pack worker, once). */
async function localFile(
  files: PackFiles,
  path: string,
  chart: string | undefined,
): Promise<Uint8Array> {
  if (chart === undefined) {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`The local pack has no ${path}.`);
    return bytes;
  }
  const archive = files.get(chart);
  if (!archive) throw new Error(`The local pack has no ${chart}.`);
  const listing = await readChartFilesOnce(archive, chart);
  if (!listing.ok) throw new Error(listing.error.message);
  const bytes = listing.value.get(path);
  if (!bytes) throw new Error(`${chart} holds no ${path}.`);
  return bytes;
}

const enc = encodeURIComponent;
const encPath = (p: string): string => p.split("/").map(enc).join("/");

/**
 * One file's bytes from the API, for a diff that is opened: `GET …/files/{path}`, or for a file
 * inside a chart `GET …/charts/{chartFile}/files/{path}` (registry-api.md version 2), which the
 * server answers from the archive it keeps open. Nothing else of either version is downloaded.
 * A local side reads its own files (a chart's expanded in the pack worker, once per archive).
 */
export const compareFileQueryOptions = (side: FileSide, path: string) => {
  const { local, chart } = side;
  const inPack = chart === undefined ? path : `${chart}/${path}`;
  return queryOptions({
    queryKey: (local
      ? ["local-file", localPackKey(local), inPack]
      : packKeys.file(side.name, side.version, inPack)) as readonly string[],
    queryFn: async ({ signal }): Promise<Uint8Array> => {
      // A local pack's bytes are its own: nothing is fetched.
      if (local) return localFile(local, path, chart);
      const base = `/packs/${enc(side.name)}/${enc(side.version)}`;
      const url =
        chart === undefined
          ? `${base}/files/${encPath(path)}`
          : // The contract names the archive by its file name under `charts/`.
            `${base}/charts/${enc(chart.replace(/^charts\//, ""))}/files/${encPath(path)}`;
      return new Uint8Array(
        await (await apiFetch(url, { signal })).arrayBuffer(),
      );
    },
    staleTime: Infinity,
    // Reading a local file again gives the same answer, and its bytes are the pack's own: nothing
    // keeps them once no diff shows them.
    ...(local ? { retry: false, gcTime: 0 } : {}),
  });
};
