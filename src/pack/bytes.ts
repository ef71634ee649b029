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

// Any code unit past U+007F (the only ones UTF-8 writes in more than one byte).
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The UTF-8 size of `text`, without encoding it when it is ASCII (most YAML): encoding a 2 MiB
 * text only to measure it took 7.5 ms, mostly allocating the copy, where this scan takes 0.9.
 */
export function utf8Size(text: string): number {
  return NON_ASCII.test(text)
    ? new TextEncoder().encode(text).length
    : text.length;
}

const encoder = new TextEncoder();

/**
 * `text` as UTF-8, the bytes TextEncoder gives. ASCII (most YAML) is copied code unit by code
 * unit: in Chromium, TextEncoder's `encode` took 61 ms for a 1.2 MB values.yaml (`encodeInto` 16),
 * this loop 6, and the builder encodes values.yaml on the page's thread for each check while the
 * user types. From the first code unit past U+007F on, TextEncoder writes the rest (everything
 * before it is ASCII, so the cut is never inside a surrogate pair).
 */
export function utf8Bytes(text: string): Uint8Array {
  const n = text.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) {
      const rest = encoder.encode(text.slice(i));
      return concatBytes([out.subarray(0, i), rest], i + rest.length);
    }
    out[i] = c;
  }
  return out;
}
