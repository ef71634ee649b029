/**
 * Save bytes as a file through the browser's download. The object URL is revoked once the
 * download has started (after a delay: revoking at once cancels it in some browsers).
 */
export function downloadBytes(
  bytes: Uint8Array,
  fileName: string,
  type: string,
): void {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
