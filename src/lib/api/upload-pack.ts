import { CLIENT_HEADER, ApiError } from "@/lib/api/client";
import { getToken } from "@/lib/api/session";
import type { PackSummary } from "@/lib/api/packs";

export interface UploadResult {
  status: 200 | 201;
  summary: PackSummary;
  digest: string;
}

/**
 * PUT a pack zip with upload progress (XMLHttpRequest: fetch cannot report it) and cancel through
 * the AbortSignal. Sends the body's SHA-256 and the content digest so the server can check the
 * bytes and answer an existing version before the body is read. Throws ApiError.
 */
export function uploadPack(opts: {
  name: string;
  version: string;
  /** A Blob: XMLHttpRequest sends it without copying it on the page's thread. */
  zip: Blob;
  sha256: string;
  digest: string;
  force: boolean;
  signal?: AbortSignal;
  onProgress?: (sent: number, total: number) => void;
}): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `/api/v1/packs/${encodeURIComponent(opts.name)}/${encodeURIComponent(opts.version)}${opts.force ? "?force=true" : ""}`;
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/zip");
    xhr.setRequestHeader(
      "X-Packsmith-Client",
      CLIENT_HEADER["X-Packsmith-Client"],
    );
    xhr.setRequestHeader("X-Content-SHA256", opts.sha256);
    xhr.setRequestHeader("X-Pack-Digest", opts.digest);
    const token = getToken();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) =>
      opts.onProgress?.(e.loaded, e.total || opts.zip.size);
    xhr.onload = () => {
      let body: {
        summary?: PackSummary;
        digest?: string;
        error?: { code: string; message: string; details?: unknown };
      } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // handled below
      }
      if (
        (xhr.status === 200 || xhr.status === 201) &&
        body.summary &&
        body.digest
      ) {
        resolve({
          status: xhr.status,
          summary: body.summary,
          digest: body.digest,
        });
      } else {
        reject(
          new ApiError(
            xhr.status,
            body.error?.code ?? `HTTP_${xhr.status}`,
            body.error?.message ?? `the registry answered ${xhr.status}`,
            body.error?.details,
          ),
        );
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          "NETWORK",
          "the upload failed: the registry cannot be reached",
        ),
      );
    xhr.onabort = () =>
      reject(new DOMException("the upload was cancelled", "AbortError"));
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(opts.zip);
  });
}
