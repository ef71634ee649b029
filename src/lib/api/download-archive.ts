import { apiFetch } from "@/lib/api/client";
import { archivePath } from "@/lib/api/packs";
import { downloadBlob } from "@/lib/files/download-blob";

/**
 * Download a registry version's archive with the session token (a plain `<a href>` cannot send
 * it, and a registry with PACKSMITH_PUBLIC_READ=false needs it): fetch, then save the body
 * through the browser's download. Throws ApiError, like every read.
 */
export async function downloadPackArchive(
  name: string,
  version: string,
  format: "zip" | "tar.gz",
  fileName: string,
): Promise<void> {
  const res = await apiFetch(archivePath(name, version, format));
  // The body as a Blob: never read into the page's memory.
  downloadBlob(await res.blob(), fileName);
}
