/**
 * The parts joined, in order, into one new array of their own (a fresh `ArrayBuffer`, so it can
 * be transferred to another thread without detaching a buffer a part shares).
 *
 * @param parts - the byte arrays to join; none is changed.
 * @param total - their summed length, when the caller has counted it already.
 */
export function concatBytes(
  parts: readonly Uint8Array[],
  total?: number,
): Uint8Array {
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
