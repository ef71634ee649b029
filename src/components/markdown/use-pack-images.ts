import { useEffect, type RefObject } from "react";

import type { PackFiles } from "@/pack/pack-files";
import type { RasterMime } from "@/pack/readme";

/**
 * Give every `img[data-pack-image]` under `root` a `blob:` URL made from the pack's own bytes
 * (the app's CSP allows `img-src blob:`; nothing is fetched). The URLs are revoked when the
 * document changes or the view unmounts. The elements come from `dangerouslySetInnerHTML`, which
 * React leaves alone while the HTML string is unchanged, so setting `src` here sticks.
 */
export function usePackImages(
  root: RefObject<HTMLElement | null>,
  images: ReadonlyMap<string, RasterMime> | undefined,
  files: PackFiles,
): void {
  useEffect(() => {
    const el = root.current;
    if (!el || !images || images.size === 0) return;
    const urls = new Map<string, string>();
    for (const img of el.querySelectorAll<HTMLImageElement>(
      "img[data-pack-image]",
    )) {
      const path = img.dataset.packImage ?? "";
      const mime = images.get(path);
      const bytes = files.get(path);
      if (!mime || !bytes) continue;
      let url = urls.get(path);
      if (!url) {
        url = URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
        );
        urls.set(path, url);
      }
      img.src = url;
    }
    return () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
  }, [root, images, files]);
}
