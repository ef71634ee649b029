import { isJsonObject, jsonEqual } from "@/pack/json-value";

/*
 * Keep what the author wrote (issue 9 item 2). A draft made from a template or an imported pack
 * remembers the author's pack.json and what the wizard would write for it at that moment. When
 * pack.json is written again, only what the user changed since is taken from the wizard; every
 * untouched field keeps the author's value and form (`""`, `" "`, `{}`, `[]`, key order, keys the
 * wizard does not show).
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

const has = (o: JsonObject, k: string): boolean =>
  Object.prototype.hasOwnProperty.call(o, k);

/** An own, enumerable key even when it is `__proto__` (pack.json is untrusted JSON). */
function put(o: JsonObject, k: string, v: Json): void {
  Object.defineProperty(o, k, {
    value: v,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Apply the user's edits onto the author's JSON value. `original` is what the author wrote,
 * `base` what the wizard wrote for it when the draft was made, `now` what the wizard writes
 * today: where `now` equals `base` the user changed nothing and `original` is kept; objects
 * (and arrays of the same length) are merged member by member, so one edited annotation leaves
 * the others as written. Keys the wizard never wrote stay; keys it wrote and no longer writes
 * were removed by the user.
 */
export function mergeEdits(original: Json, base: Json, now: Json): Json {
  if (jsonEqual(base, now)) return original;
  if (isJsonObject(original) && isJsonObject(base) && isJsonObject(now)) {
    const out: JsonObject = {};
    for (const k of Object.keys(original)) {
      if (has(now, k))
        put(
          out,
          k,
          has(base, k) ? mergeEdits(original[k], base[k], now[k]) : now[k],
        );
      else if (!has(base, k)) put(out, k, original[k]);
    }
    for (const k of Object.keys(now)) {
      if (has(original, k)) continue;
      // A key the wizard adds on its own (a dependency's documented `minVersion: ""`) is not
      // written unless the user changed it.
      if (has(base, k) && jsonEqual(base[k], now[k])) continue;
      put(out, k, now[k]);
    }
    return out;
  }
  if (
    Array.isArray(original) &&
    Array.isArray(base) &&
    Array.isArray(now) &&
    original.length === base.length &&
    base.length === now.length
  )
    return original.map((x, i) => mergeEdits(x, base[i], now[i]));
  return now;
}
