/**
 * Bytes the page also has as a Blob of the same content: one the pack worker made of bytes it
 * read (an import), or the stored Blob they were read from (a reopened draft). Never a file on
 * disk the user chose: it could change there before it is stored. Storing a draft's files in
 * IndexedDB then hands it the Blob, a handle, instead of the bytes, which IndexedDB serializes on
 * the page's thread (a 100 MB import held the page for 0.76 s). Bytes are never changed in
 * place, so a Blob stays their twin.
 */
const twins = new WeakMap<Uint8Array, Blob>();

export function rememberBlob(bytes: Uint8Array, blob: Blob): void {
  if (blob.size === bytes.byteLength) twins.set(bytes, blob);
}

/** The Blob of these very bytes, when one is known. */
export function blobOf(bytes: Uint8Array): Blob | undefined {
  return twins.get(bytes);
}
