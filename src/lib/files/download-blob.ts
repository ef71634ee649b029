/**
 * Save a Blob as a file through the browser's download. Archives come as Blobs made in the pack
 * worker (or a response's body): making one from bytes here would copy them on the page's thread
 * (~300 ms for 80 MB). The object URL is revoked once the download has started (after a delay:
 * revoking at once cancels it in some browsers).
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
