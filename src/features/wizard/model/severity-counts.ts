import { countFindings, type Severity } from "@/pack/finding";

const WORDS: Record<Severity, [one: string, many: string]> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  // "info" is its own plural: "3 info" reads as three items of information.
  info: ["info", "info"],
};

/**
 * Findings counted in the words of their severities, errors first: "1 error", "2 warnings and
 * 1 info", "1 error, 2 warnings and 3 info"; "" for none. A count says what it counts, so an
 * error is never called a note.
 */
export function severityCounts(
  items: readonly { severity: Severity }[],
): string {
  const counts = countFindings(items);
  const parts = (["error", "warning", "info"] as const).flatMap((s) => {
    const n = counts[s];
    return n ? [`${n} ${WORDS[s][n === 1 ? 0 : 1]}`] : [];
  });
  return parts.length > 1
    ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`
    : (parts[0] ?? "");
}
