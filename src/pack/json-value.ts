/*
 * Plain JSON values as the core reads them: pack.json from the located parser (null-prototype
 * objects), values.yaml from the YAML reader (`__proto__` kept as data). Keys are read as own
 * properties only, so no key reaches a prototype.
 */

type JsonObject = Record<string, unknown>;

/** Whether `v` is a JSON object (not null, not an array). */
export const isJsonObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => jsonEqual(x, b[i]))
    );
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return false;
}

/**
 * The value at `keys` (mapping keys, one per level) in `root`; `found` is false where a level is
 * missing or not an object, so a present `null` is told apart from no value.
 */
export function valueAt(
  root: unknown,
  keys: readonly string[],
): { found: true; value: unknown } | { found: false } {
  let v = root;
  for (const k of keys) {
    if (!isJsonObject(v) || !Object.hasOwn(v, k)) return { found: false };
    v = v[k];
  }
  return { found: true, value: v };
}
