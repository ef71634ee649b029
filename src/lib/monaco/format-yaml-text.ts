import { parseAllDocuments } from "yaml";

import { parseYamlLimited } from "@/pack/yaml-text";

/**
 * The formatter runs on the page: it keeps its own 2 MiB cap, below the core's 5 MiB parse limit for
 * values.yaml, so that formatting never blocks the tab for seconds.
 */
const MAX_FORMAT_BYTES = 2 * 1024 * 1024;

/** What the core's findings call the text; the caller's message names the file. */
const LABEL = "The text";

/**
 * Format YAML with the `yaml` package's printer: two-space indentation, comments and blank lines
 * kept, scalar styles (quotes, block scalars) and flow collections kept, long lines never folded.
 * Throws an Error naming the first problem and its line when the text is not valid YAML.
 */
export function formatYamlText(text: string): string {
  if (text.length > MAX_FORMAT_BYTES) {
    throw new Error("the text is too large to format (more than 2 MiB)");
  }
  if (text.trim() === "") return text;
  // The core's parse names the problem as the problem list does, with the same line; the
  // parser's own message adds a code excerpt and the line where it gave up (an unclosed `[` is
  // reported on a later line).
  const first = parseYamlLimited(text, LABEL, { multi: true }).findings.find(
    (f) => f.severity === "error",
  );
  if (first) {
    const message = first.message.startsWith(`${LABEL}: `)
      ? first.message.slice(LABEL.length + 2)
      : first.message;
    throw new Error(`${message}${first.line ? ` (line ${first.line})` : ""}`);
  }
  const parsed = parseAllDocuments(text, { prettyErrors: false });
  // A stream of nothing but comments parses to an EmptyStream: there is nothing to re-indent.
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    const [error] = doc.errors;
    if (error) throw new Error(error.message);
  }
  if (docs.length === 0) return text;
  return docs.map((doc) => doc.toString({ indent: 2, lineWidth: 0 })).join("");
}
