import { parseAllDocuments } from "yaml";

/**
 * The formatter runs on the page: it keeps its own 2 MiB cap, below the core's 5 MiB parse limit for
 * values.yaml, so that formatting never blocks the tab for seconds.
 */
const MAX_FORMAT_BYTES = 2 * 1024 * 1024;

/**
 * Format YAML with the `yaml` package's printer: two-space indentation, comments and blank lines
 * kept, scalar styles (quotes, block scalars) and flow collections kept, long lines never folded.
 * Throws an Error naming the first problem when the text is not valid YAML.
 */
export function formatYamlText(text: string): string {
  if (text.length > MAX_FORMAT_BYTES) {
    throw new Error("the text is too large to format (more than 2 MiB)");
  }
  if (text.trim() === "") return text;
  const parsed = parseAllDocuments(text, { prettyErrors: true });
  // A stream of nothing but comments parses to an EmptyStream: there is nothing to re-indent.
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    const [first] = doc.errors;
    if (first) throw new Error(first.message);
  }
  if (docs.length === 0) return text;
  return docs.map((doc) => doc.toString({ indent: 2, lineWidth: 0 })).join("");
}
