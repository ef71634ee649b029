import { removeValuesBlock, restoreValuesBlock } from "@/pack/values";
import { parseYamlLimited } from "@/pack/yaml-text";

/**
 * What values.yaml holds under `<section>.<key>`, in words (`manifests.app in values.yaml, 3
 * settings`), or null when there is nothing there to lose.
 */
export function describeValuesBlock(
  valuesText: string | null,
  section: "charts" | "manifests",
  key: string,
): string | null {
  if (!valuesText) return null;
  const parsed = parseYamlLimited(valuesText, "values.yaml");
  const root = parsed.values[0] as Record<string, unknown> | null | undefined;
  if (parsed.findings.some((f) => f.severity === "error")) return null;
  const group = root?.[section] as Record<string, unknown> | null | undefined;
  if (!group || typeof group !== "object" || !(key in group)) return null;
  const block = group[key];
  const n = block && typeof block === "object" ? Object.keys(block).length : 1;
  return `${section}.${key} in values.yaml (${n} ${n === 1 ? "setting" : "settings"})`;
}

/**
 * Take `<section>.<key>` out of values.yaml and say how to put it back. When values.yaml does
 * not parse the block stays (nothing is deleted that cannot be restored).
 */
export function takeValuesBlock(
  valuesText: string | null,
  section: "charts" | "manifests",
  key: string,
):
  | { ok: true; text: string; restore: (current: string) => string }
  | { ok: false } {
  if (valuesText === null) return { ok: false };
  try {
    const text = removeValuesBlock(valuesText, section, key);
    return {
      ok: true,
      text,
      restore: (current) =>
        restoreValuesBlock(current, valuesText, text, section, key),
    };
  } catch {
    return { ok: false };
  }
}
