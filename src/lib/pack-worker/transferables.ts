/**
 * The ArrayBuffers under every Uint8Array in a value (Maps, arrays, plain objects), each once:
 * listing a buffer twice makes postMessage throw, and the files of an archive are often views
 * of one buffer.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return;
    }
    if (v instanceof Map) {
      for (const [k, item] of v) {
        visit(k);
        visit(item);
      }
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) visit(item);
  };
  visit(value);
  return [...buffers];
}
