import { queryOptions, useQuery } from "@tanstack/react-query";

import { packKeys } from "@/lib/api/packs";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackImage } from "@/pack/images";

import type { OpenedPack } from "../types";

/**
 * A registry version's images scanned from its files in the pack worker: the same core scan the
 * server stores, for an answer that lacks `images` (a server before contract version 2).
 */
export const packImagesQueryOptions = (
  name: string,
  version: string,
  files: OpenedPack["files"],
) =>
  queryOptions({
    queryKey: [...packKeys.version(name, version), "images"] as const,
    queryFn: async () => (await getPackWorker().validate(files)).images,
    staleTime: Infinity,
  });

/** The images of the opened pack: as given, or scanned when the registry did not say; undefined while scanning. */
export function usePackImages(
  pack: OpenedPack,
): readonly PackImage[] | undefined {
  const { source } = pack;
  const scan = useQuery({
    ...packImagesQueryOptions(
      source.kind === "registry" ? source.summary.name : "",
      source.kind === "registry" ? source.summary.version : "",
      pack.files,
    ),
    enabled: pack.images === undefined && source.kind === "registry",
  });
  return pack.images ?? scan.data;
}
