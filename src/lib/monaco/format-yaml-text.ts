import { parseAllDocuments } from "yaml";

import { MAX_YAML_PARSE_BYTES } from "@/pack/limits";

/**
 * Format YAML with the `yaml` package's printer: two-space indentation, comments and blank lines
 * kept, scalar styles (quotes, block scalars) and flow collections kept, long lines never folded.
 * Throws an Error naming the first problem when the text is not valid YAML.
 */
export function formatYamlText(text: string): string {
  if (text.length > MAX_YAML_PARSE_BYTES) {
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
