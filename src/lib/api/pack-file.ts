import { queryOptions } from "@tanstack/react-query";

import { apiFetch } from "@/lib/api/client";
import { packKeys } from "@/lib/api/packs";

/** Where one side of a diff reads its file: a pack version, and for a file inside a chart, the archive. */
export interface FileSide {
  name: string;
  version: string;
  /** The chart archive's path in the pack (`charts/x-1.0.0.tgz`) for a file inside it. */
  chart?: string;
}

const enc = encodeURIComponent;
const encPath = (p: string): string => p.split("/").map(enc).join("/");

/**
 * One file's bytes from the API, for a diff that is opened: `GET …/files/{path}`, or for a file
 * inside a chart `GET …/charts/{chartFile}/files/{path}` (registry-api.md version 2), which the
 * server answers from the archive it keeps open. Nothing else of either version is downloaded.
 */
export const compareFileQueryOptions = (side: FileSide, path: string) =>
  queryOptions({
    queryKey: packKeys.file(
      side.name,
      side.version,
      side.chart === undefined ? path : `${side.chart}/${path}`,
    ),
    queryFn: async ({ signal }) => {
      const base = `/packs/${enc(side.name)}/${enc(side.version)}`;
      const url =
        side.chart === undefined
          ? `${base}/files/${encPath(path)}`
          : // The contract names the archive by its file name under `charts/`.
            `${base}/charts/${enc(side.chart.replace(/^charts\//, ""))}/files/${encPath(path)}`;
      return new Uint8Array(
        await (await apiFetch(url, { signal })).arrayBuffer(),
      );
    },
    staleTime: Infinity,
  });
