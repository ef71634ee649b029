import { lineOfPath, parseYamlLimited, splitPath } from "@/pack/yaml-text";

/** What a link points at inside one file: a dotted value path (YAML) or a 1-based line. */
export interface FileTarget {
  /** Dotted value path inside a YAML file (`charts.app.replicas`). */
  path?: string;
  /** 1-based line. */
  line?: number;
}

/**
 * The line a target points at in a file's text: the line of the value path in a YAML file (the
 * deepest existing part of it, so a path to a missing key still lands on its parent), else the
 * explicit line. `$[]` (every array element) resolves to the first element.
 */
export function targetLine(
  text: string,
  file: string,
  target: FileTarget,
): number | undefined {
  if (target.path && /\.ya?ml$/i.test(file)) {
    const parsed = parseYamlLimited(text, file);
    const segments = splitPath(target.path).map((s) =>
      s === "$[]" ? 0 : /^\d+$/.test(s) ? Number(s) : s,
    );
    const line = lineOfPath(parsed, 0, segments);
    if (line !== undefined) return line;
  }
  return target.line;
}
