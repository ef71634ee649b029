import { useQuery } from "@tanstack/react-query";
import { useCallback, type RefCallback } from "react";

import { logoUrl, packLogoQueryOptions } from "@/lib/api/packs";
import { useSession } from "@/lib/api/session";

/** Spread onto the `<img>`: either `src` (a plain URL) or `ref` (which sets a `blob:` URL). */
export interface PackLogoImage {
  src?: string;
  ref?: RefCallback<HTMLImageElement>;
}

/**
 * A registry version's logo for an `<img>`. Signed out, the plain URL (the browser caches and
 * lazily loads it). Signed in, an `<img src>` cannot carry the token, which a registry with
 * PACKSMITH_PUBLIC_READ=false needs: the logo is fetched with it and shown from a `blob:` URL
 * (the app's CSP allows `img-src blob:`), revoked when the image unmounts or the logo changes.
 * `failed`: no logo to show (404, or the fetch failed), so the caller shows its placeholder.
 */
export function usePackLogo(
  name: string,
  version: string,
): { img: PackLogoImage; failed: boolean } {
  const signedIn = useSession() !== null;
  const logo = useQuery({
    ...packLogoQueryOptions(name, version),
    enabled: signedIn,
  });
  const blob = logo.data;
  // A ref with a cleanup (React 19): the URL lives exactly as long as this element shows this blob.
  const ref = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || !blob) return;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
  if (!signedIn) return { img: { src: logoUrl(name, version) }, failed: false };
  return { img: { ref }, failed: logo.isError };
}
