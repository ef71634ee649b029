import { countFindings, type Finding, type Severity } from "../pack/finding";

const ICON = {
  error: "✖ error  ",
  warning: "⚠ warning",
  info: "ℹ info   ",
} as const;

/** One finding on one line: severity, code, `file:line` and the message. */
export function formatFinding(f: Finding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : "";
  return `${ICON[f.severity]} ${f.code.padEnd(24)} ${where ? `${where}  ` : ""}${f.message}`;
}

/** Each finding of `severity` (every finding without it) on its own line; "" when there is none. */
export function findingLines(
  findings: readonly Finding[],
  severity?: Severity,
): string {
  return findings
    .filter((f) => severity === undefined || f.severity === severity)
    .map((f) => `${formatFinding(f)}\n`)
    .join("");
}

/** The pack as a command names it: `name version (layer)` when pack.json said so. */
export interface PackLabel {
  name: string;
  version: unknown;
  layer: unknown;
}

/** `0 errors, 3 warnings, 1 info`: each count named as its findings are labelled (`✖ error`…). */
export function countsText(n: Record<Severity, number>): string {
  return `${n.error} errors, ${n.warning} warnings, ${n.info} info`;
}

/** `argo-cd 3.26.7 (addon): 0 errors, 3 warnings, 1 info`. */
export function summaryLine(
  pack: PackLabel | null,
  findings: readonly Finding[],
): string {
  const who = pack
    ? `${pack.name} ${String(pack.version)} (${String(pack.layer)})`
    : "pack";
  return `${who}: ${countsText(countFindings(findings))}`;
}
