import { lineOfPath, parseYamlLimited, splitPath } from "@/pack/yaml-text";

/** What a link points at inside one file: a dotted value path (YAML) or a 1-based line. */
export interface FileTarget {
  /** Dotted value path inside a YAML file (`charts.app.replicas`). */
  path?: string;
  /** 1-based line. */
  line?: number;
}

/** Where a target lands in a file's text. */
export interface TargetPlace {
  line: number | undefined;
  /**
   * Set when the value path is not in the file and the line is that of its deepest part that is:
   * `charts` for `charts.nope.x`, "" when not even its first part is (the line is the document's).
   */
  nearest?: string;
}

/**
 * The line a target points at in a file's text: the line of the value path in a YAML file (the
 * deepest existing part of it, so a path to a missing key still lands on its parent, and
 * `nearest` says which part that is), else the explicit line. `$[]` (every array element)
 * resolves to the first element.
 */
export function targetPlace(
  text: string,
  file: string,
  target: FileTarget,
): TargetPlace {
  if (target.path && /\.ya?ml$/i.test(file)) {
    const parsed = parseYamlLimited(text, file);
    const parts = splitPath(target.path);
    const segments = parts.map((s) =>
      s === "$[]" ? 0 : /^\d+$/.test(s) ? Number(s) : s,
    );
    const line = lineOfPath(parsed, 0, segments);
    if (line !== undefined) {
      // The same walk as lineOfPath's: the longest part of the path with a node.
      let found = segments.length;
      while (found > 0 && !parsed.node(0, segments.slice(0, found))) found--;
      return found === segments.length
        ? { line }
        : { line, nearest: parts.slice(0, found).join(".") };
    }
  }
  return { line: target.line };
}
