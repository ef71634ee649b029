export type Severity = "error" | "warning" | "info";

/** One validation result, as the API and the UI show it (registry-api.md `Finding`). */
export interface Finding {
  /** Stable UPPER_SNAKE code, e.g. `VERSION_LEADING_V`. */
  code: string;
  severity: Severity;
  /** The file inside the pack, relative to its root. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** Dotted path of the field or value concerned (`constraints.dependencies.0.type`). */
  path?: string;
  message: string;
}

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === "error");

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A comparator putting errors first, then warnings, then notes (info). */
export const bySeverity = (
  a: { severity: Severity },
  b: { severity: Severity },
): number => RANK[a.severity] - RANK[b.severity];

/** Errors first, then by file and line, so lists read top-down. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      bySeverity(a, b) ||
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Findings (or anything with a severity) counted by severity. */
export function countFindings(
  findings: readonly { severity: Severity }[],
): Record<Severity, number> {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}
