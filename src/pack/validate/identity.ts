import type { Finding } from "../finding";
import type { PackJson } from "../schemas";
import { PACK_JSON } from "./context";

/**
 * registry-api.md §Identity: the name and version in the upload path (or OCI tag) must equal
 * pack.json's (security.md case 37).
 */
export function checkIdentity(
  pack:
    | Readonly<Pick<PackJson, "name" | "version">>
    | Readonly<Record<string, unknown>>
    | null,
  expected: { name: string; version: string },
): Finding[] {
  const out: Finding[] = [];
  if (!pack) return out;
  for (const k of ["name", "version"] as const) {
    if (pack[k] !== expected[k]) {
      out.push({
        code: "IDENTITY_MISMATCH",
        severity: "error",
        file: PACK_JSON,
        path: k,
        message: `pack.json ${k} \`${String(pack[k])}\` differs from the ${k} \`${expected[k]}\` it is uploaded as`,
      });
    }
  }
  return out;
}
