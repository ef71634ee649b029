import { bySeverity, type Finding } from "@/pack/finding";

export type ProblemSeverity = "error" | "warning" | "info";

/** One line of a file's problem list. */
export interface Problem {
  line?: number | undefined;
  /** The core's code; `EDITOR` for what only the editor's language service said. */
  code: string;
  message: string;
  severity: ProblemSeverity;
}

/** What the editor's language service reports (monaco-yaml: syntax and schema). */
export interface EditorProblem {
  line: number;
  message: string;
  severity: ProblemSeverity;
}

/** The core names a file's parse error after it (`VALUES_SYNTAX`); the step says `YAML_SYNTAX`. */
const isSyntax = (code: string): boolean => /^YAML_|_SYNTAX$/.test(code);

const isYamlError = (p: Problem): boolean =>
  p.severity === "error" && isSyntax(p.code);

/** The step's own error on a file: the core's first YAML error, by its finding's message and line. */
export interface StepError {
  message: string;
  line?: number | undefined;
}

/**
 * One entry per problem for a file's list (the editor keeps all its markers): the core's findings
 * first, then the step's own error (the core's first YAML error again), then the editor's
 * diagnostics. Entries with the same line and code are one. Once the core or
 * the step reports a YAML error, the editor's errors are left out: they are the same broken
 * line seen again, or the parser's follow-on errors the core folds into it. Errors come first,
 * then warnings, then notes, each in the order above: one error among a pack's hundreds of
 * image notes is at the top, not somewhere in the middle.
 */
export function problemList(
  findings: readonly Finding[],
  stepError: StepError | undefined,
  diagnostics: readonly EditorProblem[],
): Problem[] {
  const items: Problem[] = findings.map((f) => ({
    line: f.line,
    code: f.code,
    message: f.message,
    severity: f.severity,
  }));
  if (stepError)
    items.push({
      line: stepError.line,
      code: "YAML_SYNTAX",
      message: stepError.message,
      severity: "error",
    });
  const yamlBroken = items.some(isYamlError);
  for (const d of diagnostics) {
    if (yamlBroken && d.severity === "error") continue;
    items.push({ ...d, code: "EDITOR" });
  }
  const seen = new Set<string>();
  return items
    .filter((p) => {
      // The step's and the core's parse error of one line are the same problem.
      const key = isYamlError(p)
        ? `${p.line ?? "?"}:SYNTAX`
        : `${p.line ?? p.message}:${p.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(bySeverity);
}
